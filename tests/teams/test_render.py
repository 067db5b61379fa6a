"""The neutral reply as an Adaptive Card: every block kind, mentions, and the plain-text fallback."""

from __future__ import annotations

from adapters.teams.render import NameBook, card, message
from bot.replies import Bullets, Divider, Fields, Heading, Note, Paragraph, Reply
from tests.teams.markdown import shown

REPLY = Reply.of(Heading("Roundup"), Paragraph("Thanks <@29:bob>"), Bullets("Top", ("one", "two")),
                 Fields((("Kudos", "12"), ("Best", "<@29:carol>")),), Divider(), Note("See you"))


def test_every_block_kind_becomes_card_elements():
    names = NameBook()
    names.learn("29:bob", "Bob")
    body = card(REPLY, names)["body"]
    assert [e["type"] for e in body] == ["TextBlock"] * 4 + ["FactSet", "TextBlock"]
    assert body[0]["weight"] == "Bolder" and body[1]["text"] == "Thanks <at>Bob</at>"
    assert body[3]["text"] == "- one\r- two"
    assert body[4]["facts"][1] == {"title": "Best", "value": "<at>○○</at>"}  # no name known: never the raw id
    assert body[5]["separator"] is True and body[5]["isSubtle"] is True


def test_mentions_are_entities_and_the_fallback_is_plain_text():
    names = NameBook()
    names.learn("29:bob", "Bob")
    activity = message(REPLY, names)
    content = activity.attachments[0].content
    assert [e["mentioned"] for e in content["msteams"]["entities"]] == [{"id": "29:bob", "name": "Bob"},
                                                                          {"id": "29:carol", "name": "○○"}]
    assert content["fallbackText"].startswith("■ Roundup\nThanks @Bob") and "29:carol" not in content["fallbackText"]
    assert activity.summary == "Roundup"  # the first line: the text is not sent three times
    assert activity.text is None  # Teams would show it above the card: everything twice


def test_the_name_book_forgets_and_stays_bounded():
    names = NameBook(size=2)
    for n in range(3):
        names.learn(f"29:{n}", f"P{n}")
    assert names.name("29:0") is None and names.name("29:2") == "P2"
    names.forget("29:2")
    assert names.name("29:2") is None


def test_typed_words_are_literal_markdown_and_their_mentions_are_entities_only_when_live():
    import html
    import re

    from markdown_it import MarkdownIt

    from bot.replies import Typed, joined

    typed = ("[ここをクリック](https://example.invalid/login) **太字** # 見出し\n1. one\n- two\n2) three\nSetext\n---\n"
             "Title\n===\n+ four <at>Eve</at> `x` <@29:carol> & <b> &amp; ~~s~~ | t |")
    names = NameBook()
    names.learn("29:carol", "Carol")
    names.learn("29:bob", "Bob")
    commonmark = MarkdownIt("commonmark", {"html": False})
    for live in (False, True):
        content = card(Reply.of(Paragraph(joined("<@29:bob> said ", Typed(typed, live=live)))), names)
        rendered = commonmark.render(content["body"][0]["text"])
        assert not re.search(r"<(a|strong|em|h\d|ol|ul|li|code|hr|s|del|table)\b", rendered), rendered
        seen = html.unescape(re.sub(r"</?p>", "", rendered)).strip()
        carol = "<at>Carol</at>" if live else "@Carol"
        assert seen == "<at>Bob</at> said " + typed.replace("<@29:carol>", carol)
        assert [e["mentioned"]["id"] for e in content["msteams"]["entities"]] == (
            ["29:bob", "29:carol"] if live else ["29:bob"])
        assert shown(content["fallbackText"]) == "@Bob said " + typed.replace("<@29:carol>", "@Carol")


def test_the_fallback_is_inert_markdown_and_the_summary_plain_text():
    """Clients that cannot show the card show ``fallbackText``, which Adaptive Cards say may be
    markdown: typed words and people's names are escaped there as in the card. The activity's
    ``summary`` (notifications, previews) is plain text, which nothing renders: shown as typed."""
    from bot.replies import Typed, joined

    names = NameBook()
    names.learn("29:eve", "[Eve](https://evil.example/) **boss**")
    typed = "**太字** [ここをクリック](https://example.invalid/login) <at>Bob</at> # 見出し"
    reply = Reply.of(Paragraph(joined("<@29:eve> said ", Typed(typed))), Note("Thanks <@29:eve>"))
    activity = message(reply, names, "en")
    content = activity.attachments[0].content
    name = "[Eve](https://evil.example/) **boss**"
    assert shown(content["fallbackText"]) == f"@{name} said {typed}\nThanks @{name}"
    assert activity.summary == f"@{name} said {typed}"
