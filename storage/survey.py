"""``SqlSurvey``: the weekly pulse survey's answers, kept so that a look at the database cannot tell
who answered what (``bot.features.survey.store``).

Two tables that share nothing a join could use:

- ``survey_answers`` holds counts, not people: one row per week, question, choice and place (the
  platform, workspace and the subscribed channel whose post was pressed; none for a private
  ``/kodo survey``), with how many people's current answer it is. No person, no time finer than the
  week, no row per answer (so not even the order of rows follows the order of answers: a place's
  rows for every choice are made together, the first time anyone answers there).
- ``survey_respondents`` holds who has answered a week, as a keyed hash,
  HMAC-SHA256(derive(KODO_SECRET_KEY, ``RESPONDENTS``), "platform/user/week"): a new one every week,
  so weeks cannot be linked either; and, so that a person can change their answer and still count
  once, which counter holds their answer, sealed with AES-GCM under another key derived for
  ``ANSWERS`` (random nonce, the hash as associated data, no timestamp). Without the key the row is
  noise; with it, whoever holds both the database and the key could open it, as the docs say.

Changing an answer opens the sealed pointer, takes one from the old counter and adds one to the
new, and seals the new pointer, in one transaction; PostgreSQL serialises one person's presses on
an advisory lock named by their hash, SQLite's BEGIN IMMEDIATE serialises every writer. Each write
also touches every counter of its week and place (``answers = answers``), so that PostgreSQL's row
versions (``xmin``) do not tell which counter the last respondent moved.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
from dataclasses import dataclass

import sqlalchemy as sa
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from bot.features.survey.store import Answered, Counter
from bot.kpi import Scope
from storage.pg_commit import take_locks
from storage.privacy import counted_in
from storage.sealing import derive
from storage.tables import metadata, subscriptions

RESPONDENTS = "kodo: survey respondents"  # the purpose of the keyed hash
ANSWERS = "kodo: survey answers"  # the purpose of the key sealing each respondent's pointer
KIND = "survey"

survey_answers = sa.Table(
    "survey_answers", metadata,
    sa.Column("week", sa.String(8), nullable=False),  # 2026-W50
    sa.Column("question", sa.String(64), nullable=False),
    sa.Column("choice", sa.Integer, nullable=False),
    sa.Column("platform", sa.String(16), nullable=False),
    sa.Column("organisation", sa.String(64), nullable=False, server_default=""),  # "" where there is none
    sa.Column("workspace", sa.String(64), nullable=False, server_default=""),
    sa.Column("channel", sa.String(128), nullable=False, server_default=""),  # "": answered privately
    sa.Column("answers", sa.Integer, nullable=False, server_default="0"),
    sa.PrimaryKeyConstraint("week", "question", "platform", "organisation", "workspace", "channel", "choice",
                            name="pk_survey_answers"),
)

survey_respondents = sa.Table(
    "survey_respondents", metadata,
    sa.Column("week", sa.String(8), nullable=False),
    sa.Column("respondent", sa.String(64), nullable=False),  # hex HMAC-SHA256, see the module's docstring
    sa.Column("sealed", sa.String(400), nullable=False),  # AES-GCM: which counter holds their answer
    sa.PrimaryKeyConstraint("week", "respondent", name="pk_survey_respondents"),
)


@dataclass(frozen=True)
class _Place:
    platform: str
    organisation: str
    workspace: str
    channel: str


class SqlSurvey:
    def __init__(self, db):
        self.db = db

    # ---- keys --------------------------------------------------------------------------------

    @property
    def _keys(self) -> tuple[str, ...]:
        return getattr(self.db, "secret_keys", ())

    @property
    def enabled(self) -> bool:
        return bool(self._keys)

    def _hashes(self, platform: str, user: str, week: str) -> list[str]:
        """The person's hash for ``week`` under every key of KODO_SECRET_KEY, the current one first
        (a row written before a rotation is still found, and rewritten under the new key)."""
        message = f"{platform}/{user}/{week}".encode()
        return [hmac.new(derive(key, RESPONDENTS), message, hashlib.sha256).hexdigest() for key in self._keys]

    def _seal(self, respondent: str, pointer: dict) -> str:
        nonce = os.urandom(12)
        box = AESGCM(derive(self._keys[0], ANSWERS))
        sealed = box.encrypt(nonce, json.dumps(pointer, separators=(",", ":")).encode(), respondent.encode())
        return base64.urlsafe_b64encode(nonce + sealed).decode("ascii")

    def _open(self, respondent: str, sealed: str) -> dict | None:
        raw = base64.urlsafe_b64decode(sealed.encode("ascii"))
        for key in self._keys:
            try:
                return json.loads(AESGCM(derive(key, ANSWERS)).decrypt(raw[:12], raw[12:], respondent.encode()))
            except InvalidTag:
                continue
        return None  # sealed under a key no longer in KODO_SECRET_KEY: the answer is counted, not movable

    # ---- answering ---------------------------------------------------------------------------

    async def subscribed(self, platform: str, channel: str | None) -> bool:
        if not channel:
            return False
        async with self.db.reader.connect() as conn:
            return await conn.scalar(sa.select(sa.literal(True)).where(
                subscriptions.c.platform == platform, subscriptions.c.channel == channel,
                subscriptions.c.kind == KIND)) is not None

    async def current(self, platform: str, user: str, week: str, question: str) -> int | None:
        """The person's answer this week (opened in memory, never stored open), or None."""
        hashes = self._hashes(platform, user, week)
        async with self.db.reader.connect() as conn:
            rows = (await conn.execute(sa.select(survey_respondents.c.respondent, survey_respondents.c.sealed).where(
                survey_respondents.c.week == week, survey_respondents.c.respondent.in_(hashes)))).all()
        for respondent, sealed in rows:
            pointer = self._open(respondent, sealed)
            if pointer and pointer["q"] == question:
                return pointer["c"]
        return None

    async def answer(self, platform: str, user: str, week: str, question: str, choice: int, choices: int,
                     counter: Counter) -> Answered:
        """Counts the person's answer once for the week: a first answer adds one, a changed answer
        moves one, the same answer again changes nothing."""
        hashes = self._hashes(platform, user, week)
        place = _Place(platform, counter.organisation or "", counter.workspace or "", counter.channel or "")
        async with self.db.engine.begin() as conn:
            if self.db.dialect == "postgresql":
                await take_locks(conn, (f"survey:{hashes[0]}",))
            found = (await conn.execute(sa.select(survey_respondents.c.respondent, survey_respondents.c.sealed).where(
                survey_respondents.c.week == week, survey_respondents.c.respondent.in_(hashes)))).first()
            before = self._open(found.respondent, found.sealed) if found else None
            if found is not None and (before is None or (before["q"], before["c"], list(before["p"])) == (
                    question, choice, list(_where(place)))):  # the same again, or sealed under a retired key
                return Answered(previous=before["c"] if before else None, same=True,
                                respondents=await self._respondents(conn, week, question))
            await self._counters(conn, week, question, place, choices)
            if before is not None:
                await self._count(conn, week, before["q"], _Place(*before["p"]), before["c"], -1)
            await self._count(conn, week, question, place, choice, +1)
            pointer = self._seal(hashes[0], {"q": question, "c": choice, "p": list(_where(place))})
            if found is not None:
                await conn.execute(survey_respondents.delete().where(
                    survey_respondents.c.week == week, survey_respondents.c.respondent == found.respondent))
            await conn.execute(survey_respondents.insert().values(week=week, respondent=hashes[0], sealed=pointer))
            return Answered(previous=before["c"] if before and before["q"] == question else None,
                            respondents=await self._respondents(conn, week, question))

    async def _counters(self, conn, week: str, question: str, place: _Place, choices: int) -> None:
        """Every choice's counter of the week and place, made at once the first time (so the order
        rows were made in says nothing about anyone's choice), then all touched together."""
        rows = [dict(week=week, question=question, choice=n, answers=0, **vars(place)) for n in range(1, choices + 1)]
        await conn.execute(self.db.insert(survey_answers).values(rows).on_conflict_do_nothing())
        await conn.execute(survey_answers.update().where(_at(week, question, place))
                           .values(answers=survey_answers.c.answers))

    async def _count(self, conn, week: str, question: str, place: _Place, choice: int, step: int) -> None:
        await conn.execute(survey_answers.update().where(_at(week, question, place), survey_answers.c.choice == choice)
                           .values(answers=survey_answers.c.answers + step))

    async def _respondents(self, conn, week: str, question: str, scope: Scope = Scope()) -> int:
        return int(await conn.scalar(sa.select(sa.func.coalesce(sa.func.sum(survey_answers.c.answers), 0)).where(
            survey_answers.c.week == week, survey_answers.c.question == question,
            counted_in(scope, survey_answers))) or 0)

    # ---- counting ----------------------------------------------------------------------------

    async def respondents(self, week: str, question: str, scope: Scope = Scope()) -> int:
        async with self.db.reader.connect() as conn:
            return await self._respondents(conn, week, question, scope)

    async def counters(self, weeks: list[str], scope: Scope = Scope()) -> list[Counter]:
        """Every counter of ``weeks`` in ``scope`` that holds an answer."""
        c = survey_answers.c
        async with self.db.reader.connect() as conn:
            rows = await conn.execute(sa.select(c.week, c.question, c.choice, c.platform, c.organisation, c.workspace,
                                                c.channel, c.answers).where(
                c.week.in_(weeks), c.answers > 0, counted_in(scope, survey_answers)))
            return [Counter(r.platform, r.organisation or None, r.workspace or None, r.channel or None, r.week,
                            r.question, r.choice, r.answers) for r in rows]

    # ---- forget-me ---------------------------------------------------------------------------

    async def forget(self, conn, platform: str, user: str, tombstone: str) -> dict[str, int]:
        """The person's hashes go, for every week; their answers stay, as the counts they are part of."""
        if not self._keys:
            return {}
        weeks = (await conn.execute(sa.select(survey_respondents.c.week).distinct())).scalars().all()
        hashes = [h for week in weeks for h in self._hashes(platform, user, week)]
        gone = 0
        for start in range(0, len(hashes), 500):
            result = await conn.execute(survey_respondents.delete().where(
                survey_respondents.c.respondent.in_(hashes[start:start + 500])))
            gone += result.rowcount
        return {"survey_respondents": gone} if gone else {}


def _where(place: _Place) -> tuple[str, str, str, str]:
    return (place.platform, place.organisation, place.workspace, place.channel)


def _at(week: str, question: str, place: _Place):
    c = survey_answers.c
    return ((c.week == week) & (c.question == question) & (c.platform == place.platform)
            & (c.organisation == place.organisation) & (c.workspace == place.workspace) & (c.channel == place.channel))
