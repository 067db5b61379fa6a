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
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta

from bot import calendar, digest
from bot.app import Kodo
from bot.dates import parse_week, week_name
from bot.digest import week_counts
from bot.ports import Messenger, Meter, Place, Subscription, Unmetered
from bot.replies import Reply
from storage.claims import ClaimStore, PostKey

log = logging.getLogger(__name__)
CATCH_UP = timedelta(hours=3)
ROUNDUP_WEEKDAY = 4  # Friday
RETENTION_TIME = time(3, 0)  # nightly, local time: old words are blanked once a day
RETENTION = PostKey("kodo", "-", "retention", "")  # the claim's key; the period is the day


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
    meter: Meter = field(default_factory=Unmetered)  # posts sent and failed, and how late


@dataclass(frozen=True)
class Outcome:
    key: PostKey
    status: str  # sent | taken (another run has it) | failed | no-platform


# ---- when ------------------------------------------------------------------------------------

def roundup_day(day: date, closed: frozenset[date] = calendar.NO_CLOSED_DAYS) -> date | None:
    """The week's roundup day: its Friday, or, when Friday is not a working day, the last working day
    before it in the same week (the week is summed up before people leave, not after they return);
    None when the whole week is closed."""
    friday = day - timedelta(days=day.weekday() - ROUNDUP_WEEKDAY)
    candidate = calendar.last_working_day_on_or_before(friday, closed)
    return candidate if (friday - candidate).days < ROUNDUP_WEEKDAY + 1 else None


def slots(deps: Deps, now: datetime) -> list[Slot]:
    """Every slot scheduled in the last day up to ``now`` (catch-up decides which are still postable)."""
    settings, tz = deps.kodo.settings, deps.kodo.tz
    local = now.astimezone(tz)
    found = []
    for day in (local.date() - timedelta(days=1), local.date()):
        at = datetime.combine(day, settings.tip_time, tz)
        if calendar.is_working_day(day, settings.closed_days) and at <= now:
            found.append(Slot("tips", day.isoformat(), at))
        at = datetime.combine(day, settings.roundup_time, tz)
        if roundup_day(day, settings.closed_days) == day and at <= now:
            found.append(Slot("roundup", week_name(day), at))
    return found


# ---- what ------------------------------------------------------------------------------------

async def audience(sub: Subscription, messenger: Messenger) -> Place:
    """Who reads the channel: asked of the platform now where it can tell (Slack's
    conversations.info), else as known when the channel subscribed."""
    ask = getattr(messenger, "audience", None)  # optional: a platform that can look a channel up
    return await ask(sub.channel) if ask else sub.place


class Content:
    """One slot's posts, each made once: a tip per platform and language; a roundup's numbers per
    platform, its stories per audience (a person's words go only where the contract allows), its
    words per language. Channels whose own conversation holds no story this week share the
    stories of their kind of audience (say, every public channel of a workspace): one query, not
    one per channel."""

    def __init__(self, deps: Deps, slot: Slot):
        self.deps, self.slot = deps, slot
        self._made: dict[tuple, asyncio.Future] = {}

    def _once(self, key: tuple, make) -> asyncio.Future:
        if key not in self._made:
            self._made[key] = asyncio.ensure_future(make())
        return self._made[key]

    async def reply(self, sub: Subscription, messenger: Messenger) -> Reply:
        kodo, slot = self.deps.kodo, self.slot
        if slot.kind == "tips":
            reply = kodo.tip(date.fromisoformat(slot.period), sub.locale, sub.platform)
            assert reply is not None, "tip slots exist only on working days"
            return reply
        monday = datetime.combine(parse_week(slot.period), time(0), kodo.tz)
        store, platform = kodo.store, sub.platform
        counted = self._once(("counts", platform),
                             lambda: week_counts(kodo.kpis, store, kodo.pack, platform, monday, slot.at,
                                                 kodo.settings.ranking))
        told = self._once(("told", platform), lambda: store.conversations_with_reasons(platform, monday, slot.at))
        links = getattr(messenger, "links", None)  # optional: a platform that can link to messages
        linked = self._once(("links", platform), links or _no_links)
        place = await audience(sub, messenger)
        if place.conversation not in await told:
            place = replace(place, conversation=None)  # nothing said here: the same as its kind's

        async def stories():
            return await digest.build_roundup(store, kodo.kpis, kodo.pack, platform, monday, slot.at, place,
                                              await counted)
        data = await self._once(("stories", platform, place), stories)
        return digest.roundup_reply(kodo.pack, data, sub.locale, kodo.tz, await linked, platform,
                                    digest.running(monday, kodo.clock.now()))  # a past week (--week): its dates


async def _no_links():
    """For a platform that cannot link to messages: stories go without links."""
    return lambda episode: None


# ---- how -------------------------------------------------------------------------------------

async def run(deps: Deps, now: datetime, *, catching_up: bool = False) -> list[Outcome]:
    outcomes: list[Outcome] = []
    for slot in slots(deps, now):
        if now - slot.at > CATCH_UP:
            if catching_up:
                log.info("not posting %s %s: it was due at %s, more than %s ago", slot.kind, slot.period,
                         slot.at.isoformat(), CATCH_UP)
            continue
        posted = await post(deps, slot, now)
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
        blanked = await deps.kodo.store.blank_reasons(now - timedelta(days=days))
    except Exception:  # noqa: BLE001 - the next run tries again
        log.warning("blanking reasons older than %d days failed; a later run retries", days, exc_info=True)
        await deps.claims.release(key)
        return [Outcome(key, "failed")]
    await deps.claims.sent(key, str(blanked), now)
    log.info("retention: blanked the reasons of %d kudos older than %d days", blanked, days)
    return [Outcome(key, "sent")]


async def post(deps: Deps, slot: Slot, now: datetime) -> list[Outcome]:
    """One slot to every subscribed channel, concurrently: a slow or failing channel holds up no other.
    What is posted is made once for all the channels that may read the same (``Content``)."""
    subs = await deps.kodo.store.subscriptions(slot.kind)
    known = {(s.platform, s.channel) for s in subs}
    subs += [s for s in deps.extra if s.kind == slot.kind and (s.platform, s.channel) not in known]
    made = Content(deps, slot)
    return list(await asyncio.gather(*(_deliver(deps, slot, sub, now, made) for sub in subs)))


async def _deliver(deps: Deps, slot: Slot, sub: Subscription, now: datetime, made: Content) -> Outcome:
    key = PostKey(sub.platform, sub.channel, slot.kind, slot.period)
    messenger = deps.messengers.get(sub.platform)
    if messenger is None:
        return Outcome(key, "no-platform")
    if not await deps.claims.claim(key, deps.replica, now):
        return Outcome(key, "taken")
    try:
        message_id = await messenger.post(sub.channel, await made.reply(sub, messenger), sub.locale)
    except Exception:  # noqa: BLE001 - one channel's failure is logged and retried, never spread
        log.warning("posting %s %s to %s %s failed; a later run retries", slot.kind, slot.period, sub.platform,
                    sub.channel, exc_info=True)
        await deps.claims.release(key)
        deps.meter.posted(sub.platform, slot.kind, False)
        return Outcome(key, "failed")
    await deps.claims.sent(key, message_id or "", now)
    deps.meter.posted(sub.platform, slot.kind, True)
    return Outcome(key, "sent")
