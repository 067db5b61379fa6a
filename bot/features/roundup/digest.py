"""The weekly roundup, as data (counts, stories, the least-practised principle) and as a reply."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Callable

from content.model import Pack

from bot.dates import long_day, short_day, week_name
from bot.features.roundup.store import RoundupStore
from bot.howto import how
from bot.i18n import t
from bot.kpi import KpiSource, Scope, week_of
from bot.ports import TOMBSTONE_PREFIX, Episode, Place
from bot.replies import MENTION, Bullets, Heading, Paragraph, Reply, Typed, joined, mention

FEATURED = 3
TOP = 5
DETAILED_REASON = 20  # characters from which a reason counts as "told in detail" (not "case", not "thanks")


# ---- weekly roundup -------------------------------------------------------------------------

class WeekNotStarted(ValueError):
    """A roundup was asked for a week still to come: it has no kudos and no "so far"."""

    def __init__(self, monday: date):
        super().__init__(f"week {week_name(monday)} has not started yet (it begins on Monday {monday.isoformat()})")
        self.monday = monday


def week_bounds(now: datetime, tz: tzinfo, monday: date | None = None) -> tuple[datetime, datetime]:
    """Monday 00:00 of the week (``monday``, else this one) up to now, or to the week's end if past.
    Raises ``WeekNotStarted`` for a week after this one."""
    local = now.astimezone(tz)
    monday = monday or (local.date() - timedelta(days=local.weekday()))
    start = datetime.combine(monday, time(0), tz)
    if start > now:
        raise WeekNotStarted(monday)
    return start, min(datetime.combine(monday + timedelta(days=7), time(0), tz), now)


def running(start: datetime, now: datetime) -> bool:
    """The week beginning at ``start`` is this week: a roundup of it reads 今週; any other week is
    named by its dates."""
    return start <= now < start + timedelta(days=7)


@dataclass(frozen=True)
class Featured:
    episode: Episode
    why: str | None  # message key + values, rendered per language; None: featured for no special reason
    why_values: dict


@dataclass(frozen=True)
class Counts:
    """A roundup's numbers: the same for every audience in its workspace."""

    per_principle: dict[int, int]
    total: int
    last_week_total: int
    top_receivers: list[tuple[str, int]]  # opted-out and forgotten people already removed


@dataclass(frozen=True)
class Roundup:
    start: datetime
    end: datetime
    counts: Counts
    featured: list[Featured]
    least: int  # the least-practised principle
    hidden: frozenset[str] = frozenset()  # people mentioned in the featured reasons who must not be named


async def week_counts(kpis: KpiSource, store: RoundupStore, pack: Pack, scope: Scope, start: datetime,
                      end: datetime, ranked: bool = True) -> Counts:
    """The week so far (``start``: Monday 00:00 in KODO_TIMEZONE) and last week in full, in ``scope``
    (a platform, a workspace: ``Scope.counted_for`` the roundup's audience), counted by the KPI
    source behind the dashboard and ``/api/kpi`` (standing kudos of this content pack), so a
    roundup and the dashboard never disagree. Who received most is the store's, and is not even
    asked where the organisation ranks nobody (``ranked``: KODO_RANKING)."""
    monday, tz = start.date(), start.tzinfo
    this, last = replace(week_of(monday, tz), end=end), week_of(monday - timedelta(days=7), tz)
    counting = kpis.per_principle([this, last], scope, pack.size)
    if ranked:
        (now, before), tops = await asyncio.gather(counting, store.top_receivers(scope, pack.id, start, end, TOP))
    else:
        (now, before), tops = await counting, []
    return Counts(now, sum(now.values()), sum(before.values()), tops)


async def build_roundup(store: RoundupStore, kpis: KpiSource, pack: Pack, scope: Scope, start: datetime,
                        end: datetime, audience: Place | None = None, counted: Counts | None = None,
                        ranked: bool = True) -> Roundup:
    """Counts for all of ``scope`` (``counted``, when already made for another audience of it);
    stories only those the ``audience`` may read (``None``: the operator at the command line, who
    may read everything)."""
    counts = counted or await week_counts(kpis, store, pack, scope, start, end, ranked)
    candidates = await store.episodes(scope, start, end, 20, audience, pack=pack.id)
    per = {n: counts.per_principle.get(n, 0) for n in range(1, pack.size + 1)}
    least = min(per, key=lambda n: (per[n], n))
    featured = _feature(candidates, per)
    named = {m.group(1) for f in featured for m in MENTION.finditer(f.episode.reason)}
    hidden = {who for who in named if who.startswith(TOMBSTONE_PREFIX)}
    hidden |= await store.hidden_people(scope.platform, named - hidden) if named - hidden else set()
    return Roundup(start, end, counts, featured, least, frozenset(hidden))


def shown_reason(reason: str, hidden: frozenset[str], lang: str) -> Typed:
    """A reason in a later post: mentions never notify, and people who left the rankings or asked to
    be forgotten read as "someone"."""
    return Typed(MENTION.sub(lambda m: t("someone", lang) if m.group(1) in hidden else m.group(0), reason))


def _feature(candidates: list[Episode], counts: dict[int, int]) -> list[Featured]:
    """Up to three stories, each a different principle where possible: the most recognised message
    first, then rare principles, then the best-told reasons (the store hands them over best first)."""
    chosen: list[Featured] = []
    rare = min(counts.values()) if counts else 0
    for ep in sorted(candidates, key=lambda e: (-(e.givers > 1), counts.get(e.principle, 0), -len(e.reason))):
        if len(chosen) == FEATURED:
            break
        if any(c.episode.principle == ep.principle for c in chosen) and len(candidates) > FEATURED:
            continue
        if ep.givers > 1:
            chosen.append(Featured(ep, "roundup.why.many", {"count": ep.givers}))
        elif counts.get(ep.principle, 0) <= max(rare, 1) and not any(c.why == "roundup.why.rare" for c in chosen):
            chosen.append(Featured(ep, "roundup.why.rare", {"number": ep.principle}))  # said once: a label, not a refrain
        elif len(ep.reason) >= DETAILED_REASON:
            chosen.append(Featured(ep, "roundup.why.reason", {}))
        else:
            chosen.append(Featured(ep, None, {}))
    return chosen


def _summary(r: Roundup, lang: str) -> str:
    """The week's total and how it compares with the week before, as sentences that read right for
    0 and 1 (no "+9 on last week (0 then)")."""
    total, last = r.counts.total, r.counts.last_week_total
    parts = [t("roundup.total.one", lang) if total == 1 else t("roundup.total", lang, total=total)]
    if last == 0:
        parts.append(t("roundup.change.first", lang))
    elif total == last:
        parts.append(t("roundup.change.same", lang))
    else:
        key = "roundup.change.up" if total > last else "roundup.change.down"
        parts.append(t(key, lang, delta=abs(total - last), last=last))
    return ("" if lang == "ja" else " ").join(parts)


def counted(count: int, lang: str) -> str:
    """How often a principle was recognised, right with 0 and 1 ("0件", "not recognised at all")."""
    return t({0: "roundup.counted.zero", 1: "roundup.counted.one"}.get(count, "roundup.counted"), lang, count=count)


def roundup_reply(pack: Pack, r: Roundup, lang: str, tz: tzinfo,
                  link: Callable[[Episode], str | None] = lambda ep: None, platform: str | None = None,
                  current: bool = True) -> Reply:
    """``current``: the week is still running (the scheduler's Friday post, ``kodo roundup``);
    otherwise it is a past week and is named by its dates, never 今週."""
    h = how(platform, lang)
    first = r.start.astimezone(tz).date()
    last_day = max(first, (r.end - timedelta(microseconds=1)).astimezone(tz).date())  # read at Monday 00:00
    title = (t("roundup.title", lang, start=short_day(first, lang), end=short_day(last_day, lang)) if current
             else t("roundup.title.past", lang, start=long_day(first, lang)))
    blocks: list = [Heading(title)]
    if r.counts.total == 0:
        blocks.append(Paragraph(t("roundup.empty", lang, recognise=h.recognise_any()) if current
                                else t("roundup.empty.past", lang)))
    else:
        blocks.append(Paragraph(_summary(r, lang)))
        blocks.append(Bullets(t("roundup.per_principle", lang), tuple(
            t("roundup.count", lang, badge=h.badge(pack.emoji_for(p.number)), number=p.number, title=p.title,
              count=r.counts.per_principle.get(p.number, 0)) for p in pack.principles[lang])))
        if r.counts.top_receivers:
            blocks.append(Bullets(t("roundup.top", lang), tuple(
                t("roundup.top_line", lang, who=mention(who), count=count) for who, count in r.counts.top_receivers)))
        if r.featured:
            items = []
            for f in r.featured:
                ep = f.episode
                words = dict(giver=mention(ep.giver), receiver=mention(ep.receiver), number=ep.principle,
                             reason=shown_reason(ep.reason, r.hidden, lang))
                line = (t("roundup.episode", lang, **words, why=t(f.why, lang, **f.why_values)) if f.why
                        else t("roundup.episode.plain", lang, **words))
                if url := link(ep):
                    line = joined(line, "\n" + t("roundup.link", lang, link=url))
                items.append(line)
            blocks.append(Bullets(t("roundup.episodes", lang), tuple(items)))
    p = pack.principle(r.least, lang)
    blocks.append(Bullets(t("roundup.least", lang), (
        t("roundup.invite", lang, badge=h.badge(pack.emoji_for(p.number)), number=p.number, title=p.title,
          counted=counted(r.counts.per_principle.get(p.number, 0), lang),
          recognise=h.recognise(p.number, pack.emoji_for(p.number))),)))
    return Reply(tuple(blocks))
