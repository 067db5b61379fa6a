"""Slack distribution end to end: Kodo installed through its own ``/slack/install`` link by two
workspaces and one Enterprise Grid organisation (org-wide), against a local Slack whose consent
page and ``oauth.v2.access`` hand out a different bot token to each; every request and every post
then carries the token of the workspace it concerns (read off the Authorization header the local
Slack saw). Installations survive a restart; an uninstall deletes the token and stops the posts; a
state used twice or forged is refused; a correctly signed request from a workspace without Kodo is
answered politely and stores nothing; the database never holds a token in clear. SQLite and
PostgreSQL."""

from __future__ import annotations

import logging
from datetime import datetime

import pytest
import sqlalchemy as sa
from yarl import URL

from bot.wiring import scheduler_deps
from scheduler import jobs
from storage.sealing import SecretBox
from storage import installations
from storage.tables import metadata, slack_bots, slack_oauth_states
from tests.fakes.slack_api import CLIENT_ID, CLIENT_SECRET, SCOPES, FakeSlackApi, Install, reaction
from tests.slack.conftest import PEOPLE, slack_world

KEY = "distribution-test-key-0123456789-abcdefghij"
A = Install("xoxb-1-workspace-A-secret", "T_A", name="都市整備局")
B = Install("xoxb-2-workspace-B-secret", "T_B", name="Partner agency")
G = Install("xoxb-3-organisation-G-secret", None, enterprise="E_G", org_wide=True, name="東京都 Grid")
CHANNELS = {"C_A": "T_A", "C_B": "T_B", "C_G1": "T_G1", "C_G2": "T_G2"}  # channel -> its workspace
WHERE = {"T_A": {"team": "T_A"}, "T_B": {"team": "T_B"},
         "T_G1": {"team": "T_G1", "enterprise": "E_G", "org_wide": True},
         "T_G2": {"team": "T_G2", "enterprise": "E_G", "org_wide": True}}
STATE_COOKIE = "slack-app-oauth-state"


@pytest.fixture(autouse=True)
def migrated(engine):
    """Every test runs on SQLite and PostgreSQL (``db_url``), migrated as ``kodo migrate`` would."""


@pytest.fixture
async def api():
    """One local Slack for the whole test, whatever happens to Kodo (a restart, a new key), with each
    test channel in its own workspace as conversations.info says."""
    api = FakeSlackApi(users={k: dict(v) for k, v in PEOPLE.items()})
    api.conversations.update({channel: {"context_team_id": team} for channel, team in CHANNELS.items()})
    await api.start()
    yield api
    await api.stop()


def distribution(db_url: str, api: FakeSlackApi, keys: tuple[str, ...] = (KEY,)):
    return slack_world(db_url, api=api, slack_bot_token=None, slack_client_id=CLIENT_ID,
                       slack_client_secret=CLIENT_SECRET, secret_keys=keys)


async def start_install(slack) -> tuple[URL, str]:
    """``GET /slack/install``: where it sends the browser, and the state cookie it sets."""
    start = await slack.get("/slack/install")
    assert start.status == 302
    return URL(start.headers["Location"]), start.cookies[STATE_COOKIE].value


async def install(slack, code: str, what: Install) -> str:
    """A person installs Kodo as a browser would: the install link, Slack's consent page (approved),
    back to Kodo's redirect URL with the state cookie. Returns the page they end on."""
    slack.api.prepare(code, what)
    consent, state = await start_install(slack)
    async with slack.http.get(consent, allow_redirects=False) as approved:
        back = URL(approved.headers["Location"])
    assert back.query["state"] == state and back.path == "/slack/oauth_redirect"
    page = await slack.get(back.path_qs, headers={"Cookie": f"{STATE_COOKIE}={state}"})
    assert page.status == 200, await page.text()
    return await page.text()


async def tokens_of(slack, request) -> set[str | None]:
    """The tokens carried by every Web API call Kodo made while serving ``request`` (awaited)."""
    before = len(slack.api.calls)
    await request
    return {call.token for call in slack.api.calls[before:]}


async def rows(engine) -> dict[str, int]:
    async with engine.connect() as conn:
        return {t.name: await conn.scalar(sa.select(sa.func.count()).select_from(t)) for t in metadata.sorted_tables}


async def test_two_workspaces_and_a_grid_each_get_their_own_token(db_url, api):
    async with distribution(db_url, api) as slack:
        consent, _ = await start_install(slack)
        assert (consent.host, consent.path) == ("127.0.0.1", "/oauth/v2/authorize")
        assert consent.query["client_id"] == CLIENT_ID and consent.query["scope"].split(",") == SCOPES
        assert "都市整備局に Kodo を追加しました" in await install(slack, "code-A", A)
        assert "Kodo is now installed in Partner agency" in await install(slack, "code-B", B)
        assert "東京都 Grid" in await install(slack, "code-G", G)
        assert [call.params["code"] for call in slack.api.attempts("oauth.v2.access")] == ["code-A", "code-B", "code-G"]

        for team, token in (("T_A", A.token), ("T_B", B.token), ("T_G1", G.token), ("T_G2", G.token)):
            channel = next(c for c, t in CHANNELS.items() if t == team)
            assert await tokens_of(slack, slack.command("U_ALICE", "/kodo", "me", channel=channel,
                                                        **WHERE[team])) == {token}, team
            used = await tokens_of(slack, slack.event(reaction("reaction_added", "U_ALICE", "kodo3", "U_BOB",
                                                               channel=channel, ts=f"17.{team}"),
                                                      event_id=f"Ev-{team}", **WHERE[team]))
            assert used == {token}, team  # users.info, conversations.info and the DM to Bob alike
        stored = {(k.workspace, k.organisation) for k in await slack.kudos()}
        assert stored == {("T_A", None), ("T_B", None), ("T_G1", "E_G"), ("T_G2", "E_G")}
        installs = [e for e in [e async for e in slack.rt.stores.audit.audit_entries()] if e.action == "install"]
        assert [(e.target, e.actor) for e in installs] == [("T_A", "U_INSTALLER"), ("T_B", "U_INSTALLER"),
                                                          ("E_G", "U_INSTALLER")]


async def test_a_kudos_in_a_channel_shared_across_the_grid_counts_where_it_happened(db_url, api):
    async with distribution(db_url, api) as slack:
        await install(slack, "code-G", G)
        # A channel of workspace T_G1, shared with T_G2; a person of T_G2 reacts in it.
        slack.api.conversations["C_SHARED"] = {"context_team_id": "T_G1", "is_shared": True, "is_org_shared": True}
        await slack.event(reaction("reaction_added", "U_CAROL", "kodo5", "U_BOB", channel="C_SHARED"),
                          **WHERE["T_G2"])
        [kudos] = await slack.kudos()
        assert (kudos.workspace, kudos.organisation, kudos.visibility) == ("T_G1", "E_G", "shared")


async def test_installations_survive_a_restart(db_url, api):
    async with distribution(db_url, api) as first:
        await install(first, "code-A", A)
    async with distribution(db_url, api) as again:
        assert await tokens_of(again, again.command("U_ALICE", "/kodo", "me", channel="C_A",
                                                    **WHERE["T_A"])) == {A.token}


async def test_an_uninstall_deletes_the_token_and_stops_the_posts_and_keeps_the_kudos(db_url, api):
    async with distribution(db_url, api) as slack:
        await install(slack, "code-A", A)
        await install(slack, "code-B", B)
        for team, channel in (("T_A", "C_A"), ("T_B", "C_B")):
            await slack.command("U_BOSS", "/kodo", "subscribe tips", channel=channel, **WHERE[team])
            await slack.event(reaction("reaction_added", "U_ALICE", "kodo2", "U_BOB", channel=channel),
                              event_id=f"Ev-{team}", **WHERE[team])

        answer = await slack.event({"type": "app_uninstalled"}, event_id="Ev-bye", **WHERE["T_A"])
        assert answer.status == 200
        async with slack.rt.engine.connect() as conn:
            left = (await conn.execute(sa.select(slack_bots.c.team_id))).scalars().all()
        assert left == ["T_B"]
        assert {k.workspace for k in await slack.kudos()} == {"T_A", "T_B"}  # kept until an admin removes them
        [entry] = [e async for e in slack.rt.stores.audit.audit_entries() if e.action == "uninstall"]
        assert (entry.target, entry.detail["subscriptions"]) == ("T_A", 1)

        deps = scheduler_deps(slack.rt, {"slack": slack.platform.messenger})
        now = datetime.fromisoformat("2026-11-24T09:00:00+09:00")
        before = len(slack.api.calls)
        outcomes = await jobs.post(deps, jobs.Slot("tips", "2026-11-24", now), now)
        assert {(o.key.channel, o.status) for o in outcomes} == {("C_B", "sent")}
        posts = [c for c in slack.api.calls[before:] if c.method == "chat.postMessage"]
        assert [(c.params["channel"], c.token) for c in posts] == [("C_B", B.token)]

        # Kodo's bot token revoked in B: the same as an uninstall.
        await slack.event({"type": "tokens_revoked", "tokens": {"oauth": [], "bot": ["UKODO"]}}, event_id="Ev-rev",
                          **WHERE["T_B"])
        async with slack.rt.engine.connect() as conn:
            assert await conn.scalar(sa.select(sa.func.count()).select_from(slack_bots)) == 0
        assert await slack.rt.stores.subscriptions.subscriptions("tips") == []


async def test_each_workspace_gets_its_own_roundup_with_its_own_token(db_url, api):
    async with distribution(db_url, api) as slack:
        await install(slack, "code-A", A)
        await install(slack, "code-B", B)
        for team, channel, givers in (("T_A", "C_A", ("U_ALICE", "U_CAROL", "U_BOSS")), ("T_B", "C_B", ("U_ALICE",))):
            await slack.command("U_BOSS", "/kodo", "subscribe roundup en", channel=channel, **WHERE[team])
            for giver in givers:
                await slack.event(reaction("reaction_added", giver, "kodo4", "U_BOB", channel=channel),
                                  event_id=f"Ev-{team}-{giver}", **WHERE[team])
        slack.clock.set("2026-11-27T17:00:00+09:00")  # Friday: the roundup of the week
        now = slack.clock.now()
        deps = scheduler_deps(slack.rt, {"slack": slack.platform.messenger})
        before = len(api.calls)
        await jobs.post(deps, jobs.Slot("roundup", "2026-W48", now), now)
        posts = {c.params["channel"]: (c.token, c.params["text"]) for c in api.calls[before:]
                 if c.method == "chat.postMessage"}
        assert posts["C_A"][0] == A.token and "3 kudos in all" in posts["C_A"][1]
        assert posts["C_B"][0] == B.token and "One kudos in all" in posts["C_B"][1]


async def test_a_state_used_twice_or_forged_is_refused(db_url, api):
    async with distribution(db_url, api) as slack:
        slack.api.prepare("code-A", A)
        consent, state = await start_install(slack)
        async with slack.http.get(consent, allow_redirects=False) as approved:
            back = URL(approved.headers["Location"])
        cookie = {"Cookie": f"{STATE_COOKIE}={state}"}
        assert (await slack.get(back.path_qs, headers=cookie)).status == 200

        replayed = await slack.get(back.path_qs, headers=cookie)
        assert replayed.status == 401 and "すでに使用されています" in await replayed.text()
        forged = back.update_query(state="00000000-0000-0000-0000-000000000000")
        no_cookie = await slack.get(forged.path_qs)
        assert no_cookie.status == 400 and "has already been used" in await no_cookie.text()
        own_cookie = await slack.get(forged.path_qs, headers={"Cookie": f"{STATE_COOKIE}={forged.query['state']}"})
        assert own_cookie.status == 401
        assert len(slack.api.attempts("oauth.v2.access")) == 1  # a refused state never reaches Slack
        async with slack.rt.engine.connect() as conn:
            assert await conn.scalar(sa.select(sa.func.count()).select_from(slack_bots)) == 1


async def waiting_states(engine) -> int:
    async with engine.connect() as conn:
        return await conn.scalar(sa.select(sa.func.count()).select_from(slack_oauth_states))


async def test_install_links_never_used_do_not_pile_up(db_url, api, monkeypatch):
    """Anyone may open ``/slack/install`` (no sign-in), and each visit stores a state: expired ones go
    at the next visit, and past a cap no new one is stored, the page asking to come back later."""
    async with distribution(db_url, api) as slack:
        for _ in range(3):
            await start_install(slack)
        assert await waiting_states(slack.rt.engine) == 3
        async with slack.rt.engine.begin() as conn:  # their ten minutes are over
            await conn.execute(slack_oauth_states.update().values(expire_at=datetime(2000, 1, 1)))
        await start_install(slack)
        assert await waiting_states(slack.rt.engine) == 1

        monkeypatch.setattr(installations, "MAX_WAITING_STATES", 2)
        await start_install(slack)
        refused = await slack.get("/slack/install")
        page = await refused.text()
        assert refused.status == 503 and STATE_COOKIE not in refused.cookies
        assert "数分後にもう一度お試しください" in page and "try again in a few minutes" in page
        assert await waiting_states(slack.rt.engine) == 2
        async with slack.rt.engine.begin() as conn:
            await conn.execute(slack_oauth_states.update().values(expire_at=datetime(2000, 1, 1)))
        await start_install(slack)  # room again once they expired
        assert await waiting_states(slack.rt.engine) == 1


async def test_a_signed_request_from_a_workspace_without_kodo_is_answered_politely_and_stores_nothing(
        db_url, api, caplog):
    async with distribution(db_url, api) as slack:
        await install(slack, "code-A", A)
        stored, calls = await rows(slack.rt.engine), len(slack.api.calls)
        hook = slack.api.url.replace("/api/", "/response/1")
        answer = await slack.command("U_STRANGER", "/kudos", "<@U_BOB> 3 thanks", channel="C_X", team="T_NEVER",
                                     response_url=hook)
        assert answer.status == 200
        [told] = slack.api.responses
        assert "インストールされていません" in told["text"] and "not installed in this workspace" in told["text"]
        event = await slack.event(reaction("reaction_added", "U_STRANGER", "kodo3", "U_BOB", channel="C_X"),
                                  event_id="Ev-stranger", team="T_NEVER")
        assert event.status == 200
        assert await rows(slack.rt.engine) == stored
        assert len(slack.api.calls) == calls  # no token, so no call to Slack on their behalf
        assert not [r for r in caplog.records if r.levelno >= logging.ERROR]  # a stranger's request: a warning
        assert "a request from a workspace where Kodo is not installed" in caplog.text


async def test_no_token_is_stored_in_clear(db_url, api, tmp_path):
    async with distribution(db_url, api) as slack:
        await install(slack, "code-A", A)
        await install(slack, "code-G", G)
        async with slack.rt.engine.connect() as conn:
            sealed = (await conn.execute(sa.select(slack_bots.c.bot_token))).scalars().all()
            dumped = "".join([str((await conn.execute(sa.select(table))).all()) for table in metadata.sorted_tables])
    assert sorted(SecretBox((KEY,)).open(value) for value in sealed) == sorted([A.token, G.token])
    assert all(value.startswith("gAAAAA") for value in sealed)  # Fernet tokens
    assert "xoxb-" not in dumped
    if db_url.startswith("sqlite"):  # the file itself, and its write-ahead log, byte by byte
        files = list(tmp_path.glob("kodo.db*"))
        assert files and not any(b"xoxb-" in f.read_bytes() for f in files)


async def test_with_the_wrong_key_nothing_opens_and_nobody_is_answered_as_kodo(db_url, api):
    async with distribution(db_url, api) as first:
        await install(first, "code-A", A)
    async with distribution(db_url, api, keys=("another-key-entirely-0123456789abcdef",)) as wrong:
        hook = api.url.replace("/api/", "/response/1")
        used = await tokens_of(wrong, wrong.command("U_ALICE", "/kodo", "me", channel="C_A", response_url=hook,
                                                    **WHERE["T_A"]))
        assert "not installed" in api.responses[-1]["text"] and A.token not in used
    # The new key first, the old one after it: what the old key sealed still opens.
    async with distribution(db_url, api, keys=("a-brand-new-key-0123456789abcdefghij", KEY)) as rotated:
        assert await tokens_of(rotated, rotated.command("U_ALICE", "/kodo", "me", channel="C_A",
                                                        **WHERE["T_A"])) == {A.token}
