"""The funnel of learning (知る → 理解する → 実践する), per principle over the chosen weeks: knows
(right quiz answers), understands (the pulse survey's shown results for questions tied to that
principle) and practises (kudos). The principle people know but do not practise is the one to invite
them to (``invite``): the roundup and the dashboard name it where they named the least-practised one."""

from __future__ import annotations

from dataclasses import dataclass

from bot.features.quiz.figures import QuizFigures


@dataclass(frozen=True)
class Understood:
    respondents: int
    average: float | None  # 1-5 (5: the top of the scale), over the scale questions; None: choice questions only


@dataclass(frozen=True)
class Step:
    knows: int | None  # right answers; None: withheld (fewer than KODO_MIN_GROUP people)
    understands: Understood | None  # None: no shown survey result tied to the principle
    practises: int  # kudos (organisation-wide counts are always shown)


@dataclass(frozen=True)
class Funnel:
    steps: dict[int, Step]
    least: int  # the least-practised principle, as the KPIs say

    @property
    def invite(self) -> int:
        """A principle people know (right answers) but nobody practised, most known first; else the
        least-practised one."""
        known = [n for n, s in self.steps.items() if s.knows and not s.practises]
        return min(known, key=lambda n: (-self.steps[n].knows, n)) if known else self.least

    def to_json(self) -> dict:
        return {"per_principle": {str(n): {
            "knows": s.knows,
            "understands": ({"respondents": s.understands.respondents, "average": s.understands.average}
                            if s.understands else None),
            "practises": s.practises} for n, s in self.steps.items()},
            "invite": self.invite}


def understood(results) -> Understood:
    """Shown survey results of one principle (``bot.features.survey.results.Result``), as one figure:
    everyone who answered, and the average of the scale questions weighted by their respondents."""
    scale = [r for r in results if r.average is not None]
    weight = sum(sum(r.counts.values()) for r in scale)
    average = round(sum(r.average * sum(r.counts.values()) for r in scale) / weight, 2) if weight else None
    return Understood(sum(r.respondents for r in results), average)


def funnel(quiz: QuizFigures, understanding: dict, kudos: dict[int, int], least: int) -> Funnel:
    return Funnel({n: Step(quiz.knows(n), understood(understanding[n]) if understanding.get(n) else None,
                           kudos.get(n, 0)) for n in kudos}, least)
