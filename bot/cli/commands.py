"""The core's own subcommands: the console, the server, the schema, content packs, the audit log, the
KPIs and the dashboard, the platforms' app manifests and the doctor. Features bring theirs
(``Feature.cli``); each ``run`` imports what it needs when it runs."""

from __future__ import annotations

import os
import sys

from bot.cli.plumbing import (FAILED, Parser, UserError, WrongCommandLine, a_date, a_port, command, count, since,
                              some_weeks)
from bot.cli.workspace import WORKSPACE
from bot.feature import Subcommand


async def _console(args, settings) -> int:
    from adapters.console import run
    from bot.wiring import runtime

    async with runtime(settings) as rt:
        await run(rt.kodo, args.user, args.locale)
    return 0


def _console_arguments(p) -> None:
    p.add_argument("--user", default=os.environ.get("USER") or "you", help="who you are (default: $USER)")
    p.add_argument("--locale", choices=("ja", "en"), help="your language (default: KODO_LOCALE)")


async def _serve(args, settings) -> int:
    from bot.wiring import serve

    await serve(settings)
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
        print(f"{target}: {count(len(errors), 'error')}", file=sys.stderr)
        return FAILED
    print(pack.summary())
    return 0


def _content_arguments(p) -> None:
    content = p.add_subparsers(dest="content_command", required=True, metavar="SUBCOMMAND", parser_class=Parser)
    c = command(content, "check", "validate a content pack; every error with file and line", "Exit 1 on any error.")
    c.add_argument("pack", nargs="?", help="a bundled pack name or a folder (default: KODO_CONTENT)")


async def _audit(args, settings) -> int:
    from bot.audit import write
    from bot.wiring import runtime

    async with runtime(settings, existing=True) as rt:
        await write(rt.stores.audit.audit_entries(since(args, settings)), args.format, sys.stdout, settings.tz)
    return 0


def _audit_arguments(p) -> None:
    p.add_argument("--since", type=a_date, help="only entries from this date on (YYYY-MM-DD, KODO_TIMEZONE)")
    p.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or json")


async def _kpi(args, settings) -> int:
    import json

    from bot import kpi
    from bot.wiring import kpi_source, runtime

    async with runtime(settings, existing=True) as rt:
        found = await kpi.compute(kpi_source(rt), rt.pack, rt.kodo.tz, rt.kodo.clock.now(), args.weeks, kpi.Scope(),
                                  settings.min_group, rt.kodo.figures(), settings.locale)
    if args.format == "csv":
        sys.stdout.write(kpi.to_csv(found))
    else:
        print(json.dumps(kpi.to_json(found, rt.pack, settings.locale), ensure_ascii=False, indent=2))
    return 0


def _kpi_arguments(p) -> None:
    p.add_argument("--weeks", type=some_weeks, default=12, help="how many weeks up to this one, 1-104 (default: 12)")
    p.add_argument("--format", choices=("json", "csv"), default="json", help="json (default) or csv")


async def _dashboard(args, settings) -> int:
    from bot.wiring import dashboard

    await dashboard(settings, args.port)
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


def _slack_manifest(args, settings) -> int:
    from adapters.slack.manifest import manifest_yaml

    if args.org_deploy and not args.distribution:
        raise WrongCommandLine("--org-deploy goes with --distribution: an organisation installs Kodo through its "
                               "install link")
    sys.stdout.write(manifest_yaml(settings.locale, socket_mode=args.socket_mode, distribution=args.distribution,
                                   org_deploy=args.org_deploy))
    return 0


def _slack_manifest_arguments(p) -> None:
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--socket-mode", action="store_true", help="for Socket Mode (SLACK_APP_TOKEN): no request URLs")
    mode.add_argument("--distribution", action="store_true",
                      help="for installing in many workspaces (SLACK_CLIENT_ID): with the OAuth redirect URL")
    p.add_argument("--org-deploy", action="store_true",
                   help="with --distribution: an Enterprise Grid may install Kodo once for the whole organisation")


async def _doctor(args, settings) -> int:
    from bot.wiring import doctor

    return FAILED if await doctor(settings, print) else 0


CORE = (
    Subcommand("console", "chat with Kodo in the terminal (reads stdin, so it is scriptable)", _console,
               _console_arguments, "The same core and database as Slack and Teams; `/help` lists the commands. For "
                                   "example: printf '/principle 3\\n' | kodo console"),
    Subcommand("serve", "run the server: Slack, Teams, /healthz and the scheduler", _serve,
               description="One web server on HOST:PORT with Slack (over HTTP, or Socket Mode with SLACK_APP_TOKEN), "
                           "Teams, GET /healthz, GET /metrics and, with KODO_DASHBOARD_TOKEN, the dashboard; the "
                           "scheduler posts tips and roundups. Runs until SIGTERM or Ctrl+C."),
    Subcommand("migrate", "bring the database schema to the latest version", _migrate,
               description="SQLite migrates by itself at every start; PostgreSQL needs this once after each upgrade."),
    Subcommand("content", "content packs", _content, _content_arguments,
               "The principles, tips and emoji Kodo speaks from."),
    Subcommand("audit", "print the audit log: admin actions and actions on personal data", _audit, _audit_arguments,
               "Who did what and when: subscriptions, exports, forget-me, dashboard sign-ins; never the words anyone "
               "typed."),
    Subcommand("kpi", "the dashboard's numbers on stdout (same as GET /api/kpi)", _kpi, _kpi_arguments,
               "Kudos, givers and receivers per week, kudos per principle and tips posted, for the whole "
               "organisation."),
    Subcommand("dashboard", "serve the dashboard alone on 127.0.0.1, without a token", _dashboard,
               lambda p: p.add_argument("--port", type=a_port, default=3000, help="port on 127.0.0.1 (default: 3000; "
                                        "PORT and HOST are kodo serve's and do not apply)"),
               "For trying the dashboard on this database; it prints its address once it answers there. It listens "
               "on 127.0.0.1 only, on --port: HOST and PORT are kodo serve's and do not apply."),
    Subcommand("teams-package", "write the Teams app package (zip)", _teams_package,
               lambda p: p.add_argument("--out", default="kodo-teams.zip",
                                        help="where to write the zip (default: kodo-teams.zip)"),
               "The manifest and icons for MICROSOFT_APP_ID, to upload in Teams (Apps > Manage your apps > Upload "
               "an app)."),
    Subcommand("slack-manifest", "print the Slack app manifest (YAML)", _slack_manifest, _slack_manifest_arguments,
               "The commands, shortcut, scopes, events and request URLs Kodo needs: paste it when you create the "
               "Slack app. With --distribution, also the OAuth redirect URL and the uninstall events, for an app "
               "that many workspaces install from Kodo's /slack/install."),
    WORKSPACE,
    Subcommand("doctor", "check the configuration against the database, Slack, Teams and the calendar", _doctor,
               description="One ok, warn or fail line per check, each as soon as it is known; nothing is created, "
                           "migrated or posted. Exit 1 when any check fails."),
)
