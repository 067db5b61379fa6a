"""The neutral reply model: what Kodo says, before any platform decides how it looks.

Adapters render a ``Reply``'s blocks as Block Kit, an Adaptive Card or terminal text; ``Reply.text``
is the plain-text fallback every platform also gets (notifications, screen readers, old clients).
Mentions travel inside strings as ``<@user-id>``; each adapter rewrites them its own way.
"""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass, field

MENTION = re.compile(r"<@([^<>|\s]+)(?:\|[^<>]*)?>")


def mention(user_id: str) -> str:
    return f"<@{user_id}>"


def at_mentions(text: str) -> str:
    """``<@bob>`` -> ``@bob``: mentions for a terminal, where there is no platform to render them."""
    return MENTION.sub(lambda m: "@" + m.group(1), text)


@dataclass(frozen=True)
class Heading:
    text: str


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Bullets:
    title: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Fields:
    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Note:
    """Small print: context, a hint, where to learn more."""

    text: str


@dataclass(frozen=True)
class Divider:
    pass


Block = Heading | Paragraph | Bullets | Fields | Note | Divider


def plain_text(blocks: tuple[Block, ...]) -> str:
    """The plain-text rendering; also the fallback text sent with every rich reply."""
    out: list[str] = []
    for block in blocks:
        match block:
            case Heading(text=text):
                out.append(f"■ {text}")
            case Paragraph(text=text) | Note(text=text):
                out.append(text)
            case Bullets(title=title, items=items):
                out.append(f"{title}\n" + "\n".join(f"・{item}" for item in items) if title
                           else "\n".join(f"・{item}" for item in items))
            case Fields(pairs=pairs):
                out.append("\n".join(f"{k}: {v}" for k, v in pairs))
            case Divider():
                out.append("―" * 12)
    return "\n".join(out)


@dataclass(frozen=True)
class Reply:
    blocks: tuple[Block, ...]
    text: str = ""

    def __post_init__(self) -> None:
        if not self.text:
            object.__setattr__(self, "text", plain_text(self.blocks))

    @classmethod
    def of(cls, *blocks: Block) -> "Reply":
        return cls(tuple(blocks))


class Audience(enum.Enum):
    PRIVATE = "private"  # only the person who acted (Slack ephemeral, Teams reply in 1:1, console "only you")
    CHANNEL = "channel"  # everyone in the channel where it happened
    DIRECT = "direct"  # a direct message to ``Outgoing.user``


@dataclass(frozen=True)
class Outgoing:
    audience: Audience
    reply: Reply
    user: str | None = None  # the recipient, for DIRECT
    lang: str = "ja"
    meta: dict = field(default_factory=dict, compare=False)
