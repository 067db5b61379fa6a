"""The quiz's numbers for the dashboard, ``/api/kpi`` and ``kodo kpi``: participation per
principle over the chosen weeks, never of fewer than KODO_MIN_GROUP people, and never recoverable
by subtracting the principles shown from the total (``bot.breakdown.shown_groups``). No person is
ever named: there is no leaderboard."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.breakdown import shown_groups
from bot.features.quiz.store import QuizStore, Tally


NOBODY = Tally(0, 0, 0)  # a principle nobody answered on: a zero gives nobody away


@dataclass(frozen=True)
class QuizFigures:
    people: int | None  # distinct people who answered; None: fewer than min_group
    answers: int | None
    right: int | None
    per_principle: dict[int, Tally | None]  # every principle; None: withheld
    min_group: int

    def right_share(self, number: int) -> float | None:
        tally = self.per_principle.get(number)
        return round(tally.right / tally.answers, 3) if tally and tally.answers else None

    def knows(self, number: int) -> int | None:
        """Right answers on principle ``number``: the funnel's first step."""
        tally = self.per_principle.get(number)
        return tally.right if tally else None

    def to_json(self) -> dict:
        return {
            "people": self.people, "answers": self.answers, "right": self.right,
            "per_principle": {str(n): ({"people": t.people, "answers": t.answers, "right": t.right,
                                        "right_share": self.right_share(n)} if t else None)
                              for n, t in self.per_principle.items()},
            "min_group": self.min_group,
        }


async def quiz_figures(store: QuizStore, pack: str, size: int, start: datetime, end: datetime, scope,
                       min_group: int) -> QuizFigures:
    tallies = await store.tallies(pack, start, end, scope)
    kept = await shown_groups({n: t.people for n, t in tallies.items()},
                              lambda shown: store.people(pack, start, end, scope, besides=shown), min_group)
    people = await store.people(pack, start, end, scope)
    shown = people >= min_group
    return QuizFigures(
        people if shown else None,
        sum(t.answers for t in tallies.values()) if shown else None,
        sum(t.right for t in tallies.values()) if shown else None,
        {n: tallies[n] if n in kept else None if n in tallies else NOBODY for n in range(1, size + 1)},
        min_group)
