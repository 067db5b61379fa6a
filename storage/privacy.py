"""Where a person's words may be shown: the contract's privacy rule as one SQL predicate.

Every feature that shows what someone wrote (the roundup today; awards and the casebook later)
filters its rows with ``shown_in(audience)``, so the rule lives here once:

- in the same conversation, always;
- from a public Slack channel (not shared, not Slack Connect): anywhere in the same workspace whose
  readers are that workspace's own people, i.e. not in a shared channel, a group DM or a DM;
- from a Teams standard channel: in the standard channels of the same team;
- nothing else is ever shown elsewhere. An audience Kodo knows too little about (no workspace)
  sees only its own conversation's words.
"""

from __future__ import annotations

import sqlalchemy as sa

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
