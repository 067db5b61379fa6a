"""The **Propose an improvement** message action: a task module with the message's words as the draft
of a proposal and a principle to tie it to; submitted, it is proposed in that conversation as
``@Kodo propose`` would be."""

from __future__ import annotations

import html
import re

from bot.features.principles.lookup import choices
from bot.features.proposals import MAX_TEXT
from bot.i18n import t

from .package import PROPOSE as ACTION
from .render import CARD_VERSION, NameBook, choice_set

TITLE = "proposal.form.title"  # the dialog's title (the message action's name)
_TAG = re.compile(r"<[^>]*>")
_BREAK = re.compile(r"<br\s*/?>|</p>|</div>", re.IGNORECASE)


def words_of(payload) -> str:
    """The words of the message the action was run on (Teams sends its body as HTML)."""
    body = getattr(payload, "body", None)
    content = getattr(body, "content", None) or ""
    if getattr(body, "content_type", "html") == "html":
        content = html.unescape(_TAG.sub("", _BREAK.sub("\n", content)))
    return "\n".join(line.strip() for line in content.strip().splitlines() if line.strip())[:MAX_TEXT]


def form(pack, lang: str, draft: str, names: NameBook) -> dict:
    """Words in, never markup: the draft is an input's value. Submitted with Action.Submit
    (``task/submit``), so the form stays at version 1.4 like the kudos form."""
    principle = choice_set(choices(pack, lang, "proposals:principle", t("proposal.form.pick", lang)), "principle",
                           names, lang, t("proposal.form.principle", lang))
    principle["isRequired"] = False
    principle.pop("errorMessage", None)
    return {
        "type": "AdaptiveCard", "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "version": CARD_VERSION,
        "body": [
            {"type": "TextBlock", "text": t("proposal.form.where", lang), "wrap": True},
            {"type": "Input.Text", "id": "text", "label": t("proposal.form.text", lang), "isMultiline": True,
             "isRequired": True, "errorMessage": t("proposal.form.missing", lang), "maxLength": MAX_TEXT,
             "value": draft},
            principle,
        ],
        "actions": [{"type": "Action.Submit", "title": t("proposal.form.submit", lang)}],
    }
