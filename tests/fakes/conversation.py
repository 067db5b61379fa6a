"""Tests that read like conversations: type lines into a console session, read what Kodo said.

    chat = Conversation(kodo, "alice")
    await chat.type("/principle 3")
    assert "誰ひとり取り残されない" in chat.pop()
"""

from __future__ import annotations

import io

from adapters.console import ConsoleSession


class Conversation:
    def __init__(self, kodo, user: str = "alice", locale: str | None = None):
        self.out = io.StringIO()
        self.session = ConsoleSession(kodo, user, locale, self.out)
        self._read = 0

    async def type(self, *lines: str) -> str:
        for line in lines:
            await self.session.handle(line)
        return self.pop()

    def pop(self) -> str:
        text = self.out.getvalue()[self._read:]
        self._read = len(self.out.getvalue())
        return text
