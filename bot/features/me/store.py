"""What ``/kodo me`` and a person's settings need stored (``storage.me`` implements it); the counts per
principle come from the KPI source, as every other number does."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from bot.ports import UserSettings


class MeStore(Protocol):
    async def given_today(self, platform: str, user: str, day: date, realm: str | None = None) -> int:
        """What the daily limit counts: the person's standing kudos of ``day`` in ``realm`` (their
        workspace, or their Grid: ``bot.ports.realm``). Their own kudos counts are the KPI source's."""

    async def settings(self, platform: str, user: str) -> UserSettings: ...
    async def set_locale(self, platform: str, user: str, locale: str) -> None: ...
    async def set_ranking(self, platform: str, user: str, ranking: bool) -> None: ...

    async def forget_user(self, platform: str, user: str) -> dict[str, int]:
        """forget-me: every feature's forget step, in one transaction (how many of what changed)."""
