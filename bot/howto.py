"""Platform-true instructions: the core says what to do, each platform's phrasing says how.

The core names an action ("look up principle 3", "recognise someone for principle 3", "run
``kodo me``"); ``How`` turns it into words the reader's platform can follow. Slack has slash
commands and the ``:kodoN:`` reaction emoji; Teams has neither, so there a command is
``@Kodo principle 3`` and recognition is the **Give kudos** message action, and a principle is
named by number and title only; the console has the slash commands but no emoji images. The
sentences themselves live in the catalogue (``how.*`` entries, one per platform), beside every
other word Kodo says.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.i18n import t

SLACK, TEAMS, CONSOLE = "slack", "teams", "console"
BOT_NAME = "Kodo"  # the name a Teams user types after @ (the app manifest's short name)


@dataclass(frozen=True)
class How:
    platform: str | None  # None: printed by the CLI, read like the console
    lang: str

    @property
    def _kind(self) -> str:
        return self.platform if self.platform in (SLACK, TEAMS) else CONSOLE

    @property
    def name(self) -> str:
        """The platform as people call it ("Slack couldn't find @bob")."""
        return {SLACK: "Slack", TEAMS: "Teams"}.get(self._kind, BOT_NAME)

    def command(self, name: str, args: str = "") -> str:
        """``/principle 3`` on Slack and in the console; ``@Kodo principle 3`` in Teams
        (``kodo`` is the slash command's own name, so ``/kodo me`` becomes ``@Kodo me``)."""
        if self._kind == TEAMS:
            words = args if name == "kodo" else f"{name} {args}"
            return f"@{BOT_NAME} {words}".strip()
        return f"/{name} {args}".strip()

    @property
    def numbers_choices(self) -> bool:
        """The console (and the CLI) shows choices as a numbered list, so a list people pick from
        is best shown as that list alone, not twice."""
        return self._kind == CONSOLE

    @property
    def answers_in_place(self) -> bool:
        """Teams shows the private answer to a pressed card in place of that card, in the presser's
        own view; an answer that should leave the choices within reach offers them again."""
        return self._kind == TEAMS

    def look_up(self, number: int | str) -> str:
        return self.command("principle", str(number))

    def badge(self, emoji: str) -> str:
        """The principle's emoji before its number, where the platform shows custom emoji (Slack)."""
        return f":{emoji}: " if self._kind == SLACK else ""

    def recognise(self, number: int, emoji: str) -> str:
        """How to recognise someone for principle ``number``, as a phrase for a sentence."""
        return t(f"how.recognise.{self._kind}", self.lang, number=number, emoji=emoji)

    def recognise_any(self) -> str:
        return t(f"how.recognise_any.{self._kind}", self.lang)

    def recognise_message(self) -> str:
        """How to recognise a message's author, as a line of the help."""
        return t(f"how.recognise_message.{self._kind}", self.lang)


def how(platform: str | None, lang: str) -> How:
    return How(platform, lang)
