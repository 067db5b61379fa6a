"""``SqlProposals``: improvement proposals and their supports (``bot.features.proposals.store``).

Idempotency lives in the schema, as everywhere: a support is a row keyed by proposal and person (a
second press is a no-op), a status change is an update guarded by the statuses it may leave (two
presses, or two replicas, change it once), and an adoption's kudos is keyed by the proposal
(``message`` ``proposal:ID`` from giver ``kodo``), so it is given once whatever is delivered twice.
"""

from __future__ import annotations

from datetime import date, datetime, timezone, tzinfo

import sqlalchemy as sa

from bot.features.proposals.numbers import median_wait
from bot.features.proposals.store import (ADOPTED, FROM, NEW, STATUSES, Change, Happening, NewProposal, Outcome,
                                           Proposal, Support)
from bot.kpi import Scope
from bot.ports import AuditEntry, NewKudos, Place
from storage.audit import write_entry
from storage.kudos import rename_mentions
from storage.kudos_writes import add_steps, run_async
from storage.privacy import counted_in, shown_in
from storage.tables import BigId, UTCDateTime, metadata

proposals = sa.Table(
    "proposals", metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("platform", sa.String(16), nullable=False),
    sa.Column("proposer", sa.String(128), nullable=False),
    sa.Column("principle", sa.SmallInteger),  # NULL: not tied to one principle
    sa.Column("text", sa.Text),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("note", sa.Text),  # the admin's words with the last change (a decline always has some)
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("answered_at", UTCDateTime),  # when it first left ``new``
    sa.Column("decided_at", UTCDateTime),  # when it was adopted or declined
    sa.Column("listed_on", sa.Date),  # the day the admins' digest listed it as waiting too long
    sa.Column("channel", sa.String(256)),
    sa.Column("message", sa.String(256)),  # its card, as a press names it (Slack channel:ts, Teams conv/id)
    sa.Column("event_key", sa.String(256)),
    # Where it was made: who may read its words elsewhere (storage.privacy) and whose numbers it is.
    sa.Column("workspace", sa.String(64)),
    sa.Column("organisation", sa.String(64)),
    sa.Column("team", sa.String(256)),
    sa.Column("visibility", sa.String(16), nullable=False),
    sa.Column("pack", sa.String(64), nullable=False),
    sa.UniqueConstraint("platform", "event_key"),  # a command delivered twice proposes once
    sa.CheckConstraint("status IN ('new', 'reviewing', 'adopted', 'declined')", name="status_known"),
    sa.Index(None, "status", "created_at"),
    sa.Index(None, "answered_at"),
)

# One row per person supporting a proposal: a second press finds it there. The place columns are
# the proposal's, so that a workspace's removal takes its supports with its proposals.
proposal_supports = sa.Table(
    "proposal_supports", metadata,
    sa.Column("proposal", BigId, primary_key=True),
    sa.Column("supporter", sa.String(128), primary_key=True),
    sa.Column("platform", sa.String(16), nullable=False),
    sa.Column("created_at", UTCDateTime, nullable=False),
    sa.Column("workspace", sa.String(64)),
    sa.Column("organisation", sa.String(64)),
    sa.Index(None, "created_at"),
)

_SUPPORTERS = sa.select(sa.func.count()).where(proposal_supports.c.proposal == proposals.c.id) \
    .correlate(proposals).scalar_subquery().label("supporters")


def _query():
    return sa.select(proposals, _SUPPORTERS)


def _record(r) -> Proposal:
    return Proposal(r.id, r.platform, r.proposer, r.principle, r.text, r.status, r.note, r.created_at, r.answered_at,
                    r.decided_at, r.supporters, r.channel, r.message, r.workspace, r.organisation, r.team,
                    r.visibility, r.pack)


class SqlProposals:
    def __init__(self, db):
        self.db = db

    async def propose(self, new: NewProposal) -> tuple[Proposal, bool]:
        values = dict(platform=new.platform, proposer=new.proposer, principle=new.principle, text=new.text,
                      status=NEW, created_at=new.created_at, channel=new.channel, event_key=new.event_key,
                      workspace=new.workspace, organisation=new.organisation, team=new.team,
                      visibility=new.visibility, pack=new.pack)
        async with self.db.engine.begin() as conn:
            made = (await conn.execute(self.db.insert(proposals).values(**values).on_conflict_do_nothing()
                                       .returning(proposals.c.id))).first()
            if made is not None:
                ident = made[0]
            else:
                ident = (await conn.execute(sa.select(proposals.c.id).where(
                    proposals.c.platform == new.platform, proposals.c.event_key == new.event_key))).scalar_one()
            row = (await conn.execute(_query().where(proposals.c.id == ident))).first()
        return _record(row), made is not None

    async def keep_message(self, proposal: int, message: str) -> None:
        async with self.db.engine.begin() as conn:
            await conn.execute(proposals.update().where(proposals.c.id == proposal, proposals.c.message.is_(None))
                               .values(message=message[:256]))

    async def get(self, proposal: int, scope: Scope | None = None) -> Proposal | None:
        async with self.db.reader.connect() as conn:
            row = (await conn.execute(_query().where(proposals.c.id == proposal,
                                                     counted_in(scope or Scope(), proposals)))).first()
        return _record(row) if row else None

    async def open_proposals(self, scope: Scope, limit: int = 50) -> list[Proposal]:
        query = _query().where(proposals.c.status.in_(("new", "reviewing")), counted_in(scope, proposals))
        async with self.db.reader.connect() as conn:
            rows = await conn.execute(query.order_by(proposals.c.id).limit(limit))
        return [_record(r) for r in rows]

    async def shown(self, ids: list[int], audience: Place) -> set[int]:
        if not ids:
            return set()
        async with self.db.reader.connect() as conn:
            rows = await conn.execute(sa.select(proposals.c.id).where(proposals.c.id.in_(ids),
                                                                       shown_in(audience, proposals)))
        return set(rows.scalars())

    async def support(self, proposal: int, platform: str, user: str, at: datetime) -> tuple[Support, Proposal | None]:
        async with self.db.engine.begin() as conn:
            found = (await conn.execute(sa.select(proposals.c.proposer, proposals.c.workspace,
                                                  proposals.c.organisation).where(
                proposals.c.id == proposal, proposals.c.platform == platform))).first()
            if found is None:
                return Support.MISSING, None
            if found.proposer == user:
                outcome = Support.OWN
            else:
                added = await conn.execute(self.db.insert(proposal_supports).values(
                    proposal=proposal, supporter=user, platform=platform, created_at=at, workspace=found.workspace,
                    organisation=found.organisation).on_conflict_do_nothing().returning(proposal_supports.c.proposal))
                outcome = Support.COUNTED if added.first() is not None else Support.AGAIN
            row = (await conn.execute(_query().where(proposals.c.id == proposal))).first()
        return outcome, _record(row)

    async def change(self, proposal: int, status: str, note: str | None, at: datetime, audit: AuditEntry,
                     kudos: NewKudos | None = None, scope: Scope | None = None) -> Change:
        if status not in STATUSES:
            raise ValueError(f"not a status: {status!r}")
        where = (proposals.c.id == proposal, counted_in(scope or Scope(), proposals))
        async with self.db.engine.begin() as conn:
            before = (await conn.execute(sa.select(proposals.c.status).where(*where))).scalar()
            if before is None:
                return Change(Outcome.MISSING, None)
            given = False
            if status == before:
                outcome = Outcome.SAME
            else:
                values = {"status": status, "note": note,
                          "answered_at": sa.func.coalesce(proposals.c.answered_at, sa.literal(at, UTCDateTime()))}
                if status not in ("new", "reviewing"):
                    values["decided_at"] = at
                changed = await conn.execute(proposals.update().where(
                    *where, proposals.c.status.in_(FROM.get(status, ()))).values(values))
                outcome = Outcome.CHANGED if changed.rowcount == 1 else Outcome.FINAL
                if outcome is Outcome.CHANGED:
                    await write_entry(conn, audit)
                    if kudos is not None:
                        result = await run_async(conn, add_steps(kudos, 0, self.db.dialect))
                        given = result.outcome.value == "created"
            row = (await conn.execute(_query().where(proposals.c.id == proposal))).first()
        return Change(outcome, _record(row), given)

    async def due_for_digest(self, day: date, made_before: datetime) -> list[Proposal]:
        waiting = (proposals.c.status == NEW, proposals.c.created_at < made_before)
        async with self.db.engine.begin() as conn:
            await conn.execute(proposals.update().where(*waiting, proposals.c.listed_on.is_(None))
                               .values(listed_on=day))
            rows = await conn.execute(_query().where(*waiting, proposals.c.listed_on == day)
                                      .order_by(proposals.c.id))
            return [_record(r) for r in rows]

    async def answered_between(self, start: datetime, end: datetime, tz: tzinfo | None = None,
                               closed: frozenset[date] = frozenset(), scope: Scope | None = None
                               ) -> tuple[int, float | None]:
        answers = [h for h in await self.happenings(start, end, scope) if h.what == "answered"]
        return len(answers), median_wait(answers, tz or timezone.utc, closed)

    async def blank_words(self, before: datetime) -> int:
        """KODO_RETENTION_DAYS: the words and notes of proposals made before ``before`` go; the
        proposals (their status, supporters and numbers) stay."""
        async with self.db.engine.begin() as conn:
            result = await conn.execute(proposals.update().where(
                proposals.c.created_at < before, proposals.c.text.is_not(None) | proposals.c.note.is_not(None))
                .values(text=None, note=None))
        return result.rowcount

    async def happenings(self, start: datetime, end: datetime, scope: Scope | None = None) -> list[Happening]:
        """What happened to proposals in [start, end): each made, supported, answered (first left
        ``new``) and adopted, with its principle and time (and for an answer, when it was made), for
        the KPIs to count by week and principle."""
        within = lambda column: (column >= start) & (column < end)  # noqa: E731
        where = counted_in(scope or Scope(), proposals)
        p = proposals.c
        async with self.db.reader.connect() as conn:
            rows = (await conn.execute(sa.select(p.principle, p.created_at, p.answered_at, p.decided_at, p.status)
                                       .where(where, within(p.created_at) | within(p.answered_at)
                                              | within(p.decided_at)))).all()
            supports = (await conn.execute(sa.select(p.principle, proposal_supports.c.created_at).select_from(
                proposal_supports.join(proposals, proposals.c.id == proposal_supports.c.proposal)).where(
                where, within(proposal_supports.c.created_at)))).all()
        found = [Happening("supported", r.principle, r.created_at) for r in supports]
        for r in rows:
            if start <= r.created_at < end:
                found.append(Happening("made", r.principle, r.created_at))
            if r.answered_at is not None and start <= r.answered_at < end:
                found.append(Happening("answered", r.principle, r.answered_at, r.created_at))
            if r.status == ADOPTED and r.decided_at is not None and start <= r.decided_at < end:
                found.append(Happening("adopted", r.principle, r.decided_at))
        return found

    async def forget(self, conn, platform: str, user: str, tombstone: str) -> dict[str, int]:
        """forget-me: their proposals stay, with the tombstone as proposer (and where a text names
        them, ``<@id>``, the tombstone); their supports stay counted, by the tombstone."""
        made = (await conn.execute(proposals.update().where(
            proposals.c.platform == platform, proposals.c.proposer == user).values(proposer=tombstone))).rowcount
        supported = (await conn.execute(proposal_supports.update().where(
            proposal_supports.c.platform == platform, proposal_supports.c.supporter == user)
            .values(supporter=tombstone))).rowcount
        await rename_mentions(conn, proposals.c.text, platform, user, tombstone)
        return {name: n for name, n in (("proposals", made), ("supports", supported)) if n}  # the audit's counts
