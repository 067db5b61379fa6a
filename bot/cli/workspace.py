"""``kodo workspace``: the workspaces (and Enterprise Grid organisations) Kodo holds records of.

``list`` shows each with its installation and its kudos; ``remove ID --yes`` deletes everything
that happened there (``storage.workspaces.remove``; without ``--yes`` it only says what it would
remove); ``adopt ID`` gives the Slack records kept before Kodo noted workspaces to the one
workspace a single-workspace Kodo served, before it moves to distribution; ``rekey`` seals every
stored token again with the first key of ``KODO_SECRET_KEY`` after a rotation. Each change is
written to the audit log.
"""

from __future__ import annotations

import sys

from bot.cli.plumbing import Parser, an_id, command, os_user
from bot.feature import Subcommand
from bot.ports import AuditEntry


def _arguments(p) -> None:
    workspace = p.add_subparsers(dest="workspace_command", required=True, metavar="SUBCOMMAND", parser_class=Parser)
    command(workspace, "list", "every workspace: its installation and its kudos",
            "One line each; kudos kept before Kodo noted workspaces show as (no workspace).")
    r = command(workspace, "remove", "delete everything that happened in a workspace (or organisation)",
                "Its kudos, subscriptions, stored installation and tokens, and the names and settings of "
                "people who took part nowhere else, in one transaction; the audit log stays and records it. "
                "Without --yes it only says what it would remove.")
    r.add_argument("id", metavar="TEAM_ID", type=an_id, help="a workspace id (T…) or an Enterprise Grid id (E…)")
    r.add_argument("--yes", action="store_true", help="really remove (without it: only say what would go)")
    a = command(workspace, "adopt", "give Slack records that name no workspace to this one",
                "For moving a single-workspace Kodo to distribution: kudos and subscriptions kept before Kodo "
                "noted workspaces become this workspace's.")
    a.add_argument("id", metavar="TEAM_ID", type=an_id, help="the workspace a single-workspace Kodo served")
    a.add_argument("--organisation", type=an_id, help="its Enterprise Grid id (E…), if it is in one")
    command(workspace, "rekey", "seal every stored token again with the first key of KODO_SECRET_KEY",
            "After a rotation (KODO_SECRET_KEY=NEW,OLD): afterwards the older keys may be removed.")


async def _run(args, settings) -> int:
    from bot.wiring import runtime

    actor = os_user()

    async with runtime(settings, existing=True) as rt:
        match args.workspace_command:
            case "list":
                return await _list(rt, settings)
            case "remove":
                return await _remove(rt, args.id, args.yes, actor)
            case "adopt":
                return await _adopt(rt, args.id, args.organisation, actor)
            case "rekey":
                return await _rekey(rt, settings, actor)
    return 2


async def _list(rt, settings) -> int:
    from storage.installations import installed
    from storage.workspaces import kudos_per_workspace

    counts = await kudos_per_workspace(rt.engine)
    shown = set()
    for i in await installed(rt.engine, settings.slack_client_id, None):
        mine = sum(n for platform, w, o, n in counts if platform == "slack" and (
            o == i.enterprise_id if i.org_wide else w == i.team_id))
        reach = " (organisation-wide)" if i.org_wide else ""
        print(f"slack {i.key}  {i.name or '-'}{reach}  installed {i.installed_at:%Y-%m-%d}  {mine} kudos")
        shown.add(i.key)
    for platform, workspace, organisation, n in counts:
        if workspace is None:
            print(f"{platform} (no workspace)  {n} kudos, kept before Kodo noted workspaces"
                  + ("  (`kodo workspace adopt TEAM_ID` gives them to yours)" if platform == "slack" else ""))
        elif workspace not in shown and organisation not in shown:
            grid = f" in organisation {organisation}" if organisation else ""
            print(f"{platform} {workspace}{grid}  {'not installed' if platform == 'slack' else '-'}  {n} kudos")
    return 0


async def _remove(rt, ident: str, really: bool, actor: str) -> int:
    from storage.workspaces import remove

    entry = AuditEntry("cli", actor, "workspace.remove") if really else None
    removed = await remove(rt.engine, ident, entry)
    parts = [f"{n} {table}" for table, n in removed.rows.items() if n]  # a table with nothing there: unsaid
    parts += [f"the names and settings of {removed.people} people who took part nowhere else",
              f"{removed.installations} Slack installation(s) with their tokens"]
    print(f"{ident}: {'removed' if really else 'would remove'} {', '.join(parts)}.")
    if not really:
        print("Nothing was removed: run again with --yes to remove it. The audit log keeps its entries.")
        return 0
    print("The audit log keeps its entries, this removal included.")
    if removed.installations:
        print("Kodo is still installed in Slack there: remove the app in that workspace's settings too.")
    return 0


async def _adopt(rt, workspace: str, organisation: str | None, actor: str) -> int:
    from storage.workspaces import adopt

    changed = await adopt(rt.engine, workspace, organisation, AuditEntry("cli", actor, "workspace.adopt"))
    print(f"{workspace}: {changed['kudos']} kudos and {changed['subscriptions']} subscriptions that named no "
          "workspace now belong to it.")
    return 0


async def _rekey(rt, settings, actor: str) -> int:
    from storage.installations import reseal
    from storage.sealing import SecretBox

    if not settings.secret_keys:
        sys.stderr.write("kodo: KODO_SECRET_KEY is not set: there is no key to seal with\n")
        return 1
    done, unreadable = await reseal(rt.engine, SecretBox(settings.secret_keys))
    await rt.stores.audit.record("cli", actor, "workspace.rekey", detail={"sealed": done, "unreadable": unreadable})
    print(f"sealed {done} stored secret(s) again with the first key of KODO_SECRET_KEY")
    if unreadable:
        sys.stderr.write(f"kodo: {unreadable} stored secret(s) open with no key of KODO_SECRET_KEY: left as they "
                         "were; put back the key they were sealed with, or reinstall those workspaces\n")
        return 1
    print("every stored token now opens with the first key alone: the older keys may be removed")
    return 0


WORKSPACE = Subcommand("workspace", "list, remove or adopt the workspaces Kodo keeps records of", _run, _arguments,
                       "Slack workspaces and Enterprise Grid organisations (and Teams tenants): what Kodo holds "
                       "of each.")
