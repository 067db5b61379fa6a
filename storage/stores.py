"""Every feature's store over one database. What they share is written once here: the engine, the
read pool, the group-commit writer (a SQLite file's, PostgreSQL's), short reads on the request path
(``Database.read``), PostgreSQL's per-person locks, and forget-me, which runs each store's forget
step in one transaction.

A feature names its store's class (``Feature.store = "storage.kudos:SqlKudos"``); ``open_stores``
builds one of each over a ``Database``. A store that has ``forget(conn, platform, user, tombstone)``
takes part in forget-me: it replaces or deletes what it keeps of the person, on ``conn``, and says
what to count in the audit entry.
"""

from __future__ import annotations

import secrets
from importlib import import_module
from typing import Iterable

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.features import REGISTRY
from bot.ports import TOMBSTONE_PREFIX, AuditEntry
from storage.audit import SqlAudit, rename_actor, write_entry
from storage.db import dialect_insert, reader
from storage.group_commit import GroupCommitter
from storage.kudos_writes import Statement, run_async
from storage.pg_commit import PgGroupCommitter, take_locks
from storage.quick_reads import PgQuickReads, QuickReads
from storage.tables import metadata
from storage.timing import Observe


class Database:
    def __init__(self, engine: AsyncEngine, group_commit: bool = True, observe: Observe | None = None,
                 secret_keys: tuple[str, ...] = ()):
        self.engine = engine
        self.secret_keys = secret_keys  # KODO_SECRET_KEY, for the stores that key or seal what they keep
        self.dialect = engine.dialect.name
        self.insert = dialect_insert(engine)
        self.reader = reader(engine)
        self.forget_steps: list = []
        self._writer = _group_committer(engine, observe) if group_commit else None
        self._quick = _quick_reads(engine, self._writer)

    async def write(self, make, locks: tuple[str, ...]):
        """``make()``'s steps through the database's group-commit writer (a SQLite file, PostgreSQL).
        Otherwise: one transaction, in which PostgreSQL first takes ``locks`` (a giver's, so two
        replicas cannot both pass the daily limit; a revocation's also serialises it with the counting
        of a kept week), as the group-commit writer does (``storage.pg_commit``). SQLite's BEGIN
        IMMEDIATE already serialises every writer."""
        if self._writer is not None:
            return await self._writer.run(make, locks)
        async with self.engine.begin() as conn:
            if self.dialect == "postgresql":
                await take_locks(conn, locks)
            return await run_async(conn, make())

    async def read(self, statement: Statement, params: dict) -> list:
        """Every row of a short SELECT found by an index (``statement.returns == "rows"``), on the
        request path: on a SQLite file without a thread hop, on PostgreSQL on asyncpg directly
        (``storage.quick_reads``); an in-memory SQLite through the read pool. Rows have their columns
        by name."""
        if self._quick is not None:
            return await self._quick.rows(statement, params)
        async with self.reader.connect() as conn:
            return (await conn.execute(statement.sql, params)).all()

    async def forget(self, platform: str, user: str) -> dict[str, int]:
        """Replace the person with one fresh tombstone in every store, in one transaction: counts stay,
        identity goes. The audit log names the tombstone too, in this entry and in their earlier ones.

        On a SQLite file this runs beside the group-commit writer, on a connection of its own: the
        two take SQLite's write lock in turn, so a forget waits at most for one batch to commit."""
        tombstone = TOMBSTONE_PREFIX + secrets.token_hex(8)
        counts: dict[str, int] = {}
        async with self.engine.begin() as conn:
            for step in self.forget_steps:
                counts |= await step(conn, platform, user, tombstone)
            await rename_actor(conn, platform, user, tombstone)
            await write_entry(conn, AuditEntry(platform, tombstone, "forget-me", detail=counts))
        return counts

    async def ping(self) -> None:
        async with self.reader.connect() as conn:
            await conn.execute(sa.text("SELECT 1"))

    async def close(self) -> None:
        """Let writes in flight finish and release the writer's connection."""
        if self._writer is not None:
            await self._writer.close()
        if isinstance(self._quick, PgQuickReads):
            await self._quick.close()
        elif self._quick is not None:
            self._quick.close()


def _quick_reads(engine: AsyncEngine, writer) -> QuickReads | PgQuickReads | None:
    """The reader of ``Database.read`` beside the group-commit writer (None: through the engine)."""
    if engine.dialect.name == "postgresql":
        return PgQuickReads(engine.url)
    return QuickReads(writer.path) if isinstance(writer, GroupCommitter) else None


def _group_committer(engine: AsyncEngine, observe: Observe | None):
    """The kudos writer of a SQLite file or of PostgreSQL; None for an in-memory SQLite."""
    if engine.dialect.name == "postgresql":
        return PgGroupCommitter(engine.url, observe)
    database = engine.url.database
    return GroupCommitter(database, observe) if database and database != ":memory:" else None


class Stores:
    """Each feature's store by the feature's name (``stores.kudos``, ``stores.of("kudos")``), and the
    audit log (``stores.audit``), over one ``Database`` (``stores.db``)."""

    def __init__(self, db: Database, stores: dict[str, object]):
        self.db, self.audit, self._stores = db, SqlAudit(db), dict(stores)
        db.forget_steps = [store.forget for store in self._stores.values() if hasattr(store, "forget")]

    def of(self, name: str):
        return self._stores[name]

    def __getattr__(self, name: str):
        try:
            return self.__dict__["_stores"][name]
        except KeyError:
            raise AttributeError(f"no feature store named {name!r}") from None

    async def ping(self) -> None:
        await self.db.ping()

    async def blank_words(self, before) -> int:
        """KODO_RETENTION_DAYS for the features' own typed words (a proposal, an admin's note): each
        store with ``blank_words(before)`` blanks what was typed before ``before``; counts stay."""
        return sum([await store.blank_words(before) for store in self._stores.values()
                    if hasattr(store, "blank_words")])

    async def close(self) -> None:
        await self.db.close()


def store_class(feature) -> type:
    module, _, name = feature.store.partition(":")
    return getattr(import_module(module), name)


def schema() -> sa.MetaData:
    """Every table: those in ``storage.tables`` and those a feature's store module declares on its
    ``metadata`` (loading the module declares them)."""
    for feature in REGISTRY.features:
        if feature.store:
            store_class(feature)
    return metadata


def open_stores(engine: AsyncEngine, features: Iterable | None = None, group_commit: bool = True,
                observe: Observe | None = None, secret_keys: tuple[str, ...] = ()) -> Stores:
    """One store of each feature that has one (``Feature.store``, ``"module:Class"``; every registered
    feature by default), over one ``Database``."""
    db, made = Database(engine, group_commit, observe, secret_keys), {}
    for feature in REGISTRY.features if features is None else features:
        if feature.store:
            made[feature.name] = store_class(feature)(db)
    return Stores(db, made)
