"""What the core needs from the outside world, as Protocols, and the plain records that cross them.

Storage implements each feature's store Protocol (``bot/features/<name>/store.py``) and ``AuditLog``;
adapters implement ``Directory`` (who is a bot, who is an admin) and ``Messenger`` (post to a
channel); the composition root supplies a ``Clock``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime
from typing import AsyncIterator, Protocol

from bot.replies import Reply

SOURCES = ("reaction", "command", "shortcut", "proposal")  # proposal: an adopted proposal, from Kodo
TOMBSTONE_PREFIX = "anon:"
# What a conversation is, as far as who can read it: ``public`` (a Slack channel of the workspace's
# own members, a Teams standard channel), ``private``, ``shared`` (Slack Connect, shared channels),
# ``group`` (group DMs and chats) and ``direct``. Whatever Kodo cannot tell counts as private.
VISIBILITIES = ("public", "private", "shared", "group", "direct")
UNKNOWN = "private"


@dataclass(frozen=True)
class Place:
    """A conversation and what decides who can read it: where a kudos happened, and the audience of
    a post. The privacy rules compare the two (``storage.privacy``): a person's words by
    ``shown_in``, numbers by ``counted_in`` over the audience's ``bot.kpi.Scope.counted_for``.
    Anything a feature stores about something that happened in a conversation carries these fields
    (at least ``workspace`` and ``organisation``), so that workspaces stay apart."""

    platform: str
    conversation: str | None = None
    workspace: str | None = None  # Slack team id, Teams tenant id, "console"
    organisation: str | None = None  # Slack Enterprise Grid id
    team: str | None = None  # Teams team id
    visibility: str = UNKNOWN

    @property
    def realm(self) -> str | None:
        return realm(self.organisation, self.workspace)


def realm(organisation: str | None, workspace: str | None) -> str | None:
    """Where one user id is one person: the Enterprise Grid organisation (whose user ids hold in all
    its workspaces), else the workspace (Slack promises a user id unique only with its workspace).
    A person's daily kudos limit is counted per realm."""
    return organisation or workspace


class Clock(Protocol):
    def now(self) -> datetime: ...


@dataclass(frozen=True)
class EventStamp:
    """A platform event's own id and time (Slack's ``event_id`` and ``event_ts``). Events may arrive
    twice (retries, replays, two replicas) and out of order: the same id counts once, and an event
    never undoes one that happened after it, whatever order they arrive in."""

    key: str
    at: datetime


@dataclass(frozen=True)
class NewKudos:
    platform: str
    giver: str
    receiver: str
    principle: int
    source: str
    created_at: datetime
    day: date  # the giver's calendar day in KODO_TIMEZONE, for the daily limit
    reason: str | None = None
    channel: str | None = None
    message: str | None = None  # the recognised message: same giver+message+principle counts once
    event_key: str | None = None  # the platform's id for the triggering event, for commands
    workspace: str | None = None  # Slack team id, Teams tenant id, "console"
    organisation: str | None = None  # Slack Enterprise Grid id
    team: str | None = None  # Teams team id
    visibility: str = UNKNOWN
    pack: str = "tokyo"  # the content pack the principle number belongs to
    event: EventStamp | None = None  # a reaction's event: orders it against the reaction's removal

    @property
    def realm(self) -> str | None:
        return realm(self.organisation, self.workspace)


class AddOutcome(enum.Enum):
    CREATED = "created"
    RESTORED = "restored"  # a revoked kudos given again (reaction removed, then added back)
    DUPLICATE = "duplicate"
    LIMIT = "limit"


@dataclass(frozen=True)
class AddResult:
    outcome: AddOutcome
    # Standing kudos the giver has given today, after this call; None with no daily limit, where
    # nothing needs counting.
    given_today: int | None
    kudos: int | None = None  # the stored kudos' id, when it was created or restored
    # People whose standing kudos recognise the same message, this one included, when it was created
    # or restored, as its transaction saw them (writes sharing one may count each other); None for
    # a kudos without a message.
    givers: int | None = None


@dataclass(frozen=True)
class KudosRecord:
    platform: str
    giver: str
    receiver: str
    principle: int
    reason: str | None
    source: str
    channel: str | None
    message: str | None
    created_at: datetime
    revoked_at: datetime | None
    workspace: str | None = None
    organisation: str | None = None
    team: str | None = None
    visibility: str = UNKNOWN
    pack: str = "tokyo"


@dataclass(frozen=True)
class UserSettings:
    locale: str | None = None
    ranking: bool = True


@dataclass(frozen=True)
class Subscription:
    platform: str
    channel: str
    kind: str
    locale: str
    # Where the channel is, as known when it subscribed (the audience of what is posted there).
    workspace: str | None = None
    team: str | None = None
    visibility: str = UNKNOWN
    organisation: str | None = None  # Slack Enterprise Grid id: which installation posts there

    @property
    def place(self) -> Place:
        return Place(self.platform, self.channel, self.workspace, self.organisation, self.team, self.visibility)


@dataclass(frozen=True)
class Episode:
    giver: str
    receiver: str
    principle: int
    reason: str
    channel: str | None
    message: str | None
    created_at: datetime
    givers: int  # how many people recognised this same message


@dataclass(frozen=True)
class AuditEntry:
    """One line of the audit log: who did what to what. ``detail`` holds facts about the action
    (a kind, a format, a count), never words a person typed."""

    platform: str
    actor: str
    action: str
    target: str | None = None
    detail: dict | None = None
    workspace: str | None = None
    at: datetime | None = None  # set by the store when it writes the entry


class AuditLog(Protocol):
    """Admin actions and actions on personal data. A store write passes its entry along
    (``subscribe(..., audit=entry)``) so both commit in one transaction; ``record`` is for actions
    that are not store writes (an export, a dashboard sign-in)."""

    async def record(self, platform: str, actor: str, action: str, target: str | None = None,
                     detail: dict | None = None, workspace: str | None = None) -> None: ...
    def audit_entries(self, since: datetime | None = None) -> AsyncIterator[AuditEntry]: ...


class Directory(Protocol):
    """Facts about people that only the platform knows."""

    async def is_bot(self, user: str) -> bool: ...
    async def is_admin(self, user: str) -> bool: ...


class Messenger(Protocol):
    """Posts to a channel or conversation; returns the platform's message id.

    A platform that serves many workspaces (Slack distribution) gives instead a messenger with
    ``async to(place) -> Messenger | None``: the messenger of the installation that reaches
    ``place`` (None where Kodo is not installed). Whoever posts asks it first
    (``scheduler.jobs.messenger_for``)."""

    platform: str

    async def post(self, channel: str, reply: Reply, lang: str) -> str: ...


class Meter(Protocol):
    """What the core and the scheduler count for the people who run Kodo (``GET /metrics``). Every
    argument is a word from a short fixed list (platform, source, outcome, kind), never a person,
    a channel or anything typed, so the figures carry no personal data and stay few."""

    def kudos(self, platform: str, source: str, outcome: str) -> None: ...
    def posted(self, platform: str, kind: str, ok: bool) -> None: ...
    def scheduled(self, job: str, ok: bool) -> None: ...
    def late(self, kind: str, seconds: float) -> None: ...


class Unmetered:
    """The ``Meter`` of a core nobody scrapes (command-line runs, most tests): counts nothing."""

    def kudos(self, platform: str, source: str, outcome: str) -> None:
        pass

    def posted(self, platform: str, kind: str, ok: bool) -> None:
        pass

    def scheduled(self, job: str, ok: bool) -> None:
        pass

    def late(self, kind: str, seconds: float) -> None:
        pass
