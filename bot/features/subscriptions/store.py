"""What subscriptions need stored (``storage.subscriptions`` implements it). A subscription and its
audit entry commit together."""

from __future__ import annotations

from typing import Protocol

from bot.ports import AuditEntry, Subscription


class SubscriptionStore(Protocol):
    async def subscribe(self, sub: Subscription, audit: AuditEntry | None = None) -> None: ...
    async def unsubscribe(self, platform: str, channel: str, kind: str, audit: AuditEntry | None = None) -> bool: ...
    async def subscriptions(self, kind: str, platform: str | None = None) -> list[Subscription]: ...
    async def leave(self, platform: str, channel: str, audit: AuditEntry | None = None) -> list[str]:
        """Every subscription of ``channel`` ends; the kinds it had (``audit`` written only if any)."""
