"""What the roundup reads beyond the KPI source's counts (``storage.roundup`` implements it)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from bot.kpi import Scope
from bot.ports import Episode, Place


class RoundupStore(Protocol):
    """``scope``: a platform, a workspace… (``Scope.counted_for`` a roundup's audience; empty: all)."""

    async def top_receivers(self, scope: Scope, pack: str, start: datetime, end: datetime,
                            top: int) -> list[tuple[str, int]]:
        """Who received most, opted-out and forgotten people left out (counts are ``bot.kpi``'s)."""

    async def episodes(self, scope: Scope, start: datetime, end: datetime, limit: int,
                       audience: Place | None = None, pack: str | None = None) -> list[Episode]: ...
    async def conversations_with_reasons(self, scope: Scope, start: datetime, end: datetime) -> set[str]: ...
    async def hidden_people(self, platform: str | None, people: set[str]) -> set[str]: ...
