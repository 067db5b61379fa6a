"""What kudos need stored (``storage.kudos`` implements it). Every write has committed when it
returns: an adapter that acknowledges after it never acknowledges something that is lost."""

from __future__ import annotations

from datetime import datetime
from typing import AsyncIterator, Protocol

from bot.kpi import Scope
from bot.ports import AddResult, EventStamp, KudosRecord, NewKudos


class KudosStore(Protocol):
    async def add_kudos(self, kudos: NewKudos, daily_limit: int) -> AddResult: ...

    async def revoke_kudos(self, platform: str, giver: str, message: str, principle: int, at: datetime,
                           event: EventStamp | None = None, absent: NewKudos | None = None) -> bool:
        """True if a standing kudos was revoked. ``absent``: the kudos to keep, revoked, when there is
        none yet, so that its add arriving after this removal stays out."""

    async def blank_reasons(self, before: datetime) -> int:
        """KODO_RETENTION_DAYS: the words of kudos given before ``before`` go; the kudos stay counted."""

    def export(self, since: datetime | None = None, scope: Scope | None = None) -> AsyncIterator[KudosRecord]:
        """Every kudos, or those in ``scope`` (one workspace or organisation, say)."""
