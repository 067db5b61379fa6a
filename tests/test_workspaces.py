"""Workspaces kept apart, on SQLite and PostgreSQL: the daily limit of a person (per workspace, or
per Enterprise Grid organisation, where one user id is one person), a workspace's roundup (its own
numbers and people only), exports and the dashboard's numbers narrowed to one workspace or one
organisation, ``kodo workspace`` (list, remove, adopt, audited), and the schema rule every later
feature follows: what happened somewhere says where.

Every later feature's numbers (survey results, awards, quiz figures) count their rows with
``storage.privacy.counted_in(Scope.counted_for(audience))`` and get one test in this file showing
that a workspace's post counts that workspace alone (as the roundup's and the survey's tests do)."""

from __future__ import annotations

import asyncio
import json
from dataclasses import replace
from datetime import datetime, timedelta

import pytest
import sqlalchemy as sa
from aiohttp.test_utils import TestClient, TestServer

from adapters.console import ConsoleDirectory
from bot import kpi
from bot.cli import main
from bot.context import Context
from bot.features.roundup.post import show
from bot.ports import NewKudos, Place, Subscription
from storage.claims import ClaimStore, PostKey
from storage.tables import metadata, people, post_claims, user_settings
from storage.workspaces import scoped_tables
from tests.fakes.clock import FakeClock

MONDAY = datetime.fromisoformat("2026-11-23T10:00:00+09:00")
GRID = {"T_G1": "E_G", "T_G2": "E_G"}


def ctx(user: str, workspace: str, channel: str = "C1") -> Context:
    return Context("slack", user, channel, ConsoleDirectory(), workspace=workspace,
                   organisation=GRID.get(workspace), visibility="public")


def kudos(giver: str, receiver: str, workspace: str | None, at: datetime = MONDAY, principle: int = 1,
          reason: str | None = None, channel: str = "C1") -> NewKudos:
    return NewKudos(platform="slack", giver=giver, receiver=receiver, principle=principle, source="command",
                    created_at=at, day=at.date(), reason=reason, channel=channel, workspace=workspace,
                    organisation=GRID.get(workspace or ""), visibility="public")


async def kodo_cli(*argv: str) -> int:
    """``kodo …`` as the command line runs it (its own event loop, so on a thread of its own)."""
    return await asyncio.to_thread(main, list(argv))


async def given(stores, giver: str) -> dict[str | None, int]:
    counts: dict[str | None, int] = {}
    async for k in stores.kudos.export():
        if k.giver == giver:
            counts[k.workspace] = counts.get(k.workspace, 0) + 1
    return counts


async def test_the_daily_limit_is_a_persons_in_their_workspace_or_their_grid(kodo, stores, clock):
    # Slack promises a user id unique only with its workspace: U_SAME in T_A and in T_B are two people.
    for i in range(5):
        await kodo.give(ctx("U_SAME", "T_A"), f"U_R{i}", 1, None, "command")
    [refused] = await kodo.give(ctx("U_SAME", "T_A"), "U_R9", 1, None, "command")
    assert "1日5件まで" in refused.reply.text
    await kodo.give(ctx("U_SAME", "T_B"), "U_R9", 1, None, "command")
    assert await given(stores, "U_SAME") == {"T_A": 5, "T_B": 1}
    # In an Enterprise Grid one user id is one person in every workspace of it: one allowance.
    for i, workspace in enumerate(("T_G1", "T_G1", "T_G1", "T_G2", "T_G2", "T_G2")):
        await kodo.give(ctx("U_GRID", workspace), f"U_R{i}", 1, None, "command")
    assert await given(stores, "U_GRID") == {"T_G1": 3, "T_G2": 2}
    today = clock.now().astimezone(kodo.tz).date()
    assert await stores.me.given_today("slack", "U_SAME", today, "T_B") == 1
    assert await stores.me.given_today("slack", "U_GRID", today, "E_G") == 5


async def test_a_workspaces_roundup_counts_and_names_its_own_people_only(kodo, stores, clock):
    clock.set("2026-11-27T17:00:00+09:00")
    for i in range(3):
        await stores.kudos.add_kudos(kudos(f"U_A{i}", "U_STAR_A", "T_A", reason=f"理由 A{i} はここにあります"), 0)
    await stores.kudos.add_kudos(kudos("U_B0", "U_STAR_B", "T_B", reason="reason told in B, long enough"), 0)
    start, end = MONDAY.replace(hour=0), clock.now()
    parts = kodo.parts("roundup")
    a = (await show(parts, "slack", "ja", start, end, audience=Place("slack", "C_OTHER", "T_A", None, None,
                                                                     "public"))).text
    b = (await show(parts, "slack", "en", start, end, audience=Place("slack", "C_OTHER", "T_B", None, None,
                                                                     "public"))).text
    assert "称賛は全部で3件です" in a and "U_STAR_A" in a and "U_STAR_B" not in a and "told in B" not in a
    assert "One kudos in all" in b and "U_STAR_B" in b and "U_STAR_A" not in b and "理由 A" not in b
    everything = (await show(parts, None, "en", start, end)).text  # the operator at the command line
    assert "4 kudos in all" in everything


async def test_an_export_of_one_workspace_or_one_organisation(db_url, engine, stores, monkeypatch, capsys):
    for workspace in ("T_A", "T_A", "T_B", "T_G1", "T_G2"):
        await stores.kudos.add_kudos(kudos("U1", "U2", workspace, channel=f"C_{workspace}_{len(workspace)}",
                                    reason=workspace), 0)
    monkeypatch.setenv("DATABASE_URL", db_url)

    async def exported(*flags: str) -> list[tuple]:
        assert await kodo_cli("export", "--format", "json", *flags) == 0
        return sorted((r["workspace"], r["organisation"]) for r in json.loads(capsys.readouterr().out))

    assert await exported("--workspace", "T_A") == [("T_A", None), ("T_A", None)]
    assert await exported("--organisation", "E_G") == [("T_G1", "E_G"), ("T_G2", "E_G")]
    assert len(await exported()) == 5
    audit = [e async for e in stores.audit.audit_entries() if e.action == "export"]
    assert [e.detail.get("workspace") or e.detail.get("organisation") for e in audit] == ["T_A", "E_G", None]


async def test_the_dashboard_shows_one_workspace_or_one_organisation(db_url, engine, stores):
    from adapters.dashboard import mount
    from adapters.web import create_app
    from bot.config import Settings
    from bot.wiring import kpi_source, runtime

    now = MONDAY + timedelta(days=2)
    for workspace, n in (("T_A", 6), ("T_G1", 5), ("T_G2", 5)):
        for i in range(n):
            await stores.kudos.add_kudos(kudos(f"{workspace}.U{i}", f"{workspace}.U{i + 1}", workspace), 0)
    settings = replace(Settings(), database_url=db_url, dashboard_token="t0ken-for-the-dashboard")
    async with runtime(settings, clock=FakeClock(now)) as rt:
        app = create_app(rt)
        mount(app, rt, kpi_source(rt))
        async with TestClient(TestServer(app, host="127.0.0.1")) as client:
            async def this_week(**query) -> int | None:
                resp = await client.get("/api/kpi", params={"weeks": "1", **query},
                                        headers={"Authorization": "Bearer t0ken-for-the-dashboard"})
                assert resp.status == 200
                return (await resp.json())["weeks"][0]["kudos"]

            assert await this_week() == 16
            assert await this_week(workspace="T_A") == 6
            assert await this_week(organisation="E_G") == 10
            assert await this_week(workspace="T_G1") == 5
            page = await client.get("/dashboard", params={"organisation": "E_G", "lang": "en"},
                                    headers={"Authorization": "Bearer t0ken-for-the-dashboard"})
            html = await page.text()
            assert "Organisation (Enterprise Grid) E_G" in html  # what the page is narrowed to
            assert '<option value="E_G" selected>E_G</option>' in html  # the form offers the Grid


def test_whatever_happened_somewhere_says_where():
    """The rule later features (the survey's answers, awards, the quiz) follow: a table of things
    that happened in a conversation carries ``workspace`` and ``organisation``, so counting
    (``storage.privacy.counted_in``) keeps workspaces apart and ``kodo workspace remove`` finds its
    rows. A table that holds no such thing is listed here, with why."""
    nowhere = {
        "user_settings": "a person's own settings, wherever they act",
        "people": "a person's name and locale, wherever they act",
        "conversations": "Teams conversation references: where to post, not something that happened",
        "processed_events": "platform event ids, forgotten after a day",
        "audit_log": "who did what; kept when a workspace is removed (it has the workspace, not the Grid)",
        "slack_installations": "slack_sdk's installation store: team_id and enterprise_id",
        "slack_bots": "slack_sdk's installation store: team_id and enterprise_id",
        "slack_oauth_states": "one-use values of install links",
        "kpi_weeks": "the dashboard's counted weeks, kept per filter; removing or adopting clears them",
        "survey_respondents": "keyed hashes of who answered a week, placeless on purpose: where an answer was "
                              "given is in survey_answers, which must not be joinable to them",
    }
    for table in metadata.sorted_tables:
        if table.name not in nowhere:
            assert {"workspace", "organisation"} <= set(table.c.keys()), table.name
    assert {t.name for t in scoped_tables()} == {t.name for t in metadata.sorted_tables} - set(nowhere)


async def test_removing_a_workspace_takes_all_that_happened_there_and_leaves_the_rest(db_url, engine, stores,
                                                                                    monkeypatch, capsys):
    await stores.kudos.add_kudos(kudos("U_ONLY_A", "U_BOTH", "T_A"), 0)
    await stores.kudos.add_kudos(kudos("U_BOTH", "U_ONLY_B", "T_B"), 0)
    await stores.subscriptions.subscribe(Subscription("slack", "C_A", "tips", "ja", "T_A"))
    await stores.subscriptions.subscribe(Subscription("slack", "C_B", "tips", "ja", "T_B"))
    for who in ("U_ONLY_A", "U_BOTH"):
        await stores.me.set_locale("slack", who, "en")
    monkeypatch.setenv("DATABASE_URL", db_url)

    assert await kodo_cli("workspace", "remove", "T_A") == 0  # without --yes: says what would go, removes nothing
    assert "would remove 1 kudos, 1 subscriptions, the names and settings of 1 people" in capsys.readouterr().out
    assert len([k async for k in stores.kudos.export()]) == 2

    assert await kodo_cli("workspace", "remove", "T_A", "--yes") == 0
    out = capsys.readouterr().out
    assert "removed 1 kudos, 1 subscriptions, the names and settings of 1 people" in out
    assert [k.workspace async for k in stores.kudos.export()] == ["T_B"]
    assert [s.channel for s in await stores.subscriptions.subscriptions("tips")] == ["C_B"]
    async with engine.connect() as conn:
        kept = (await conn.execute(sa.select(user_settings.c.user_id))).scalars().all()
    assert kept == ["U_BOTH"]  # still takes part in T_B
    [entry] = [e async for e in stores.audit.audit_entries() if e.action == "workspace.remove"]
    assert (entry.target, entry.detail["kudos"], entry.detail["people"]) == ("T_A", 1, 1)


async def test_adopting_gives_the_records_of_the_single_workspace_days_to_one_workspace(db_url, engine, stores,
                                                                                      monkeypatch, capsys):
    await stores.kudos.add_kudos(kudos("U1", "U2", None), 0)  # kept before Kodo noted workspaces
    await stores.kudos.add_kudos(kudos("U1", "U3", "T_B"), 0)
    await stores.subscriptions.subscribe(Subscription("slack", "C_OLD", "roundup", "ja"))
    claims = ClaimStore(engine)
    for channel, place in (("C_OLD", None), ("C_B", Place("slack", "C_B", "T_B"))):
        assert await claims.claim(PostKey("slack", channel, "tips", "2026-11-24"), "r1", MONDAY, place)
    monkeypatch.setenv("DATABASE_URL", db_url)
    assert await kodo_cli("workspace", "adopt", "T_A") == 0
    assert "1 kudos and 1 subscriptions that named no workspace now belong to it" in capsys.readouterr().out
    assert sorted([k.workspace async for k in stores.kudos.export()]) == ["T_A", "T_B"]
    assert [s.workspace for s in await stores.subscriptions.subscriptions("roundup")] == ["T_A"]
    assert await kodo_cli("workspace", "list") == 0
    listed = capsys.readouterr().out
    assert "slack T_A  not installed  1 kudos" in listed and "slack T_B  not installed  1 kudos" in listed
    assert [e.target async for e in stores.audit.audit_entries() if e.action == "workspace.adopt"] == ["T_A"]
    async with engine.connect() as conn:
        posts = (await conn.execute(sa.select(post_claims.c.channel, post_claims.c.workspace))).all()
    assert sorted(map(tuple, posts)) == [("C_B", "T_B"), ("C_OLD", "T_A")]  # the tips of those days too


@pytest.mark.parametrize("ident", ["T A", "../etc", "x" * 65])
def test_a_workspace_id_is_an_id(ident, capsys):
    with pytest.raises(SystemExit) as exit:
        main(["workspace", "remove", ident])
    assert exit.value.code == 2 and "not a workspace or organisation id" in capsys.readouterr().err


async def test_removing_a_workspace_counts_the_dashboards_kept_weeks_again(kodo, tokyo, engine, stores, db_url,
                                                                          monkeypatch):
    from storage.tables import kpi_weeks

    two_weeks_ago = MONDAY - timedelta(days=14)  # a finished week, whose numbers the dashboard keeps
    for giver, workspace in (("U1", "T_A"), ("U2", "T_A"), ("U3", "T_B")):
        await stores.kudos.add_kudos(kudos(giver, "U9", workspace, at=two_weeks_ago), 0)

    async def that_week() -> int:
        found = await kpi.compute(kodo.kpis, tokyo, kodo.tz, kodo.clock.now(), 3, kpi.Scope(), 1)
        return found.weeks[0].numbers.kudos

    assert await that_week() == 3
    async with engine.connect() as conn:
        assert await conn.scalar(sa.select(sa.func.count()).select_from(kpi_weeks))  # kept
    monkeypatch.setenv("DATABASE_URL", db_url)
    assert await kodo_cli("workspace", "remove", "T_A", "--yes") == 0
    assert await that_week() == 1


async def test_a_workspaces_roundup_counts_its_own_quiz_answers_alone(tokyo, stores, engine):
    """The quiz's part of the roundup (``bot.features.quiz.numbers.roundup``) counts the roundup's
    workspace alone, as every other number of a post does."""
    from bot.app import Kodo
    from bot.config import Settings
    from bot.features.quiz.numbers import roundup
    from bot.features.quiz.store import Answer
    from storage.kpi import SqlKpi

    for workspace, people in (("T_A", 5), ("T_B", 7)):
        for n in range(people):
            await stores.quiz.answer(Answer("slack", f"U{workspace}{n}", "tokyo", "customer-who-first", 1, 4, True,
                                            MONDAY, MONDAY.date(), workspace, None, "C1"))
    kodo = Kodo(tokyo, stores, FakeClock(MONDAY), Settings(), kpis=SqlKpi(engine, tokyo.id))
    start = MONDAY.replace(hour=0, minute=0)
    for workspace, people in (("T_A", 5), ("T_B", 7)):
        place = Place("slack", "C1", workspace, None, None, "public")
        [bullets] = await roundup(kodo.parts("quiz"), place, "slack", start, "en")
        assert bullets.items[0] == f"{people} people answered; 100% of the answers were right."


async def test_a_workspaces_survey_result_counts_its_own_answers_only(engine, tokyo, clock):
    """Answers given in T_A and T_B: each workspace's roundup tells its own counts, the operator's all."""
    from bot.app import Kodo
    from bot.config import Settings
    from bot.features.survey.results import result
    from bot.features.survey.store import Counter
    from storage.kpi import SqlKpi
    from storage.stores import open_stores

    key = "s" * 40
    stores = open_stores(engine, secret_keys=(key,))
    kodo = Kodo(tokyo, stores, clock, Settings(daily_limit=5, secret_keys=(key,)),
                kpis=SqlKpi(engine, tokyo.id, now=clock.now))
    clock.set("2026-11-24T10:00:00+09:00")  # 2026-W48
    question = tokyo.survey_for_week(clock.now().date(), "ja")
    choices = len(question.choices)
    given = {"T_A": [1] * 5, "T_B": [2] * 4 + [3] * 2}
    for workspace, picks in given.items():
        for i, choice in enumerate(picks):
            await stores.survey.answer("slack", f"U_{workspace}_{i}", "2026-W48", question.id, choice, choices,
                                       Counter("slack", None, workspace, "C_SURVEY"))
    clock.set("2026-11-30T10:00:00+09:00")  # the week has closed
    parts = kodo.parts("survey")
    a = await result(parts, "2026-W48", kpi.Scope.counted_for(Place("slack", "C_X", "T_A")), "ja")
    b = await result(parts, "2026-W48", kpi.Scope.counted_for(Place("slack", "C_X", "T_B")), "ja")
    assert (a.respondents, a.counts[1], a.counts[2]) == (5, 5, 0)
    assert (b.respondents, b.counts[1], b.counts[2], b.counts[3]) == (6, 0, 4, 2)
    everything = await result(parts, "2026-W48", kpi.Scope(), "ja")
    assert (everything.respondents, everything.counts[1], everything.counts[2]) == (11, 5, 4)

    clock.set("2026-12-04T17:00:00+09:00")  # the next roundup tells last week's survey
    start = datetime.fromisoformat("2026-11-30T00:00:00+09:00")
    roundup = (await show(kodo.parts("roundup"), "slack", "ja", start, clock.now(),
                          audience=Place("slack", "C_X", "T_A", None, None, "public"))).text
    assert "回答者：5人" in roundup and "回答者：11人" not in roundup and "回答者：6人" not in roundup


async def test_one_user_id_in_two_workspaces_is_two_respondents(tokyo, engine, clock):
    """Slack promises a user id unique only with its workspace: U_0 of T_A and U_0 of T_B answer as
    two people (their realm is in the keyed hash), each workspace's roundup telling its own."""
    from datetime import date

    from bot.app import Kodo
    from bot.config import Settings
    from storage.kpi import SqlKpi
    from storage.stores import open_stores

    key = "w" * 40
    keyed = open_stores(engine, secret_keys=(key,))
    kodo = Kodo(tokyo, keyed, clock, Settings(secret_keys=(key,)), kpis=SqlKpi(engine, tokyo.id, now=clock.now))
    clock.set("2026-12-08T10:00:00+09:00")
    ja, en = (tokyo.survey_for_week(date(2026, 12, 8), lang) for lang in ("ja", "en"))
    for people, workspace, choice in ((5, "T_A", 1), (6, "T_B", 2)):
        for i in range(people):
            await kodo.press(ctx(f"U_{i}", workspace), "survey:answer", f"2026-W50|{ja.id}|{choice}")
    clock.set("2026-12-18T17:00:00+09:00")  # the roundup of the week after
    start, end, parts = datetime.fromisoformat("2026-12-14T00:00:00+09:00"), clock.now(), kodo.parts("roundup")
    a = (await show(parts, "slack", "ja", start, end, audience=Place("slack", "C_OTHER", "T_A", None, None,
                                                                     "public"))).text
    b = (await show(parts, "slack", "en", start, end, audience=Place("slack", "C_OTHER", "T_B", None, None,
                                                                     "public"))).text
    assert f"{ja.choices[0]}：5人" in a and f"{ja.choices[1]}：0人" in a and "回答者：5人" in a
    assert f"{en.choices[1]}: 6" in b and f"{en.choices[0]}: 0" in b and "Respondents: 6" in b
    assert "回答者：11人" in (await show(parts, None, "ja", start, end)).text  # the operator: everything
    await keyed.close()
