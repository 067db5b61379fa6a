"""The quiz in the KPIs: the ``quiz`` and ``funnel`` objects of ``/api/kpi`` and ``kodo kpi`` with
their dashboard sections (``Feature.figures``), the week's participation in the roundup
(``Feature.roundup``), and the principle known but not practised, which the roundup and the
dashboard invite people to (``Feature.invite``, ``Figures.invite``). Participation is shown only
from KODO_MIN_GROUP people; nobody is named."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.feature import Parts
from bot.features.quiz.figures import QuizFigures, quiz_figures
from bot.features.quiz.funnel import Funnel, funnel
from bot.i18n import t
from bot.kpi import Ask, Chart, Figures, Scope, compute
from bot.ports import Place
from bot.replies import Bullets

SURVEY = "survey"  # the feature whose results say what is understood


def _share(right: int, answers: int) -> str:
    return f"{round(100 * right / answers)}%" if answers else "—"


async def _understanding(parts: Parts, weeks: list[str], scope: Scope, lang: str) -> dict:
    """The pulse survey's shown results per principle, where there is a survey that is on."""
    survey = next((theirs for feature, theirs in parts.features() if feature.name == SURVEY), None)
    if survey is None or not getattr(survey.store, "enabled", True):
        return {}
    from bot.features.survey.results import understanding

    return await understanding(survey, weeks, scope, lang)


async def figures(parts: Parts, ask: Ask) -> Figures:
    pack, lang = parts.pack, ask.lang
    start, end = ask.weeks[0].start, ask.weeks[-1].end
    quiz = await quiz_figures(parts.store, pack.id, pack.size, start, end, ask.scope, ask.min_group)
    kudos = await compute(parts.kpis, pack, parts.tz, ask.now, len(ask.weeks), ask.scope, ask.min_group)
    steps = funnel(quiz, await _understanding(parts, [w.name for w in ask.weeks], ask.scope, lang),
                   kudos.principles, kudos.least)
    period = {"from": ask.weeks[0].name, "to": ask.weeks[-1].name}
    return Figures({"quiz": {**period, **quiz.to_json()}, "funnel": {**period, **steps.to_json()}},
                   (_quiz_chart(parts, quiz, lang), _funnel_chart(parts, steps, lang)), steps.invite)


def _title(parts: Parts, n: int, lang: str) -> str:
    return f"#{n} {parts.pack.principle(n, lang).title}"


def _quiz_chart(parts: Parts, quiz: QuizFigures, lang: str) -> Chart:
    if quiz.people is None:
        line = t("dashboard.quiz.few", lang, min=quiz.min_group)
    else:
        line = t("dashboard.quiz.line", lang, people=quiz.people, answers=quiz.answers,
                 share=_share(quiz.right, quiz.answers))
    rows = tuple((_title(parts, n, lang), tally.people if tally else None,
                  str(tally.answers) if tally else "", _share(tally.right, tally.answers) if tally else "")
                 for n, tally in quiz.per_principle.items())
    return Chart("quiz", t("dashboard.quiz.title", lang), (line, t("dashboard.quiz.private", lang, min=quiz.min_group)),
                 t("dashboard.quiz.caption", lang), (t("dashboard.principle", lang), t("dashboard.quiz.people", lang)),
                 rows, more=(t("dashboard.quiz.answers", lang), t("dashboard.quiz.share", lang)))


def _funnel_chart(parts: Parts, steps: Funnel, lang: str) -> Chart:
    lines = [t("dashboard.funnel.what", lang)]
    if steps.invite != steps.least:
        lines.append(t("dashboard.funnel.invite", lang, principle=_title(parts, steps.invite, lang)))

    def understood(step) -> str:
        u = step.understands
        if u is None:
            return "—"
        if u.average is None:
            return t("dashboard.funnel.answered", lang, people=u.respondents)
        return t("dashboard.funnel.average", lang, average=f"{u.average:.1f}", people=u.respondents)
    rows = tuple((_title(parts, n, lang), s.knows, understood(s), str(s.practises)) for n, s in steps.steps.items())
    return Chart("funnel", t("dashboard.funnel.title", lang), tuple(lines), t("dashboard.funnel.caption", lang),
                 (t("dashboard.principle", lang), t("dashboard.funnel.knows", lang)), rows,
                 more=(t("dashboard.funnel.understands", lang), t("dashboard.funnel.practises", lang)))


async def roundup(parts: Parts, audience: Place | None, platform: str | None, start: datetime,
                  lang: str) -> tuple:
    """The week's quiz in the roundup: how many answered and how often rightly, per principle where
    enough people answered it; nothing in a week nobody answered."""
    scope = Scope.counted_for(audience) if audience else Scope(platform=platform)
    quiz = await quiz_figures(parts.store, parts.pack.id, parts.pack.size, start, start + timedelta(days=7), scope,
                              parts.settings.min_group)
    if quiz.people is None:
        answered = await parts.store.people(parts.pack.id, start, start + timedelta(days=7), scope)
        return (Bullets(t("roundup.quiz", lang), (t("roundup.quiz.few", lang, min=quiz.min_group),)),) if answered else ()
    items = [t("roundup.quiz.line", lang, people=quiz.people, share=_share(quiz.right, quiz.answers))]
    items += [t("roundup.quiz.principle", lang, principle=_title(parts, n, lang), share=_share(s.right, s.answers),
                people=s.people) for n, s in quiz.per_principle.items() if s and s.answers]
    return (Bullets(t("roundup.quiz", lang), tuple(items)),)


async def invite(parts: Parts, scope: Scope, start: datetime, end: datetime, kudos: dict[int, int]) -> int | None:
    """The principle people know (right answers this week) but nobody practised (no kudos), the most
    known first; None when there is none."""
    quiz = await quiz_figures(parts.store, parts.pack.id, parts.pack.size, start, end, scope,
                              parts.settings.min_group)
    steps = funnel(quiz, {}, {n: kudos.get(n, 0) for n in range(1, parts.pack.size + 1)}, 0)
    return None if steps.invite == 0 else steps.invite
