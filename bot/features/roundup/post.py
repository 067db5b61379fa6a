"""The roundup as the scheduler posts it (Friday, or the last working day before it) and as a person
or the command line asks for it."""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import date, datetime, time
from typing import Callable

from bot.dates import parse_week
from bot.feature import Parts, audience
from bot.features.roundup.digest import Roundup, build_roundup, roundup_reply, running, week_counts
from bot.kpi import Scope
from bot.ports import Episode, Messenger, Place, Subscription
from bot.replies import Reply
from bot.schedule import FRIDAY, Slot, working_day_by


def roundup_day(day: date, closed: frozenset[date] = frozenset()) -> date | None:
    """The week's roundup day: its Friday, or the last working day before it in the same week; None
    when the whole week is closed."""
    return working_day_by(day, FRIDAY, closed)


async def show(parts: Parts, platform: str | None, lang: str, start: datetime, end: datetime,
               link: Callable[[Episode], str | None] = lambda ep: None, audience: Place | None = None) -> Reply:
    """The week's roundup as ``audience`` may read it (see ``digest.build_roundup``): the counts of
    its workspace (``Scope.counted_for``), else of ``platform`` (None: everything)."""
    scope = Scope.counted_for(audience) if audience else Scope(platform=platform)
    data = await invited(parts, await build_roundup(parts.store, parts.kpis, parts.pack, scope, start, end,
                                                    audience, ranked=parts.settings.ranking), scope)
    reply = roundup_reply(parts.pack, data, lang, parts.tz, link, platform, running(start, parts.clock.now()))
    return await added(parts, reply, audience, platform, start, lang)


async def invited(parts: Parts, data: Roundup, scope: Scope) -> Roundup:
    """The principle the roundup invites people to: one a feature names (``Feature.invite``: the
    principle people know from the quiz but did not practise this week), else the least-practised."""
    for feature, theirs in parts.features():
        if feature.invite:
            chosen = await feature.invite(theirs, scope, data.start, data.end, data.counts.per_principle)
            if chosen is not None:
                return replace(data, least=chosen)
    return data


async def added(parts: Parts, reply: Reply, audience: Place | None, platform: str | None, start: datetime,
                lang: str) -> Reply:
    """The roundup with what other features add to it (``Feature.roundup``: last week's survey, …)."""
    blocks: tuple = ()
    for feature, theirs in parts.features():
        if feature.roundup:
            blocks += tuple(await feature.roundup(theirs, audience, platform, start, lang))
    return Reply(reply.blocks + blocks) if blocks else reply


class RoundupPost:
    """One slot's roundups, each part made once: the numbers per workspace, the stories per audience
    (a person's words go only where the contract allows), the words per language. Channels whose own
    conversation holds no story this week share the stories of their kind of audience (say, every
    public channel of a workspace): one query, not one per channel."""

    def __init__(self, parts: Parts, slot: Slot):
        self.parts, self.slot = parts, slot
        self._made: dict[tuple, asyncio.Future] = {}

    def _once(self, key: tuple, make) -> asyncio.Future:
        if key not in self._made:
            self._made[key] = asyncio.ensure_future(make())
        return self._made[key]

    async def reply(self, sub: Subscription, messenger: Messenger) -> Reply:
        parts, slot, platform = self.parts, self.slot, sub.platform
        monday = datetime.combine(parse_week(slot.period), time(0), parts.tz)
        store = parts.store
        place = await audience(sub, messenger)
        scope = Scope.counted_for(place)  # a workspace's roundup counts that workspace alone
        counted = self._once(("counts", scope), lambda: week_counts(parts.kpis, store, parts.pack, scope, monday,
                                                                    slot.at, parts.settings.ranking))
        told = self._once(("told", scope), lambda: store.conversations_with_reasons(scope, monday, slot.at))
        links = getattr(messenger, "links", None)  # optional: a platform that can link to messages
        linked = self._once(("links", scope), links or _no_links)
        if place.conversation not in await told:
            place = replace(place, conversation=None)  # nothing said here: the same as its kind's

        async def stories():
            return await build_roundup(store, parts.kpis, parts.pack, scope, monday, slot.at, place,
                                       await counted)
        data = await invited(parts, await self._once(("stories", scope, place), stories), scope)
        reply = roundup_reply(parts.pack, data, sub.locale, parts.tz, await linked, platform,
                              running(monday, parts.clock.now()))  # a past week (--week): named by its dates
        return await added(parts, reply, place, platform, monday, sub.locale)


async def _no_links():
    """For a platform that cannot link to messages: stories go without links."""
    return lambda episode: None
