"""``kodo``: the command line. Imports stay lazy so ``kodo --help`` loads no SDK and answers at once.

Every user error (bad flag, bad date, unreachable database, missing credentials) ends as one line on
stderr and a non-zero exit; a traceback is only for bugs, and only with ``KODO_DEBUG=1``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from datetime import date, datetime, time

from bot.replies import at_mentions


class UserError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, not usage + message
        sys.stderr.write(f"kodo: {message} (see `kodo --help`)\n")
        sys.exit(2)


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="kodo", description="Kodo keeps your code of conduct alive in Slack and Teams.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("console", help="chat with Kodo in the terminal (reads stdin, so it is scriptable)")
    p.add_argument("--user", default=os.environ.get("USER") or "you", help="who you are (default: $USER)")
    p.add_argument("--locale", choices=("ja", "en"), help="your language (default: KODO_LOCALE)")

    sub.add_parser("serve", help="run the server: Slack, Teams, /healthz and the scheduler")
    sub.add_parser("migrate", help="bring the database schema to the latest version")

    p = sub.add_parser("tip", help="print (or --post) the daily tip")
    p.add_argument("--date", type=_date, help="YYYY-MM-DD (default: today)")
    p.add_argument("--post", action="store_true", help="post it to the subscribed channels now")

    p = sub.add_parser("roundup", help="print (or --post) the weekly roundup")
    p.add_argument("--week", help="ISO week, e.g. 2026-W48 (default: this week so far)")
    p.add_argument("--post", action="store_true", help="post it to the subscribed channels now")

    p = sub.add_parser("content", help="content packs")
    content = p.add_subparsers(dest="content_command", required=True, metavar="SUBCOMMAND", parser_class=_Parser)
    c = content.add_parser("check", help="validate a content pack; every error with file and line")
    c.add_argument("pack", nargs="?", help="a bundled pack name or a folder (default: KODO_CONTENT)")

    p = sub.add_parser("export", help="write every kudos to stdout (revoked ones too)")
    p.add_argument("--format", choices=("csv", "json"), default="csv")
    p.add_argument("--since", type=_date, help="only kudos from this date on (YYYY-MM-DD)")

    p = sub.add_parser("teams-package", help="write the Teams app package (zip)")
    p.add_argument("--out", default="kodo-teams.zip")
    p = sub.add_parser("slack-manifest", help="print the Slack app manifest (YAML)")
    p.add_argument("--socket-mode", action="store_true", help="for Socket Mode (SLACK_APP_TOKEN): no request URLs")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from bot.config import ConfigError, Settings

    try:
        settings = Settings.from_env()
        handler = _HANDLERS[args.command]
        return asyncio.run(handler(args, settings)) if asyncio.iscoroutinefunction(handler) \
            else handler(args, settings)
    except KeyboardInterrupt:
        return 130
    except (UserError, ConfigError) as exc:
        return _fail(str(exc))
    except Exception as exc:  # noqa: BLE001 - the last line of defence against tracebacks
        if os.environ.get("KODO_DEBUG") == "1":
            raise
        return _fail(_describe(exc))


def _fail(message: str) -> int:
    sys.stderr.write(f"kodo: {message}\n")
    return 1


def _describe(exc: Exception) -> str:
    """One line a user can act on, for the failures users cause; the class name for the rest."""
    from content.loader import PackInvalid
    from storage.db import DatabaseError

    if isinstance(exc, (DatabaseError,)):
        return str(exc)
    if isinstance(exc, PackInvalid):
        return f"the content pack is invalid ({len(exc.errors)} errors): run `kodo content check`"
    text = " ".join(str(exc).split())[:300]
    if isinstance(exc, (OSError, ConnectionError)) or "connect" in text.lower() or type(exc).__name__ in (
            "OperationalError", "InterfaceError", "InvalidCatalogNameError", "InvalidPasswordError"):
        return f"cannot reach the database (DATABASE_URL): {text or type(exc).__name__}"
    return f"unexpected error ({type(exc).__name__}): {text} (set KODO_DEBUG=1 for details)"


# ---- commands -------------------------------------------------------------------------------

async def _console(args, settings) -> int:
    from adapters.console import run
    from bot.wiring import runtime

    async with runtime(settings) as rt:
        await run(rt.kodo, args.user, args.locale)
    return 0


async def _migrate(args, settings) -> int:
    from storage.db import create_engine, migrate

    engine = create_engine(settings.database_url)
    try:
        before, after = await migrate(engine)
    finally:
        await engine.dispose()
    print(f"schema: {before or 'empty'} -> {after}" if before != after else f"schema is up to date ({after})")
    return 0


async def _tip(args, settings) -> int:
    from bot.wiring import runtime

    async with runtime(settings) as rt:
        day = args.date or rt.kodo.clock.now().astimezone(rt.kodo.tz).date()
        reply = rt.kodo.tip(day, settings.locale)
        if reply is None:
            from bot.i18n import t
            print(t("tip.none", settings.locale, date=day.isoformat()))
            return 0
        if args.post:
            return await _post_now(rt, "tips", day.isoformat())
        print(at_mentions(reply.text))
    return 0


async def _roundup(args, settings) -> int:
    from bot.digest import parse_week, week_bounds, week_name
    from bot.wiring import runtime

    try:
        monday = parse_week(args.week) if args.week else None
    except ValueError as exc:
        raise UserError(str(exc)) from None
    async with runtime(settings) as rt:
        start, end = week_bounds(rt.kodo.clock.now(), rt.kodo.tz, monday)
        if args.post:
            return await _post_now(rt, "roundup", week_name(start), end)
        print(at_mentions((await rt.kodo.roundup(None, settings.locale, start, end)).text))
    return 0


async def _post_now(rt, kind: str, period: str, at=None) -> int:
    """Post through the scheduler's own path, claim included: once per channel and period, however often.
    A platform that refuses (a revoked token, a network failure) is one log line, never a traceback."""
    import logging

    from adapters import logs
    from scheduler import jobs
    from bot.wiring import messengers, scheduler_deps

    logs.setup(rt.settings.log_format, logging.WARNING, tracebacks=False)
    async with messengers(rt) as found:
        if not found:
            raise UserError("no platform is configured to post to: set SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET "
                            "or MICROSOFT_APP_ID")
        now = rt.kodo.clock.now()
        outcomes = await jobs.post(scheduler_deps(rt, found), jobs.Slot(kind, period, at or now), now)
    for o in outcomes:
        print(f"{o.key.platform} {o.key.channel}: {o.status}")
    if not outcomes:
        print(f"no channel is subscribed to {kind}: use /kodo subscribe {kind} in a channel")
    return 1 if any(o.status == "failed" for o in outcomes) else 0


def _content(args, settings) -> int:
    from content.loader import check

    target = args.pack or settings.content
    pack, errors = check(target)
    for error in errors:
        print(error, file=sys.stderr)
    if errors:
        print(f"{target}: {len(errors)} error{'s' if len(errors) > 1 else ''}", file=sys.stderr)
        return 1
    tips = sum(len(p.tips) for lang in pack.languages for p in pack.principles[lang])
    print(f"{pack.id}: OK ({pack.size} principles, languages {', '.join(pack.languages)}, {tips} tips, "
          f"{len(pack.emoji)} emoji)")
    return 0


async def _export(args, settings) -> int:
    from bot.export import write
    from bot.wiring import runtime

    since = datetime.combine(args.since, time(0), settings.tz) if args.since else None
    async with runtime(settings) as rt:
        await write(rt.store.export(since), args.format, sys.stdout)
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
        raise UserError("MICROSOFT_APP_ID is not set: the Teams package names the bot by its Microsoft app id")
    try:
        write(settings.microsoft_app_id, args.out)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    except OSError as exc:
        raise UserError(f"cannot write {args.out}: {exc.strerror or exc}") from None
    print(f"wrote {args.out}: upload it in Teams (Apps > Manage your apps > Upload an app)")
    return 0


_HANDLERS = {
    "console": _console, "serve": _serve, "migrate": _migrate, "tip": _tip, "roundup": _roundup,
    "content": _content, "export": _export, "teams-package": _teams_package, "slack-manifest": _slack_manifest,
}

if __name__ == "__main__":
    sys.exit(main())
