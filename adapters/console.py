"""Kodo in the terminal: the same core and database as Slack and Teams, one line at a time.

Each plain line is a message in ``#general`` from the current user, numbered from 1 for this
session; lines starting with ``/`` are slash commands. Console-only commands: ``/as NAME``,
<<<<<<< HEAD
``/react N EMOJI``, ``/unreact N EMOJI``, ``/pick HANDLE N``, ``/join NAME``, ``/tip``, ``/roundup``,
=======
``/react N EMOJI``, ``/unreact N EMOJI``, ``/pick HANDLE N``, ``/kodo feature N``, ``/tip``, ``/roundup``,
>>>>>>> main
``/help``.
Reading from stdin makes it scriptable: ``printf '/principle 3\\n' | kodo console``.

Choices print numbered under a handle numbered for the session (``[c2] 1) はい  2) いいえ``), and
``/pick c2 1`` presses option 1 as the current user: anyone may press a choice posted in the
channel, only its recipient one in a private reply or a direct message.
"""

from __future__ import annotations

import asyncio
import logging
import sys
import uuid
from dataclasses import dataclass
from typing import TextIO

from datetime import date

from adapters.messages import MESSAGES
from bot.app import Kodo, help_reply
from bot.commands import MAX_INPUT, normalise, parse_number
from bot.context import Context
from bot.dates import long_day, parse_week, week_name
from bot.features.roundup.digest import WeekNotStarted, week_bounds
from bot.features.roundup.post import show as show_roundup
from bot.features.tips.tip import no_tip_reply, tip
from bot.features.welcome import Joined
from bot.i18n import pick, register, t
from bot.replies import Audience, Choices, Outgoing, Paragraph, Reply, Typed, at_mentions, kept, plain_text

PLATFORM = "console"
CHANNEL = "#general"  # public: everyone in the console reads it
WORKSPACE = "console"
BOT_NAMES = frozenset({"kodo"})
FEATURE_WORDS = ("feature", "推薦")  # ``/kodo feature N``: the console's way to nominate message [N]
log = logging.getLogger(__name__)
register("adapters", MESSAGES)  # the console's sentences join the catalogue


class ConsoleDirectory:
    """In the console a user's id is their name; ``kodo`` is the only bot; admins come from KODO_ADMINS.
    Everyone in a session reads the one terminal, so everyone's platform locale is ``--locale``."""

    def __init__(self, locale: str | None = None):
        self._locale = locale

    async def is_bot(self, user: str) -> bool:
        return user.casefold() in BOT_NAMES

    async def is_admin(self, user: str) -> bool:
        return False

    async def locale(self, user: str) -> str | None:
        return self._locale


@dataclass
class _Message:
    author: str
    text: str


@dataclass(frozen=True)
class _Offered:
    """Choices shown under a handle: what pressing them means, and who may (None: anyone)."""

    choices: Choices
    recipient: str | None


class ConsoleSession:
    def __init__(self, kodo: Kodo, user: str, locale: str | None, out: TextIO):
        self.kodo, self.user, self.locale, self.out = kodo, user, locale, out
        self.session = uuid.uuid4().hex[:12]
        self.messages: list[_Message] = []
        self.offered: dict[str, _Offered] = {}
        self.siblings: dict[str, list[str]] = {}  # the handles of one message's several choices
        self.directory = ConsoleDirectory(locale)

    def _ctx(self) -> Context:
        return Context(PLATFORM, self.user, CHANNEL, self.directory, locale=self.locale, workspace=WORKSPACE,
                       visibility="public")

    async def lang(self) -> str:
        return await self.kodo.lang_of(PLATFORM, self.user, self.locale)

    async def handle(self, line: str) -> None:
        """One typed line. Never raises: a failure becomes a polite line, and the session goes on."""
        line = line.rstrip("\r\n")
        if not line.strip():
            return
        try:
            await self._handle(line)
        except BrokenPipeError:
            raise  # nobody reads the session any more (`| head`): it ends, quietly (bot.cli)
        except Exception:
            log.exception("console line failed")
            self._print("kodo", t("error.internal", pick(self.locale, self.kodo.settings.locale)))

    async def _handle(self, line: str) -> None:
        if len(line) > MAX_INPUT:
            await self._tell(t("too_long", await self.lang(), length=len(line), max=MAX_INPUT))
            return
        if not line.lstrip().startswith(("/", "／")):
            self.messages.append(_Message(self.user, line))
            self._print(f"[{len(self.messages)}] {self.user}", line)
            return
        words = normalise(line).split(" ")
        command, args = words[0].lstrip("/").casefold(), words[1:]
        if command == "as":
            await self._as(args[0].lstrip("@")[:64] if args else None)
        elif command in ("react", "unreact") and len(args) >= 2:
            await self._react(command == "react", args[0], args[1])
        elif command in ("react", "unreact"):
            await self._tell(t("console.react.usage", await self.lang()))
        elif command == "pick" and len(args) >= 2:
            await self._pick(args[0], args[1])
        elif command == "pick":
            await self._tell(t("console.pick.usage", await self.lang()))
        elif command == "join":
            await self._join(args[0].lstrip("@")[:64] if args else None)
        elif command == "tip":
            await self._tip(args[0] if args else None)
        elif command == "roundup":
            await self._roundup(args[0] if args else None)
        elif command == "help":
            await self._help()
        elif command == "kodo" and args and args[0].casefold() in FEATURE_WORDS:
            await self._feature(args[1] if len(args) > 1 else None)
        else:
            for outgoing in await self.kodo.command(self._ctx(), line):
                await self._deliver(outgoing)

    async def _help(self, *first: str) -> None:
        lang = await self.lang()
        reply = help_reply(lang, None, PLATFORM, self.kodo.registry)
        blocks = (*(Paragraph(line) for line in first), *reply.blocks, Paragraph(t("console.help", lang)))
        self._show(Outgoing(Audience.PRIVATE, Reply(blocks), lang=lang))

    async def _as(self, name: str | None) -> None:
        if not name:
            await self._help(t("console.as.usage", await self.lang()))
        elif await self.directory.is_bot(name):
            await self._tell(t("console.as.bot", await self.lang(), name=name))
        else:
            self.user = name
            self._print("kodo", f"→ {self.user}")

    async def _join(self, name: str | None) -> None:
        """``/join NAME``: NAME joins the workspace, as Slack's ``team_join`` says (the welcome)."""
        if not name:
            await self._tell(t("console.join.usage", await self.lang()))
            return
        self._print("kodo", f"+ {name}")
        ctx = Context(PLATFORM, name, None, self.directory, locale=self.locale, workspace=WORKSPACE)
        for outgoing in await self.kodo.event("joined", ctx, Joined(bot=await self.directory.is_bot(name))):
            self._show(outgoing)

    async def _react(self, add: bool, number: str, emoji: str) -> None:
        n = parse_number(number)
        if n is None or not 1 <= n <= len(self.messages):
            await self._tell(t("console.no_message", await self.lang(), number=number))
            return
        emoji = emoji.strip(":")
        message = self.messages[n - 1]
        self._print(self.user, f"{'+' if add else '-'}:{emoji}: [{n}]")
        handler = self.kodo.reaction_added if add else self.kodo.reaction_removed
        for outgoing in await handler(self._ctx(), emoji, f"{self.session}:{n}", message.author):
            await self._deliver(outgoing)

    async def _feature(self, number: str | None) -> None:
        """``/kodo feature N``: an admin features message [N] as good practice, as Slack's message
        shortcut and Teams' message action do."""
        n = parse_number(number) if number else None
        if n is None or not 1 <= n <= len(self.messages):
            await self._tell(t("console.feature.usage", await self.lang()) if number is None
                             else t("console.no_message", await self.lang(), number=number))
            return
        message = self.messages[n - 1]
        for outgoing in await self.kodo.event("feature_episode", self._ctx(), f"{self.session}:{n}", message.author):
            self._show(outgoing)

    async def _pick(self, handle: str, number: str) -> None:
        """``/pick c2 1``: the same press as a button in Slack or Teams, through the same core call."""
        lang, handle = await self.lang(), handle.strip("[]").casefold()
        offered, n = self.offered.get(handle), parse_number(number)
        if offered is None:
            await self._tell(t("console.pick.none", lang, handle=Typed(handle)))
        elif n is None or not 1 <= n <= len(offered.choices.options):
            await self._tell(t("console.pick.range", lang, handle=handle, count=len(offered.choices.options)))
        elif offered.recipient not in (None, self.user):
            await self._tell(t("console.pick.not_yours", lang, handle=handle, name=offered.recipient))
        else:
            self._print(self.user, f"/pick {handle} {n}")
            value = offered.choices.options[n - 1].value
            for outgoing in await self.kodo.press(self._ctx(), offered.choices.action, value,
                                                  f"{self.session}:{handle}"):
                await self._deliver(outgoing, pressed=handle)

    async def _tip(self, when: str | None) -> None:
        """``/tip`` is today's tip; ``/tip 2026-01-05`` that day's."""
        lang = await self.lang()
        try:
            day = date.fromisoformat(when) if when else self.kodo.clock.now().astimezone(self.kodo.tz).date()
        except ValueError:
            await self._tell(t("console.bad_date", lang, text=Typed(when)))
            return
        reply = tip(self.kodo.parts("tips"), day, lang, PLATFORM)
        if reply is None:
            await self._tell(no_tip_reply(day, lang, self.kodo.settings.closed_days).text)
        else:
            self._show(Outgoing(Audience.CHANNEL, reply, lang=lang))

    async def _roundup(self, week: str | None) -> None:
        """``/roundup`` is this week so far; ``/roundup 2026-W01`` that week."""
        lang = await self.lang()
        try:
            monday = parse_week(week) if week else None
        except ValueError:
            await self._tell(t("console.bad_week", lang, text=Typed(week)))
            return
        try:
            start, end = week_bounds(self.kodo.clock.now(), self.kodo.tz, monday)
        except WeekNotStarted as exc:
            await self._tell(t("console.week_not_started", lang, week=week_name(exc.monday),
                               start=long_day(exc.monday, lang)))
            return
        reply = await show_roundup(self.kodo.parts("roundup"), PLATFORM, lang, start, end, audience=self._ctx().place)
        self._show(Outgoing(Audience.CHANNEL, reply, lang=lang))

    # ---- output -------------------------------------------------------------------------------

    async def _tell(self, text: str) -> None:
        """A person's own mistake is answered to them alone, like Slack's ephemeral replies."""
        self._show(Outgoing(Audience.PRIVATE, Reply.of(Paragraph(text)), lang=await self.lang()))

    async def _deliver(self, outgoing: Outgoing, pressed: str | None = None) -> None:
        """Show it; a post a feature keeps (``Keep``) is known by the handle of its first choices, the
        way a press on it names it (``session:handle``)."""
        handle = self._show(outgoing, pressed)
        await kept(outgoing, f"{self.session}:{handle}" if handle else None)

    def _show(self, outgoing: Outgoing, pressed: str | None = None) -> str | None:
        """An update replaces the pressed message: it prints as such, its choices under the same handle.
        Returns the handle of its first choices, if it has any to press."""
        keep: dict[str, str] = {}
        if outgoing.audience is Audience.UPDATE and pressed is None and outgoing.thread:
            session, _, handle = outgoing.thread.partition(":")  # an earlier post of this session
            pressed = handle if session == self.session else None
        match outgoing.audience:
            case Audience.CHANNEL:
                who, recipient = "kodo", None
            case Audience.THREAD:
                session, _, handle = (outgoing.thread or "").partition(":")
                who, recipient = (f"kodo (thread [{handle}])" if session == self.session else "kodo (thread)"), None
            case Audience.DIRECT:
                who, recipient = f"kodo → @{outgoing.user} (DM)", outgoing.user
            case Audience.UPDATE if pressed in self.offered:
                who, recipient = f"kodo (updated [{pressed}])", self.offered[pressed].recipient
                keep = self._handles_of(pressed)
            case Audience.UPDATE if outgoing.thread:
                return None  # a post this session never showed: nothing on this screen to replace
            case _:
                who, recipient = f"kodo (only {self.user})", self.user
        reply, handles = outgoing.reply, []
        if any(isinstance(block, Choices) and not block.closed for block in reply.blocks):
            def offer(choices: Choices) -> str | None:
                handles.append(self._offer(choices, recipient, keep))
                return handles[-1]
            self._print(who, plain_text(reply.blocks, handle=offer))
        else:
            self._print(who, plain_text(reply.blocks))  # refuses a block it does not know
        if len(handles) > 1:  # one message's choices: an update of it keeps each one's handle
            for handle in filter(None, handles):
                self.siblings[handle] = [h for h in handles if h]
        return next(filter(None, handles), None)

    def _handles_of(self, pressed: str) -> dict[str, str]:
        """The handles of the pressed message's choices, by action; the pressed one's first."""
        handles = {self.offered[pressed].choices.action: pressed}
        for handle in self.siblings.get(pressed, ()):
            handles.setdefault(self.offered[handle].choices.action, handle)
        return handles

    def _offer(self, choices: Choices, recipient: str | None, keep: dict[str, str]) -> str | None:
        """The handle for choices that can still be pressed: the one ``keep`` has for its action (an
        update's choices keep the handles they had), else the next one of the session."""
        if choices.closed:
            return None
        handle = keep.pop(choices.action, None) or f"c{len(self.offered) + 1}"
        self.offered[handle] = _Offered(choices, recipient)
        return handle

    def _print(self, who: str, text: str) -> None:
        text = at_mentions(text)
        lines = text.split("\n")
        self.out.write(f"{who}: {lines[0]}\n" + "".join(f"    {line}\n" for line in lines[1:]))
        self.out.flush()


async def run(kodo: Kodo, user: str, locale: str | None, stdin: TextIO = sys.stdin, out: TextIO = sys.stdout) -> None:
    session = ConsoleSession(kodo, user, locale, out)
    interactive = stdin.isatty() and out.isatty()
    loop = asyncio.get_running_loop()
    while True:
        if interactive:
            out.write(f"{session.user}> ")
            out.flush()
        line = await loop.run_in_executor(None, stdin.readline)
        if not line:
            break
        await session.handle(line)
