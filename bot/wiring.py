"""The composition root: the one place that knows every part and plugs them together."""

from __future__ import annotations

from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import AsyncIterator

from bot.app import Kodo
from bot.config import Settings
from content.loader import load
from content.model import Pack


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(timezone.utc)


@dataclass
class Runtime:
    settings: Settings
    pack: Pack
    store: object  # storage.store.SqlStore
    kodo: Kodo
    engine: object  # sqlalchemy AsyncEngine


@asynccontextmanager
async def runtime(settings: Settings, clock=None, migrate: bool = True) -> AsyncIterator[Runtime]:
    """Content loaded and checked, database reachable and at the latest schema, core ready."""
    from storage.db import create_engine, ensure_schema
    from storage.store import SqlStore

    pack = load(settings.content)
    engine = create_engine(settings.database_url)
    store = SqlStore(engine)
    try:
        if migrate:
            await ensure_schema(engine, settings.database_url)
        yield Runtime(settings, pack, store, Kodo(pack, store, clock or SystemClock(), settings), engine)
    finally:
        await store.close()
        await engine.dispose()


def scheduler_deps(rt: Runtime, messengers: dict):
    """What the scheduler's jobs need; KODO_TIP_CHANNELS / KODO_ROUNDUP_CHANNELS are Slack channels."""
    from bot.ports import Subscription
    from scheduler.jobs import Deps
    from storage.claims import ClaimStore

    s = rt.settings
    extra = [Subscription("slack", channel, kind, s.locale)
             for kind, channels in (("tips", s.tip_channels), ("roundup", s.roundup_channels)) for channel in channels]
    return Deps(rt.kodo, ClaimStore(rt.engine), messengers, extra)


@asynccontextmanager
async def messengers(rt: Runtime) -> AsyncIterator[dict]:
    """Messengers for posting from the command line (``kodo tip --post``), without a web server."""
    found, teams = {}, None
    if rt.settings.slack_enabled:
        from adapters.slack.client import web_client
        from adapters.slack.messenger import SlackMessenger

        found["slack"] = SlackMessenger(web_client(rt.settings.slack_bot_token, rt.settings.slack_api_url))
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


async def serve(settings: Settings) -> None:
    """``kodo serve``: one aiohttp app with every enabled platform and the scheduler, until SIGTERM."""
    from adapters import logs
    from adapters.web import PLATFORMS, create_app, run_until_stopped

    logs.setup(settings.log_format)
    slack, teams = settings.slack_enabled, settings.teams_enabled  # half-set credentials fail here, early
    async with runtime(settings) as rt:
        app = create_app(rt)
        if slack:
            from adapters.slack import mount as mount_slack

            await mount_slack(app, rt)
        if teams:
            from adapters.teams import mount as mount_teams

            await mount_teams(app, rt)
        messengers = {name: platform.messenger for name, platform in app[PLATFORMS].items()}
        if messengers:
            from scheduler.setup import attach

            attach(app, scheduler_deps(rt, messengers), rt.kodo.clock)
        await run_until_stopped(app, settings.host, settings.port)
