"""The composition root: the one place that knows every part and plugs them together."""

from __future__ import annotations

from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import AsyncIterator

from bot.app import Kodo
from bot.config import Settings
from content.loader import load
from content.model import Pack


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(timezone.utc)


def _metrics():
    from adapters.metrics import Metrics

    return Metrics()


@dataclass
class Runtime:
    settings: Settings
    pack: Pack
    stores: object  # storage.stores.Stores: every feature's store, by the feature's name
    kodo: Kodo
    engine: object  # sqlalchemy AsyncEngine
    metrics: object = field(default_factory=_metrics)  # adapters.metrics.Metrics: GET /metrics


@asynccontextmanager
async def runtime(settings: Settings, clock=None, migrate: bool = True,
                  existing: bool = False) -> AsyncIterator[Runtime]:
    """Content loaded and checked, database reachable and at the latest schema, core ready; its
    figures counted from the start (``GET /metrics``).
    ``existing``: for commands that only read, a SQLite file that is not there is an error, not a new file."""
    from storage.db import create_engine, ensure_schema, require_existing
    from storage.kpi import SqlKpi
    from storage.stores import open_stores
    from storage.timing import time_statements

    pack, metrics = load(settings.content), _metrics()
    if existing:
        require_existing(settings.database_url)
    engine = create_engine(settings.database_url)
    time_statements(engine, metrics.statement)
    stores = open_stores(engine, observe=metrics.statement, secret_keys=settings.secret_keys)
    try:
        if migrate:
            await ensure_schema(engine, settings.database_url, settings.content)
        clock = clock or SystemClock()
        kodo = Kodo(pack, stores, clock, settings, metrics, kpis=SqlKpi(engine, pack.id, now=clock.now))
        yield Runtime(settings, pack, stores, kodo, engine, metrics)
    finally:
        await stores.close()
        await engine.dispose()


def scheduler_deps(rt: Runtime, messengers: dict):
    """What the scheduler's jobs need; channels a kind names in the environment (KODO_TIP_CHANNELS,
    …) are Slack channels."""
    from bot.ports import Subscription
    from scheduler.jobs import Deps
    from storage.claims import ClaimStore

    s = rt.settings
    extra = [Subscription("slack", channel, kind.name, s.locale)
             for kind in rt.kodo.registry.kinds for channel in kind.channels(s)]
    return Deps(rt.kodo, ClaimStore(rt.engine), messengers, extra, meter=rt.metrics)


@asynccontextmanager
async def messengers(rt: Runtime) -> AsyncIterator[dict]:
    """Messengers for posting from the command line (``kodo tip --post``), without a web server."""
    found, teams = {}, None
    if rt.settings.slack_enabled:
        from adapters.slack import workspaces_of

        found["slack"] = workspaces_of(rt).posts
    if rt.settings.teams_enabled:
        from adapters.teams import build

        teams = build(rt)
        found["teams"] = teams.messenger
    try:
        yield found
    finally:
        if teams is not None:
            teams.gate.close()
            await teams.clients.close()


async def doctor(settings: Settings, out, registry=None) -> bool:
    """``kodo doctor``: each part checks its own service, one line per check through ``out`` as soon as
    it is known, and each feature what it needs (``Feature.doctor``). Returns whether any check failed.
    Nothing is created, migrated or posted."""
    from bot.config import ConfigError
    from bot.doctor import calendar_checks, fail, ok, warn
    from bot.features import REGISTRY
    from content.loader import NoSuchPack, check
    from storage.doctor import database_checks

    registry = registry or REGISTRY

    def show(checks) -> None:
        for c in checks:
            out(c.line())
            failed.append(c.status == "fail")

    def enabled(platform: str, question) -> bool | None:
        """Whether the platform is on; None (and a failed check) when its settings are half there."""
        try:
            return question()
        except ConfigError as exc:
            show([fail(platform, str(exc))])
            return None

    failed: list[bool] = []
    try:
        pack, errors = check(settings.content)
        show([ok("content", f"{pack.id}: {pack.size} principles") if pack else
              fail("content", f"{settings.content} is invalid: `kodo content check` lists every error")])
    except NoSuchPack as exc:
        pack = None
        show([fail("content", f"KODO_CONTENT: {exc}")])
    checks, subscribed = await database_checks(settings.database_url)
    show(checks)
    slack = enabled("slack", lambda: settings.slack_enabled)
    teams = enabled("teams", lambda: settings.teams_enabled)
    if slack and pack is not None:
        from adapters.slack.doctor import installation_checks, slack_checks

        if settings.slack_distribution:
            show(await installation_checks(settings, pack, [s[1:] for s in subscribed if s[0] == "slack"]))
        else:
            channels = sorted({s[1] for s in subscribed if s[0] == "slack"}
                              | {c for kind in registry.kinds for c in kind.channels(settings)})
            show(await slack_checks(settings, pack, channels))
    if teams:
        from adapters.teams.doctor import teams_checks

        show(await teams_checks(settings))
    if slack is False and teams is False:
        show([warn("platforms", "neither Slack (SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET, or SLACK_CLIENT_ID for "
                                "distribution) nor Teams (MICROSOFT_APP_ID) is configured: only the console works")])
    show(calendar_checks(settings, SystemClock().now()))
    for feature in registry.features:
        if feature.doctor:
            show(feature.doctor(settings))
    return any(failed)


async def serve(settings: Settings) -> None:
    """``kodo serve``: one aiohttp app with every enabled platform and the scheduler, until SIGTERM."""
    from adapters import logs
    from adapters.web import PLATFORMS, create_app, run_until_stopped

    logs.setup(settings.log_format)
    slack, teams = settings.slack_enabled, settings.teams_enabled  # half-set credentials fail here, early
    async with runtime(settings) as rt:
        app = create_app(rt)
        from adapters.dashboard import mount as mount_dashboard

        # Each dashboard sign-in goes to the audit log (``kodo audit``), as the contract asks.
        mount_dashboard(app, rt, kpi_source(rt), audit=lambda actor, action, detail: rt.stores.audit.record(
            "web", actor, action, detail=detail))
        if slack:
            from adapters.slack import mount as mount_slack

            await mount_slack(app, rt)
        if teams:
            from adapters.teams import mount as mount_teams

            await mount_teams(app, rt)
        messengers = {name: platform.messenger for name, platform in app[PLATFORMS].items()}
        if messengers or settings.retention_days:  # the nightly blanking of old words runs there too
            from scheduler.setup import attach

            attach(app, scheduler_deps(rt, messengers), rt.kodo.clock)
        await run_until_stopped(app, settings.host, settings.port,
                                "another `kodo serve`? stop it, or set PORT to a free port")


def kpi_source(rt: Runtime):
    """The one KPI source (``storage.kpi.SqlKpi``) behind the dashboard, ``/api/kpi``, ``kodo kpi``, the
    roundup and ``/kodo me``: the core's own, so that what one counted the others find kept."""
    return rt.kodo.kpis


async def dashboard(settings: Settings, port: int) -> None:
    """``kodo dashboard``: the dashboard alone, open, on 127.0.0.1 only (never another address), on
    ``--port``: HOST and PORT are ``kodo serve``'s, so the two can run side by side."""
    from adapters.dashboard import mount as mount_dashboard
    from adapters.web import create_app, run_until_stopped

    async with runtime(settings, existing=True) as rt:
        app = create_app(rt, metrics_page=False)  # KODO_METRICS_PORT is kodo serve's, as HOST and PORT are
        mount_dashboard(app, rt, kpi_source(rt), open_access=True)
        await run_until_stopped(app, "127.0.0.1", port, "stop what uses it, or choose another with --port",
                                listening=lambda: print(f"http://127.0.0.1:{port}/dashboard  (Ctrl+C to stop)",
                                                        flush=True))
