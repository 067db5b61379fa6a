"""``GET /dashboard`` and ``GET /api/kpi``: who may look, in which language, for which weeks.

The numbers are ``bot.kpi.compute`` over ``storage.kpi.SqlKpi``, the same call ``kodo kpi`` makes;
this module only admits the reader, reads the parameters and formats. Access (contract,
"Visibility"): with ``KODO_DASHBOARD_TOKEN`` a request carries ``Authorization: Bearer TOKEN`` or,
once, ``?token=TOKEN``, which is exchanged for an HttpOnly cookie and removed from the address;
with ``KODO_DASHBOARD_AUTH=proxy`` the user header is believed from ``KODO_TRUSTED_PROXIES`` only;
without either the routes are not mounted at all (404). ``kodo dashboard`` mounts them open, on
127.0.0.1 only.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from dataclasses import dataclass
from functools import partial
from ipaddress import ip_address, ip_network
from typing import Awaitable, Callable

from aiohttp import web
from multidict import MultiDict

from adapters.dashboard.messages import MESSAGES
from adapters.web import PLATFORMS as MOUNTED
from bot import kpi
from bot.cache import TtlCache
from bot.i18n import LANGS, pick, register

log = logging.getLogger(__name__)
register("adapters.dashboard", MESSAGES)  # the dashboard's sentences join the catalogue

COOKIE = "kodo_dashboard"
PLATFORMS = ("slack", "teams", "console")
SIGN_IN_EVERY = 12 * 3600.0  # a proxy's user counts as signing in again after this many seconds
# The page needs nothing from anywhere: the browser is told so, and refuses anything else.
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
                               "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "no-store",
}
Audit = Callable[[str, str, dict], Awaitable[None]]
DASHBOARD = web.AppKey("dashboard", object)


@dataclass
class Dashboard:
    runtime: object  # bot.wiring.Runtime
    source: kpi.KpiSource
    mode: str  # "open" (kodo dashboard), "token" or "proxy"
    audit: Audit | None = None

    def __post_init__(self):
        s = self.runtime.settings
        self.cookie = hmac.new((s.dashboard_token or "").encode(), b"kodo dashboard cookie", hashlib.sha256).hexdigest()
        self.proxies = [ip_network(p, strict=False) for p in s.trusted_proxies]
        self.signed_in = TtlCache(SIGN_IN_EVERY, size=1000)


def mount(app: web.Application, runtime, source: kpi.KpiSource, audit: Audit | None = None,
          open_access: bool = False) -> bool:
    """Add the routes when access is configured (or ``open_access``); False when they stay 404."""
    s = runtime.settings
    mode = "open" if open_access else "proxy" if s.dashboard_auth == "proxy" else "token" if s.dashboard_token else None
    if mode is None:
        return False
    app[DASHBOARD] = Dashboard(runtime, source, mode, audit)
    app.router.add_get("/dashboard", dashboard)
    app.router.add_get("/api/kpi", api_kpi)
    return True


# ---- access ---------------------------------------------------------------------------------

def _same(given: str, expected: str) -> bool:
    return hmac.compare_digest(given.encode(), expected.encode())


async def _admit(request: web.Request) -> web.StreamResponse | None:
    """None when the reader may look; else the answer to send (401, or the token exchange)."""
    d: Dashboard = request.app[DASHBOARD]
    if d.mode == "open":
        return None
    if d.mode == "proxy":
        return await _admit_proxy(request, d)
    token = d.runtime.settings.dashboard_token
    bearer = request.headers.get("Authorization", "")
    if bearer[:7].lower() == "bearer " and _same(bearer[7:].strip(), token):
        return None
    if "token" in request.query:
        if not _same(request.query["token"], token):
            return _unauthorised()
        rest = MultiDict((k, v) for k, v in request.query.items() if k != "token")
        answer = web.Response(status=303, headers={"Location": str(request.rel_url.with_query(rest)), **HEADERS})
        answer.set_cookie(COOKIE, d.cookie, path="/", httponly=True, secure=request.secure, samesite="Strict")
        await _signed_in(d, "token", {"method": "token"})
        return answer
    cookie = request.cookies.get(COOKIE)
    return None if cookie and _same(cookie, d.cookie) else _unauthorised()


async def _admit_proxy(request: web.Request, d: Dashboard) -> web.StreamResponse | None:
    try:
        peer = ip_address(request.remote or "")
    except ValueError:
        return _unauthorised()
    user = request.headers.get(d.runtime.settings.dashboard_user_header, "").strip()
    if not user or not any(peer in net for net in d.proxies):
        return _unauthorised()
    if d.signed_in.get(user) is None:
        d.signed_in.put(user, True)
        await _signed_in(d, user, {"method": "proxy"})
    return None


async def _signed_in(d: Dashboard, actor: str, detail: dict) -> None:
    log.info("dashboard sign-in (%s)", detail["method"])
    if d.audit is not None:
        await d.audit(actor, "dashboard.sign_in", detail)


def _unauthorised() -> web.Response:
    return web.Response(status=401, text="401: the dashboard needs KODO_DASHBOARD_TOKEN (Authorization: Bearer …)\n",
                        headers={"WWW-Authenticate": 'Bearer realm="kodo"', **HEADERS})


# ---- parameters -----------------------------------------------------------------------------

def language(request: web.Request, default: str) -> str:
    """``?lang=`` wins, else the browser's Accept-Language (ja or en, by preference), else KODO_LOCALE."""
    asked = request.query.get("lang")
    if asked in LANGS:
        return asked
    preferences = []
    for i, part in enumerate(request.headers.get("Accept-Language", "").split(",")):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        preferences.append((-weight, i, tag.strip()))
    for _, _, tag in sorted(preferences):
        if tag and (found := pick(tag, "")):
            return found
    return default


def _query(request: web.Request) -> tuple[int, kpi.Scope]:
    weeks = kpi.clamp_weeks(request.query.get("weeks"))
    values = {name: request.query.get(name, "").strip() or None for name in kpi.BREAKDOWNS}
    if values["platform"] and values["platform"] not in PLATFORMS:
        raise ValueError(f"platform must be one of {', '.join(PLATFORMS)}")
    if any(v and len(v) > 256 for v in values.values()):
        raise ValueError("filters are ids of at most 256 characters")
    return weeks, kpi.Scope(**values)


async def _kpis(request: web.Request, weeks: int, scope: kpi.Scope, lang: str) -> kpi.Kpis:
    d: Dashboard = request.app[DASHBOARD]
    rt = d.runtime
    return await kpi.compute(d.source, rt.pack, rt.kodo.tz, rt.kodo.clock.now(), weeks, scope,
                             rt.settings.min_group, rt.kodo.figures(), lang)


# ---- routes ---------------------------------------------------------------------------------

def place_name(platforms: dict, column: str, value: str) -> str | None:
    """What a platform already knows to call a workspace or channel (``place_name`` on what
    ``app[adapters.web.PLATFORMS]`` holds: Slack and Teams, from what they were told; never a call out)."""
    for platform in platforms.values():
        if (named := getattr(platform, "place_name", None)) and (name := named(column, value)):
            return name
    return None


async def dashboard(request: web.Request) -> web.StreamResponse:
    from adapters.dashboard.page import Places, Request, render

    if (denied := await _admit(request)) is not None:
        return denied
    rt = request.app[DASHBOARD].runtime
    try:
        weeks, scope = _query(request)
    except ValueError as exc:
        return web.Response(status=400, text=f"400: {exc}\n", headers=HEADERS)
    lang = language(request, rt.settings.locale)
    offered = await kpi.choices(request.app[DASHBOARD].source, rt.kodo.clock.now(), rt.kodo.tz, weeks,
                                rt.settings.min_group)
    html = render(await _kpis(request, weeks, scope, lang), rt.pack, Request(lang, weeks, **scope.filters()), rt.kodo.tz,
                  Places(offered, partial(place_name, request.app.get(MOUNTED, {}))))
    return web.Response(text=html, content_type="text/html", charset="utf-8",
                        headers={**HEADERS, "Content-Language": lang, "Vary": "Accept-Language, Cookie"})


async def api_kpi(request: web.Request) -> web.StreamResponse:
    if (denied := await _admit(request)) is not None:
        return denied
    rt = request.app[DASHBOARD].runtime
    fmt = request.query.get("format", "json")
    try:
        weeks, scope = _query(request)
        if fmt not in ("json", "csv"):
            raise ValueError("format must be json or csv")
    except ValueError as exc:
        return web.Response(status=400, text=f"400: {exc}\n", headers=HEADERS)
    lang = language(request, rt.settings.locale)
    kpis = await _kpis(request, weeks, scope, lang)
    if fmt == "csv":
        return web.Response(body=kpi.to_csv(kpis).encode("utf-8"), content_type="text/csv", charset="utf-8",
                            headers=HEADERS)
    body = kpi.to_json(kpis, rt.pack, lang)
    return web.json_response(body, dumps=partial(json.dumps, ensure_ascii=False), headers=HEADERS)
