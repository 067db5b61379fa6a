"""The scheduler inside the aiohttp app: started on the running loop, catching up at start."""

from __future__ import annotations

import asyncio

from aiohttp import web

from adapters.web import create_app
from bot.ports import Subscription
from bot.wiring import Runtime, scheduler_deps
from scheduler.setup import attach
from tests.fakes.messenger import RecordingMessenger


async def test_the_app_starts_the_scheduler_and_catches_up(kodo, stores, engine, clock, tokyo):
    await stores.subscriptions.subscribe(Subscription("slack", "C1", "tips", "en"))
    clock.set("2026-11-24T10:30:00+09:00")  # started 90 minutes after the 09:00 tip: still within 3 hours
    rt = Runtime(kodo.settings, tokyo, stores, kodo, engine)
    messenger = RecordingMessenger()
    app = create_app(rt)
    attach(app, scheduler_deps(rt, {"slack": messenger}), clock)
    runner = web.AppRunner(app)
    await runner.setup()
    try:
        for _ in range(100):
            if messenger.posts:
                break
            await asyncio.sleep(0.02)
        assert [(channel, lang) for channel, lang, _ in messenger.posts] == [("C1", "en")]
    finally:
        await runner.cleanup()
