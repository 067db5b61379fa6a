"""Block Kit rendering stays inside Slack's limits and never lets user text ping a channel."""

from __future__ import annotations

from adapters.slack.render import MAX_BLOCKS, MAX_SECTION, blocks, escape, home_view, message
from bot.replies import Bullets, Divider, Fields, Heading, Note, Paragraph, Reply


def test_every_block_kind_renders_with_the_plain_text_fallback():
    reply = Reply.of(Heading("Title"), Paragraph("Hello <@U1>"), Bullets("List", ("a", "b")),
                     Fields((("k", "v"),)), Note("small"), Divider())
    rendered = message(reply)
    assert rendered["text"] == reply.text
    assert [b["type"] for b in rendered["blocks"]] == ["header", "section", "section", "section", "context",
                                                       "divider"]
    assert rendered["blocks"][2]["text"]["text"] == "*List*\n• a\n• b"
    assert rendered["blocks"][1]["text"]["text"] == "Hello <@U1>"


def test_long_sections_are_split_and_block_count_is_capped():
    long = Reply.of(Bullets("", tuple("x" * 100 for _ in range(100))))
    sections = blocks(long)
    assert len(sections) > 1 and all(len(b["text"]["text"]) <= MAX_SECTION for b in sections)
    assert "".join(b["text"]["text"] for b in sections).count("x") == 100 * 100
    many = Reply.of(*(Paragraph(str(i)) for i in range(80)))
    assert len(blocks(many)) == MAX_BLOCKS and len(home_view([many, many])["blocks"]) == 100
    assert len(Heading("h" * 300).text) == 300 and len(blocks(Reply.of(Heading("h" * 300)))[0]["text"]["text"]) == 150


def test_user_text_cannot_ping_everyone_or_forge_links():
    assert escape("hi <!channel> <https://evil|click> & <@U1|bob> <#C1>") == (
        "hi &lt;!channel&gt; &lt;https://evil|click&gt; &amp; <@U1|bob> <#C1>")
    assert escape("already &amp; &lt;b&gt;") == "already &amp; &lt;b&gt;"
