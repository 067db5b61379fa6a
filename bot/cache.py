"""A small time-limited cache, for facts that are asked often and change rarely (user settings,
platform profiles). Entries expire after ``ttl`` seconds; past ``size`` the oldest go first."""

from __future__ import annotations

import time


class TtlCache:
    def __init__(self, ttl: float, size: int = 10_000):
        self.ttl, self.size = ttl, size
        self._items: dict = {}

    def get(self, key):
        item = self._items.get(key)
        if item is None or item[0] < time.monotonic():
            return None
        return item[1]

    def put(self, key, value) -> None:
        if len(self._items) >= self.size:
            self._items.pop(next(iter(self._items)))
        self._items[key] = (time.monotonic() + self.ttl, value)

    def drop(self, key) -> None:
        self._items.pop(key, None)
