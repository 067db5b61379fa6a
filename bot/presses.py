"""A person pressed one option of a ``Choices``: how the press reaches the feature that offered it.

Every platform turns its own press (a Slack ``block_actions``, a Teams card action, the console's
``/pick``) into one call, ``Kodo.press(ctx, action, value, message)``. The action's namespace
(``survey`` in ``survey:answer``) is the name of the feature that answers it (``Feature.press``,
found in the registry).

A press arrives from outside and may be old, foreign, forged or delivered twice, so a handler is
given who pressed (``ctx``), where, and which message carried the choices (``Press.message``), and
decides from what it stored whether the press still counts ("this has closed", "you already
answered", a changed answer). A handler that cannot take a press (an unknown verb, a value that does
not parse, a subject that no longer exists) returns ``None``, and the person is told politely, in
their language, that the choice is no longer available; nothing changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.i18n import t
from bot.replies import ACTION, MAX_ACTION, MAX_VALUE, Audience, Outgoing, Paragraph, Reply


@dataclass(frozen=True)
class Press:
    action: str  # "<feature>:<verb>", as the Choices said
    value: str  # the pressed option's value
    message: str | None = None  # the message that carried the choices, in the platform's terms

    @property
    def feature(self) -> str:
        return self.action.partition(":")[0]

    @property
    def verb(self) -> str:
        return self.action.partition(":")[2]

    @classmethod
    def read(cls, action: object, value: object, message: object = None) -> "Press | None":
        """A press as the platform delivered it, or None when it cannot be one of Kodo's."""
        if not (isinstance(action, str) and len(action) <= MAX_ACTION and ACTION.match(action)):
            return None
        if not (isinstance(value, str) and 0 < len(value) <= MAX_VALUE):
            return None
        return cls(action, value, message if isinstance(message, str) and message else None)


def unavailable(lang: str) -> Outgoing:
    """The polite answer to a press nothing can be done with, for the presser alone."""
    return Outgoing(Audience.PRIVATE, Reply.of(Paragraph(t("press.unavailable", lang))), lang=lang)

