"""A feature of the tests' own, to test the press mechanism on every platform: it offers a choice
(``tally:count``), records every press it is handed (who, what, which message), and answers
each with the post updated for everyone (the count so far) and a private thank-you."""

from __future__ import annotations

from collections import Counter

from bot.feature import Feature
from bot.presses import Press
from bot.replies import Audience, Choices, Outgoing, Paragraph, Reply

CHOICES = Choices.of("tally:count", [("よく知っている", "1"), ("少し知っている", "2"), ("知らない", "3")],
                     prompt="行動規範を知っていますか？")


class Tally:
    def __init__(self):
        self.presses: list[tuple[str, str, str | None]] = []
        self.counts: Counter = Counter()

    def post(self) -> Reply:
        return Reply.of(CHOICES)

    @property
    def feature(self) -> Feature:
        return Feature("tally", press=self.press)

    async def press(self, call, press: Press) -> list[Outgoing] | None:
        if press.verb != "count" or press.value not in ("1", "2", "3"):
            return None
        ctx, lang = call.ctx, call.lang
        self.presses.append((ctx.user, press.value, press.message))
        self.counts[press.message] += 1
        counted = Reply.of(Paragraph(f"{self.counts[press.message]} answered"), CHOICES)
        return [Outgoing(Audience.UPDATE, counted, lang=lang),
                Outgoing(Audience.PRIVATE, Reply.of(Paragraph(f"thanks {ctx.user}: {press.value}")), lang=lang)]
