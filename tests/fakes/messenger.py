"""A Messenger that remembers what it posted, and can be told to fail or to hang mid-send."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field


@dataclass
class RecordingMessenger:
    platform: str = "slack"
    posts: list[tuple[str, str, str]] = field(default_factory=list)  # (channel, lang, text)
    clock: object = None  # when given, ``sent_at`` records the time of every post
    sent_at: list = field(default_factory=list)
    fail: set[str] = field(default_factory=set)
    hang: set[str] = field(default_factory=set)  # posts here never return: the process is about to be killed
    hanging: asyncio.Event = field(default_factory=asyncio.Event)

    async def post(self, channel: str, reply, lang: str) -> str:
        if channel in self.hang:
            self.hanging.set()
            await asyncio.Event().wait()
        if channel in self.fail:
            raise RuntimeError(f"{channel} is down")
        self.posts.append((channel, lang, reply.text))
        if self.clock is not None:
            self.sent_at.append(self.clock.now())
        return f"{channel}-{len(self.posts)}"
