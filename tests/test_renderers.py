"""A block no renderer knows is refused loudly, never dropped: a reply that lost a part would look
whole to the person reading it."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from adapters.slack import render as slack
from adapters.teams import render as teams
from bot.replies import Audience, Outgoing, Paragraph, Reply, plain_text
from tests.fakes.conversation import Conversation


@dataclass(frozen=True)
class Gauge:
    """A block from a feature no renderer was taught."""

    value: int


def reply_with_a_gauge() -> Reply:
    return Reply((Paragraph("before"), Gauge(3)), text="before")  # a text given: only the renderers see the blocks


def test_plain_text_and_so_the_console_refuse_it():
    with pytest.raises(TypeError, match="no plain-text rendering for Gauge"):
        plain_text((Paragraph("before"), Gauge(3)))
    with pytest.raises(TypeError, match="Gauge"):
        Reply.of(Paragraph("before"), Gauge(3))  # a reply's text (the console's, the fallback's) is made of its blocks


def test_block_kit_refuses_it():
    with pytest.raises(TypeError, match="no Block Kit rendering for Gauge"):
        slack.blocks(reply_with_a_gauge())
    with pytest.raises(TypeError, match="Gauge"):
        slack.message(reply_with_a_gauge())


def test_adaptive_cards_refuse_it():
    with pytest.raises(TypeError, match="no Adaptive Card rendering for Gauge"):
        teams.card(reply_with_a_gauge(), teams.NameBook())


async def test_the_console_refuses_it_and_says_sorry_instead_of_half_a_reply(kodo, monkeypatch):
    chat = Conversation(kodo, "alice", "en")
    with pytest.raises(TypeError, match="no plain-text rendering for Gauge"):
        chat.session._show(Outgoing(Audience.PRIVATE, reply_with_a_gauge()))

    async def gauge(*args):
        return [Outgoing(Audience.PRIVATE, reply_with_a_gauge())]
    monkeypatch.setattr(kodo, "command", gauge)
    said = await chat.type("/kodo gauge")
    assert "before" not in said and "Sorry, something went wrong on my side" in said
