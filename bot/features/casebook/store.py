"""What the casebook needs stored (``storage.casebook`` implements it): episodes and their entries.
An entry keeps who received the episode and whether they published it; what the givers wrote is read
from their kudos whenever it is shown, so a revoked kudos, a blanked reason or a forgotten giver
leaves the casebook at once."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from bot.kpi import Scope
from bot.ports import AuditEntry

ASKED, PUBLISHED, PRIVATE = "asked", "published", "private"  # an entry's status: the receiver decides
BY_GIVERS, NOMINATED = "givers", "nominated"  # how it entered


@dataclass(frozen=True)
class Facts:
    """An episode as its standing kudos tell it."""

    platform: str
    episode: str  # the message as the platform names it, or ``kudos:<id>``
    receiver: str
    principle: int  # the one most of its givers chose (the lowest number on a tie)
    givers: int  # distinct people who recognised it
    reasons: int  # kudos of it with a reason
    public: bool  # it happened in a public conversation
    channel: str | None
    workspace: str | None
    organisation: str | None
    team: str | None


@dataclass(frozen=True)
class Entry:
    id: int
    platform: str
    episode: str
    receiver: str
    principle: int
    status: str
    how: str
    entered_at: datetime
    workspace: str | None = None


@dataclass(frozen=True)
class Case:
    """A published episode, as the casebook shows it: nobody who gave it is named."""

    receiver: str
    principle: int
    reasons: tuple[str, ...]  # of givers who may be named, oldest first
    givers: int
    published_at: datetime
    platform: str


class CasebookStore(Protocol):
    async def facts(self, platform: str, episode: str) -> Facts | None: ...
    async def facts_of_kudos(self, kudos_id: int) -> Facts | None:
        """The episode a kudos belongs to (its message's, or its own when it has none)."""

    async def entry(self, entry_id: int) -> Entry | None: ...
    async def entry_of(self, platform: str, episode: str) -> Entry | None: ...

    async def enter(self, facts: Facts, how: str, at: datetime, audit: AuditEntry | None = None) -> Entry | None:
        """Enter an episode, status ``asked``; None when it is in already (whoever entered it first)."""

    async def answer(self, entry_id: int, status: str, at: datetime, audit: AuditEntry | None = None) -> Entry: ...

    async def published(self, since: datetime | None = None, scope: Scope | None = None) -> list[Case]:
        """Published episodes whose receiver may be named (not out of the rankings, not forgotten),
        by principle, then oldest first."""

    async def published_in(self, start: datetime, end: datetime, scope: Scope | None = None
                           ) -> list[tuple[int, datetime]]:
        """(principle, when published) of episodes published in [start, end) and published still: the
        KPI module's published episodes per principle and week."""

    async def hidden_people(self, platform: str, people: set[str]) -> set[str]:
        """Those of ``people`` who left the rankings or used forget-me (tombstones)."""
