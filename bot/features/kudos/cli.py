"""``kodo export``: every kudos on stdout, revoked ones too, its audit entry written first."""

from __future__ import annotations

import sys

from bot.cli.plumbing import a_date, an_id, os_user, since
from bot.feature import Subcommand


async def _export(args, settings) -> int:
    from bot.audit import EXPORT
    from bot.export import write
    from bot.kpi import Scope
    from bot.wiring import runtime

    start = since(args, settings)
    scope = Scope(workspace=args.workspace, organisation=args.organisation)
    async with runtime(settings, existing=True) as rt:
        # Recorded before anything is written: no export leaves without its audit entry.
        await rt.stores.audit.record("cli", os_user(), EXPORT, detail={
            "format": args.format, "since": args.since.isoformat() if args.since else None, **scope.filters()},
            workspace=args.workspace)
        await write(rt.stores.kudos.export(start, scope), args.format, sys.stdout)
    return 0


def _arguments(p) -> None:
    p.add_argument("--format", choices=("csv", "json"), default="csv", help="csv (default) or json")
    p.add_argument("--since", type=a_date, help="only kudos from this date on (YYYY-MM-DD)")
    p.add_argument("--workspace", type=an_id, help="only the kudos of this workspace (Slack team id, Teams tenant id)")
    p.add_argument("--organisation", type=an_id, help="only the kudos of this Slack Enterprise Grid organisation")


EXPORT = Subcommand("export", "write every kudos to stdout (revoked ones too)", _export, _arguments,
                    "CSV with a header row, or a JSON array; each export is recorded in the audit log.")
