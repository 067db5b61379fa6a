"""Where a person's words may be shown, and which numbers an audience counts: the contract's
privacy and workspace rules as SQL predicates, in one place.

Every feature that counts (the roundup, the dashboard, exports; awards and survey results later)
narrows its rows with ``counted_in(scope)``, where ``scope`` is ``bot.kpi.Scope.counted_for(audience)``
for a post, or what was asked for on the dashboard: so workspaces stay apart the same way
everywhere. Every feature that shows what someone wrote (the roundup today; awards and the
casebook later) filters its rows with ``shown_in(audience)``, so the rule lives here once:

- in the same conversation, always;
- from a public Slack channel (not shared, not Slack Connect): anywhere in the same workspace whose
  readers are that workspace's own people, i.e. not in a shared channel, a group DM or a DM;
- from a Teams standard channel: in the standard channels of the same team;
- nothing else is ever shown elsewhere. An audience Kodo knows too little about (no workspace)
  sees only its own conversation's words.
"""

from __future__ import annotations

import sqlalchemy as sa

from bot.kpi import Scope
from bot.ports import Place
from storage.tables import kudos

PUBLIC = "public"
# Who may read a post in a conversation of this kind: workspace members only, for these.
MEMBERS_ONLY = {"slack": ("public", "private"), "console": ("public",), "teams": ("public",)}


def shown_in(audience: Place | None, table: sa.Table = kudos):
    """Rows of ``table`` (kudos, or anything with the same place columns) whose words ``audience``
    may read. ``None`` is the operator at the command line, who may read everything."""
    if audience is None:
        return sa.true()
    same = (table.c.platform == audience.platform) & (table.c.channel == audience.conversation) \
        if audience.conversation else sa.false()
    if audience.workspace is None or audience.visibility not in MEMBERS_ONLY.get(audience.platform, ()):
        return same
    wider = ((table.c.platform == audience.platform) & (table.c.visibility == PUBLIC)
             & (table.c.workspace == audience.workspace))
    if audience.platform == "teams":
        wider = wider & (table.c.team == audience.team) if audience.team else sa.false()
    return same | wider


def counted_in(scope: Scope, table: sa.Table = kudos):
    """Rows of ``table`` (kudos, or anything with the same place columns) inside ``scope``: its
    platform, organisation, workspace and channel, where given; an empty scope is everything."""
    return sa.and_(sa.true(), *(table.c[column] == value for column, value in scope.filters().items()))


def realm_of(table: sa.Table = kudos):
    """``bot.ports.realm`` in SQL: the organisation of a row, else its workspace."""
    return sa.func.coalesce(table.c.organisation, table.c.workspace)
