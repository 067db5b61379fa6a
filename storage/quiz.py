"""``SqlQuiz``: quiz answers (``bot.features.quiz.store``). One row per person, pack and question:
the first answer, kept by a unique constraint, so a second press or a press on another replica
changes nothing."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from bot.features.quiz.store import Answer, Record, Tally
from bot.kpi import Scope
from storage.privacy import counted_in
from storage.tables import BigId, UTCDateTime, metadata

# Where it was answered (platform, workspace, organisation, channel: the columns ``counted_in``
# narrows by), under which content pack, and the local day in KODO_TIMEZONE the streak counts.
quiz_answers = sa.Table(
    "quiz_answers", metadata,
    sa.Column("id", BigId, primary_key=True, autoincrement=True),
    sa.Column("platform", sa.String(16), nullable=False),
    sa.Column("user_id", sa.String(128), nullable=False),
    sa.Column("pack", sa.String(64), nullable=False),
    sa.Column("question", sa.String(64), nullable=False),
    sa.Column("principle", sa.SmallInteger, nullable=False),
    sa.Column("choice", sa.SmallInteger, nullable=False),
    sa.Column("correct", sa.Boolean, nullable=False),
    sa.Column("answered_at", UTCDateTime, nullable=False),
    sa.Column("day", sa.Date, nullable=False),
    sa.Column("workspace", sa.String(64)),
    sa.Column("organisation", sa.String(64)),
    sa.Column("channel", sa.String(256)),
    sa.UniqueConstraint("platform", "user_id", "pack", "question"),
    sa.Index(None, "answered_at", "pack"),
)


class SqlQuiz:
    def __init__(self, db):
        self.db = db

    async def answer(self, answer: Answer) -> tuple[Answer, bool]:
        row = dict(platform=answer.platform, user_id=answer.user, pack=answer.pack, question=answer.question,
                   principle=answer.principle, choice=answer.choice, correct=answer.right,
                   answered_at=answer.answered_at, day=answer.day, workspace=answer.workspace,
                   organisation=answer.organisation, channel=answer.channel)
        async with self.db.engine.begin() as conn:
            added = await conn.execute(self.db.insert(quiz_answers).values(**row).on_conflict_do_nothing(
                index_elements=["platform", "user_id", "pack", "question"]))
            if added.rowcount == 1:
                return answer, True
            kept = (await conn.execute(sa.select(quiz_answers).where(
                *_of(answer.platform, answer.user, answer.pack), quiz_answers.c.question == answer.question))).one()
        return _answer(kept), False

    async def answers(self, platform: str, user: str, pack: str) -> dict[str, Answer]:
        async with self.db.reader.connect() as conn:
            rows = await conn.execute(sa.select(quiz_answers).where(*_of(platform, user, pack)))
            return {row.question: _answer(row) for row in rows}

    async def record(self, platform: str, user: str, pack: str) -> Record:
        answers = await self.answers(platform, user, pack)
        return Record(len(answers), sum(a.right for a in answers.values()),
                      frozenset(a.day for a in answers.values()))

    async def tallies(self, pack: str, start: datetime, end: datetime, scope: Scope) -> dict[int, Tally]:
        c = quiz_answers.c
        query = (sa.select(c.principle, sa.func.count(sa.distinct(c.platform.concat(":").concat(c.user_id))).label("people"),
                           sa.func.count().label("answers"),
                           sa.func.sum(sa.case((c.correct, 1), else_=0)).label("right"))
                 .where(_within(pack, start, end, scope)).group_by(c.principle))
        async with self.db.reader.connect() as conn:
            return {r.principle: Tally(int(r.people), int(r.answers), int(r.right or 0))
                    for r in await conn.execute(query)}

    async def people(self, pack: str, start: datetime, end: datetime, scope: Scope,
                     besides: set[int] = frozenset()) -> int:
        c = quiz_answers.c
        where = _within(pack, start, end, scope)
        if besides:
            where = where & c.principle.not_in(sorted(besides))
        # A person is a platform's user id: the same id on two platforms is two people.
        who = sa.select(c.platform, c.user_id).where(where).distinct().subquery()
        async with self.db.reader.connect() as conn:
            return int(await conn.scalar(sa.select(sa.func.count()).select_from(who)))

    async def forget(self, conn, platform: str, user: str, tombstone: str) -> dict[str, int]:
        """forget-me: the person's answers go (nothing counts them once the person has gone)."""
        gone = await conn.execute(quiz_answers.delete().where(
            quiz_answers.c.platform == platform, quiz_answers.c.user_id == user))
        return {"quiz_answers": gone.rowcount} if gone.rowcount else {}


def _within(pack: str, start: datetime, end: datetime, scope: Scope):
    c = quiz_answers.c
    return (c.pack == pack) & (c.answered_at >= start) & (c.answered_at < end) & counted_in(scope, quiz_answers)


def _of(platform: str, user: str, pack: str):
    return quiz_answers.c.platform == platform, quiz_answers.c.user_id == user, quiz_answers.c.pack == pack


def _answer(row) -> Answer:
    return Answer(row.platform, row.user_id, row.pack, row.question, row.principle, row.choice, row.correct,
                  row.answered_at, row.day, row.workspace, row.organisation, row.channel)
