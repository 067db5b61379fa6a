"""The dashboard's filters offer what there is: the workspaces and channels with kudos that the
small-group rule shows in some week of the period, by the names Slack gave Kodo where it gave one
(never a private channel's), else by id; a filter with no kudos reads as such, not as withheld; and
``GET /`` tells a browser where it is. Over real HTTP, against the fake Slack Web API."""

from __future__ import annotations

import re
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import timedelta

from aiohttp.test_utils import TestClient, TestServer

from adapters.dashboard import mount
from adapters.web import create_app
from bot import kpi
from bot.config import Settings
from bot.wiring import kpi_source, runtime
from storage.db import create_engine, migrate
from tests.fakes.clock import FakeClock
from tests.fakes.slack_api import PRIVATE, FakeSlackApi
from tests.test_kpi import NOW, TOKYO, kudos

TOKEN = "filters-test-token"
BEARER = {"Authorization": f"Bearer {TOKEN}"}


@asynccontextmanager
async def serving(db_url: str, api: FakeSlackApi | None = None, **settings):
    """``kodo serve`` as wired: the dashboard, and Slack against ``api`` when given."""
    from adapters.slack import mount as mount_slack

    engine = create_engine(db_url)
    await migrate(engine)
    await engine.dispose()
    slack = {"slack_bot_token": "xoxb-test", "slack_signing_secret": "s", "slack_api_url": api.url} if api else {}
    s = replace(Settings(), database_url=db_url, min_group=5, **slack, **settings)
    async with runtime(s, clock=FakeClock(NOW)) as rt:
        app = create_app(rt)
        mount(app, rt, kpi_source(rt))
        platform = await mount_slack(app, rt) if api else None
        async with TestClient(TestServer(app, host="127.0.0.1")) as client:
            client.rt, client.platform = rt, platform
            yield client


async def seed(stores):
    """This week: six people in C1, six in the private C2, two in C3. The week before: six in C1 alone.
    C3 is too small; the two left over would be C3 again, so the smaller of C1 and C2 goes too (C1,
    by name): this week shows C2 only, last week C1 only, C3 never."""
    for week, channels in ((0, ("C1", "C2", "C3")), (1, ("C1",))):
        at = NOW - timedelta(weeks=week, hours=1)
        for channel in channels:
            people = 2 if channel == "C3" else 6
            for i in range(people - 1):
                await stores.kudos.add_kudos(kudos(f"{channel}-{i}", f"{channel}-{i + 1}", 1 + i % 3, at, channel=channel), 0)


def options(page: str, select: str) -> list[tuple[str, str]]:
    """(value, label) of a select, the "all" choice left out."""
    found = re.search(rf'<select id="{select}" name="{select}">(.*?)</select>', page, re.DOTALL)
    assert found, f"no select {select}"
    return [(v, label) for v, label in re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', found[1]) if v]


async def test_the_filters_offer_only_places_the_small_group_rule_shows(db_url):
    async with serving(db_url, dashboard_token=TOKEN) as client:
        await seed(client.rt.stores)
        page = await (await client.get("/dashboard?weeks=4&lang=en", headers=BEARER)).text()
        assert options(page, "channel") == [("C1", "C1"), ("C2", "C2")]  # no name known: the id; C3 never
        assert options(page, "workspace") == [("T1", "T1")]
        assert 'data-kpi="channel"' not in page and "C3" not in page
        # The same choice bot.kpi makes for any reader: this week alone shows C2 only.
        offered = await kpi.choices(client.rt.kodo.kpis, NOW, TOKYO, 1, 5)
        assert offered == {"organisation": [], "workspace": ["T1"], "channel": ["C2"]}  # no Enterprise Grid here
        assert '<select id="organisation"' not in page  # so the form offers no Grid to pick
        alone = await (await client.get("/dashboard?weeks=1&lang=en", headers=BEARER)).text()
        assert options(alone, "channel") == [("C2", "C2")]


async def test_a_place_asked_for_by_address_stays_chosen_even_if_not_offered(db_url):
    async with serving(db_url, dashboard_token=TOKEN) as client:
        await seed(client.rt.stores)
        page = await (await client.get("/dashboard?weeks=4&lang=en&channel=C3", headers=BEARER)).text()
        assert ('<option value="C3" selected>C3</option>') in page
        assert "Filtered by Channel C3" in page


async def test_the_filters_use_the_names_slack_gave_and_never_a_private_channels(db_url):
    api = FakeSlackApi(conversations={"C2": PRIVATE}, team_name="Tokyo DX")
    await api.start()
    try:
        async with serving(db_url, api, dashboard_token=TOKEN) as client:
            await seed(client.rt.stores)
            directory = client.platform.messenger.directory
            before = await (await client.get("/dashboard?weeks=4&lang=ja", headers=BEARER)).text()
            assert options(before, "channel") == [("C1", "C1"), ("C2", "C2")]  # Slack has said nothing yet
            for channel in ("C1", "C2"):  # as a reaction in each would make Kodo ask
                await directory.conversation(channel)
            await directory.bot_user()
            page = await (await client.get("/dashboard?weeks=4&lang=ja", headers=BEARER)).text()
            assert options(page, "channel") == [("C1", "#c1"), ("C2", "C2")]  # a private channel keeps its name
            assert options(page, "workspace") == [("T1", "Tokyo DX")]
            assert "#c2" not in page
            chosen = await (await client.get("/dashboard?weeks=4&lang=ja&channel=C1", headers=BEARER)).text()
            assert "絞り込み：チャンネル「#c1」" in chosen and '<option value="C1" selected>#c1</option>' in chosen
    finally:
        await api.stop()


async def test_a_filter_without_kudos_says_so_and_is_not_withheld(db_url):
    async with serving(db_url, dashboard_token=TOKEN) as client:
        await seed(client.rt.stores)
        for lang, words in (("en", "No kudos in these weeks."), ("ja", "この期間の称賛はありません。")):
            page = await (await client.get(f"/dashboard?weeks=4&lang={lang}&channel=C9", headers=BEARER)).text()
            assert page.count(words) == 2 and 'data-kpi="empty"' in page  # at the top, and for the principles
            assert 'class="withheld"' not in page and 'data-kpi="least"' not in page
        data = await (await client.get("/api/kpi?weeks=4&channel=C9", headers=BEARER)).json()
        assert [w["kudos"] for w in data["weeks"]] == [0, 0, 0, 0] and not any("withheld" in w for w in data["weeks"])
        # C3 had two people this week (withheld) and nobody before (zero): both, told apart.
        mixed = await (await client.get("/dashboard?weeks=4&lang=en&channel=C3", headers=BEARER)).text()
        assert "No kudos in the weeks that can be shown." in mixed and "Not shown: fewer than 5 people" in mixed
        c3 = await (await client.get("/api/kpi?weeks=4&channel=C3", headers=BEARER)).json()
        assert [w["kudos"] for w in c3["weeks"]] == [0, 0, 0, None] and c3["weeks"][-1]["withheld"] is True


async def test_the_front_door_sends_a_browser_to_the_dashboard_when_there_is_one(db_url):
    async with serving(db_url, dashboard_token=TOKEN) as client:
        answer = await client.get(f"/?token={TOKEN}", allow_redirects=False)
        assert answer.status == 302 and answer.headers["Location"] == f"/dashboard?token={TOKEN}"
        assert (await client.get("/", allow_redirects=False)).headers["Location"] == "/dashboard"


async def test_without_a_dashboard_the_front_door_says_what_this_server_is(db_url):
    secret = "front-door-signing-secret"
    async with serving(db_url, slack_signing_secret=secret, admins=("U_SECRET_ADMIN",)) as client:
        answer = await client.get("/")
        page = await answer.text()
        assert answer.status == 200 and answer.content_type == "text/html"
        assert answer.headers["Content-Security-Policy"].startswith("default-src 'none'")
        assert '<html lang="ja">' in page and '<section lang="en">' in page
        assert "Kodo のサーバーです" in page and "This is a Kodo server" in page
        assert '<a href="/healthz">/healthz</a>' in page and "/dashboard" in page
        assert secret not in page and "U_SECRET_ADMIN" not in page and db_url not in page
        assert (await client.head("/")).status == 200
        assert (await client.get("/dashboard")).status == 404  # still off: the page only says where it would be
