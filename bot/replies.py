"""The neutral reply model: what Kodo says, before any platform decides how it looks.

Adapters render a ``Reply``'s blocks as Block Kit, an Adaptive Card or terminal text; ``Reply.text``
is the plain text (the console, the CLI), and ``plain_text`` makes each platform's fallback
(notifications, screen readers, old clients) from the blocks with that platform's escaping.
Mentions travel inside strings as ``<@user-id>``; each adapter rewrites them its own way.

Words a person typed (a reason, a search, an unknown command) travel as ``Typed`` pieces inside a
block's text, so each renderer escapes exactly those and nothing of Kodo's own markup: a text is
either a plain string (Kodo's words) or a tuple of strings and ``Typed`` pieces.
"""

from __future__ import annotations

import enum
import logging
import re
from dataclasses import dataclass, field
from typing import Awaitable, Callable

MENTION = re.compile(r"<@([^<>|\s]+)(?:\|[^<>]*)?>")


def mention(user_id: str) -> str:
    return f"<@{user_id}>"


@dataclass(frozen=True)
class Typed:
    """Words a person typed: shown as typed, never as markup. Mentions in them (``<@id>``, the form
    the platform resolved) notify only when ``live`` (the kudos post itself); anywhere later they
    read as the person's name."""

    text: str
    live: bool = False


Text = str | tuple  # Kodo's own words, or a tuple of ``str`` and ``Typed`` pieces


def pieces(text: Text | Typed) -> tuple:
    return text if isinstance(text, tuple) else (text,)


def joined(*texts: Text | Typed) -> Text:
    """Texts one after another, typed pieces kept typed."""
    parts = tuple(piece for text in texts for piece in pieces(text))
    return "".join(parts) if all(isinstance(p, str) for p in parts) else parts


def flat(text: Text, typed=lambda piece: piece.text, own=lambda words: words) -> str:
    """One string: Kodo's words through ``own``, typed pieces through ``typed`` (by default as typed)."""
    return "".join(typed(p) if isinstance(p, Typed) else own(p) for p in pieces(text))


def at_mentions(text: str) -> str:
    """``<@bob>`` -> ``@bob``: mentions for a terminal, where there is no platform to render them."""
    return MENTION.sub(lambda m: "@" + m.group(1), text)


@dataclass(frozen=True)
class Heading:
    text: Text


@dataclass(frozen=True)
class Paragraph:
    text: Text


@dataclass(frozen=True)
class Bullets:
    title: Text
    items: tuple[Text, ...]


@dataclass(frozen=True)
class Fields:
    pairs: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Note:
    """Small print: context, a hint, where to learn more."""

    text: Text


@dataclass(frozen=True)
class Divider:
    pass


ACTION = re.compile(r"^[a-z][a-z0-9_]*:[a-z][a-z0-9_.-]*$")
MAX_ACTION = 64  # well within Slack's 255 for an action_id, with room for the index of a button
MAX_OPTIONS = 100  # Slack's static_select takes 100 options
MAX_VALUE = 150  # Slack's limit for a select option's value, the strictest of the platforms
SHORT_LINE = 60  # characters a list of choices may take on one line


@dataclass(frozen=True)
class Option:
    label: Text  # Kodo's words, or a tuple with ``Typed`` pieces (a proposal's title, say)
    value: str  # what a press hands back to the feature: short, never shown


@dataclass(frozen=True)
class Choices:
    """Options a person can press: Slack buttons (a menu past ``BUTTONS``), Adaptive Card actions,
    or the console's numbered list under a handle (``/pick c2 1``). A press reaches the feature
    named by ``action``'s namespace (``"survey:answer"`` goes to ``survey``) as
    ``(action, option.value)``; ``chosen`` marks the option already chosen, and a ``closed`` set
    shows its options without letting anyone press them."""

    action: str  # "<feature>:<verb>"
    options: tuple[Option, ...]
    prompt: Text = ""  # one short line above the options (and a menu's placeholder)
    chosen: str | None = None  # the value of the option shown as chosen
    closed: bool = False

    BUTTONS = 5  # more options than this make a menu, on the platforms that have one

    def __post_init__(self) -> None:
        if not (ACTION.match(self.action) and len(self.action) <= MAX_ACTION):
            raise ValueError(f"a Choices action is '<feature>:<verb>', at most {MAX_ACTION} characters: "
                             f"{self.action!r}")
        if not 1 <= len(self.options) <= MAX_OPTIONS:
            raise ValueError(f"a Choices has 1 to {MAX_OPTIONS} options, not {len(self.options)}")
        values = [option.value for option in self.options]
        if len(set(values)) != len(values) or not all(0 < len(v) <= MAX_VALUE for v in values):
            raise ValueError(f"option values are distinct, 1 to {MAX_VALUE} characters: {values!r}")

    @classmethod
    def of(cls, action: str, options, **more) -> "Choices":
        """``Choices.of("quiz:answer", [("はい", "1"), ("いいえ", "2")], prompt=…)``."""
        return cls(action, tuple(Option(label, value) for label, value in options), **more)

    @property
    def menu(self) -> bool:
        return len(self.options) > self.BUTTONS

    def numbered(self, text=flat) -> str:
        """``1) はい  2) いいえ`` on one line while it is short, one option per line when not; the
        chosen option is marked ✓."""
        items = [f"{i}) {'✓' if o.value == self.chosen else ''}{text(o.label)}" for i, o in enumerate(self.options, 1)]
        line = "  ".join(items)
        return line if len(line) <= SHORT_LINE and "\n" not in line else "\n".join(items)


Block = Heading | Paragraph | Bullets | Fields | Note | Divider | Choices


def plain_text(blocks: tuple[Block, ...], typed=lambda piece: piece.text, own=lambda words: words,
               handle=lambda choices: None) -> str:
    """The plain-text rendering; also the fallback text sent with every rich reply. Renderers pass
    ``typed`` (and ``own``) to escape the fallback their platform's way; the console passes
    ``handle`` to put ``[c2]`` before the choices a person can press."""
    out: list[str] = []
    text = lambda value: flat(value, typed, own)  # noqa: E731
    for block in blocks:
        match block:
            case Heading(text=value):
                out.append(f"■ {text(value)}")
            case Paragraph(text=value) | Note(text=value):
                out.append(text(value))
            case Bullets(title=title, items=items):
                lines = "\n".join(f"・{text(item)}" for item in items)
                out.append(f"{text(title)}\n" + lines if title else lines)
            case Fields(pairs=pairs):
                out.append("\n".join(f"{text(k)}: {text(v)}" for k, v in pairs))
            case Divider():
                out.append("―" * 12)
            case Choices(prompt=prompt) as choices:
                if prompt:
                    out.append(text(prompt))
                mark = handle(choices)
                out.append((f"[{mark}] " if mark else "") + choices.numbered(text))
            case _:
                raise TypeError(f"no plain-text rendering for {type(block).__name__}")
    return "\n".join(out)


def typed_mentions(blocks: tuple[Block, ...]) -> set[str]:
    """Who is mentioned inside the typed pieces of ``blocks``."""
    texts = [text for block in blocks for text in (
        (block.title, *block.items) if isinstance(block, Bullets) else
        (block.prompt, *(o.label for o in block.options)) if isinstance(block, Choices) else
        (block.text,) if isinstance(block, (Heading, Paragraph, Note)) else ())]
    return {m.group(1) for text in texts for p in pieces(text) if isinstance(p, Typed)
            for m in MENTION.finditer(p.text)}


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
    # The message that carried the choices (in answer to a press), or the earlier post
    # ``Outgoing.thread`` names, replaced for everyone who reads it (a count that moved, a status
    # that changed).
    UPDATE = "update"
    # Under an earlier post (``Outgoing.thread``, named the way a press names its message): a reply
    # in its Slack thread, a reply to the Teams message, wherever the person acting is.
    THREAD = "thread"


@dataclass(frozen=True)
class Forgotten:
    """An effect: ``user`` used forget-me, so an adapter drops what it keeps of them (names, locales,
    where to reach them)."""

    user: str


@dataclass(frozen=True)
class Keep:
    """An effect of a CHANNEL post: once it is posted, the adapter hands ``keep`` the post's reference,
    named the way a press on it names its message (Slack ``channel:ts``, Teams ``conversation/id``,
    the console ``session:handle``), so that a feature can later answer under it (``Audience.THREAD``)."""

    keep: Callable[[str], Awaitable[None]]


@dataclass(frozen=True)
class Outgoing:
    audience: Audience
    reply: Reply
    user: str | None = None  # the recipient, for DIRECT
    thread: str | None = None  # the post to answer under (THREAD), or to replace (UPDATE outside a press)
    lang: str = "ja"
    meta: dict = field(default_factory=dict, compare=False)
    effects: tuple = ()  # what else the adapter must do, once the reply is on its way


def private(reply: Reply, lang: str, effects: tuple = ()) -> Outgoing:
    """An answer for the person who asked alone."""
    return Outgoing(Audience.PRIVATE, reply, lang=lang, effects=effects)


def say(lang: str, *lines: Text) -> Outgoing:
    """A few words for the person who asked alone, a paragraph each."""
    return private(Reply.of(*(Paragraph(line) for line in lines)), lang)


async def kept(out: Outgoing, reference: str | None) -> None:
    """An adapter posted ``out`` as ``reference``: hand it to the features that keep it (``Keep``).
    A failure to keep it costs only the replies under it later, so it is logged, never raised."""
    for effect in out.effects:
        if isinstance(effect, Keep) and reference:
            try:
                await effect.keep(reference)
            except Exception:  # noqa: BLE001 - the post is out; losing where it went must not undo it
                logging.getLogger(__name__).warning("could not keep where a post went", exc_info=True)


def effects_of(outgoing: list[Outgoing], kind: type) -> list:
    """The effects of one kind among replies (``effects_of(out, Forgotten)``)."""
    return [effect for o in outgoing for effect in o.effects if isinstance(effect, kind)]
