"""The **Propose an improvement** message shortcut: a modal with the message's words as the draft of
a proposal, and a principle to tie it to; submitted, it is proposed in the message's channel as
``/kodo propose`` would be. Where it goes travels in ``private_metadata``, as in the kudos modal."""

from __future__ import annotations

import json

from content.model import Pack

from adapters.slack import payloads
from adapters.slack.modal import Target, _text
from adapters.slack.render import select
from bot.features.principles.lookup import choices
from bot.features.proposals import MAX_TEXT
from bot.i18n import t

CALLBACK = "propose_improvement"
PRINCIPLE, TEXT = "principle", "text"


def view(pack: Pack, lang: str, target: Target, draft: str) -> dict:
    principle = select(choices(pack, lang, "proposals:principle", t("proposal.form.pick", lang)), PRINCIPLE)
    text = {"type": "plain_text_input", "action_id": TEXT, "multiline": True, "max_length": MAX_TEXT}
    if draft.strip():
        text["initial_value"] = draft.strip()[:MAX_TEXT]
    return {
        "type": "modal", "callback_id": CALLBACK,
        "private_metadata": json.dumps({"c": target.channel, "ts": target.ts, "a": target.author}),
        "title": _text(t("proposal.form.title", lang), 24),
        "submit": _text(t("proposal.form.submit", lang), 24),
        "close": _text(t("slack.modal.close", lang), 24),
        "blocks": [
            {"type": "context", "elements": [_text(t("proposal.form.where", lang), 2000)]},
            {"type": "input", "block_id": TEXT, "label": _text(t("proposal.form.text", lang), 2000), "element": text},
            {"type": "input", "block_id": PRINCIPLE, "optional": True,
             "label": _text(t("proposal.form.principle", lang), 2000), "element": principle},
        ],
    }


def submission(view_state: payloads.View) -> tuple[str, int | None, str]:
    """(channel, principle or None, the words) of a submitted draft."""
    values = view_state.state.values
    picked = values.get(PRINCIPLE, {}).get(PRINCIPLE)
    picked = picked.selected_option.value if picked and picked.selected_option else None
    text = values.get(TEXT, {}).get(TEXT)
    return (view_state.private_metadata.c, int(picked) if picked and picked.isascii() and picked.isdigit() else None,
            (text.value or "") if text else "")
