"""What the pulse survey needs stored (``storage.survey`` implements it): counts per week, question,
choice and place, and who has answered as a keyed hash kept apart, so the two cannot be joined."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from bot.kpi import Scope


@dataclass(frozen=True)
class Counter:
    """How many people's current answer is ``choice`` of ``question`` in ``week``, at one place (the
    subscribed channel whose post they pressed; ``channel`` None: answered privately)."""

    platform: str
    organisation: str | None
    workspace: str | None
    channel: str | None
    week: str = ""
    question: str = ""
    choice: int = 0
    answers: int = 0


@dataclass(frozen=True)
class Answered:
    previous: int | None  # the choice this person had this week before (None: a first answer)
    respondents: int  # people who have answered this week's question, everywhere
    same: bool = False  # nothing changed: the same answer again (a press delivered twice)


class SurveyStore(Protocol):
    enabled: bool  # KODO_SECRET_KEY is set: without it nothing is stored and the survey is off

    async def subscribed(self, platform: str, channel: str | None) -> bool:
        """Whether ``channel`` gets the survey posted: only such a channel is kept as an answer's place
        (never a direct message, which would name the person)."""

    async def current(self, platform: str, user: str, week: str, question: str,
                      realm: str | None = None) -> int | None:
        """The person's answer this week, or None (``realm``: ``bot.ports.realm`` of where they ask)."""

    async def answer(self, platform: str, user: str, week: str, question: str, choice: int, choices: int,
                     counter: Counter) -> Answered:
        """Count the person's answer once for ``week``: first, changed or the same again."""

    async def respondents(self, week: str, question: str, scope: Scope = Scope()) -> int: ...

    async def counters(self, weeks: list[str], scope: Scope = Scope()) -> list[Counter]:
        """Every counter of ``weeks`` in ``scope`` holding an answer: what results are made of."""
