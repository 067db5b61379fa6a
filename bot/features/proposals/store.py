"""What proposals need stored (``storage.proposals`` implements it), and the records that cross.

A status change, its audit entry and, for an adoption, the kudos from Kodo to the proposer commit
together: the change is a guarded update (only from a status it may leave), so a press delivered
twice, or to two replicas, changes the proposal once and gives one kudos.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import Protocol

from bot.kpi import Scope
from bot.ports import UNKNOWN, AuditEntry, NewKudos, Place

NEW, REVIEWING, ADOPTED, DECLINED = "new", "reviewing", "adopted", "declined"
STATUSES = (NEW, REVIEWING, ADOPTED, DECLINED)
OPEN = (NEW, REVIEWING)  # a decision (adopted, declined) is final
# Where each status may be reached from: the proposal moves forward only.
FROM = {REVIEWING: (NEW,), ADOPTED: (NEW, REVIEWING), DECLINED: (NEW, REVIEWING)}


@dataclass(frozen=True)
class NewProposal:
    platform: str
    proposer: str
    principle: int | None
    text: str
    created_at: datetime
    channel: str | None = None
    workspace: str | None = None
    organisation: str | None = None
    team: str | None = None
    visibility: str = UNKNOWN
    pack: str = "tokyo"
    event_key: str | None = None  # the command's platform id: a redelivered command proposes once


@dataclass(frozen=True)
class Proposal:
    id: int
    platform: str
    proposer: str
    principle: int | None
    text: str | None
    status: str
    note: str | None
    created_at: datetime
    answered_at: datetime | None  # when it first left ``new``
    decided_at: datetime | None  # when it was adopted or declined
    supporters: int  # distinct people, the proposer never among them
    channel: str | None = None
    message: str | None = None  # where its card was posted, as a press names its message
    workspace: str | None = None
    organisation: str | None = None
    team: str | None = None
    visibility: str = UNKNOWN
    pack: str = "tokyo"

    @property
    def place(self) -> Place:
        return Place(self.platform, self.channel, self.workspace, self.organisation, self.team, self.visibility)

    @property
    def open(self) -> bool:
        return self.status in OPEN


class Support(enum.Enum):
    COUNTED = "counted"
    AGAIN = "again"  # this person supports it already: nothing changes
    OWN = "own"  # the proposer's own support does not count
    MISSING = "missing"


class Outcome(enum.Enum):
    CHANGED = "changed"
    SAME = "same"  # it has that status already (a press delivered twice)
    FINAL = "final"  # it was decided already, or cannot go back
    MISSING = "missing"


@dataclass(frozen=True)
class Change:
    outcome: Outcome
    proposal: Proposal | None  # as it is after the call
    kudos: bool = False  # an adoption gave its kudos now (never twice)


@dataclass(frozen=True)
class Happening:
    """One thing that happened to a proposal, for the numbers: ``what`` is made, supported, answered
    (it first left ``new``) or adopted; ``made`` is when the proposal was made (for an answer's wait)."""

    what: str
    principle: int | None
    at: datetime
    made: datetime | None = None


class ProposalStore(Protocol):
    async def propose(self, new: NewProposal) -> tuple[Proposal, bool]:
        """The proposal, and whether it is new (False: the same command delivered again)."""

    async def keep_message(self, proposal: int, message: str) -> None:
        """Where its card was posted, so that each change is posted under it."""

    async def get(self, proposal: int, scope: Scope | None = None) -> Proposal | None: ...

    async def open_proposals(self, scope: Scope, limit: int = 50) -> list[Proposal]: ...

    async def shown(self, proposals: list[int], audience: Place) -> set[int]:
        """Which of them ``audience`` may read the words of (``storage.privacy.shown_in``)."""

    async def support(self, proposal: int, platform: str, user: str, at: datetime
                      ) -> tuple[Support, Proposal | None]: ...

    async def change(self, proposal: int, status: str, note: str | None, at: datetime, audit: AuditEntry,
                     kudos: NewKudos | None = None, scope: Scope | None = None) -> Change:
        """Move it to ``status`` if it may go there from where it is; an adoption's ``kudos`` (from
        Kodo, source ``proposal``) is recorded in the same transaction, once, whatever happens after."""

    async def due_for_digest(self, day: date, made_before: datetime) -> list[Proposal]:
        """Proposals still ``new`` made before ``made_before`` and not listed on an earlier day;
        they are now listed on ``day`` (asked again that day, the same ones)."""

    async def answered_between(self, start: datetime, end: datetime, tz: tzinfo | None = None,
                               closed: frozenset[date] = frozenset(), scope: Scope | None = None
                               ) -> tuple[int, float | None]:
        """Proposals first answered (moved out of ``new``) in [start, end): how many, and the median
        number of working days from the day each was made to the day of its answer (None: none)."""

    async def happenings(self, start: datetime, end: datetime, scope: Scope | None = None) -> list[Happening]:
        """Everything made, supported, answered and adopted in [start, end), for the KPIs."""
