"""What the welcome needs stored (``storage.welcome`` implements it): who has been welcomed (and
which teams Kodo introduced itself to), one row each, so nobody is welcomed twice, whatever restarts
or however many replicas receive the event."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

PERSON, TEAM = "person", "team"


class WelcomeStore(Protocol):
    async def first(self, platform: str, subject: str, kind: str, at: datetime, workspace: str | None = None,
                    organisation: str | None = None) -> bool:
        """Note that ``subject`` (a person's id, or a Teams team's) is welcomed; True only for the
        first call ever, on any replica."""
