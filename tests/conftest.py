"""Shared fixtures. ``db_url`` runs a test on SQLite and on PostgreSQL; ``pg_admin`` gives a test the
PostgreSQL server of the session. With KODO_TEST_POSTGRES_URL set (CI sets it) that server is used,
and an unreachable one fails the tests. Without it, the session starts a throwaway server of its own
(``tests.fakes.postgres_server``) when any selected test needs one, and removes it at the end; when
that cannot be done either, the PostgreSQL cases are skipped under one reason, said once."""

from __future__ import annotations

import os
import subprocess

import pytest

from bot.app import Kodo
from bot.config import Settings
from content.loader import load
from tests.fakes.clock import FakeClock
from tests.fakes.databases import PG_ENV, fresh_postgres, postgres_url
from tests.fakes.postgres_server import ThrowawayPostgres, Unavailable

NO_POSTGRES = pytest.StashKey[str]()  # on the config: why the PostgreSQL cases cannot run here
THROWAWAY = pytest.StashKey[ThrowawayPostgres]()  # on the config: the server this session started


@pytest.hookimpl(trylast=True)  # after -k and -m have deselected what will not run
def pytest_collection_modifyitems(config, items):
    for item in items:
        if "pg_admin" in item.fixturenames:
            item.add_marker(pytest.mark.postgres)
    if postgres_url() or not any(item.get_closest_marker("postgres") for item in items):
        return
    server = ThrowawayPostgres()
    try:
        os.environ[PG_ENV] = server.start()
    except (Unavailable, OSError, subprocess.SubprocessError) as error:
        config.stash[NO_POSTGRES] = (f"PostgreSQL cases skipped: {PG_ENV} is not set and no throwaway server "
                                     f"could start ({error}); set it, e.g. to "
                                     "postgresql+asyncpg://postgres@127.0.0.1:5432/test")
        return
    config.add_cleanup(server.stop)
    config.add_cleanup(lambda: os.environ.pop(PG_ENV, None))
    config.stash[THROWAWAY] = server


def pytest_terminal_summary(terminalreporter, config):
    if (server := config.stash.get(THROWAWAY, None)) is not None:
        terminalreporter.write_line(f"PostgreSQL cases ran on a throwaway server ({os.environ.get(PG_ENV)}, "
                                    f"data in {server.folder}), removed now.")


def pytest_runtest_setup(item):
    """One place raises the skip, so the summary folds every PostgreSQL case into one line."""
    if item.get_closest_marker("postgres") and NO_POSTGRES in item.config.stash:
        pytest.skip(item.config.stash[NO_POSTGRES])


@pytest.fixture(scope="session")
def tokyo():
    return load("tokyo")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def db_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path}/kodo.db"
        return
    async with fresh_postgres(postgres_url()) as url:
        yield url


@pytest.fixture
def pg_admin() -> str:
    """The admin URL of the session's PostgreSQL server, for tests that make their own databases."""
    return postgres_url()


@pytest.fixture
async def engine(db_url):
    from storage.db import create_engine, migrate

    engine = create_engine(db_url)
    await migrate(engine)
    yield engine
    await engine.dispose()


@pytest.fixture
def stores(engine):
    from storage.stores import open_stores

    return open_stores(engine)


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def settings():
    return Settings(daily_limit=5, admins=("admin",))


@pytest.fixture
def kodo(tokyo, stores, clock, settings):
    from storage.kpi import SqlKpi

    return Kodo(tokyo, stores, clock, settings, kpis=SqlKpi(stores.db.engine, tokyo.id, now=clock.now))


@pytest.fixture
def tally(monkeypatch):
    """``tests.fakes.tally.Tally``, the feature behind ``tally:`` presses, beside the real ones."""
    from bot.features import REGISTRY
    from tests.fakes.tally import Tally

    feature, real = Tally(), REGISTRY.feature
    monkeypatch.setattr(REGISTRY, "feature", lambda name: feature.feature if name == "tally" else real(name))
    return feature
