"""Engines and schema versions.

SQLite gets WAL (readers never block the writer), a busy timeout (writers queue instead of failing),
foreign keys on, ``synchronous=FULL`` (a commit is on disk before we acknowledge anything: contract
rule 6) and ``BEGIN IMMEDIATE`` transactions, so two writers queue on the lock up front instead of
deadlocking when a read turns into a write. Connections of ``reader(engine)`` begin DEFERRED
instead, so reads never queue behind writers.
"""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

MIGRATIONS = Path(__file__).parent / "migrations"
# The newest migration. Checked with one query at start, so a current schema never loads Alembic
# (a third of a second); a test keeps it equal to Alembic's own head.
LATEST_REVISION = "0003"
BUSY_TIMEOUT_MS = 10_000
# PostgreSQL that stops answering (packets dropped, not refused) must not hold a request forever:
# opening a connection, waiting for a pooled one and running one statement each have a limit.
# The web boundary answers people sooner than these (adapters.web.ANSWER_WITHIN); these bound
# everything else (the scheduler, the CLI) and free the connections afterwards.
CONNECT_TIMEOUT = 2.0
POOL_TIMEOUT = 2.0
COMMAND_TIMEOUT = 30.0
# Every SQLite connection Kodo opens (the group-commit writer's too): 64 MB of page cache, and
# reads through a memory map of up to 256 MB.
SQLITE_PRAGMAS = ("journal_mode=WAL", "foreign_keys=ON", "synchronous=FULL", "cache_size=-65536",
                  "mmap_size=268435456")


class DatabaseError(Exception):
    """A database problem a user can act on; the message names what to do."""


def unavailable(exc: BaseException) -> bool:
    """True when ``exc`` means "the database cannot be reached right now" (refused, dropped, timed
    out, locked too long) rather than a bug: the caller answers "try again" and logs one line."""
    from sqlalchemy import exc as sa_exc

    if isinstance(exc, (TimeoutError, OSError, sa_exc.OperationalError, sa_exc.InterfaceError,
                        sa_exc.TimeoutError, sa_exc.DisconnectionError)):
        return True
    if isinstance(exc, sa_exc.DBAPIError) and exc.connection_invalidated:
        return True
    return type(exc).__module__.startswith("asyncpg") and type(exc).__name__ in (
        "ConnectionDoesNotExistError", "ConnectionFailureError", "CannotConnectNowError",
        "InterfaceError", "InternalClientError")


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def create_engine(url: str, **kwargs) -> AsyncEngine:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseError(f"DATABASE_URL is not a database URL: {url!r}") from None
    if is_sqlite(url):
        return _sqlite_engine(url, **kwargs)
    if parsed.get_driver_name() == "asyncpg":
        connect_args = {"timeout": CONNECT_TIMEOUT, "command_timeout": COMMAND_TIMEOUT,
                        **kwargs.pop("connect_args", {})}
        kwargs = {"pool_timeout": POOL_TIMEOUT, "connect_args": connect_args, **kwargs}
    return create_async_engine(parsed, pool_pre_ping=True, **kwargs)


def reader(engine: AsyncEngine) -> AsyncEngine:
    """The same engine for reads: on SQLite they begin DEFERRED, so in WAL they never wait for a writer."""
    return engine.execution_options(kodo_read_only=True)


def dialect_insert(engine: AsyncEngine):
    """The dialect's own ``insert``, the one with ON CONFLICT (PostgreSQL and SQLite)."""
    return postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert


def _sqlite_engine(url: str, **kwargs) -> AsyncEngine:
    engine = create_async_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000}, **kwargs)

    @event.listens_for(engine.sync_engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # we issue BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        for pragma in (*SQLITE_PRAGMAS, f"busy_timeout={BUSY_TIMEOUT_MS}"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine.sync_engine, "begin")
    def _on_begin(conn):
        read_only = conn.get_execution_options().get("kodo_read_only")
        conn.exec_driver_sql("BEGIN" if read_only else "BEGIN IMMEDIATE")

    return engine


# ---- migrations -----------------------------------------------------------------------------

def _alembic_config(connection):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def _current(sync_conn) -> str | None:
    from alembic.migration import MigrationContext

    return MigrationContext.configure(sync_conn).get_current_revision()


async def migrate(engine: AsyncEngine) -> tuple[str | None, str]:
    """Bring the schema to the latest version; returns (before, after)."""
    from alembic import command

    async with engine.begin() as conn:
        before = await conn.run_sync(_current)
        await conn.run_sync(lambda sync_conn: command.upgrade(_alembic_config(sync_conn), "head"))
        after = await conn.run_sync(_current)
    return before, after


async def schema_revision(engine: AsyncEngine) -> str | None:
    async with engine.connect() as conn:
        exists = await conn.run_sync(lambda sync: sa.inspect(sync).has_table("alembic_version"))
        return await conn.scalar(sa.text("SELECT version_num FROM alembic_version")) if exists else None


async def ensure_schema(engine: AsyncEngine, url: str) -> None:
    """SQLite migrates by itself (a fresh file just works); other databases must be migrated on purpose."""
    current = await schema_revision(engine)
    if current == LATEST_REVISION:
        return
    if is_sqlite(url):
        await migrate(engine)
        return
    raise DatabaseError(f"the database schema is out of date ({current or 'empty'}, latest {LATEST_REVISION}): "
                        "run `kodo migrate` first")


