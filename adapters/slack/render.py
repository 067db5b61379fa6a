"""The neutral ``Reply`` as Block Kit, within Slack's limits, with ``Reply.text`` as the fallback.

Slack rejects a whole message for one oversized block, so long sections are split on line breaks
and the block list is capped; the fallback text always carries everything. User-typed text is
escaped so a reason cannot ping ``@channel`` or forge a link through Kodo's voice.
"""

from __future__ import annotations

import re

from bot.replies import Bullets, Divider, Fields, Heading, Note, Paragraph, Reply

MAX_BLOCKS = 50
MAX_HOME_BLOCKS = 100
MAX_SECTION = 3000
MAX_HEADER = 150
MAX_CONTEXT = 2000
MAX_FIELD = 2000
MAX_FIELDS = 10
MAX_FALLBACK = 40000

_SAFE_LINK = re.compile(r"<[@#][^\s<>|!]+(?:\|[^<>]*)?>")  # user mentions and channel links only
_BARE_AMP = re.compile(r"&(?!amp;|lt;|gt;)")


def escape(text: str) -> str:
    """Slack's mrkdwn escaping, keeping ``<@U…>`` mentions and ``<#C…>`` links working."""
    kept: list[str] = []

    def keep(m: re.Match) -> str:
        kept.append(m.group(0))
        return f"\x00{len(kept) - 1}\x00"

    text = _SAFE_LINK.sub(keep, text)
    text = _BARE_AMP.sub("&amp;", text).replace("<", "&lt;").replace(">", "&gt;")
    return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], text)


def _chunks(text: str, limit: int) -> list[str]:
    """Pieces of at most ``limit`` characters, cut at line breaks where there is one."""
    pieces: list[str] = []
    while len(text) > limit:
        cut = text.rfind("\n", 0, limit)
        cut = cut if cut > 0 else limit
        pieces.append(text[:cut])
        text = text[cut:].lstrip("\n")
    return pieces + [text] if text else pieces


def _section(text: str) -> list[dict]:
    return [{"type": "section", "text": {"type": "mrkdwn", "text": piece}} for piece in _chunks(text, MAX_SECTION)]


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def block(item) -> list[dict]:
    match item:
        case Heading(text=text):
            return [{"type": "header", "text": {"type": "plain_text", "text": _clip(text, MAX_HEADER), "emoji": True}}]
        case Paragraph(text=text):
            return _section(escape(text))
        case Bullets(title=title, items=items):
            lines = ([f"*{escape(title)}*"] if title else []) + [f"• {escape(line)}" for line in items]
            return _section("\n".join(lines))
        case Fields(pairs=pairs):
            fields = [{"type": "mrkdwn", "text": _clip(f"*{escape(k)}*\n{escape(v)}", MAX_FIELD)} for k, v in pairs]
            return [{"type": "section", "fields": fields[i:i + MAX_FIELDS]} for i in range(0, len(fields), MAX_FIELDS)]
        case Note(text=text):
            return [{"type": "context", "elements": [{"type": "mrkdwn", "text": _clip(escape(text), MAX_CONTEXT)}]}]
        case Divider():
            return [{"type": "divider"}]
    raise TypeError(f"no Block Kit rendering for {type(item).__name__}")


def blocks(reply: Reply, limit: int = MAX_BLOCKS) -> list[dict]:
    out = [b for item in reply.blocks for b in block(item)]
    return out if len(out) <= limit else out[:limit - 1] + [
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "…"}]}]


def message(reply: Reply) -> dict:
    """Keyword arguments for chat.postMessage / chat.postEphemeral / an ack body."""
    return {"text": _clip(reply.text, MAX_FALLBACK), "blocks": blocks(reply)}


def home_view(replies: list[Reply]) -> dict:
    """App Home: the core's replies one after another, divided."""
    out: list[dict] = []
    for i, reply in enumerate(replies):
        out += ([{"type": "divider"}] if i else []) + blocks(reply, MAX_HOME_BLOCKS)
    return {"type": "home", "blocks": out[:MAX_HOME_BLOCKS]}
