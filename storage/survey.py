"""``SqlSurvey``: the weekly pulse survey's answers, kept so that a look at the database cannot tell
who answered what (``bot.features.survey.store``).

Two tables that share nothing a join could use:

- ``survey_answers`` holds counts, not people: one row per week, question, choice and place (the
  platform, workspace and the subscribed channel whose post was pressed; none for a private
  ``/kodo survey``), with how many people's current answer it is. No person, no time finer than the
  week, no row per answer (so not even the order of rows follows the order of answers: a place's
  rows for every choice are made together, the first time anyone answers there).
- ``survey_respondents`` holds who has answered a week, as a keyed hash,
  HMAC-SHA256(derive(KODO_SECRET_KEY, ``RESPONDENTS``), "platform/realm/user/week"): a new one every week,
  so weeks cannot be linked either; and, so that a person can change their answer and still count
  once, which counter holds their answer, sealed with AES-GCM under another key derived for
  ``ANSWERS`` (random nonce, the hash as associated data, no timestamp). Without the key the row is
  noise; with it, whoever holds both the database and the key could open it, as the docs say.

Changing an answer opens the sealed pointer, takes one from the old counter and adds one to the
new, and seals the new pointer, in one write of the database's group-commit writer (as a kudos is:
committed before the press is acknowledged); one person's presses run in turn, under a lock named
by their hash (PostgreSQL's advisory lock across replicas). Each write also touches every counter
of its week and place (``answers = answers``), so that PostgreSQL's row versions (``xmin``) do not
tell which counter the last respondent moved.
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

from bot.cache import TtlCache
from bot.features.survey.store import Answered, Counter
from bot.kpi import Scope
from bot.ports import realm
from storage.kudos_writes import Statement, Steps, _inserting
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


class _Statements:
    """The answer's steps (``storage.kudos_writes.Statement``), for the database's dialect: run by its
    group-commit writer (SQLite, PostgreSQL) or on one connection (``storage.stores.Database.write``)."""

    def __init__(self, dialect_insert):
        a, r, P = survey_answers.c, survey_respondents.c, sa.bindparam
        place = (a.platform == P("w_platform")) & (a.organisation == P("w_organisation")) \
            & (a.workspace == P("w_workspace")) & (a.channel == P("w_channel"))
        this = (a.week == P("w_week")) & (a.question == P("w_question"))
        self.find = Statement("survey.find", sa.select(r.sealed).where(
            r.week == P("w_week"), r.respondent == P("w_respondent")), "row")
        self.counter = _inserting("survey.counter", dialect_insert, survey_answers, COUNTER, COUNTER[:-1],
                                  a.choice)
        self.touch = Statement("survey.touch", survey_answers.update().where(this, place)
                               .values(answers=a.answers), "rowcount", idempotent=True)
        # One counter moved by one. Two writes of a batch never move the same counter as two rows of
        # one statement (``key``: PostgreSQL's UPDATE … FROM would apply only one of them): their
        # steps are added up first (``summed``), and the counter moves once by the sum.
        self.count = Statement("survey.count", survey_answers.update().where(this, place, a.choice == P("w_choice"))
                               .values(answers=a.answers + P("v_step", type_=sa.Integer)), "rowcount", key=("target",),
                               summed="v_step")
        self.add = _inserting("survey.add", dialect_insert, survey_respondents, ("week", "respondent", "sealed"),
                              ("week", "respondent"), r.respondent)
        self.reseal = Statement("survey.reseal", survey_respondents.update().where(
            r.week == P("w_week"), r.respondent == P("w_respondent")).values(
            respondent=P("v_respondent", type_=r.respondent.type), sealed=P("v_sealed", type_=r.sealed.type)),
            "rowcount")
        self.respondents = Statement("survey.respondents", sa.select(sa.func.coalesce(sa.func.sum(a.answers), 0))
                                     .where(this), "scalar")


COUNTER = ("week", "question", "platform", "organisation", "workspace", "channel", "choice", "answers")


def _params(place: "_Place") -> dict[str, str]:
    return {"platform": place.platform, "organisation": place.organisation, "workspace": place.workspace,
            "channel": place.channel}


def _target(week: str, question: str, place: "_Place", choice: int) -> dict:
    where = {f"w_{k}": v for k, v in _params(place).items()}
    return {**where, "w_week": week, "w_question": question, "w_choice": choice,
            "v_target": "|".join((week, question, *_where(place), str(choice)))}


@dataclass(frozen=True)
class _Place:
    platform: str
    organisation: str
    workspace: str
    channel: str


SUBSCRIBED_TTL = 60.0  # seconds a channel's subscription to the survey is taken as known


class SqlSurvey:
    def __init__(self, db):
        self.db = db
        self._statements = _Statements(db.insert)
        self._subscribed = TtlCache(SUBSCRIBED_TTL)
        keys = getattr(db, "secret_keys", ())
        self._keys = tuple(keys)
        # Derived once: every press hashes and seals (HKDF-SHA256 per key and purpose).
        self._hashing = [derive(key, RESPONDENTS) for key in keys]
        self._sealing = [AESGCM(derive(key, ANSWERS)) for key in keys]

    # ---- keys --------------------------------------------------------------------------------

    @property
    def enabled(self) -> bool:
        return bool(self._keys)

    def _hashes(self, platform: str, realm: str | None, user: str, week: str) -> list[str]:
        """The person's hash for ``week`` under every key of KODO_SECRET_KEY, the current one first
        (a row written before a rotation is still found, and rewritten under the new key). A user id
        is a person within its realm (``bot.ports.realm``: a Slack workspace or Grid), as for the daily
        limit: U1 of one workspace and U1 of another are two respondents."""
        message = f"{platform}/{realm or ''}/{user}/{week}".encode()
        return [hmac.new(key, message, hashlib.sha256).hexdigest() for key in self._hashing]

    def _seal(self, respondent: str, pointer: dict) -> str:
        nonce = os.urandom(12)
        opened = json.dumps(pointer, separators=(",", ":")).encode()
        sealed = self._sealing[0].encrypt(nonce, opened, respondent.encode())
        return base64.urlsafe_b64encode(nonce + sealed).decode("ascii")

    def _open(self, respondent: str, sealed: str) -> dict | None:
        raw = base64.urlsafe_b64decode(sealed.encode("ascii"))
        for box in self._sealing:
            try:
                return json.loads(box.decrypt(raw[:12], raw[12:], respondent.encode()))
            except InvalidTag:
                continue
        return None  # sealed under a key no longer in KODO_SECRET_KEY: the answer is counted, not movable

    # ---- answering ---------------------------------------------------------------------------

    async def subscribed(self, platform: str, channel: str | None) -> bool:
        """Asked on every press: kept for a minute (a channel subscribed or unsubscribed through
        another replica is seen within ``SUBSCRIBED_TTL``)."""
        if not channel:
            return False
        if (known := self._subscribed.get((platform, channel))) is not None:
            return known
        async with self.db.reader.connect() as conn:
            found = await conn.scalar(sa.select(sa.literal(True)).where(
                subscriptions.c.platform == platform, subscriptions.c.channel == channel,
                subscriptions.c.kind == KIND)) is not None
        self._subscribed.put((platform, channel), found)
        return found

    async def current(self, platform: str, user: str, week: str, question: str,
                      realm: str | None = None) -> int | None:
        """The person's answer this week (opened in memory, never stored open), or None."""
        hashes = self._hashes(platform, realm, user, week)
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
        moves one, the same answer again changes nothing. Through the database's group-commit writer,
        as kudos are: committed before the caller hears back, one person's presses in turn."""
        hashes = self._hashes(platform, realm(counter.organisation, counter.workspace), user, week)
        place = _Place(platform, counter.organisation or "", counter.workspace or "", counter.channel or "")
        return await self.db.write(lambda: self._steps(hashes, week, question, choice, choices, place),
                                   (f"survey:{hashes[0]}",))

    def _steps(self, hashes: list[str], week: str, question: str, choice: int, choices: int, place: _Place) -> Steps:
        s, where = self._statements, _params(place)
        found = None
        for respondent in hashes:
            row = yield s.find, {"w_week": week, "w_respondent": respondent}
            if row is not None:
                found = (respondent, row[0])
                break
        before = self._open(*found) if found else None
        now = {"w_week": week, "w_question": question}
        if found is not None and (before is None or (before["q"], before["c"], list(before["p"])) == (
                question, choice, list(_where(place)))):  # the same again, or sealed under a retired key
            return Answered(previous=before["c"] if before else None, same=True,
                            respondents=int((yield s.respondents, now) or 0))
        touched = yield s.touch, {**{f"w_{k}": v for k, v in where.items()}, **now}
        if not touched:  # the first answer at this place: every choice's counter made at once
            for n in range(1, choices + 1):
                yield s.counter, {**{f"v_{k}": v for k, v in where.items()}, "v_week": week, "v_question": question,
                                  "v_choice": n, "v_answers": 0}
        if before is not None:
            old = _Place(*before["p"])
            yield s.count, {**_target(week, before["q"], old, before["c"]), "v_step": -1}
        yield s.count, {**_target(week, question, place, choice), "v_step": 1}
        sealed = self._seal(hashes[0], {"q": question, "c": choice, "p": list(_where(place))})
        if found is None:
            yield s.add, {"v_week": week, "v_respondent": hashes[0], "v_sealed": sealed}
        else:
            yield s.reseal, {"w_week": week, "w_respondent": found[0], "v_respondent": hashes[0], "v_sealed": sealed}
        return Answered(previous=before["c"] if before and before["q"] == question else None,
                        respondents=int((yield s.respondents, now) or 0))

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
        """The person's hashes go, for every week and every realm answers came from; their answers
        stay, as the counts they are part of."""
        if not self._keys:
            return {}
        weeks = (await conn.execute(sa.select(survey_respondents.c.week).distinct())).scalars().all()
        places = (await conn.execute(sa.select(survey_answers.c.organisation, survey_answers.c.workspace).where(
            survey_answers.c.platform == platform).distinct())).all()
        realms = {realm(org or None, ws or None) for org, ws in places} | {None}
        hashes = [h for week in weeks for where in realms for h in self._hashes(platform, where, user, week)]
        gone = 0
        for start in range(0, len(hashes), 500):
            result = await conn.execute(survey_respondents.delete().where(
                survey_respondents.c.respondent.in_(hashes[start:start + 500])))
            gone += result.rowcount
        return {"survey_respondents": gone} if gone else {}


def _where(place: _Place) -> tuple[str, str, str, str]:
    return (place.platform, place.organisation, place.workspace, place.channel)
