"""Small bounded caches. Anything kept per distinct outside input (a user, a conversation, a service
URL) lives in one of these, so a stranger sending many distinct values costs a bounded amount of
memory, never more.

``TtlCache``: facts asked often that change rarely (user settings, platform profiles); entries
expire after ``ttl`` seconds, and past ``size`` the oldest go first. ``Lru``: things worth keeping
while they are used (connector clients, conversations already stored); past ``size`` the least
recently used goes, handed to ``on_evict`` (to close it, say)."""

from __future__ import annotations

import time
from collections import OrderedDict
from typing import Callable


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


class Lru:
    def __init__(self, size: int, on_evict: Callable[[object], None] | None = None):
        self.size, self.on_evict = size, on_evict
        self._items: OrderedDict = OrderedDict()

    def get(self, key, default=None):
        if key not in self._items:
            return default
        self._items.move_to_end(key)
        return self._items[key]

    def put(self, key, value) -> None:
        self._items[key] = value
        self._items.move_to_end(key)
        while len(self._items) > self.size:
            _key, evicted = self._items.popitem(last=False)
            if self.on_evict is not None:
                self.on_evict(evicted)

    def discard(self, key) -> None:
        self._items.pop(key, None)

    def __contains__(self, key) -> bool:
        return key in self._items

    def __len__(self) -> int:
        return len(self._items)

    def values(self) -> list:
        return list(self._items.values())
