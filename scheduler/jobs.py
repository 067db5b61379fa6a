"""What the scheduler does, as pure async functions of (dependencies, now).

``run(deps, now)`` posts every tip and roundup that is due at ``now`` and not yet sent: a slot is
due from its scheduled time for ``CATCH_UP`` (3 hours). The same function serves the 09:00 trigger,
the catch-up run at start, the periodic retry, and ``kodo tip --post``; the database claim makes
every one of them safe to repeat. No clock is read here: tests pass ``now``.
"""

from __future__ import annotations

import asyncio
import logging
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from bot import calendar
from bot.app import Kodo
from bot.digest import parse_week, week_name
from bot.ports import Messenger, Subscription
from bot.replies import Reply
from storage.claims import ClaimStore, PostKey

log = logging.getLogger(__name__)
CATCH_UP = timedelta(hours=3)
ROUNDUP_WEEKDAY = 4  # Friday


@dataclass(frozen=True)
class Slot:
    kind: str  # "tips" | "roundup"
    period: str  # 2026-11-24 | 2026-W48
    at: datetime  # when it was scheduled


@dataclass
class Deps:
    kodo: Kodo
    claims: ClaimStore
    messengers: dict[str, Messenger]
    extra: list[Subscription] = field(default_factory=list)  # KODO_TIP_CHANNELS / KODO_ROUNDUP_CHANNELS
    replica: str = field(default_factory=lambda: uuid.uuid4().hex[:12])


@dataclass(frozen=True)
class Outcome:
    key: PostKey
    status: str  # sent | taken (another run has it) | failed | no-platform


# ---- when ------------------------------------------------------------------------------------

def roundup_day(day: date) -> date | None:
    """The week's roundup day: its Friday, or the last working day before it if Friday is a holiday."""
    friday = day - timedelta(days=day.weekday() - ROUNDUP_WEEKDAY)
    monday = friday - timedelta(days=ROUNDUP_WEEKDAY)
    candidate = friday
    while candidate >= monday:
        if calendar.is_working_day(candidate):
            return candidate
        candidate -= timedelta(days=1)
    return None


def slots(deps: Deps, now: datetime) -> list[Slot]:
    """Every slot scheduled in the last day up to ``now`` (catch-up decides which are still postable)."""
    settings, tz = deps.kodo.settings, deps.kodo.tz
    local = now.astimezone(tz)
    found = []
    for day in (local.date() - timedelta(days=1), local.date()):
        at = datetime.combine(day, settings.tip_time, tz)
        if calendar.is_working_day(day) and at <= now:
            found.append(Slot("tips", day.isoformat(), at))
        at = datetime.combine(day, settings.roundup_time, tz)
        if roundup_day(day) == day and at <= now:
            found.append(Slot("roundup", week_name(day), at))
    return found


# ---- what ------------------------------------------------------------------------------------

async def content(deps: Deps, slot: Slot, sub: Subscription, messenger: Messenger) -> Reply:
    kodo = deps.kodo
    if slot.kind == "tips":
        reply = kodo.tip(date.fromisoformat(slot.period), sub.locale, sub.platform)
        assert reply is not None, "tip slots exist only on working days"
        return reply
    monday = datetime.combine(parse_week(slot.period), time(0), kodo.tz)
    links = getattr(messenger, "links", None)  # optional: a platform that can link to messages
    link = await links() if links else (lambda episode: None)
    return await kodo.roundup(sub.platform, sub.locale, monday, slot.at, link)


# ---- how -------------------------------------------------------------------------------------

async def run(deps: Deps, now: datetime, *, catching_up: bool = False) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for slot in slots(deps, now):
        if now - slot.at > CATCH_UP:
            if catching_up:
                log.info("not posting %s %s: it was due at %s, more than %s ago", slot.kind, slot.period,
                         slot.at.isoformat(), CATCH_UP)
            continue
        outcomes += await post(deps, slot, now)
    return outcomes


async def post(deps: Deps, slot: Slot, now: datetime) -> list[Outcome]:
    """One slot to every subscribed channel, concurrently: a slow or failing channel holds up no other.
    The content is made once per platform and language, however many channels share it."""
    subs = await deps.kodo.store.subscriptions(slot.kind)
    known = {(s.platform, s.channel) for s in subs}
    subs += [s for s in deps.extra if s.kind == slot.kind and (s.platform, s.channel) not in known]
    made: dict[tuple[str, str], asyncio.Future] = {}

    def made_for(sub: Subscription, messenger: Messenger) -> asyncio.Future:
        if (sub.platform, sub.locale) not in made:
            made[sub.platform, sub.locale] = asyncio.ensure_future(content(deps, slot, sub, messenger))
        return made[sub.platform, sub.locale]

    return list(await asyncio.gather(*(_deliver(deps, slot, sub, now, made_for) for sub in subs)))


async def _deliver(deps: Deps, slot: Slot, sub: Subscription, now: datetime, made_for) -> Outcome:
    key = PostKey(sub.platform, sub.channel, slot.kind, slot.period)
    messenger = deps.messengers.get(sub.platform)
    if messenger is None:
        return Outcome(key, "no-platform")
    if not await deps.claims.claim(key, deps.replica, now):
        return Outcome(key, "taken")
    try:
        message_id = await messenger.post(sub.channel, await made_for(sub, messenger), sub.locale)
    except Exception:  # noqa: BLE001 - one channel's failure is logged and retried, never spread
        log.warning("posting %s %s to %s %s failed; a later run retries", slot.kind, slot.period, sub.platform,
                    sub.channel, exc_info=True)
        await deps.claims.release(key)
        return Outcome(key, "failed")
    await deps.claims.sent(key, message_id or "", now)
    return Outcome(key, "sent")
