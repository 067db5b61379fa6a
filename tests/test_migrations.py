"""Upgrading a database that already holds phase-1 kudos, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime, timezone

import sqlalchemy as sa

from bot.ports import NewKudos
from storage.db import create_engine, latest_revision, migrate, schema_revision
from storage.stores import open_stores

AT = datetime(2026, 11, 24, 1, 0, tzinfo=timezone.utc)
PHASE_ONE = [  # the columns kudos had at revision 0003
    {"platform": "console", "giver": "alice", "receiver": "bob", "principle": 3, "reason": "手順書を更新",
     "source": "command", "channel": "#general", "message": None, "event_key": None},
    {"platform": "slack", "giver": "U1", "receiver": "U2", "principle": 5, "reason": None,
     "source": "reaction", "channel": "C1", "message": "C1:1.2", "event_key": None},
    {"platform": "teams", "giver": "29:a", "receiver": "29:b", "principle": 1, "reason": "ありがとう",
     "source": "shortcut", "channel": "19:x@thread.tacv2", "message": "19:x/1", "event_key": "f:1"},
]


async def test_phase_one_kudos_get_their_scope_and_the_configured_pack(db_url):
    engine = create_engine(db_url)
    try:
        await migrate(engine, target="0003")
        phase_one = sa.table("kudos", *(sa.column(c) for c in (*PHASE_ONE[0], "created_at", "day")))
        async with engine.begin() as conn:
            await conn.execute(phase_one.insert(), [
                row | {"created_at": AT.replace(tzinfo=None), "day": date(2026, 11, 24)} for row in PHASE_ONE])

        before, after = await migrate(engine, pack="bandai")
        assert (before, after) == ("0003", latest_revision()) == ("0003", await schema_revision(engine))

        stores = open_stores(engine)
        stored = {r.platform: r async for r in stores.kudos.export()}
        assert {p: (r.workspace, r.organisation, r.team, r.visibility, r.pack) for p, r in stored.items()} == {
            "console": ("console", None, None, "public", "bandai"),  # the console's #general is public
            "slack": (None, None, None, "private", "bandai"),  # unknown counts as private
            "teams": (None, None, None, "private", "bandai"),
        }
        assert stored["console"].reason == "手順書を更新" and stored["slack"].message == "C1:1.2"

        # New kudos say where they happened themselves: no default stands in for a forgotten value.
        await stores.kudos.add_kudos(NewKudos(platform="slack", giver="U3", receiver="U4", principle=2, source="command",
                                       created_at=AT, day=date(2026, 11, 24), channel="C9", workspace="T1",
                                       organisation="E1", visibility="public", pack="tokyo"), 5)
        new = [r async for r in stores.kudos.export()][-1]
        assert (new.workspace, new.organisation, new.visibility, new.pack) == ("T1", "E1", "public", "tokyo")
        await stores.close()
    finally:
        await engine.dispose()


async def test_without_a_configured_pack_old_kudos_are_tokyos(db_url, monkeypatch):
    monkeypatch.delenv("KODO_CONTENT", raising=False)
    engine = create_engine(db_url)
    try:
        await migrate(engine, target="0003")
        async with engine.begin() as conn:
            await conn.execute(sa.text(
                "INSERT INTO kudos (platform, giver, receiver, principle, source, created_at, day) "
                "VALUES ('slack', 'U1', 'U2', 4, 'command', :at, :day)"), {"at": AT.replace(tzinfo=None),
                                                                          "day": date(2026, 11, 24)})
        await migrate(engine)
        async with engine.connect() as conn:
            assert (await conn.execute(sa.text("SELECT pack, visibility FROM kudos"))).one() == ("tokyo", "private")
    finally:
        await engine.dispose()


async def test_the_migrated_schema_is_the_one_the_code_declares(db_url):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from storage.stores import schema

    metadata = schema()
    engine = create_engine(db_url)
    try:
        await migrate(engine)
        async with engine.connect() as conn:
            diff = await conn.run_sync(lambda sync: compare_metadata(MigrationContext.configure(sync), metadata))
        assert [d for d in diff if d[0] != "remove_table" or d[1].name != "alembic_version"] == []
    finally:
        await engine.dispose()


def test_the_slack_tables_are_slack_sdks_own_with_the_secrets_in_text():
    """Kodo declares (and migrates) the tables of slack_sdk's SQLAlchemy stores itself; a slack_sdk
    that changed them would fail here, asking for a migration. The only difference: sealed secrets
    are longer than slack_sdk's VARCHAR(200)."""
    from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
    from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore

    from storage.tables import SEALED, slack_bots, slack_installations, slack_oauth_states

    theirs = sa.MetaData()
    for ours, build in ((slack_installations, SQLAlchemyInstallationStore.build_installations_table),
                        (slack_bots, SQLAlchemyInstallationStore.build_bots_table),
                        (slack_oauth_states, SQLAlchemyOAuthStateStore.build_oauth_states_table)):
        table = build(theirs, ours.name)
        assert set(table.c.keys()) == set(ours.c.keys()), ours.name
        for column in table.c:
            mine = ours.c[column.name]
            assert (mine.nullable, mine.primary_key) == (column.nullable, column.primary_key), column
            if column.name in SEALED:
                assert isinstance(mine.type, sa.Text) and isinstance(column.type, sa.String), column
            else:
                assert type(mine.type) is type(column.type), column
                assert getattr(mine.type, "length", None) == getattr(column.type, "length", None), column
        assert {(i.name, tuple(c.name for c in i.columns)) for i in table.indexes} == {
            (i.name, tuple(c.name for c in i.columns)) for i in ours.indexes}
