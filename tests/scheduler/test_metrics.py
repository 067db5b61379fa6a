"""The scheduler's figures on ``GET /metrics``: runs by job, posts sent and failed, and how late."""

from __future__ import annotations

import asyncio

from aiohttp import web

from adapters.web import create_app
from bot.ports import Subscription
from bot.wiring import Runtime, scheduler_deps
from scheduler import jobs
from scheduler.setup import attach
from tests.fakes.messenger import RecordingMessenger
from tests.scrape import scrape


async def test_a_late_start_posts_counts_the_lag_and_the_failure(kodo, stores, engine, clock, tokyo):
    for channel in ("C1", "C2"):
        await stores.subscriptions.subscribe(Subscription("slack", channel, "tips", "en"))
    clock.set("2026-11-24T10:30:00+09:00")  # started 90 minutes after the 09:00 tip
    rt = Runtime(kodo.settings, tokyo, stores, kodo, engine)
    messenger = RecordingMessenger(fail={"C2"})
    deps = scheduler_deps(rt, {"slack": messenger})
    app = create_app(rt)
    attach(app, deps, clock)
    runner = web.AppRunner(app)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", 0).start()
    url = "http://{}:{}/metrics".format(*runner.addresses[0][:2])
    try:
        for _ in range(100):
            if (await scrape(url)).value("kodo_scheduler_runs_total", job="catch-up", outcome="ok"):
                break
            await asyncio.sleep(0.02)
        page = await scrape(url)
        assert page.value("kodo_posts_total", platform="slack", kind="tips", outcome="sent") == 1
        assert page.value("kodo_posts_total", platform="slack", kind="tips", outcome="failed") == 1
        assert page.value("kodo_scheduler_lag_seconds_count", kind="tips") == 1
        assert page.value("kodo_scheduler_lag_seconds_sum", kind="tips") == 90 * 60
        assert page.value("kodo_scheduler_lag_seconds_bucket", kind="tips", le="10800.0") == 1
        assert page.value("kodo_scheduler_lag_seconds_bucket", kind="tips", le="3600.0") == 0
        assert page.value("kodo_scheduler_last_run_timestamp_seconds") > 0

        clock.set("2026-11-24T10:35:00+09:00")  # the retry five minutes later: C2 still down, nothing posted
        await jobs.run(deps, clock.now())
        page = await scrape(url)
        assert page.value("kodo_posts_total", platform="slack", kind="tips", outcome="failed") == 2
        assert page.value("kodo_scheduler_lag_seconds_count", kind="tips") == 1  # no post, no lateness
        assert "C1" not in page.text and "C2" not in page.text
    finally:
        await runner.cleanup()
