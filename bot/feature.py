"""What a feature is: everything one capability brings to Kodo, declared in one place.

A feature lives in ``bot/features/<name>/`` and owns its words, its intents and handlers, its
presses, its sentences, its help lines, its store Protocol, what it posts on a schedule, its
settings, its doctor's checks and its command-line subcommands. Everything shared is a lookup in the
``Registry`` (``bot.registry``, over the one list of features in ``bot/features/__init__.py``): a
head word finds its feature, which parses the rest and handles it; a press's namespace
(``survey:answer``) finds the feature that owns it; ``/kodo subscribe survey`` finds the feature that
posts ``survey``. Nothing here knows any feature by name.
"""

from __future__ import annotations

from argparse import ArgumentParser, Namespace
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any, Awaitable, Callable, Iterable, Mapping, Protocol

from bot.context import Context
from bot.howto import How, how
from bot.ports import Clock, Messenger, Meter, Place, Subscription, Unmetered
from bot.replies import Outgoing, Reply

if TYPE_CHECKING:
    from content.model import Pack

    from bot.config import Settings
    from bot.kpi import Ask, Figures, KpiSource
    from bot.registry import Registry
    from bot.schedule import Slot


@dataclass(frozen=True)
class Slash:
    """A Slack slash command of the feature's own (``/principle``), as the app manifest declares it."""

    describe: str  # message key: the manifest's description
    hint: str  # message key: the manifest's usage hint
    escape: bool = False  # Slack then sends mentions as ``<@U…|name>``


@dataclass(frozen=True)
class Command:
    """A word that starts a command: after ``/kodo`` (``/kodo me``), alone (``me`` in Teams and the
    console), or as a Slack slash command of its own when ``slash`` says so (``/principle``)."""

    word: str
    aliases: tuple[str, ...] = ()  # other spellings, in both languages
    teams: str | None = None  # message key: its description in the Teams command menu (which shows ten)
    slash: Slash | None = None


@dataclass(frozen=True)
class HelpLine:
    """One line of ``/kodo help``: ``command`` is what ``args`` are typed after (``kodo``,
    ``principle``); without one, ``args`` is the whole way to do it (a reaction, a menu)."""

    command: str | None
    args: str
    what: str

    def text(self, h: How) -> str:
        return h.command(self.command, self.args) if self.command else self.args


class Poster(Protocol):
    """What one slot posts to each subscribed channel (made once where channels may read the same)."""

    async def reply(self, sub: Subscription, messenger: Messenger) -> Reply: ...


async def audience(sub: Subscription, messenger: Messenger) -> Place:
    """Who reads a subscribed channel: asked of the platform now where it can tell (Slack's
    conversations.info), else as known when the channel subscribed."""
    ask = getattr(messenger, "audience", None)  # optional: a platform that can look a channel up
    return await ask(sub.channel) if ask else sub.place


@dataclass(frozen=True)
class Kind:
    """Something channels subscribe to (``/kodo subscribe tips``) and the scheduler posts there, once
    per channel and period (``every``: a day, a week or a month) across every replica."""

    name: str  # what is typed after subscribe; the kind of the subscription and of each post's claim
    every: str  # "day" | "week" | "month" (``bot.schedule``)
    on: Callable[[date, frozenset[date]], bool]  # whether a day is its posting day (given KODO_CLOSED_DAYS)
    at: Callable[["Settings"], time]  # when, on that day, in KODO_TIMEZONE
    post: Callable[["Parts", "Slot"], Poster]
    title: str  # message key: what it is called ("daily tips")
    subscribed: str  # message key: the confirmation, with {time} and {language}
    aliases: tuple[str, ...] = ()
    channels: Callable[["Settings"], tuple[str, ...]] = lambda settings: ()  # Slack channels from the environment
    enabled: Callable[["Settings"], bool] = lambda settings: True  # off: nothing is scheduled (a missing key)


class Sender(Protocol):
    """How a scheduled job (``Job``) reaches one person privately: once per person, job and day across
    every replica (the scheduler's claims), in the person's language (``make(lang)`` builds the
    reply). Returns the scheduler's outcome of that one delivery."""

    async def direct(self, place: Place, user: str, make: Callable[[str], Reply]) -> Any: ...

    async def admins(self, place: Place) -> list[str]:
        """The platform's own admins of ``place``'s workspace, where it can list them (Slack's admins
        and owners); [] where it cannot (Teams, where admins are KODO_ADMINS alone)."""


@dataclass(frozen=True)
class Job:
    """Something a feature does on a schedule for no subscribed channel (the admins' digest of
    overdue proposals): on its days at its time, caught up like posts; ``run(parts, sender, slot)``
    sends what it has through ``sender`` and returns the outcomes."""

    name: str  # also the kind of its deliveries' claims (at most 16 characters)
    on: Callable[[date, frozenset[date]], bool]
    at: Callable[["Settings"], time]
    run: Callable[["Parts", Sender, "Slot"], Awaitable[list]]
    every: str = "day"  # a job runs once on each day it is due
    enabled: Callable[["Settings"], bool] = lambda settings: True


@dataclass(frozen=True)
class Setting:
    """An environment variable a feature reads (``KODO_SURVEY_TIME``): read and checked at start with
    every other setting (``Settings.option``), so a wrong value stops Kodo with one clear line."""

    name: str
    default: str
    read: Callable[[str, str], Any] = lambda name, text: text  # (name, text) -> value; ConfigError if wrong
    secret: bool = False  # never shown in a log line or an error


@dataclass(frozen=True)
class Subcommand:
    """``kodo NAME``: a command-line subcommand. ``run`` imports what it needs when it runs, so that
    ``kodo --help`` stays fast."""

    name: str
    help: str
    run: Callable[[Namespace, "Settings"], int | Awaitable[int]]
    arguments: Callable[[ArgumentParser], None] = lambda parser: None
    description: str | None = None  # what ``kodo NAME --help`` says after ``help``


@dataclass(frozen=True)
class Parts:
    """What a feature works with, whoever asks (a person, the scheduler, the command line)."""

    pack: "Pack"
    settings: "Settings"
    clock: Clock
    store: Any = None  # the feature's own store, implementing its Protocol; None for a feature without one
    kpis: "KpiSource | None" = None
    meter: Meter = field(default_factory=Unmetered)
    # Every feature with its own parts, for a feature that gathers what the others add (the roundup).
    features: Callable[[], Iterable[tuple["Feature", "Parts"]]] = lambda: ()

    @property
    def tz(self):
        return self.settings.tz

    def today(self) -> date:
        return self.clock.now().astimezone(self.tz).date()


@dataclass(frozen=True)
class Call:
    """One person's request to one feature: who and where, in which language, and with what."""

    ctx: Context
    lang: str
    parts: Parts
    registry: "Registry"
    admin: Callable[[Context], Awaitable[bool]]
    language: Callable[[str, str, str | None], Awaitable[str]]  # (platform, user, hint) -> their language
    parts_of: Callable[["Feature"], Parts] | None = None  # another feature's parts (``Call.of``)
    events: Callable[..., Awaitable[list[Outgoing]]] | None = None  # (name, ctx, *args): ``Call.emit``

    @property
    def how(self) -> How:
        return how(self.ctx.platform, self.lang)

    @property
    def pack(self) -> "Pack":
        return self.parts.pack

    @property
    def settings(self) -> "Settings":
        return self.parts.settings

    @property
    def store(self) -> Any:
        return self.parts.store

    async def is_admin(self) -> bool:
        return await self.admin(self.ctx)

    def of(self, feature: "Feature") -> "Call":
        """The same request as ``feature`` sees it, with its own store (``/kodo me`` asks each
        feature for its lines)."""
        return replace(self, parts=self.parts_of(feature)) if self.parts_of else self

    async def emit(self, name: str, *args) -> list[Outgoing]:
        """Tell every feature listening that ``name`` happened in this request (the kudos feature's
        ``recognised``: a message gained a kudos), and gather their replies."""
        return await self.events(name, self.ctx, *args) if self.events else []

    async def lang_of(self, user: str, hint: str | None = None) -> str:
        """Another person's language (a receiver's): their choice, else ``hint``, else KODO_LOCALE."""
        return await self.language(self.ctx.platform, user, hint)


Handler = Callable[..., Awaitable[list[Outgoing]]]


@dataclass(frozen=True)
class Feature:
    """Everything optional but ``name``. ``parse(word, rest, registry)`` turns the words after a
    command word into an intent (None: not understood, the person gets the help); ``handle(call,
    intent)`` answers it. ``press(call, press)`` answers a press on one of the feature's choices
    (action ``name:verb``; ``bot.presses.Press``: verb, value, the message that carried it), or
    says None when it cannot take it; ``events`` answers what the platforms report (a reaction)."""

    name: str  # also the namespace of its presses
    commands: tuple[Command, ...] = ()
    parse: Callable[[str, list[str], "Registry"], object | None] | None = None
    handle: Handler | None = None
    press: Handler | None = None
    events: Mapping[str, Handler] = field(default_factory=dict)
    messages: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    help: Callable[[How, "Registry"], Iterable[HelpLine]] | None = None
    store: str | None = None  # "storage.kudos:SqlKudos": its Protocol's implementation, built by bot.wiring
    kinds: tuple[Kind, ...] = ()
    jobs: tuple[Job, ...] = ()  # scheduled work that goes to people, not to subscribed channels
    cli: tuple[Subcommand, ...] = ()
    settings: tuple[Setting, ...] = ()
    doctor: Callable[["Settings"], Iterable[Any]] | None = None  # its lines of ``kodo doctor`` (bot.doctor.Check)
    # Its numbers beside the kudos KPIs: in /api/kpi and ``kodo kpi`` (JSON keys of its own) and as
    # charts with tables on the dashboard (``bot.kpi.Figures``), computed once from its store.
    figures: Callable[[Parts, "Ask"], Awaitable["Figures"]] | None = None
    # What it adds to the weekly roundup: (parts, the roundup's audience or None for the operator,
    # its platform, its Monday 00:00, language) -> blocks after the roundup's own.
    roundup: Callable[[Parts, Place | None, str | None, datetime, str], Awaitable[tuple]] | None = None
    # The principle the roundup invites people to instead of the least-practised one, or None:
    # (parts, scope, the week's start and end, kudos per principle) -> a principle number.
    invite: Callable[[Parts, Any, datetime, datetime, dict[int, int]], Awaitable[int | None]] | None = None
    me: Callable[[Call], Awaitable[tuple]] | None = None  # its blocks of ``/kodo me`` and Slack's App Home
