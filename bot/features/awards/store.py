"""What the monthly awards need stored (``storage.awards`` implements it): the month's episodes, what
their givers wrote, and each channel's winners, so nobody wins a principle two months running there."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.ports import Place


@dataclass(frozen=True)
class Candidate:
    """An episode of one principle: a recognised message (or a kudos given by command, which has no
    message and is an episode of its own), and how it was recognised."""

    platform: str
    episode: str  # the message as the platform names it, or ``kudos:<id>``
    principle: int
    receiver: str
    givers: int  # distinct people who recognised it for this principle
    reasons: int  # how many of them wrote a reason
    first: datetime  # when it was first recognised: the earlier wins a tie


@dataclass(frozen=True)
class Winner:
    principle: int
    receiver: str
    episode: str
    givers: int


class AwardsStore(Protocol):
    async def candidates(self, pack: str, start: datetime, end: datetime,
                         audience: Place | None) -> list[Candidate]:
        """The standing kudos of ``pack`` given in [start, end), as episodes per principle, whose words
        ``audience`` may read (``storage.privacy.shown_in``; None: the organisation-wide view, public
        conversations only), whose receiver may be named (not forgotten, not out of the rankings)."""

    async def reasons(self, platform: str, episode: str, principle: int, limit: int) -> list[str]:
        """What the episode's givers wrote, oldest first; givers who may not be named left out."""

    async def hidden_people(self, platform: str, people: set[str]) -> set[str]:
        """Those of ``people`` who left the rankings or used forget-me (tombstones)."""

    async def winners(self, platform: str, channel: str, month: str) -> dict[int, Winner]:
        """The awards a channel got for ``month`` (``2026-12``), by principle."""

    async def record(self, place: Place, month: str, winners: list[Winner], at: datetime) -> dict[int, Winner]:
        """Keep a channel's awards for ``month``; awards already kept for it stay as they are (a retried
        post names the same winners). Returns what is kept."""
