"""The proposals' numbers: made, supported, answered (with the median working days to an answer)
and adopted, per week and per principle, counted once from the store's ``happenings``."""

from __future__ import annotations

import statistics
from datetime import date, tzinfo

from bot import calendar
from bot.feature import Parts
from bot.features.proposals.store import Happening
from bot.i18n import t
from bot.kpi import Ask, Chart, Figures

WHAT = ("made", "supported", "answered", "adopted")


def median_wait(answers: list[Happening], tz: tzinfo, closed: frozenset[date] = frozenset()) -> float | None:
    """The median of the working days each answered proposal waited, from the day it was made to
    the day of its first answer (holidays, weekends and KODO_CLOSED_DAYS do not count)."""
    waited = [calendar.working_days_between(h.made.astimezone(tz).date(), h.at.astimezone(tz).date(), closed)
              for h in answers if h.what == "answered" and h.made is not None]
    return float(statistics.median(waited)) if waited else None


def counts(happened: list[Happening], size: int) -> dict:
    """``{"made": n, …, "per_principle": {"1": {"made": n, …}, …, "none": {…}}}``: every principle
    present, zeros included; ``none`` holds the proposals tied to no principle."""
    keys = [str(n) for n in range(1, size + 1)] + ["none"]
    per = {key: dict.fromkeys(WHAT, 0) for key in keys}
    total = dict.fromkeys(WHAT, 0)
    for h in happened:
        key = str(h.principle) if h.principle and 1 <= h.principle <= size else "none"
        per[key][h.what] += 1
        total[h.what] += 1
    return {**total, "per_principle": per}


async def figures(parts: Parts, ask: Ask) -> Figures:
    """``proposals`` in ``/api/kpi`` and ``kodo kpi``: per week and over the range, made, supported,
    answered (with the median working days to an answer) and adopted, each per principle too; and
    the dashboard's two charts (per week, per principle). Counts of proposals, not of people: shown
    in every scope, like the weekly kudos counts."""
    lang, tz, closed, size = ask.lang, parts.tz, parts.settings.closed_days, parts.pack.size
    happened = await parts.store.happenings(ask.weeks[0].start, ask.weeks[-1].end, ask.scope)
    weeks = []
    for week in ask.weeks:
        inside = [h for h in happened if week.start <= h.at < week.end]
        weeks.append({"week": week.name, "start": week.monday.isoformat(), **counts(inside, size),
                      "median_working_days": median_wait(inside, tz, closed)})
    total = {**counts(happened, size), "median_working_days": median_wait(happened, tz, closed)}
    principles = [{"number": n, "title": parts.pack.principle(n, lang).title, **{
        what: total["per_principle"][str(n)][what] for what in WHAT}} for n in range(1, size + 1)]
    json = {"proposals": {"weeks": weeks, "principles": principles,
                          "no_principle": total["per_principle"]["none"],
                          **{what: total[what] for what in (*WHAT, "median_working_days")}}}
    median = total["median_working_days"]
    summary = t("dashboard.proposals.summary", lang, **{what: total[what] for what in WHAT}, median=(
        t("dashboard.proposals.median", lang, days=f"{median:g}") if median is not None else
        t("dashboard.proposals.median.none", lang)))
    per_week = Chart("proposals", t("dashboard.proposals.title", lang), (t("dashboard.proposals.lines", lang), summary),
                     t("dashboard.proposals.caption", lang),
                     (t("dashboard.proposals.week", lang), t("dashboard.proposals.made", lang)),
                     tuple((w["week"], w["made"]) for w in weeks))
    per_principle = Chart("proposals-principles", t("dashboard.proposals.by_principle", lang),
                          (t("dashboard.proposals.by_principle.lines", lang),),
                          t("dashboard.proposals.by_principle.caption", lang),
                          (t("dashboard.proposals.principle", lang), t("dashboard.proposals.adopted", lang)),
                          tuple((f"#{p['number']} {p['title']}", p["adopted"]) for p in principles))
    return Figures(json, (per_week, per_principle))
