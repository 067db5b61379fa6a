"""The KPIs of 見える化: what they mean, which groups may be shown, and how they are written out.

The numbers are asked of storage once (``KpiSource``, implemented by ``storage.kpi.SqlKpi``); the
dashboard, ``/api/kpi`` and ``kodo kpi`` only format the ``Kpis`` built here, and the weekly
roundup asks the same source for its counts (``bot.features.roundup.digest.week_counts``), so the
page, the open data and the roundup can never disagree. Weeks are ISO weeks in ``KODO_TIMEZONE``: Monday 00:00
local time.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Awaitable, Callable, Iterable, Protocol

from content.model import Pack

from bot.breakdown import shown_groups
from bot.dates import week_name
from bot.ports import Place

DEFAULT_WEEKS = 12
MAX_WEEKS = 104
# A breakdown finer than everything Kodo counts: the filter's column in storage, coarsest first
# (``organisation``: a Slack Enterprise Grid, all of its workspaces as one).
BREAKDOWNS = ("platform", "organisation", "workspace", "channel")
PICKED = ("organisation", "workspace", "channel")  # picked from what there is (platforms are few and fixed)


@dataclass(frozen=True)
class Scope:
    """The filters of a request; all ``None`` is everything (``storage.privacy.counted_in``)."""

    platform: str | None = None
    workspace: str | None = None
    channel: str | None = None
    organisation: str | None = None

    def filters(self) -> dict[str, str]:
        return {name: value for name in BREAKDOWNS if (value := getattr(self, name))}

    @classmethod
    def counted_for(cls, audience: Place) -> "Scope":
        """What a post's audience counts: the kudos of its own platform and workspace (one workspace's
        roundup never counts another's), or the whole platform where Kodo cannot tell the workspace."""
        return cls(platform=audience.platform, workspace=audience.workspace)


@dataclass(frozen=True)
class Week:
    name: str  # 2026-W48
    monday: date
    start: datetime  # Monday 00:00 in KODO_TIMEZONE (aware)
    end: datetime  # the next Monday 00:00


@dataclass(frozen=True)
class Numbers:
    """One week in one scope, standing kudos only. ``people`` (givers and receivers together) decides
    whether the week may be shown; it is never published."""

    kudos: int
    givers: int
    receivers: int
    people: int
    per_principle: dict[int, int]


@dataclass(frozen=True)
class WeekKpi:
    week: Week
    numbers: Numbers | None  # None: fewer than KODO_MIN_GROUP people in this breakdown, withheld
    tips_posted: int


@dataclass(frozen=True)
class Kpis:
    weeks: list[WeekKpi]  # oldest first
    size: int  # principles in the pack
    scope: Scope
    min_group: int
    generated_at: datetime
    figures: tuple["Figures", ...] = ()  # the features' own (``Feature.figures``), in the registry's order

    @property
    def principles(self) -> dict[int, int]:
        """Kudos per principle over the requested weeks (the shown ones: a withheld week must not be
        recoverable as the total minus the weeks shown)."""
        totals = {n: 0 for n in range(1, self.size + 1)}
        for w in self.weeks:
            if w.numbers:
                for n in totals:
                    totals[n] += w.numbers.per_principle.get(n, 0)
        return totals

    @property
    def uncovered(self) -> list[int]:
        """Principles nobody was recognised for in the requested weeks."""
        return [n for n, count in self.principles.items() if count == 0]

    @property
    def least(self) -> int:
        """The least-practised principle (the lower number on a tie), the one to invite people to."""
        totals = self.principles
        return min(totals, key=lambda n: (totals[n], n))

    @property
    def invite(self) -> int:
        """The principle the page invites people to: one a feature names (the learning funnel's
        known-but-not-practised principle), else the least-practised one."""
        return next((f.invite for f in self.figures if f.invite is not None), self.least)

    @property
    def withheld(self) -> int:
        return sum(1 for w in self.weeks if w.numbers is None)


@dataclass(frozen=True)
class PersonKudos:
    """What one person gave and received, per principle (``/kodo me``): counted as every other
    number here, so it never shows one pack's counts under another pack's titles."""

    given: dict[int, int]
    received: dict[int, int]


@dataclass(frozen=True)
class Ask:
    """What a feature is asked for its own figures (``Feature.figures``): the same request as the
    kudos numbers, and the reader's language for the words that go with them."""

    weeks: list[Week]  # oldest first, the current week last
    scope: Scope
    min_group: int
    now: datetime
    lang: str


@dataclass(frozen=True)
class Chart:
    """A feature's numbers as the dashboard draws them: one bar per row, and every number in a table
    as well. ``value`` None is withheld (fewer than ``KODO_MIN_GROUP`` people): the row reads
    "fewer than N" and draws no bar."""

    id: str  # the section's anchor on the page
    title: str
    lines: tuple[str, ...]  # what the numbers are, above the chart
    caption: str  # the table's caption, and the chart's description
    columns: tuple[str, str]  # headings: what a row is, what its number counts
    rows: tuple[tuple, ...]  # (label, value: int | None, *more: the words of the ``more`` columns)
    notes: tuple[str, ...] = ()  # below the table (an average, what is withheld and why)
    more: tuple[str, ...] = ()  # headings of further table columns, beside the charted one


@dataclass(frozen=True)
class Figures:
    """One feature's figures, computed once from its store (``Feature.figures``): ``json`` goes into
    ``/api/kpi`` and ``kodo kpi`` beside ``weeks`` (its keys are the feature's own: ``survey``,
    ``survey_open``), ``charts`` are the feature's sections of the dashboard, in ``Ask.lang``."""

    json: dict
    charts: tuple[Chart, ...] = ()
    invite: int | None = None  # the principle to invite people to, instead of the least-practised one


class KpiSource(Protocol):
    async def person(self, platform: str, user: str) -> PersonKudos: ...
    async def numbers(self, weeks: list[Week], scope: Scope, size: int) -> list[Numbers]: ...
    async def per_principle(self, weeks: list[Week], scope: Scope, size: int) -> list[dict[int, int]]: ...
    async def people_by(self, week: Week, column: str) -> dict[str | None, int]: ...
    async def people_outside(self, week: Week, column: str, shown: set[str]) -> int: ...
    async def tips_posted(self, weeks: list[Week], scope: Scope) -> list[int]: ...


def clamp_weeks(value: str | int | None) -> int:
    """``weeks`` from a request or a flag: 1–104, default 12. Raises ValueError with a readable message."""
    if value in (None, ""):
        return DEFAULT_WEEKS
    try:
        weeks = int(value)
    except (TypeError, ValueError):
        raise ValueError(f"weeks must be a whole number from 1 to {MAX_WEEKS}, not {value!r}") from None
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValueError(f"weeks must be from 1 to {MAX_WEEKS}, not {weeks}")
    return weeks


def weeks_until(now: datetime, tz: tzinfo, count: int) -> list[Week]:
    """The ``count`` ISO weeks ending with the current one, oldest first, bounded by local midnights
    (so a week is 167 or 169 hours long where the zone has summer time)."""
    today = now.astimezone(tz).date()
    this_monday = today - timedelta(days=today.weekday())
    return [week_of(this_monday - timedelta(weeks=k), tz) for k in range(count - 1, -1, -1)]


def week_of(monday: date, tz: tzinfo) -> Week:
    """The ISO week starting on ``monday``, from its local midnight to the next Monday's."""
    return Week(week_name(monday), monday, datetime.combine(monday, time(0), tz),
                datetime.combine(monday + timedelta(days=7), time(0), tz))


async def compute(source: KpiSource, pack: Pack, tz: tzinfo, now: datetime, weeks: int, scope: Scope,
                  min_group: int, features: Iterable[Callable[[Ask], Awaitable[Figures]]] = (),
                  lang: str = "ja") -> Kpis:
    """The kudos numbers, and each feature's own figures (``features``: ``Kodo.figures()``), for the
    same weeks and scope."""
    chosen = weeks_until(now, tz, weeks)
    ask = Ask(chosen, scope, min_group, now, lang)
    figures = tuple([await figures_of(ask) for figures_of in features])
    tips = await source.tips_posted(chosen, scope)
    rows = []
    for week, posted, numbers in zip(chosen, tips, await source.numbers(chosen, scope, pack.size)):
        # A week without a single kudos in the breakdown is shown as the zero it is: nobody is in it.
        if scope.filters() and numbers.kudos and not await _may_show(source, week, scope, numbers, min_group):
            numbers = None
        rows.append(WeekKpi(week, numbers, posted))
    return Kpis(rows, pack.size, scope, min_group, now, figures)


async def choices(source: KpiSource, now: datetime, tz: tzinfo, weeks: int, min_group: int) -> dict[str, list[str]]:
    """The workspaces and channels a reader may pick from, per column: those with kudos that the
    small-group rule shows in at least one of the weeks (``bot.breakdown.shown_groups``, as for the
    page itself). So no choice leads only to withheld weeks, and none names a group too small to show."""
    offered: dict[str, set[str]] = {column: set() for column in PICKED}
    for week in weeks_until(now, tz, weeks):
        for column, shown in offered.items():
            groups = await source.people_by(week, column)
            shown |= await shown_groups(groups, lambda kept, w=week, c=column: source.people_outside(w, c, kept),
                                        min_group)
    return {column: sorted(shown) for column, shown in offered.items()}


async def _may_show(source: KpiSource, week: Week, scope: Scope, numbers: Numbers, min_group: int) -> bool:
    """A breakdown's week is shown only with at least ``min_group`` people in it, and only if every
    filtered group survives suppression across all its siblings (``bot.breakdown.shown_groups``)."""
    if numbers.people < min_group:
        return False
    for column, value in scope.filters().items():
        groups = await source.people_by(week, column)
        shown = await shown_groups(groups, lambda kept, c=column: source.people_outside(week, c, kept), min_group)
        if value not in shown:
            return False
    return True


# ---- formats ---------------------------------------------------------------------------------

def to_json(k: Kpis, pack: Pack, lang: str) -> dict:
    """The contract's JSON: weeks oldest first, every week present, ``per_principle`` keys "1".."N".
    A withheld week keeps its name and dates, with null numbers and ``"withheld": true``."""
    weeks = []
    for w in k.weeks:
        n = w.numbers
        weeks.append({
            "week": w.week.name, "start": w.week.monday.isoformat(),
            "kudos": n.kudos if n else None, "givers": n.givers if n else None,
            "receivers": n.receivers if n else None, "tips_posted": w.tips_posted,
            "per_principle": {str(p): n.per_principle.get(p, 0) for p in range(1, k.size + 1)} if n else None,
            **({} if n else {"withheld": True}),
        })
    return {
        "weeks": weeks,
        "principles": [{"number": p, "title": pack.principle(p, lang).title, "kudos": count}
                       for p, count in k.principles.items()],
        "uncovered": k.uncovered,
        "filters": k.scope.filters(),
        "min_group": k.min_group,
        "generated_at": k.generated_at.isoformat(timespec="seconds"),
        **{key: value for figures in k.figures for key, value in figures.json.items()},
    }


def csv_columns(size: int) -> list[str]:
    return ["week", "start", "kudos", "givers", "receivers", "tips_posted", *(f"p{n}" for n in range(1, size + 1))]


def to_csv(k: Kpis) -> str:
    """UTF-8 without a byte-order mark (the caller encodes), one row per week; withheld cells empty."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(csv_columns(k.size))
    for w in k.weeks:
        n = w.numbers
        figures = [n.kudos, n.givers, n.receivers] if n else ["", "", ""]
        per = [n.per_principle.get(p, 0) for p in range(1, k.size + 1)] if n else [""] * k.size
        writer.writerow([w.week.name, w.week.monday.isoformat(), *figures, w.tips_posted, *per])
    return out.getvalue()
