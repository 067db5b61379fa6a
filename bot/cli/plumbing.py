"""What every ``kodo`` subcommand shares: exit codes, argument types, one-line errors without a
secret, and posting through the scheduler's own path.

Every user error (bad flag, bad date, unreachable database, missing credentials) ends as one line on
stderr and a non-zero exit; a traceback is only for bugs, and only with ``KODO_DEBUG=1``. Exit 2 means
the command line itself is wrong (a flag, a date, a week: fix the command); exit 1 means it was right
but something it needs failed (configuration, database, content pack, a platform). No message carries
a secret or a library's documentation link.
"""

from __future__ import annotations

import argparse
import re
import sys
from datetime import date, datetime, time

USAGE = 2  # the command line is wrong
FAILED = 1  # the command is right; what it needs is not
READER_GONE = 128 + 13  # stdout was closed early (`kodo export | head -1`): 128 + SIGPIPE, as the shell reports for `yes | head -1`


class UserError(Exception):
    pass


class WrongCommandLine(UserError):
    """A mistake in the command line found only once the command runs (a week still to come): exit 2."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, not usage + message
        sys.stderr.write(f"kodo: {message} (see `kodo --help`)\n")
        sys.exit(USAGE)


def command(sub, name: str, what: str, more: str = "") -> argparse.ArgumentParser:
    """A command whose ``--help`` says what it does: ``what`` is its line in ``kodo --help`` and the
    start of its own description, ``more`` the rest."""
    return sub.add_parser(name, help=what, description=f"{what[0].upper()}{what[1:]}. {more}".strip())


def a_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def a_week(text: str) -> date:
    from bot.dates import parse_week

    try:
        return parse_week(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def some_weeks(text: str) -> int:
    from bot.kpi import clamp_weeks

    try:
        return clamp_weeks(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def an_id(text: str) -> str:
    """A Slack team or Grid id (T…, E…), a Teams tenant id (a GUID), or ``console``: nothing else."""
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}", text):
        raise argparse.ArgumentTypeError(f"not a workspace or organisation id: {text!r}")
    return text


def a_port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}")
    return int(text)


def fail(message: str, settings=None, status: int = FAILED) -> int:
    sys.stderr.write(f"kodo: {scrub(message, settings)}\n")
    return status


def stdout_gone() -> bool:
    """Whether stdout is a pipe nobody reads any more (its reader exited), rather than, say, a socket."""
    import select

    if not hasattr(select, "poll"):
        return True
    poll = select.poll()
    poll.register(sys.stdout.fileno(), select.POLLERR)
    return bool(poll.poll(0))


def scrub(message: str, settings) -> str:
    """The last guard: one line, no library documentation link, no password in a URL, no secret value."""
    import re

    from bot.config import safe_url

    text = re.sub(r"\s*\(Background on this error at: [^)]*\)", "", " ".join(message.split()))
    text = re.sub(r"\S*@\S*", lambda m: safe_url(m.group()), text)
    for secret in (settings.secrets() if settings else ()):
        text = text.replace(secret, "***")
    return text


def describe(exc: Exception, settings) -> str:
    """One line a user can act on, for the failures users cause; the class name for the rest."""
    import errno

    from content.loader import NoSuchPack, PackInvalid
    from storage.db import DatabaseError, unreachable

    if isinstance(exc, DatabaseError):
        return str(exc)
    if isinstance(exc, NoSuchPack):
        return f"KODO_CONTENT: {exc}"
    if isinstance(exc, PackInvalid):
        return f"the content pack is invalid ({count(len(exc.errors), 'error')}): run `kodo content check`"
    if isinstance(exc, OSError) and exc.errno == errno.EADDRINUSE:
        return exc.strerror  # adapters.web.PortInUse: the port and host tried, and how to choose another
    if settings is not None and (isinstance(exc, ConnectionError) or type(exc).__name__ in (
            "OperationalError", "InterfaceError", "DBAPIError")):  # the database went away after the first contact
        return str(unreachable(exc, settings.database_url))
    text = " ".join(str(exc).split())[:300]
    return f"unexpected error ({type(exc).__name__}): {text} (set KODO_DEBUG=1 for details)"


def count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"




def since(args, settings) -> datetime | None:
    """``--since DATE``: from midnight of that day in KODO_TIMEZONE."""
    return datetime.combine(args.since, time(0), settings.tz) if args.since else None


def os_user() -> str:
    """Who ran a command, for the audit log: the operating system's user name, else "cli"."""
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "cli"


def require_platform(settings) -> None:
    """``--post`` with nowhere to post is the same mistake for every command, found before any work."""
    if not (settings.slack_enabled or settings.teams_enabled):
        raise UserError("no platform is configured to post to: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET "
                        "(Slack) or MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD (Teams)")


async def post_now(rt, kind: str, period: str, at=None) -> int:
    """Post through the scheduler's own path, claim included: once per channel and period, however often.
    A platform that refuses (a revoked token, a network failure) is one log line, never a traceback."""
    import logging

    from adapters import logs
    from bot.schedule import Slot
    from bot.wiring import messengers, scheduler_deps
    from scheduler import jobs

    logs.setup(rt.settings.log_format, logging.WARNING, tracebacks=False)
    async with messengers(rt) as found:
        now = rt.kodo.clock.now()
        outcomes = await jobs.post(scheduler_deps(rt, found), Slot(kind, period, at or now), now)
    for o in outcomes:
        print(f"{o.key.platform} {o.key.channel}: {o.status}")
    if not outcomes:
        print(f"no channel is subscribed to {kind}: use /kodo subscribe {kind} in a channel")
    return 1 if any(o.status == "failed" for o in outcomes) else 0
