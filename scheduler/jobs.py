"""What the scheduler does, as pure async functions of (dependencies, now).

``run(deps, now)`` posts everything the features schedule (``Feature.kinds``: tips, roundups, …)
that is due at ``now`` and not yet sent: a slot is due from its scheduled time for ``CATCH_UP`` (3
hours). The same function serves the triggers, the catch-up run at start, the periodic retry, and
``kodo tip --post``; the database claim makes every one of them safe to repeat. No clock is read
here: tests pass ``now``.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime, time, timedelta
from typing import Awaitable, Callable

from bot.app import Kodo
from bot.feature import Poster, Sender
from bot.ports import Messenger, Meter, Place, Subscription, Unmetered
from bot.replies import Reply
from bot.schedule import Slot, period
from storage.claims import ClaimStore, PostKey

log = logging.getLogger(__name__)
CATCH_UP = timedelta(hours=3)
RETENTION_TIME = time(3, 0)  # nightly, local time: old words are blanked once a day
RETENTION = PostKey("kodo", "-", "retention", "")  # the claim's key; the period is the day


@dataclass
class Deps:
    kodo: Kodo
    claims: ClaimStore
    messengers: dict[str, Messenger]
    extra: list[Subscription] = field(default_factory=list)  # channels from the environment: KODO_TIP_CHANNELS, …
    replica: str = field(default_factory=lambda: uuid.uuid4().hex[:12])
    meter: Meter = field(default_factory=Unmetered)  # posts sent and failed, and how late


@dataclass(frozen=True)
class Outcome:
    key: PostKey
    status: str  # sent | taken (another run has it) | failed | no-platform | not-installed


# ---- when ------------------------------------------------------------------------------------

def slots(deps: Deps, now: datetime) -> list[Slot]:
    """Every slot scheduled in the last day up to ``now`` (catch-up decides which are still postable)."""
    settings, tz = deps.kodo.settings, deps.kodo.tz
    local = now.astimezone(tz)
    found = []
    registry = deps.kodo.registry
    for day in (local.date() - timedelta(days=1), local.date()):
        for kind in (*registry.kinds, *registry.jobs):
            at = datetime.combine(day, kind.at(settings), tz)
            if kind.on(day, settings.closed_days) and at <= now and kind.enabled(settings):
                found.append(Slot(kind.name, period(day, kind.every), at))
    return found


# ---- how -------------------------------------------------------------------------------------

async def run(deps: Deps, now: datetime, *, catching_up: bool = False) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for slot in slots(deps, now):
        if now - slot.at > CATCH_UP:
            if catching_up:
                log.info("not posting %s %s: it was due at %s, more than %s ago", slot.kind, slot.period,
                         slot.at.isoformat(), CATCH_UP)
            continue
        job = deps.kodo.registry.job(slot.kind)
        posted = await (run_job(deps, slot, now, *job) if job else post(deps, slot, now))
        if any(o.status == "sent" for o in posted):  # the run that posted it, not the retries after
            deps.meter.late(slot.kind, (now - slot.at).total_seconds())
        outcomes += posted
    return outcomes + await forget_old_words(deps, now)


async def forget_old_words(deps: Deps, now: datetime) -> list[Outcome]:
    """KODO_RETENTION_DAYS: once a night (the first run after 03:00), reasons older than that many
    days are blanked. The day's claim makes it happen on exactly one replica."""
    days, tz = deps.kodo.settings.retention_days, deps.kodo.tz
    local = now.astimezone(tz)
    if not days or local.time() < RETENTION_TIME:
        return []
    key = replace(RETENTION, period=local.date().isoformat())
    if not await deps.claims.claim(key, deps.replica, now):
        return []
    try:
        blanked = await deps.kodo.stores.kudos.blank_reasons(now - timedelta(days=days))
        blanked += await deps.kodo.stores.blank_words(now - timedelta(days=days))
    except Exception:  # noqa: BLE001 - the next run tries again
        log.warning("blanking reasons older than %d days failed; a later run retries", days, exc_info=True)
        await deps.claims.release(key)
        return [Outcome(key, "failed")]
    await deps.claims.sent(key, str(blanked), now)
    log.info("retention: blanked the reasons of %d kudos older than %d days", blanked, days)
    return [Outcome(key, "sent")]


async def post(deps: Deps, slot: Slot, now: datetime) -> list[Outcome]:
    """One slot to every subscribed channel, concurrently: a slow or failing channel holds up no other.
    What is posted is made by the feature that schedules the kind, once for all the channels that may
    read the same (``Feature.kinds``, ``Kind.post``)."""
    kodo = deps.kodo
    subs = await kodo.stores.subscriptions.subscriptions(slot.kind)
    known = {(s.platform, s.channel) for s in subs}
    subs += [s for s in deps.extra if s.kind == slot.kind and (s.platform, s.channel) not in known]
    feature, kind = kodo.registry.owner(slot.kind)
    made = kind.post(kodo.parts(feature), slot)
    return list(await asyncio.gather(*(_deliver(deps, slot, sub, now, made) for sub in subs)))


async def run_job(deps: Deps, slot: Slot, now: datetime, feature, job) -> list[Outcome]:
    """A feature's scheduled job (``Feature.jobs``): it decides what to send to whom; each delivery
    is claimed like a post, keyed by the person, so it goes once across every replica."""
    return await job.run(deps.kodo.parts(feature), _Direct(deps, slot, now), slot)


class _Direct(Sender):
    """``bot.feature.Sender``: a private message to one person, once per job and period."""

    def __init__(self, deps: Deps, slot: Slot, now: datetime):
        self.deps, self.slot, self.now = deps, slot, now

    async def direct(self, place: Place, user: str, make: Callable[[str], Reply]) -> Outcome:
        deps = self.deps
        key = PostKey(place.platform, f"{user}@{place.workspace or '-'}"[:256], self.slot.kind, self.slot.period)
        if place.platform not in deps.messengers:
            return Outcome(key, "no-platform")
        messenger = await messenger_for(deps, place)
        if messenger is None:
            return Outcome(key, "not-installed")

        async def send() -> str:
            hint = getattr(messenger, "locale", None)  # what the platform says of the person's language
            lang = await deps.kodo.lang_of(place.platform, user, await hint(user) if hint else None)
            dm = getattr(messenger, "dm", None)  # a platform whose direct messages are no channel (Teams)
            return await (dm(user, make(lang), lang) if dm else messenger.post(user, make(lang), lang))
        return await _once(deps, key, self.now, send, place)

    async def admins(self, place: Place) -> list[str]:
        messenger = await messenger_for(self.deps, place) if place.platform in self.deps.messengers else None
        listing = getattr(messenger, "admins", None)  # a platform that can list its admins (Slack)
        if listing is None:
            return []
        try:
            return list(await listing())
        except Exception:  # noqa: BLE001 - KODO_ADMINS still hear of it; the next run asks again
            log.warning("could not list the admins of %s %s", place.platform, place.workspace, exc_info=True)
            return []


async def messenger_for(deps: Deps, place: Place) -> Messenger | None:
    """The messenger that posts to ``place``: the platform's own, or, where a platform serves many
    workspaces (Slack distribution), that of the installation reaching ``place``; None when there is
    none (the platform is off, or Kodo is not installed in that workspace any more)."""
    messenger = deps.messengers.get(place.platform)
    route = getattr(messenger, "to", None)
    return await route(place) if route is not None else messenger


async def _deliver(deps: Deps, slot: Slot, sub: Subscription, now: datetime, made: Poster) -> Outcome:
    key = PostKey(sub.platform, sub.channel, slot.kind, slot.period)
    if sub.platform not in deps.messengers:
        return Outcome(key, "no-platform")
    messenger = await messenger_for(deps, sub.place)
    if messenger is None:
        log.info("not posting %s %s to %s %s: Kodo is not installed in its workspace", slot.kind, slot.period,
                 sub.platform, sub.channel)
        return Outcome(key, "not-installed")
    return await _once(deps, key, now, lambda: _post(messenger, sub, made), sub.place)


async def _post(messenger: Messenger, sub: Subscription, made: Poster) -> str:
    return await messenger.post(sub.channel, await made.reply(sub, messenger), sub.locale)


async def _once(deps: Deps, key: PostKey, now: datetime, send: Callable[[], Awaitable[str]],
                place: Place | None = None) -> Outcome:
    """Claim, send, record: the one way anything scheduled leaves Kodo, exactly once. ``place``: the
    workspace it goes to, kept with the claim."""
    if not await deps.claims.claim(key, deps.replica, now, place):
        return Outcome(key, "taken")
    try:
        message_id = await send()
    except Exception:  # noqa: BLE001 - one channel's failure is logged and retried, never spread
        log.warning("posting %s %s to %s %s failed; a later run retries", key.kind, key.period, key.platform,
                    key.channel, exc_info=True)
        await deps.claims.release(key)
        deps.meter.posted(key.platform, key.kind, False)
        return Outcome(key, "failed")
    await deps.claims.sent(key, message_id or "", now)
    deps.meter.posted(key.platform, key.kind, True)
    return Outcome(key, "sent")
