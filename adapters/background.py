"""Work an adapter starts after answering the platform (a reply, a welcome): kept so that tests and
shutdown can wait for it, and so that a stuck platform cannot hold the process when it stops."""

from __future__ import annotations

import asyncio
import logging
from typing import Awaitable

log = logging.getLogger(__name__)
SHUTDOWN_GRACE = 5.0  # seconds the work in flight is given when the server stops


class Background:
    def __init__(self, what: str):
        self.what = what  # named in the shutdown line: "Slack replies", "Teams welcomes"
        self._tasks: set[asyncio.Task] = set()

    def spawn(self, work: Awaitable) -> None:
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def idle(self) -> None:
        """Wait until everything started so far has finished (tests; shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks), return_exceptions=True)

    async def close(self, grace: float = SHUTDOWN_GRACE) -> None:
        """On shutdown, give the work in flight a moment, no more."""
        try:
            await asyncio.wait_for(self.idle(), grace)
        except asyncio.TimeoutError:
            log.warning("shutting down with %d %s unfinished", len(self._tasks), self.what)
