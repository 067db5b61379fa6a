"""A clock that only moves when a test says so."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone


class FakeClock:
    def __init__(self, start: datetime | str = "2026-11-24T10:00:00+09:00"):
        self._now = datetime.fromisoformat(start) if isinstance(start, str) else start
        if self._now.tzinfo is None:
            raise ValueError("FakeClock needs an aware datetime")
        self._now = self._now.astimezone(timezone.utc)

    def now(self) -> datetime:
        return self._now

    def set(self, when: datetime | str) -> None:
        self._now = (datetime.fromisoformat(when) if isinstance(when, str) else when).astimezone(timezone.utc)

    def advance(self, **delta) -> None:
        self._now += timedelta(**delta)
