"""``/dashboard`` and ``/api/kpi`` over real HTTP on 127.0.0.1: who gets in (404, 401, Bearer, the
token exchanged for a cookie, an authenticating proxy), the contract's JSON and CSV against a count
made from the export, languages, parameters, and KODO_MIN_GROUP."""

from __future__ import annotations

import csv
import io
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import timedelta

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer, make_mocked_request

from adapters.dashboard import COOKIE, mount
from adapters.web import create_app
from bot import kpi
from bot.config import Settings
from bot.i18n import t
from bot.wiring import kpi_source, runtime
from storage.db import create_engine, migrate
from tests.fakes.clock import FakeClock
from tests.test_kpi import NOW, TOKYO, expected_from_export, kudos

TOKEN = "s3cret-token-for-tests"


@asynccontextmanager
async def serving(db_url: str, **settings):
    audit: list[tuple] = []

    async def record(actor, action, detail):
        audit.append((actor, action, detail))

    engine = create_engine(db_url)
    await migrate(engine)
    await engine.dispose()
    s = replace(Settings(), database_url=db_url, **settings)
    async with runtime(s, clock=FakeClock(NOW)) as rt:
        app = create_app(rt)
        mounted = mount(app, rt, kpi_source(rt), audit=record)
        async with TestClient(TestServer(app, host="127.0.0.1")) as client:
            client.rt, client.audit, client.mounted = rt, audit, mounted
            yield client


async def seed(stores, weeks=4):
    """Five to seven people a week in channel C1, two in C2 (too few to show on their own)."""
    for w in range(weeks):
        at = NOW - timedelta(weeks=w, hours=1)
        for i in range(5 + w % 3):
            await stores.kudos.add_kudos(kudos(f"U{i}", f"U{i + 1}", 1 + (i + w) % 4, at, message=f"m{w}.{i}"), 0)
    await stores.kudos.add_kudos(kudos("X1", "X2", 9, NOW - timedelta(hours=2), channel="C2"), 0)


async def test_without_token_or_proxy_both_routes_are_404(db_url):
    async with serving(db_url) as client:
        assert client.mounted is False
        for path in ("/dashboard", "/api/kpi", "/dashboard?token=x"):
            assert (await client.get(path)).status == 404
        assert (await client.get("/healthz")).status == 200


async def test_a_missing_or_wrong_token_is_401(db_url):
    async with serving(db_url, dashboard_token=TOKEN) as client:
        for path in ("/dashboard", "/api/kpi", "/api/kpi?format=csv"):
            assert (await client.get(path)).status == 401
            assert (await client.get(path, headers={"Authorization": "Bearer wrong"})).status == 401
            assert (await client.get(path + ("&" if "?" in path else "?") + "token=wrong",
                                     allow_redirects=False)).status == 401
            assert (await client.get(path, cookies={COOKIE: "forged"})).status == 401
        assert client.audit == []


async def test_bearer_token_opens_both(db_url):
    async with serving(db_url, dashboard_token=TOKEN) as client:
        bearer = {"Authorization": f"Bearer {TOKEN}"}
        page = await client.get("/dashboard", headers=bearer)
        assert page.status == 200 and page.content_type == "text/html"
        assert "default-src 'none'" in page.headers["Content-Security-Policy"]
        assert (await client.get("/api/kpi", headers=bearer)).status == 200


async def test_the_token_in_the_address_becomes_a_cookie_and_leaves_the_address(db_url):
    async with serving(db_url, dashboard_token=TOKEN) as client:
        first = await client.get(f"/dashboard?weeks=4&token={TOKEN}&lang=en", allow_redirects=False)
        assert first.status == 303
        assert first.headers["Location"] == "/dashboard?weeks=4&lang=en"
        cookie = first.headers["Set-Cookie"]
        assert cookie.startswith(f"{COOKIE}=") and TOKEN not in cookie
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
        assert "Secure" not in cookie  # plain http here; https below
        assert client.audit == [("token", "dashboard.sign_in", {"method": "token"})]
        # The cookie (kept by the client) opens the page and the API, without any token.
        page = await client.get("/dashboard?weeks=4&lang=en")
        assert page.status == 200 and "Code of conduct dashboard" in await page.text()
        assert (await client.get("/api/kpi?format=csv")).status == 200
        assert len(client.audit) == 1


async def test_the_cookie_is_secure_over_https(db_url):
    async with serving(db_url, dashboard_token=TOKEN) as client:
        from adapters.dashboard import _admit

        request = make_mocked_request("GET", f"/dashboard?token={TOKEN}", app=client.server.app, sslcontext=True)
        answer = await _admit(request)
        assert answer.status == 303 and answer.cookies[COOKIE]["secure"] is True
        assert answer.cookies[COOKIE]["httponly"] is True and answer.cookies[COOKIE]["samesite"] == "Strict"


async def test_proxy_user_header_is_believed_from_trusted_proxies_only(db_url):
    async with serving(db_url, dashboard_auth="proxy", trusted_proxies=("127.0.0.1/32",)) as client:
        user = {"X-Forwarded-User": "sato@example.metro.tokyo.lg.jp"}
        assert (await client.get("/dashboard", headers=user)).status == 200
        assert (await client.get("/api/kpi", headers=user)).status == 200
        assert (await client.get("/dashboard")).status == 401  # the proxy did not say who
        assert client.audit == [("sato@example.metro.tokyo.lg.jp", "dashboard.sign_in", {"method": "proxy"})]
    async with serving(db_url, dashboard_auth="proxy", trusted_proxies=("10.0.0.0/8",),
                       dashboard_token=TOKEN) as client:
        assert (await client.get("/dashboard", headers={"X-Forwarded-User": "mallory"})).status == 401
        assert (await client.get("/dashboard", headers={"Authorization": f"Bearer {TOKEN}"})).status == 401
    async with serving(db_url, dashboard_auth="proxy", trusted_proxies=("127.0.0.1",),
                       dashboard_user_header="X-Auth-Request-Email") as client:
        assert (await client.get("/api/kpi", headers={"X-Forwarded-User": "sato"})).status == 401
        assert (await client.get("/api/kpi", headers={"X-Auth-Request-Email": "sato"})).status == 200


async def test_json_and_csv_carry_the_numbers_of_the_export(db_url, tokyo):
    async with serving(db_url, dashboard_token=TOKEN, locale="ja") as client:
        await seed(client.rt.stores)
        bearer = {"Authorization": f"Bearer {TOKEN}"}
        data = await (await client.get("/api/kpi?weeks=6", headers=bearer)).json()
        weeks = kpi.weeks_until(NOW, TOKYO, 6)
        expected = await expected_from_export(client.rt.stores, weeks, tokyo.size)
        assert [{k: w[k] for k in ("week", "kudos", "givers", "receivers", "per_principle")}
                for w in data["weeks"]] == expected
        assert [w["start"] for w in data["weeks"]] == [w.monday.isoformat() for w in weeks]
        assert all(w["tips_posted"] == 0 for w in data["weeks"])
        assert set(data) >= {"weeks", "principles", "generated_at"}
        assert data["principles"][0] == {"number": 1, "title": tokyo.principle(1, "ja").title,
                                         "kudos": sum(w["per_principle"]["1"] for w in expected)}
        assert data["generated_at"].startswith("2026-11-26T03:00:00")
        # No person anywhere: not a giver's nor a receiver's id.
        text = await (await client.get("/api/kpi?weeks=6", headers=bearer)).text()
        assert "U1" not in text and "X1" not in text

        response = await client.get("/api/kpi?weeks=6&format=csv", headers=bearer)
        assert response.content_type == "text/csv" and response.charset == "utf-8"
        raw = await response.read()
        assert not raw.startswith(b"\xef\xbb\xbf")
        rows = list(csv.reader(io.StringIO(raw.decode("utf-8"))))
        assert rows[0] == ["week", "start", "kudos", "givers", "receivers", "tips_posted",
                           *(f"p{n}" for n in range(1, 11))]
        assert rows[1:] == [[w["week"], w["start"], str(w["kudos"]), str(w["givers"]), str(w["receivers"]), "0",
                             *(str(w["per_principle"][str(n)]) for n in range(1, 11))] for w in data["weeks"]]


async def test_language_from_lang_then_accept_language_then_locale(db_url, tokyo):
    async with serving(db_url, dashboard_token=TOKEN, locale="ja") as client:
        bearer = {"Authorization": f"Bearer {TOKEN}"}

        async def title(path, **headers):
            data = await (await client.get(path, headers=bearer | headers)).json()
            return data["principles"][0]["title"]

        ja, en = tokyo.principle(1, "ja").title, tokyo.principle(1, "en").title
        assert await title("/api/kpi") == ja
        assert await title("/api/kpi", **{"Accept-Language": "en-GB,en;q=0.9"}) == en
        assert await title("/api/kpi", **{"Accept-Language": "fr-FR, en;q=0.5, ja;q=0.8"}) == ja
        assert await title("/api/kpi?lang=en", **{"Accept-Language": "ja"}) == en
        page = await client.get("/dashboard", headers=bearer | {"Accept-Language": "en-US"})
        assert '<html lang="en">' in await page.text() and page.headers["Content-Language"] == "en"
        page = await client.get("/dashboard?lang=ja", headers=bearer | {"Accept-Language": "en-US"})
        assert '<html lang="ja">' in await page.text()


@pytest.mark.parametrize("query", ["weeks=0", "weeks=105", "weeks=abc", "format=xml", "platform=irc"])
async def test_bad_parameters_are_400(db_url, query):
    async with serving(db_url, dashboard_token=TOKEN) as client:
        bearer = {"Authorization": f"Bearer {TOKEN}"}
        assert (await client.get(f"/api/kpi?{query}", headers=bearer)).status == 400


async def test_a_channel_with_too_few_people_is_withheld_in_every_format(db_url):
    async with serving(db_url, dashboard_token=TOKEN, min_group=5) as client:
        await seed(client.rt.stores)
        bearer = {"Authorization": f"Bearer {TOKEN}"}
        small = await (await client.get("/api/kpi?weeks=2&channel=C2", headers=bearer)).json()
        assert small["weeks"][-1]["kudos"] is None and small["weeks"][-1]["withheld"] is True
        assert all(p["kudos"] == 0 for p in small["principles"])
        # C1 is big enough, but the total minus C1 would be C2's two people: C1 is withheld too.
        big = await (await client.get("/api/kpi?weeks=2&channel=C1", headers=bearer)).json()
        assert big["weeks"][-1]["kudos"] is None
        assert big["weeks"][0]["kudos"] == 6  # last week C1 was all there was: nothing to subtract
        rows = list(csv.reader(io.StringIO(await (await client.get(
            "/api/kpi?weeks=2&channel=C2&format=csv", headers=bearer)).text())))
        assert rows[-1][2:5] == ["", "", ""]
        page = await (await client.get("/dashboard?weeks=2&channel=C2&lang=en", headers=bearer)).text()
        assert "Not shown: fewer than 5 people" in page
        # Nothing shown at all: no total, and no principle said to be "not recognised at all".
        alone = await (await client.get("/dashboard?weeks=1&channel=C2&lang=en", headers=bearer)).text()
        assert 'data-kpi="total">—<' in alone and 'data-kpi="coverage">—<' in alone
        assert t("roundup.counted.zero", "en") not in alone and 'data-kpi="least"' not in alone
        assert "X1" not in page and "X2" not in page
        # The organisation's own numbers are always shown.
        org = await (await client.get("/api/kpi?weeks=2", headers=bearer)).json()
        assert org["weeks"][-1]["kudos"] == 6


async def test_the_page_shows_the_numbers_and_names_nobody(db_url, tokyo):
    async with serving(db_url, dashboard_token=TOKEN) as client:
        await seed(client.rt.stores)
        bearer = {"Authorization": f"Bearer {TOKEN}"}
        page = await (await client.get("/dashboard?weeks=4&lang=ja", headers=bearer)).text()
        assert "<svg role=\"img\"" in page and "<caption>" in page
        assert 'data-kpi="total">' in page
        data = await (await client.get("/api/kpi?weeks=4", headers=bearer)).json()
        total = sum(w["kudos"] for w in data["weeks"])
        assert f'data-kpi="total">{total}件<' in page
        for w in data["weeks"]:
            assert f'<tr data-week="{w["week"]}">' in page
            assert f'<td data-col="kudos">{w["kudos"]}</td><td data-col="givers">{w["givers"]}</td>' in page
        least = min(data["principles"], key=lambda p: (p["kudos"], p["number"]))
        assert f"#{least['number']} {tokyo.principle(least['number'], 'ja').title}" in page
        for person in ("U0", "U1", "U2", "X1"):
            assert f">{person}<" not in page and f" {person} " not in page
        assert "http://" not in page.replace("http://www.w3.org", "") and "https://" not in page


def test_mount_without_settings_adds_no_route():
    app = web.Application()

    class Rt:
        settings = Settings()

    assert mount(app, Rt(), None) is False
    assert not [r for r in app.router.routes()]


@pytest.mark.parametrize("env, message", [
    ({"KODO_MIN_GROUP": "0"}, "KODO_MIN_GROUP"),
    ({"KODO_MIN_GROUP": "five"}, "KODO_MIN_GROUP"),
    ({"KODO_DASHBOARD_AUTH": "saml"}, "KODO_DASHBOARD_AUTH"),
    ({"KODO_DASHBOARD_AUTH": "proxy"}, "KODO_TRUSTED_PROXIES"),
    ({"KODO_DASHBOARD_AUTH": "proxy", "KODO_TRUSTED_PROXIES": "10.0.0.1,proxy.local"}, "proxy.local"),
])
def test_dashboard_settings_are_checked_at_start(env, message):
    from bot.config import ConfigError

    with pytest.raises(ConfigError, match=message):
        Settings.from_env(env)


def test_dashboard_settings_from_the_environment():
    s = Settings.from_env({"KODO_DASHBOARD_TOKEN": " t0k ", "KODO_MIN_GROUP": "7", "KODO_DASHBOARD_AUTH": "Proxy",
                           "KODO_TRUSTED_PROXIES": "10.0.0.1, 192.168.0.0/16",
                           "KODO_DASHBOARD_USER_HEADER": "X-Auth-Request-User"})
    assert (s.dashboard_token, s.min_group, s.dashboard_auth, s.trusted_proxies, s.dashboard_user_header) == (
        "t0k", 7, "proxy", ("10.0.0.1", "192.168.0.0/16"), "X-Auth-Request-User")
    assert "t0k" not in repr(s)
    defaults = Settings.from_env({})
    assert (defaults.dashboard_token, defaults.min_group, defaults.dashboard_auth) == (None, 5, "token")
