"""Slack installations in Kodo's own database: slack_sdk's async SQLAlchemy stores, tokens sealed.

Bolt's OAuth flow saves each installation (a workspace, or an Enterprise Grid organisation) through
``SealedInstallationStore``, and Bolt's per-request ``authorize`` finds the bot token of the
workspace a request came from through it. It is slack_sdk's ``AsyncSQLAlchemyInstallationStore``
with one layer around it: every secret is sealed with ``KODO_SECRET_KEY`` on the way in and opened
on the way out (``storage.sealing``), so the database never holds a token in clear. The tables are
created by Kodo's migrations (``storage.tables``), never by the stores at run time.

On SQLite, finds run on the reading side of the engine (``storage.db.reader``), so looking up a
token never waits for a writer; saves and deletes take the write lock as every write does.
"""

from __future__ import annotations

import copy
import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TypeVar

import sqlalchemy as sa
from slack_sdk.oauth.installation_store.async_installation_store import AsyncInstallationStore
from slack_sdk.oauth.installation_store.models.bot import Bot
from slack_sdk.oauth.installation_store.models.installation import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import AsyncSQLAlchemyInstallationStore
from slack_sdk.oauth.state_store.sqlalchemy import AsyncSQLAlchemyOAuthStateStore
from sqlalchemy.ext.asyncio import AsyncEngine

from storage.db import reader
from storage.sealing import SecretBox, Unreadable
from storage.tables import SEALED, slack_bots, slack_installations

log = logging.getLogger(__name__)
STATE_SECONDS = 600  # how long an install link's state may wait for Slack's redirect
MAX_WAITING_STATES = 10_000  # install links waiting for Slack's redirect at once; more is a flood
Stored = TypeVar("Stored", Installation, Bot)


def _with(record: Stored, change) -> Stored:
    """A copy of ``record`` with each secret it has passed through ``change`` (seal or open)."""
    if record is None:
        return None
    changed = copy.copy(record)
    for name in SEALED:
        if hasattr(changed, name):
            setattr(changed, name, change(getattr(changed, name)))
    return changed


class SealedInstallationStore(AsyncInstallationStore):
    def __init__(self, client_id: str, engine: AsyncEngine, box: SecretBox):
        self.box = box
        self._writes = AsyncSQLAlchemyInstallationStore(client_id, engine, logger=log)
        self._reads = AsyncSQLAlchemyInstallationStore(client_id, reader(engine), logger=log)

    @property
    def logger(self) -> logging.Logger:
        return log

    async def async_save(self, installation: Installation):
        await self._writes.async_save(_with(installation, self.box.seal))

    async def async_save_bot(self, bot: Bot):
        await self._writes.async_save_bot(_with(bot, self.box.seal))

    async def async_find_bot(self, *, enterprise_id: str | None, team_id: str | None,
                             is_enterprise_install: bool | None = False) -> Bot | None:
        found = await self._reads.async_find_bot(enterprise_id=enterprise_id, team_id=team_id,
                                                 is_enterprise_install=is_enterprise_install)
        return self._opened(found)

    async def async_find_installation(self, *, enterprise_id: str | None, team_id: str | None,
                                      user_id: str | None = None,
                                      is_enterprise_install: bool | None = False) -> Installation | None:
        found = await self._reads.async_find_installation(enterprise_id=enterprise_id, team_id=team_id,
                                                          user_id=user_id, is_enterprise_install=is_enterprise_install)
        return self._opened(found)

    def _opened(self, record: Stored | None) -> Stored | None:
        """The record with its secrets opened; None (as if not installed, logged) when no key opens them."""
        try:
            return _with(record, self.box.open)
        except Unreadable:
            log.warning("slack: the stored token of %s cannot be opened with KODO_SECRET_KEY (run `kodo doctor`)",
                        record.team_id or record.enterprise_id)
            return None

    async def async_delete_bot(self, *, enterprise_id: str | None, team_id: str | None) -> None:
        await self._writes.async_delete_bot(enterprise_id=enterprise_id, team_id=team_id)

    async def async_delete_installation(self, *, enterprise_id: str | None, team_id: str | None,
                                        user_id: str | None = None) -> None:
        await self._writes.async_delete_installation(enterprise_id=enterprise_id, team_id=team_id, user_id=user_id)


class TooManyStates(Exception):
    """``MAX_WAITING_STATES`` install links are waiting already: no new one for now."""


class StateStore(AsyncSQLAlchemyOAuthStateStore):
    """Bolt's one-use ``state`` values of install links, in the same database, so any replica may
    receive Slack's redirect; consuming one is a write, so it is never read twice.

    ``GET /slack/install`` asks for no sign-in, and each visit stores a state. slack_sdk's store
    deletes a state only when it is used, so visits that never come back would pile up for ever:
    here each new state first deletes those that expired (nobody can use them any more), and none is
    issued while ``MAX_WAITING_STATES`` are waiting (the page asks to try again in a few minutes)."""

    async def async_issue(self, *args, **kwargs) -> str:
        states = self.oauth_states
        now = datetime.now(timezone.utc).replace(tzinfo=None)  # stored naive UTC, as slack_sdk does
        async with self.engine.begin() as conn:
            await conn.execute(states.delete().where(states.c.expire_at <= now))
            waiting = await conn.scalar(sa.select(sa.func.count()).select_from(states))
        if waiting >= MAX_WAITING_STATES:
            raise TooManyStates(f"{waiting} install links are waiting for Slack's redirect")
        return await super().async_issue(*args, **kwargs)


def state_store(engine: AsyncEngine) -> StateStore:
    return StateStore(expiration_seconds=STATE_SECONDS, engine=engine, logger=log)


@dataclass(frozen=True)
class Installed:
    """One stored installation, as ``kodo doctor`` and ``kodo workspace list`` show it."""

    enterprise_id: str | None
    team_id: str | None
    name: str | None
    org_wide: bool
    installed_at: datetime
    token: str | None  # None: the stored token cannot be opened (``problem`` says why)
    scopes: str | None
    problem: str | None = None

    @property
    def key(self) -> str:
        """How people name it: the workspace id, or the organisation id for an organisation-wide install."""
        return (self.enterprise_id if self.org_wide else self.team_id) or "?"


async def installed(engine: AsyncEngine, client_id: str | None, box: SecretBox | None) -> list[Installed]:
    """Every installation's newest bot, oldest install first; ``box`` None lists without opening."""
    b = slack_bots.c
    newest = (sa.select(b.enterprise_id, b.team_id, sa.func.max(b.installed_at).label("at"))
              .where(b.bot_token.is_not(None)).group_by(b.enterprise_id, b.team_id))
    if client_id is not None:
        newest = newest.where(b.client_id == client_id)
    newest = newest.subquery()
    query = (sa.select(slack_bots).join(newest, sa.and_(
        b.enterprise_id.is_not_distinct_from(newest.c.enterprise_id), b.team_id.is_not_distinct_from(newest.c.team_id),
        b.installed_at == newest.c.at)).order_by(b.installed_at, b.id))
    async with reader(engine).connect() as conn:
        rows = (await conn.execute(query)).all()
    found = []
    for r in rows:
        token, problem = None, None
        if box is not None:
            try:
                token = box.open(r.bot_token)
            except Unreadable:
                problem = "no key of KODO_SECRET_KEY opens its stored token"
        name = r.enterprise_name if r.is_enterprise_install else r.team_name
        found.append(Installed(r.enterprise_id, r.team_id, name, bool(r.is_enterprise_install),
                               r.installed_at.replace(tzinfo=timezone.utc), token, r.bot_scopes, problem))
    return found


async def reseal(engine: AsyncEngine, box: SecretBox) -> tuple[int, int]:
    """After a key rotation: every stored secret sealed again with the first key of KODO_SECRET_KEY,
    so the older keys can be dropped. Returns (values resealed, values no key opens, left as they are)."""
    done = unreadable = 0
    async with engine.begin() as conn:
        for table in (slack_installations, slack_bots):
            columns = [table.c[name] for name in SEALED if name in table.c]
            for row in (await conn.execute(sa.select(table.c.id, *columns))).all():
                values = {}
                for column in columns:
                    try:
                        values[column.name] = box.reseal(row._mapping[column.name])
                    except Unreadable:
                        unreadable += 1
                if values:
                    await conn.execute(table.update().where(table.c.id == row.id).values(values))
                    done += sum(v is not None for v in values.values())
    return done, unreadable
