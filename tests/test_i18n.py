"""Every sentence exists in Japanese and English, with the same placeholders."""

from __future__ import annotations

import string

from bot.i18n import pick, t
from bot.i18n.catalogue import MESSAGES


def fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_message_has_both_languages_with_the_same_placeholders():
    for key, entry in MESSAGES.items():
        assert set(entry) == {"ja", "en"}, key
        assert fields(entry["ja"]) == fields(entry["en"]), key
        assert entry["ja"].strip() and entry["en"].strip(), key


def test_language_hints():
    assert pick("en-US") == "en" and pick("ja_JP") == "ja" and pick("fr-FR") == "ja" and pick(None, "en") == "en"
    assert t("kudos.bot", "en") == "Bots don't collect kudos."
