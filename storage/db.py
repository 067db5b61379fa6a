"""Engines and schema versions.

SQLite gets WAL (readers never block the writer), a busy timeout (writers queue instead of failing),
foreign keys on, ``synchronous=FULL`` (a commit is on disk before we acknowledge anything: contract
rule 6) and ``BEGIN IMMEDIATE`` transactions, so two writers queue on the lock up front instead of
deadlocking when a read turns into a write. Connections of ``reader(engine)`` begin DEFERRED
instead, so reads never queue behind writers.
"""

from __future__ import annotations

import asyncio
import re
import socket
from functools import lru_cache
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from bot.config import safe_url

MIGRATIONS = Path(__file__).parent / "migrations"
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


# The async driver Kodo installs for each database it runs on.
ASYNC_URLS = {"sqlite": "sqlite+aiosqlite", "postgresql": "postgresql+asyncpg", "postgres": "postgresql+asyncpg"}


class DatabaseError(Exception):
    """A database problem a user can act on; the message names what to do, never a password."""


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
        raise DatabaseError(f"DATABASE_URL is not a database URL: {safe_url(url)!r} (for example "
                            "sqlite+aiosqlite:///./kodo.db or postgresql+asyncpg://USER@HOST/kodo)") from None
    except ValueError:  # SQLAlchemy reads the port as a number, and says no more than that
        raise DatabaseError(f"DATABASE_URL: port {_port_text(url)!r} is not a number (ports run from 1 to 65535): "
                            f"{safe_url(url)}") from None
    if parsed.port is not None and not 0 < parsed.port <= 65535:  # else the driver's error would blame the host
        raise DatabaseError(f"DATABASE_URL: port {parsed.port} is out of range (ports run from 1 to 65535): "
                            f"{safe_url(url)}")
    _check_driver(parsed)
    if is_sqlite(url):
        return _sqlite_engine(url, **kwargs)
    if parsed.get_driver_name() == "asyncpg":
        connect_args = {"timeout": CONNECT_TIMEOUT, "command_timeout": COMMAND_TIMEOUT,
                        **kwargs.pop("connect_args", {})}
        kwargs = {"pool_timeout": POOL_TIMEOUT, "connect_args": connect_args, **kwargs}
    return create_async_engine(parsed, pool_pre_ping=True, **kwargs)


def _port_text(url: str) -> str:
    """What stands where ``url``'s port goes (``host:PORT/``), as typed."""
    host = url.partition("://")[2].rpartition("@")[2].partition("/")[0]
    return host.rpartition(":")[2]


def _check_driver(parsed) -> None:
    """SQLite through aiosqlite or PostgreSQL through asyncpg, named before any driver is imported."""
    backend = parsed.drivername.partition("+")[0]
    wanted = ASYNC_URLS.get(backend)
    if wanted is None:
        raise DatabaseError(f"DATABASE_URL: Kodo runs on SQLite or PostgreSQL, not {backend!r}: use "
                            "sqlite+aiosqlite:///PATH or postgresql+asyncpg://USER@HOST/DB")
    if parsed.drivername != wanted:
        example = parsed.set(drivername=wanted).render_as_string(hide_password=True)
        raise DatabaseError(f"DATABASE_URL must name the async driver Kodo installs: {wanted}:// instead of "
                            f"{parsed.drivername}:// (for example {example})")


def unreachable(exc: BaseException, url: str) -> DatabaseError:
    """One line for a failure to reach the database: what the driver said, never SQLAlchemy's doc link."""
    cause = getattr(exc, "orig", None) or exc
    if isinstance(cause, ConnectionRefusedError):
        reason = "connection refused (is the database running, and on that host and port?)"
    elif isinstance(cause, socket.gaierror):
        reason = "unknown host"
    elif isinstance(cause, (TimeoutError, asyncio.TimeoutError)):
        reason = "no answer in time"
    else:
        reason = " ".join(str(cause).split())[:200] or type(cause).__name__
    return DatabaseError(f"cannot reach the database at {safe_url(url)}: {reason}")


def missing_sqlite_file(url: str) -> Path | None:
    """The SQLite file ``url`` names, when it is not there (connecting would create it empty)."""
    database = make_url(url).database if is_sqlite(url) else None
    if database and database != ":memory:" and not database.startswith("file:") and not Path(database).exists():
        return Path(database).resolve()
    return None


def require_existing(url: str) -> None:
    """Commands that only read refuse a SQLite file that is not there, instead of creating an empty one."""
    if missing := missing_sqlite_file(url):
        raise DatabaseError(f"there is no database at {missing} (DATABASE_URL): run this where Kodo keeps its "
                            "kodo.db, or set DATABASE_URL to it")


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

_REVISION = re.compile(r'^revision = "([^"]+)"', re.M)
_DOWN_REVISION = re.compile(r'^down_revision = "([^"]+)"', re.M)


@lru_cache(maxsize=1)
def latest_revision() -> str:
    """The newest schema: the head of the migration chain, so a feature adds its migration and nothing
    else. Read from the files themselves: checked at every start, it must not load Alembic (a third of
    a second); a test keeps it equal to Alembic's own head."""
    revisions, parents = set(), set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        text = path.read_text(encoding="utf-8")
        revisions.add(_REVISION.search(text).group(1))
        parents.update(_DOWN_REVISION.findall(text))
    heads = sorted(revisions - parents)
    if len(heads) != 1:
        raise DatabaseError(f"the migrations in {MIGRATIONS / 'versions'} do not make one chain (heads: "
                            f"{', '.join(heads)}): give each its place after the newest one")
    return heads[0]


def _alembic_config(connection):
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["connection"] = connection
    return cfg


def _current(sync_conn) -> str | None:
    from alembic.migration import MigrationContext

    return MigrationContext.configure(sync_conn).get_current_revision()


async def migrate(engine: AsyncEngine, pack: str | None = None, target: str = "head") -> tuple[str | None, str]:
    """Bring the schema to ``target`` (the latest version); returns (before, after). ``pack`` is the
    configured content pack, which kudos stored before revision 0004 are recorded under."""
    from alembic import command

    def upgrade(sync_conn) -> None:
        cfg = _alembic_config(sync_conn)
        cfg.attributes["pack"] = pack
        command.upgrade(cfg, target)

    async with engine.begin() as conn:
        before = await conn.run_sync(_current)
        await conn.run_sync(upgrade)
        after = await conn.run_sync(_current)
    return before, after


async def schema_revision(engine: AsyncEngine) -> str | None:
    async with engine.connect() as conn:
        exists = await conn.run_sync(lambda sync: sa.inspect(sync).has_table("alembic_version"))
        return await conn.scalar(sa.text("SELECT version_num FROM alembic_version")) if exists else None


async def reachable_revision(engine: AsyncEngine, url: str) -> str | None:
    """The schema revision, from the first contact with the database: any failure here is one line."""
    try:
        return await schema_revision(engine)
    except Exception as exc:  # noqa: BLE001 - whatever the driver raises on connect, the user sees one line
        raise unreachable(exc, url) from None


async def ensure_schema(engine: AsyncEngine, url: str, pack: str | None = None) -> None:
    """SQLite migrates by itself (a fresh file just works); other databases must be migrated on purpose."""
    current = await reachable_revision(engine, url)
    if current == latest_revision():
        return
    if is_sqlite(url):
        await migrate(engine, pack)
        return
    raise DatabaseError(f"the database schema is out of date ({current or 'empty'}, latest {latest_revision()}): "
                        "run `kodo migrate` first")


