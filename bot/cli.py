"""``kodo``: the command line. Imports stay lazy so ``kodo --help`` loads no SDK and answers at once.

Every user error (bad flag, bad date, unreachable database, missing credentials) ends as one line on
stderr and a non-zero exit; a traceback is only for bugs, and only with ``KODO_DEBUG=1``. Exit 2 means
the command line itself is wrong (a flag, a date, a week: fix the command); exit 1 means it was right
but something it needs failed (configuration, database, content pack, a platform). No message carries
a secret or a library's documentation link.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from datetime import date, datetime, time

from bot.replies import at_mentions


USAGE = 2  # the command line is wrong
FAILED = 1  # the command is right; what it needs is not
READER_GONE = 128 + 13  # stdout was closed early (`kodo export | head -1`): 128 + SIGPIPE, as the shell reports for `yes | head -1`


class UserError(Exception):
    pass


class WrongCommandLine(UserError):
    """A mistake in the command line found only once the command runs (a week still to come): exit 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, not usage + message
        sys.stderr.write(f"kodo: {message} (see `kodo --help`)\n")
        sys.exit(USAGE)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def _week(text: str) -> date:
    from bot.dates import parse_week

    try:
        return parse_week(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _weeks(text: str) -> int:
    from bot.kpi import clamp_weeks

    try:
        return clamp_weeks(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


class _Version(argparse.Action):
    """``kodo --version``: the installed package's version, looked up only when asked for."""

    def __init__(self, option_strings, dest, **kwargs):
        super().__init__(option_strings, dest, nargs=0, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None):
        from importlib.metadata import PackageNotFoundError, version

        try:
            print(f"kodo {version('kodo')}")
        except PackageNotFoundError:  # run from a checkout that was never installed
            print("kodo (not installed)")
        parser.exit()


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number: {text!r}")
    return int(text)


def _command(sub, name: str, what: str, more: str) -> argparse.ArgumentParser:
    """A command whose ``--help`` says what it does: ``what`` is its line in ``kodo --help`` and the
    start of its own description, ``more`` the rest."""
    return sub.add_parser(name, help=what, description=f"{what[0].upper()}{what[1:]}. {more}")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kodo", description="Kodo keeps your code of conduct alive in Slack and Teams.")
    parser.add_argument("--version", action=_Version, help="print `kodo X.Y.Z` and exit")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)

    p = _command(sub, "console", "chat with Kodo in the terminal (reads stdin, so it is scriptable)",
                 "The same core and database as Slack and Teams; `/help` lists the commands. For example: "
                 "printf '/principle 3\\n' | kodo console")
    p.add_argument("--user", default=os.environ.get("USER") or "you", help="who you are (default: $USER)")
    p.add_argument("--locale", choices=("ja", "en"), help="your language (default: KODO_LOCALE)")

    _command(sub, "serve", "run the server: Slack, Teams, /healthz and the scheduler",
             "One web server on HOST:PORT with Slack (over HTTP, or Socket Mode with SLACK_APP_TOKEN), Teams, "
             "GET /healthz, GET /metrics and, with KODO_DASHBOARD_TOKEN, the dashboard; the scheduler posts tips "
             "and roundups. Runs until SIGTERM or Ctrl+C.")
    _command(sub, "migrate", "bring the database schema to the latest version",
             "SQLite migrates by itself at every start; PostgreSQL needs this once after each upgrade.")

    p = _command(sub, "tip", "print (or --post) the daily tip",
                 "On a day off it prints why no tip is scheduled. --post posts once per channel and date, "
                 "however often it is run.")
    p.add_argument("--date", type=_date, help="YYYY-MM-DD (default: today)")
    p.add_argument("--post", action="store_true", help="post it to the subscribed channels now")

    p = _command(sub, "roundup", "print (or --post) the weekly roundup",
                 "Kudos per principle, the most recognised people, stories worth sharing and a principle to "
                 "practise more. --post posts once per channel and week, however often it is run.")
    p.add_argument("--week", type=_week, help="ISO week, e.g. 2026-W48 (default: this week so far)")
    p.add_argument("--post", action="store_true", help="post it to the subscribed channels now")

    p = _command(sub, "content", "content packs", "The principles, tips and emoji Kodo speaks from.")
    content = p.add_subparsers(dest="content_command", required=True, metavar="SUBCOMMAND", parser_class=_Parser)
    c = _command(content, "check", "validate a content pack; every error with file and line",
                 "Exit 1 on any error.")
    c.add_argument("pack", nargs="?", help="a bundled pack name or a folder (default: KODO_CONTENT)")

    p = _command(sub, "export", "write every kudos to stdout (revoked ones too)",
                 "CSV with a header row, or a JSON array; each export is recorded in the audit log.")
    p.add_argument("--format", choices=("csv", "json"), default="csv", help="csv (default) or json")
    p.add_argument("--since", type=_date, help="only kudos from this date on (YYYY-MM-DD)")

    p = _command(sub, "audit", "print the audit log: admin actions and actions on personal data",
                 "Who did what and when: subscriptions, exports, forget-me, dashboard sign-ins; never the "
                 "words anyone typed.")
    p.add_argument("--since", type=_date, help="only entries from this date on (YYYY-MM-DD, KODO_TIMEZONE)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json")
    p = _command(sub, "kpi", "the dashboard's numbers on stdout (same as GET /api/kpi)",
                 "Kudos, givers and receivers per week, kudos per principle and tips posted, for the whole "
                 "organisation.")
    p.add_argument("--weeks", type=_weeks, default=12, help="how many weeks up to this one, 1-104 (default: 12)")
    p.add_argument("--format", choices=("json", "csv"), default="json", help="json (default) or csv")
    p = _command(sub, "dashboard", "serve the dashboard alone on 127.0.0.1, without a token",
                 "For trying the dashboard on this database; it prints its address once it answers there. It "
                 "listens on 127.0.0.1 only, on --port: HOST and PORT are kodo serve's and do not apply.")
    p.add_argument("--port", type=_port, default=3000,
                   help="port on 127.0.0.1 (default: 3000; PORT and HOST are kodo serve's and do not apply)")

    p = _command(sub, "teams-package", "write the Teams app package (zip)",
                 "The manifest and icons for MICROSOFT_APP_ID, to upload in Teams (Apps > Manage your apps > "
                 "Upload an app).")
    p.add_argument("--out", default="kodo-teams.zip", help="where to write the zip (default: kodo-teams.zip)")
    p = _command(sub, "slack-manifest", "print the Slack app manifest (YAML)",
                 "The commands, shortcut, scopes, events and request URLs Kodo needs: paste it when you create "
                 "the Slack app.")
    p.add_argument("--socket-mode", action="store_true", help="for Socket Mode (SLACK_APP_TOKEN): no request URLs")
    _command(sub, "doctor", "check the configuration against the database, Slack, Teams and the calendar",
             "One ok, warn or fail line per check, each as soon as it is known; nothing is created, "
             "migrated or posted. Exit 1 when any check fails.")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Every command, and whatever it prints, ends here; a reader that stops early (``| head``) ends
    it quietly, as Unix tools end: no traceback, no message, exit ``READER_GONE``."""
    try:
        return _main(argv)
    except BrokenPipeError:
        # Python's advice for SIGPIPE: stdout points at /dev/null, so the flush at exit finds no pipe.
        # (SIGPIPE itself stays ignored: a peer closing a socket must never kill `kodo serve`.)
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return READER_GONE


def _main(argv: list[str] | None) -> int:
    args = build_parser().parse_args(argv)
    from bot.config import ConfigError, Settings

    settings = None
    try:
        settings = Settings.from_env()
        handler = _HANDLERS[args.command]
        return asyncio.run(handler(args, settings)) if asyncio.iscoroutinefunction(handler) \
            else handler(args, settings)
    except KeyboardInterrupt:
        return 130
    except (UserError, ConfigError) as exc:
        if args.command == "doctor":  # even a setting that stops every other command is one of its checks
            print(f"fail configuration: {_scrub(str(exc), settings)}")
            return FAILED
        return _fail(str(exc), settings, USAGE if isinstance(exc, WrongCommandLine) else FAILED)
    except Exception as exc:  # noqa: BLE001 - the last line of defence against tracebacks
        if isinstance(exc, BrokenPipeError) and _stdout_gone():
            raise
        if os.environ.get("KODO_DEBUG") == "1":
            raise
        return _fail(_describe(exc, settings), settings)


def _stdout_gone() -> bool:
    """Whether stdout is a pipe nobody reads any more (its reader exited), rather than, say, a socket."""
    import select

    if not hasattr(select, "poll"):
        return True
    poll = select.poll()
    poll.register(sys.stdout.fileno(), select.POLLERR)
    return bool(poll.poll(0))


def _fail(message: str, settings=None, status: int = FAILED) -> int:
    sys.stderr.write(f"kodo: {_scrub(message, settings)}\n")
    return status


def _scrub(message: str, settings) -> str:
    """The last guard: one line, no library documentation link, no password in a URL, no secret value."""
    import re

    from bot.config import safe_url

    text = re.sub(r"\s*\(Background on this error at: [^)]*\)", "", " ".join(message.split()))
    text = re.sub(r"\S*@\S*", lambda m: safe_url(m.group()), text)
    for secret in (settings.secrets() if settings else ()):
        text = text.replace(secret, "***")
    return text


def _describe(exc: Exception, settings) -> str:
    """One line a user can act on, for the failures users cause; the class name for the rest."""
    import errno

    from content.loader import NoSuchPack, PackInvalid
    from storage.db import DatabaseError, unreachable

    if isinstance(exc, DatabaseError):
        return str(exc)
    if isinstance(exc, NoSuchPack):
        return f"KODO_CONTENT: {exc}"
    if isinstance(exc, PackInvalid):
        return f"the content pack is invalid ({_count(len(exc.errors), 'error')}): run `kodo content check`"
    if isinstance(exc, OSError) and exc.errno == errno.EADDRINUSE:
        return exc.strerror  # adapters.web.PortInUse: the port and host tried, and how to choose another
    if settings is not None and (isinstance(exc, ConnectionError) or type(exc).__name__ in (
            "OperationalError", "InterfaceError", "DBAPIError")):  # the database went away after the first contact
        return str(unreachable(exc, settings.database_url))
    text = " ".join(str(exc).split())[:300]
    return f"unexpected error ({type(exc).__name__}): {text} (set KODO_DEBUG=1 for details)"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


# ---- commands -------------------------------------------------------------------------------

async def _console(args, settings) -> int:
    from adapters.console import run
    from bot.wiring import runtime

    async with runtime(settings) as rt:
        await run(rt.kodo, args.user, args.locale)
    return 0


async def _migrate(args, settings) -> int:
    from storage.db import create_engine, migrate, reachable_revision

    engine = create_engine(settings.database_url)
    try:
        await reachable_revision(engine, settings.database_url)
        before, after = await migrate(engine, settings.content)
    finally:
        await engine.dispose()
    print(f"schema: {before or 'empty'} -> {after}" if before != after else f"schema is up to date ({after})")
    return 0


async def _tip(args, settings) -> int:
    from bot.wiring import runtime

    if args.post:
        _require_platform(settings)
    async with runtime(settings) as rt:
        day = args.date or rt.kodo.clock.now().astimezone(rt.kodo.tz).date()
        reply = rt.kodo.tip(day, settings.locale)
        if reply is None:
            from bot.digest import no_tip_reply
            print(no_tip_reply(day, settings.locale, settings.closed_days).text)
            return 0
        if args.post:
            return await _post_now(rt, "tips", day.isoformat())
        print(at_mentions(reply.text))
    return 0


async def _roundup(args, settings) -> int:
    from bot.dates import week_name
    from bot.digest import WeekNotStarted, week_bounds
    from bot.wiring import SystemClock, runtime

    try:  # before anything is opened: a week still to come is a mistake in the command line
        start, end = week_bounds(SystemClock().now(), settings.tz, args.week)
    except WeekNotStarted as exc:
        raise WrongCommandLine(f"argument --week: {exc}: leave out --week for this week so far "
                               "(see `kodo --help`)") from None
    if args.post:
        _require_platform(settings)
    async with runtime(settings, existing=not args.post) as rt:
        if args.post:
            return await _post_now(rt, "roundup", week_name(start), end)
        print(at_mentions((await rt.kodo.roundup(None, settings.locale, start, end)).text))
    return 0


def _require_platform(settings) -> None:
    """``--post`` with nowhere to post is the same mistake for every command, found before any work."""
    if not (settings.slack_enabled or settings.teams_enabled):
        raise UserError("no platform is configured to post to: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET "
                        "(Slack) or MICROSOFT_APP_ID and MICROSOFT_APP_PASSWORD (Teams)")


async def _post_now(rt, kind: str, period: str, at=None) -> int:
    """Post through the scheduler's own path, claim included: once per channel and period, however often.
    A platform that refuses (a revoked token, a network failure) is one log line, never a traceback."""
    import logging

    from adapters import logs
    from scheduler import jobs
    from bot.wiring import messengers, scheduler_deps

    logs.setup(rt.settings.log_format, logging.WARNING, tracebacks=False)
    async with messengers(rt) as found:
        now = rt.kodo.clock.now()
        outcomes = await jobs.post(scheduler_deps(rt, found), jobs.Slot(kind, period, at or now), now)
    for o in outcomes:
        print(f"{o.key.platform} {o.key.channel}: {o.status}")
    if not outcomes:
        print(f"no channel is subscribed to {kind}: use /kodo subscribe {kind} in a channel")
    return 1 if any(o.status == "failed" for o in outcomes) else 0


def _content(args, settings) -> int:
    from content.loader import NoSuchPack, check

    target = args.pack or settings.content
    try:
        pack, errors = check(target)
    except NoSuchPack as exc:
        raise UserError(str(exc)) from None
    for error in errors:
        print(error, file=sys.stderr)
    if errors:
        print(f"{target}: {_count(len(errors), 'error')}", file=sys.stderr)
        return FAILED
    print(pack.summary())
    return 0


async def _export(args, settings) -> int:
    from bot.audit import EXPORT
    from bot.export import write
    from bot.wiring import runtime

    since = _since(args, settings)
    async with runtime(settings, existing=True) as rt:
        # Recorded before anything is written: no export leaves without its audit entry.
        await rt.store.record("cli", _os_user(), EXPORT, detail={
            "format": args.format, "since": args.since.isoformat() if args.since else None})
        await write(rt.store.export(since), args.format, sys.stdout)
    return 0


async def _doctor(args, settings) -> int:
    from bot.wiring import doctor

    return FAILED if await doctor(settings, print) else 0


def _since(args, settings) -> datetime | None:
    """``--since DATE``: from midnight of that day in KODO_TIMEZONE."""
    return datetime.combine(args.since, time(0), settings.tz) if args.since else None


def _os_user() -> str:
    """Who ran a command, for the audit log: the operating system's user name, else "cli"."""
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return "cli"


async def _audit(args, settings) -> int:
    from bot.audit import write
    from bot.wiring import runtime

    since = _since(args, settings)
    async with runtime(settings, existing=True) as rt:
        await write(rt.store.audit_entries(since), args.format, sys.stdout, settings.tz)
    return 0


async def _kpi(args, settings) -> int:
    import json

    from bot import kpi
    from bot.wiring import kpi_source, runtime

    async with runtime(settings, existing=True) as rt:
        found = await kpi.compute(kpi_source(rt), rt.pack, rt.kodo.tz, rt.kodo.clock.now(), args.weeks, kpi.Scope(),
                                  settings.min_group)
    if args.format == "csv":
        sys.stdout.write(kpi.to_csv(found))
    else:
        print(json.dumps(kpi.to_json(found, rt.pack, settings.locale), ensure_ascii=False, indent=2))
    return 0


async def _dashboard(args, settings) -> int:
    from bot.wiring import dashboard

    await dashboard(settings, args.port)
    return 0


async def _serve(args, settings) -> int:
    from bot.wiring import serve

    await serve(settings)
    return 0


def _slack_manifest(args, settings) -> int:
    from adapters.slack.manifest import manifest_yaml

    sys.stdout.write(manifest_yaml(settings.locale, socket_mode=args.socket_mode))
    return 0


def _teams_package(args, settings) -> int:
    from adapters.teams.package import write

    if not settings.microsoft_app_id:
        raise UserError("MICROSOFT_APP_ID is not set: the Teams package names the bot by its Microsoft app id "
                        "(a GUID, the Application (client) ID of the Azure bot registration)")
    try:
        write(settings.microsoft_app_id, args.out, settings.teams_links)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    except OSError as exc:
        raise UserError(f"cannot write {args.out}: {exc.strerror or exc}") from None
    print(f"wrote {args.out}: upload it in Teams (Apps > Manage your apps > Upload an app)")
    if not (settings.privacy_url and settings.terms_url):
        print(f"its privacy and terms links point at {settings.website_url}: set KODO_PRIVACY_URL and "
              "KODO_TERMS_URL to your organisation's pages")
    return 0


_HANDLERS = {
    "console": _console, "serve": _serve, "migrate": _migrate, "tip": _tip, "roundup": _roundup,
    "content": _content, "export": _export, "teams-package": _teams_package, "slack-manifest": _slack_manifest,
    "doctor": _doctor,
    "audit": _audit,
    "kpi": _kpi, "dashboard": _dashboard,
}

if __name__ == "__main__":
    sys.exit(main())
