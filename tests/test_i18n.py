"""Every sentence exists in Japanese and English, with the same placeholders; the sentences of the
core, each feature and each adapter make one catalogue in which no key is claimed twice."""

from __future__ import annotations

import string

import pytest

import adapters.console  # noqa: F401 - each adapter's sentences join the catalogue when it loads
import adapters.dashboard  # noqa: F401
import adapters.slack  # noqa: F401
import adapters.teams  # noqa: F401
import bot.features  # noqa: F401
from bot.i18n import MESSAGES, DuplicateMessage, pick, register, t


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


def test_a_key_claimed_twice_fails_loudly_and_changes_nothing():
    before = dict(MESSAGES)
    with pytest.raises(DuplicateMessage, match=r"'kudos.self' of a new feature is bot.features.kudos's"):
        register("a new feature", {"kudos.self": {"ja": "別の文", "en": "Another sentence"},
                                   "new.key": {"ja": "新しい文", "en": "A new sentence"}})
    assert MESSAGES == before  # nothing of the refused file was taken


def test_the_catalogue_gathers_the_core_the_features_and_the_adapters():
    for key in ("help.title", "kudos.self", "me.title", "subscribe.usage", "tip.title", "roundup.title",
                "slack.modal.title", "teams.task.title", "console.help", "dashboard.title"):
        assert key in MESSAGES, key
