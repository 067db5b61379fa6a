"""Block Kit rendering stays inside Slack's limits and never lets user text ping a channel."""

from __future__ import annotations

import json

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


TYPED = ("<!channel> <!here> <!everyone> <!subteam^S123|@team> <!subteam^S9> <https://evil.example|ここ> "
         "<https://plain.example> <#C1|general> [md](https://x.example) **b** # h <at>Bob</at> <@U1|bob> a<b & c")


def test_typed_text_is_words_in_blocks_header_and_fallback_and_mentions_notify_only_when_live():
    from slack_sdk.models.blocks import Block

    from bot.replies import Typed, joined

    for live in (False, True):
        typed = Typed(TYPED, live=live)
        reply = Reply.of(Heading(joined("Search: ", typed)), Paragraph(joined("<@U2> said ", typed)),
                         Bullets(joined("t ", typed), (joined("- ", typed),)), Note(typed))
        rendered = message(reply, {"U1": "Bob Smith"})
        for block in rendered["blocks"]:
            Block.parse(block).validate_json()
        header, *mrkdwn = [json.dumps(block, ensure_ascii=False) for block in rendered["blocks"]]
        for text in (rendered["text"], header, *mrkdwn):
            assert "<!" not in text and "<https" not in text and "<#" not in text
            assert "@channel @here @everyone @team @S9 ここ (https://evil.example) https://plain.example #general" in text
        for text in (rendered["text"], *mrkdwn):  # escaped where Slack reads markup; the header is plain_text
            assert "[md](https://x.example) **b** # h &lt;at&gt;Bob&lt;/at&gt;" in text, text
        body = rendered["text"] + json.dumps(rendered["blocks"][1:])
        assert ("<@U1>" in body) is live and ("@Bob Smith" in body) is not live
        assert "<@U2>" in rendered["blocks"][1]["text"]["text"]  # Kodo's own mention always works
        assert "a&lt;b &amp; c" in rendered["text"]
        assert "# h <at>Bob</at>" in rendered["blocks"][0]["text"]["text"]  # plain_text: nothing is markup
