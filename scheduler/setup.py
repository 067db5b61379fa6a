"""APScheduler 3 inside ``kodo serve``: triggers in KODO_TIMEZONE that call the pure jobs with ``now``.

The scheduler's own job store is in memory and never shared: exactly-once across replicas comes
from the database claims in the jobs, so every replica may run the same triggers.
"""

from __future__ import annotations

import logging

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger

from bot import calendar
from bot.features import REGISTRY
from scheduler import jobs

log = logging.getLogger(__name__)
RETRY_EVERY_MINUTES = 5


def triggers(settings, kinds=REGISTRY.kinds, jobs_=REGISTRY.jobs) -> dict[str, object]:
    """When to wake up: each kind's (and each feature job's) time on weekdays, and a retry every few
    minutes. Holidays and which working day of its week or month a kind posts on are the jobs'
    business, not cron's."""
    tz, at = settings.tz, {kind.name: kind.at(settings) for kind in (*kinds, *jobs_)}
    return {name: CronTrigger(day_of_week="mon-fri", hour=when.hour, minute=when.minute, timezone=tz)
            for name, when in at.items()} | {"retry": IntervalTrigger(minutes=RETRY_EVERY_MINUTES, timezone=tz)}


def create(deps: jobs.Deps, clock) -> AsyncIOScheduler:
    """A scheduler ready to ``start()`` inside the running loop (aiohttp ``on_startup``)."""
    scheduler = AsyncIOScheduler(timezone=deps.kodo.tz, job_defaults={
        "coalesce": True, "max_instances": 1, "misfire_grace_time": int(jobs.CATCH_UP.total_seconds())})

    for name, trigger in triggers(deps.kodo.settings, deps.kodo.registry.kinds, deps.kodo.registry.jobs).items():
        scheduler.add_job(_run, trigger, args=(deps, clock, name), id=name, name=f"kodo {name}")
    return scheduler


async def _run(deps: jobs.Deps, clock, job: str, catching_up: bool = False) -> None:
    """One run of the jobs, counted by job and outcome; a bad run must not stop later ones."""
    try:
        await jobs.run(deps, clock.now(), catching_up=catching_up)
    except Exception:  # noqa: BLE001
        log.exception("scheduled run (%s) failed", job)
        deps.meter.scheduled(job, False)
    else:
        deps.meter.scheduled(job, True)


def attach(app, deps: jobs.Deps, clock) -> None:
    """Start with the web app (after a catch-up run), stop with it."""
    import asyncio

    scheduler = create(deps, clock)
    background: list[asyncio.Task] = []

    async def start(_app) -> None:
        # The holiday calendar (a few hundred modules of the ``holidays`` library) loads before Kodo
        # serves, off the loop: it then counts among the start-up objects that ``kodo serve``
        # freezes out of garbage collection, instead of lengthening every full collection after.
        await asyncio.to_thread(calendar.is_working_day, clock.now().date())
        scheduler.start()
        background.append(asyncio.create_task(_run(deps, clock, "catch-up", catching_up=True)))

    async def stop(_app) -> None:
        """The catch-up run is cancelled and waited for, so it is over before the app's database goes."""
        scheduler.shutdown(wait=False)
        for task in background:
            task.cancel()
        await asyncio.gather(*background, return_exceptions=True)

    app.on_startup.append(start)
    app.on_cleanup.append(stop)
