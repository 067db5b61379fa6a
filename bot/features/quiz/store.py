"""What the quiz needs stored (``storage.quiz`` implements it): each person's first answer to each
question, never changed by a second press, and the days they answered on (for the streak)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from bot.kpi import Scope


@dataclass(frozen=True)
class Answer:
    """One person's answer to one question of one content pack. ``day`` is the local date in
    KODO_TIMEZONE, which the streak counts."""

    platform: str
    user: str
    pack: str
    question: str
    principle: int
    choice: int
    right: bool
    answered_at: datetime
    day: date
    workspace: str | None = None
    organisation: str | None = None
    channel: str | None = None


@dataclass(frozen=True)
class Record:
    """What ``/kodo me`` shows of a person's quiz: answered, right, and the days they answered on."""

    answered: int
    right: int
    days: frozenset[date]


@dataclass(frozen=True)
class Tally:
    """One principle's answers in a period: distinct people, answers, right answers."""

    people: int
    answers: int
    right: int


class QuizStore(Protocol):
    async def answer(self, answer: Answer) -> tuple[Answer, bool]:
        """Keep ``answer`` unless the person answered that question already: (the answer kept, whether
        it is this one). A second press, on any replica, changes nothing."""

    async def answers(self, platform: str, user: str, pack: str) -> dict[str, Answer]:
        """The person's answers under ``pack``, by question id."""

    async def record(self, platform: str, user: str, pack: str) -> Record: ...

    async def tallies(self, pack: str, start: datetime, end: datetime, scope: "Scope") -> dict[int, Tally]:
        """Per principle, the answers given in [start, end) in ``scope`` (principles nobody answered
        left out)."""

    async def people(self, pack: str, start: datetime, end: datetime, scope: "Scope",
                     besides: set[int] = frozenset()) -> int:
        """Distinct people who answered in [start, end) in ``scope``, on a principle not in ``besides``."""
