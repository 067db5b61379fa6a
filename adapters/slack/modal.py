"""The ``give_kudos`` modal: what it shows, and what a submission means.

The message being recognised travels in ``private_metadata`` (channel, ts, author), because the
submission arrives later as a separate request with no memory of the shortcut that opened it.
The words come from the catalogue; only the structure is Slack's.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from content.model import Pack

from adapters.slack import payloads
from adapters.slack.render import select
from bot.i18n import t
from bot.features.kudos.rules import MAX_REASON, principle_picker
from bot.replies import mention

CALLBACK = "give_kudos"
FEATURE = "feature_episode"  # the casebook's message shortcut: no form, an admin features the message
PRINCIPLE, REASON = "principle", "reason"
MAX_TITLE = 24


@dataclass(frozen=True)
class Target:
    channel: str
    ts: str
    author: str | None

    @property
    def message(self) -> str:
        return f"{self.channel}:{self.ts}"


def target_of(shortcut: payloads.Shortcut) -> Target | None:
    """The message a shortcut was used on; ``None`` when Slack did not say which one. A bot's
    message has no author to recognise."""
    msg = shortcut.message or payloads.Message()
    ts = msg.ts or shortcut.message_ts
    if not ts:
        return None
    author = None if msg.bot_id or msg.subtype == "bot_message" else msg.user
    return Target(shortcut.channel.id, ts, author)


def refusal(target: Target, user: str, lang: str, is_bot: bool) -> str | None:
    """Why this message's author cannot be recognised (one's own message, a bot's), or None: said
    as soon as the shortcut is used, before any form is filled in."""
    if target.author == user:
        return t("kudos.own_message", lang)
    if target.author is None or is_bot:
        return t("kudos.bot_message", lang, author=mention(target.author)) if target.author \
            else t("kudos.bot_message.unnamed", lang)
    return None


def refusal_view(lang: str, text: str) -> dict:
    """Nothing to cancel here: the one button closes the dialog."""
    return {"type": "modal", "title": _text(t("slack.modal.title", lang), MAX_TITLE),
            "close": _text(t("slack.modal.done", lang), MAX_TITLE),
            "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": text}}]}


def _text(text: str, limit: int) -> dict:
    return {"type": "plain_text", "text": text if len(text) <= limit else text[:limit - 1] + "…", "emoji": True}


def view(pack: Pack, lang: str, target: Target) -> dict:
    receiver = mention(target.author) if target.author else "?"
    return {
        "type": "modal", "callback_id": CALLBACK,
        "private_metadata": json.dumps({"c": target.channel, "ts": target.ts, "a": target.author}),
        "title": _text(t("slack.modal.title", lang), MAX_TITLE),
        "submit": _text(t("slack.modal.submit", lang), MAX_TITLE),
        "close": _text(t("slack.modal.close", lang), MAX_TITLE),
        "blocks": [
            {"type": "section", "text": {"type": "mrkdwn", "text": t("slack.modal.to", lang, receiver=receiver)}},
            {"type": "input", "block_id": PRINCIPLE, "label": _text(t("slack.modal.principle", lang), 2000),
             "element": select(principle_picker(pack, lang), PRINCIPLE)},
            {"type": "input", "block_id": REASON, "optional": True, "label": _text(t("slack.modal.reason", lang), 2000),
             "element": {"type": "plain_text_input", "action_id": REASON, "multiline": True,
                         "max_length": MAX_REASON}},
        ],
    }


def notice(lang: str, text: str) -> dict:
    """A modal that only says something (an apology where the form would have opened)."""
    return {"type": "modal", "title": _text(t("slack.modal.title", lang), MAX_TITLE),
            "close": _text(t("slack.modal.done", lang), MAX_TITLE),
            "blocks": [{"type": "section", "text": _text(text, 3000)}]}


@dataclass(frozen=True)
class Submission:
    target: Target
    principle: int | None
    reason: str | None


def submission(view_state: payloads.View) -> Submission:
    meta, values = view_state.private_metadata, view_state.state.values
    picked = values.get(PRINCIPLE, {}).get(PRINCIPLE)
    picked = picked.selected_option.value if picked and picked.selected_option else None
    reason = values.get(REASON, {}).get(REASON)
    return Submission(Target(meta.c, meta.ts, meta.a),
                      int(picked) if picked and picked.isascii() and picked.isdigit() else None,
                      reason.value if reason else None)
