"""A week's results: counts per choice (and the average on a scale), only once the week has closed
(Sunday 24:00 in KODO_TIMEZONE) and only for a group of at least ``KODO_MIN_GROUP`` respondents that
cannot be worked out by subtraction from others (``bot.breakdown.withhold``). While a week is open,
only the number of respondents is told. The roundup, the dashboard, ``/api/kpi``, ``kodo kpi`` and
``kodo survey`` all read them here.

``results`` is also what another feature reads per principle (each question names its principle):
``understanding`` gives, per principle, the shown results of the closed weeks asked for.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from content.model import SurveyQuestion

from bot.breakdown import Group, withhold
from bot.dates import long_day, parse_week, week_name
from bot.feature import Parts
from bot.features.survey.store import Counter
from bot.i18n import t
from bot.kpi import Ask, Chart, Figures, Scope
from bot.ports import Place
from bot.replies import Bullets, Note, Paragraph


@dataclass(frozen=True)
class Result:
    week: str  # 2026-W49
    question_id: str
    question: SurveyQuestion | None  # in the language asked for; None once it has left the pack
    respondents: int  # in the scope asked for
    counts: dict[int, int] | None  # per choice number; None: withheld (too few, or open)
    closed: bool

    @property
    def average(self) -> float | None:
        return self.question.average(self.counts) if self.question and self.counts else None

    @property
    def principle(self) -> int | None:
        return self.question.principle if self.question else None


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def closed(week: str, now_day: date) -> bool:
    """A week closes at Sunday 24:00 in KODO_TIMEZONE: from its next Monday on."""
    return parse_week(week) + timedelta(days=7) <= now_day


def last_closed(today: date) -> str:
    return week_name(monday_of(today) - timedelta(days=7))


def _inside(counter: Counter, scope: Scope) -> bool:
    return all(getattr(counter, column) == value for column, value in scope.filters().items())


async def results(parts: Parts, weeks: list[str], scope: Scope, lang: str) -> list[Result]:
    """Each week's result in ``scope`` (weeks nobody answered are left out), read with one query."""
    today, min_group = parts.today(), parts.settings.min_group
    counters = await parts.store.counters(weeks)
    found = []
    for week in weeks:
        mine = [c for c in counters if c.week == week]
        if not mine:
            continue
        asked = parts.pack.survey_for_week(parse_week(week), lang)
        totals: dict[str, int] = {}
        for c in mine:
            totals[c.question] = totals.get(c.question, 0) + c.answers
        question_id = asked.id if asked and asked.id in totals else max(totals, key=lambda q: (totals[q], q))
        mine = [c for c in mine if c.question == question_id]
        inside = [c for c in mine if _inside(c, scope)]
        respondents = sum(c.answers for c in inside)
        shown = closed(week, today) and respondents >= min_group and await _survives(mine, scope, min_group)
        counts: dict[int, int] | None = None
        question = parts.pack.survey_question(question_id, lang)
        if shown:
            counts = {n: 0 for n in range(1, len(question.choices) + 1)} if question else {}
            for c in inside:
                counts[c.choice] = counts.get(c.choice, 0) + c.answers
        found.append(Result(week, question_id, question, respondents, counts, closed(week, today)))
    return found


async def _survives(counters: list[Counter], scope: Scope, min_group: int) -> bool:
    """Whether every filter of ``scope`` names a group that ``withhold`` shows among its siblings
    (each person's answer is in exactly one counter, so the groups never overlap)."""
    for column, value in scope.filters().items():
        groups: dict[str | None, Group] = {}
        for c in counters:
            key = getattr(c, column)
            g = groups.get(key, Group(0, 0))
            groups[key] = Group(g.count + c.answers, g.people + c.answers)
        if (await withhold(groups, min_group)).get(value) is None:
            return False
    return True


async def result(parts: Parts, week: str, scope: Scope, lang: str) -> Result | None:
    found = await results(parts, [week], scope, lang)
    return found[0] if found else None


async def understanding(parts: Parts, weeks: list[str], scope: Scope = Scope(),
                        lang: str = "ja") -> dict[int, list[Result]]:
    """Per principle, the results shown (closed, enough respondents) among ``weeks``."""
    per: dict[int, list[Result]] = {}
    for r in await results(parts, weeks, scope, lang):
        if r.counts is not None and r.principle:
            per.setdefault(r.principle, []).append(r)
    return per


# ---- as words ---------------------------------------------------------------------------------

def blocks(r: Result, lang: str, min_group: int, title: str, scoped: bool = False, asked: bool = True) -> tuple:
    """A result as the roundup and ``kodo survey`` show it: counts per choice once shown, else one
    line: "fewer than N" (never the number behind it), or, while open, how many have answered.
    ``asked``: the title names the question (not where the question stands just above)."""
    question = r.question.question if r.question else t("survey.results.gone", lang, id=r.question_id)
    if asked:
        title = f"{title}：{question}" if lang == "ja" else f"{title}: {question}"
    if not r.closed:  # no results yet, so no title that promises them
        return ((Paragraph(title),) if asked else ()) + (Note(t("survey.open", lang, count=r.respondents)),)
    if r.counts is None:
        return (Paragraph(title),
                Note(t("survey.results.withheld" if scoped else "survey.results.fewer", lang, min=min_group)))
    labels = r.question.choices if r.question else tuple(str(n) for n in r.counts)
    items = tuple(t("survey.results.count", lang, choice=label, count=r.counts.get(n, 0))
                  for n, label in enumerate(labels, 1))
    notes = [t("survey.results.respondents", lang, count=r.respondents)]
    if r.average is not None:
        notes.append(t("survey.results.average", lang, average=f"{r.average:.1f}"))
    return (Bullets(title, items), Note(("　" if lang == "ja" else "  ").join(notes)))


async def roundup(parts: Parts, audience: Place | None, platform: str | None, start: datetime,
                  lang: str) -> tuple:
    """The next roundup after a week closes tells its results, counted for the roundup's audience."""
    if not parts.store.enabled:
        return ()
    week = week_name(monday_of(start.date()) - timedelta(days=7))
    scope = Scope.counted_for(audience) if audience else Scope(platform=platform)
    r = await result(parts, week, scope, lang)
    if r is None:
        return ()
    return blocks(r, lang, parts.settings.min_group, t("survey.results.last", lang))


# ---- as figures (the dashboard, /api/kpi, kodo kpi) -------------------------------------------

async def figures(parts: Parts, ask: Ask) -> Figures:
    """``survey``: the last closed week; ``survey_open``: this week, respondents only."""
    today = ask.now.astimezone(parts.tz).date()
    lang = ask.lang
    if not parts.store.enabled or not parts.pack.survey.get(lang):
        off = Chart("survey", t("dashboard.survey.title", lang), (t("dashboard.survey.off", lang),) if parts.pack
                    .survey.get(lang) else (t("survey.none", lang),), t("dashboard.survey.caption", lang),
                    (t("dashboard.survey.choice", lang), t("dashboard.survey.answers", lang)), ())
        return Figures({"survey": None, "survey_open": None}, (off,))
    last, this = last_closed(today), week_name(today)
    found = {r.week: r for r in await results(parts, [last, this], ask.scope, lang)}
    asked = parts.pack.survey_for_week(parse_week(last), lang)
    r = found.get(last) or Result(last, asked.id, asked, 0, None, True)
    now_open = found.get(this)
    open_count = now_open.respondents if now_open else 0
    if ask.scope.filters() and open_count and not await _open_shown(parts, this, ask.scope, ask.min_group):
        open_count = None
    survey = {
        "week": last, "start": parse_week(last).isoformat(), "id": r.question_id,
        "principle": r.principle, "question": r.question.question if r.question else None,
        "respondents": r.respondents if (r.counts is not None or not ask.scope.filters()) else None,
        "results": {str(n): count for n, count in r.counts.items()} if r.counts is not None else None,
        "average": round(r.average, 2) if r.average is not None else None,
    }
    return Figures({"survey": survey, "survey_open": {"week": this, "respondents": open_count}},
                   (_chart(r, this, open_count, lang, ask.min_group, bool(ask.scope.filters())),))


async def _open_shown(parts: Parts, week: str, scope: Scope, min_group: int) -> bool:
    mine = [c for c in await parts.store.counters([week])]
    inside = sum(c.answers for c in mine if _inside(c, scope))
    return inside >= min_group and await _survives(mine, scope, min_group)


def _chart(r: Result, this: str, open_count: int | None, lang: str, min_group: int, scoped: bool) -> Chart:
    start = long_day(parse_week(r.week), lang)
    question = r.question.question if r.question else t("survey.results.gone", lang, id=r.question_id)
    lines = [t("dashboard.survey.closed", lang, week=r.week, start=start, question=question)]
    labels = r.question.choices if r.question else ()
    if r.respondents == 0:
        lines.append(t("dashboard.survey.none", lang))
        rows: tuple = ()
    elif r.counts is None:
        lines.append(t("survey.results.withheld" if scoped else "survey.results.fewer", lang, min=min_group))
        rows = tuple((label, None) for label in labels)
    else:
        lines.append(t("dashboard.survey.respondents", lang, count=r.respondents))
        rows = tuple((label, r.counts.get(n, 0)) for n, label in enumerate(labels, 1))
    notes = [t("survey.results.average", lang, average=f"{r.average:.1f}")] if r.average is not None else []
    notes.append(t("dashboard.survey.open", lang, week=this, count=open_count) if open_count is not None
                 else t("dashboard.survey.open.withheld", lang, week=this))
    notes.append(t("dashboard.survey.anonymous", lang))
    return Chart("survey", t("dashboard.survey.title", lang), tuple(lines), t("dashboard.survey.caption", lang),
                 (t("dashboard.survey.choice", lang), t("dashboard.survey.answers", lang)), rows, tuple(notes))

