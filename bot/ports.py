"""What the core needs from the outside world, as Protocols, and the plain records that cross them.

Storage implements ``KudosStore``; adapters implement ``Directory`` (who is a bot, who is an admin)
and ``Messenger`` (post to a channel); the composition root supplies a ``Clock``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import AsyncIterator, Protocol

from bot.replies import Reply

SOURCES = ("reaction", "command", "shortcut")
KINDS = ("tips", "roundup")
TOMBSTONE_PREFIX = "anon:"
# What a conversation is, as far as who can read it: ``public`` (a Slack channel of the workspace's
# own members, a Teams standard channel), ``private``, ``shared`` (Slack Connect, shared channels),
# ``group`` (group DMs and chats) and ``direct``. Whatever Kodo cannot tell counts as private.
VISIBILITIES = ("public", "private", "shared", "group", "direct")
UNKNOWN = "private"


class Clock(Protocol):
    def now(self) -> datetime: ...


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
class UserStats:
    given: dict[int, int] = field(default_factory=dict)
    received: dict[int, int] = field(default_factory=dict)
    given_today: int = 0


@dataclass(frozen=True)
class Subscription:
    platform: str
    channel: str
    kind: str
    locale: str


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
class WeekStats:
    per_principle: dict[int, int]
    top_receivers: list[tuple[str, int]]  # opted-out and forgotten people already removed
    episodes: list[Episode]  # candidates, best first, opted-out and forgotten people already removed
    total: int


class KudosStore(Protocol):
    async def add_kudos(self, kudos: NewKudos, daily_limit: int) -> AddResult: ...
    async def revoke_kudos(self, platform: str, giver: str, message: str, principle: int,
                           at: datetime) -> bool: ...
    async def user_stats(self, platform: str, user: str, day: date) -> UserStats: ...
    async def settings(self, platform: str, user: str) -> UserSettings: ...
    async def set_locale(self, platform: str, user: str, locale: str) -> None: ...
    async def set_ranking(self, platform: str, user: str, ranking: bool) -> None: ...
    async def forget_user(self, platform: str, user: str) -> int: ...
    async def subscribe(self, sub: Subscription) -> None: ...
    async def unsubscribe(self, platform: str, channel: str, kind: str) -> bool: ...
    async def subscriptions(self, kind: str, platform: str | None = None) -> list[Subscription]: ...
    async def week_stats(self, platform: str, start: datetime, end: datetime,
                         top: int = 5, episodes: int = 10) -> WeekStats: ...
    async def count_kudos(self, platform: str | None, start: datetime, end: datetime) -> int: ...
    def export(self, since: datetime | None = None) -> AsyncIterator[KudosRecord]: ...
    async def ping(self) -> None: ...


class Directory(Protocol):
    """Facts about people that only the platform knows."""

    async def is_bot(self, user: str) -> bool: ...
    async def is_admin(self, user: str) -> bool: ...


class Messenger(Protocol):
    """Posts to a channel or conversation; returns the platform's message id."""

    platform: str

    async def post(self, channel: str, reply: Reply, lang: str) -> str: ...
