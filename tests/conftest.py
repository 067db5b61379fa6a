"""Shared fixtures. ``db_url`` runs a test on SQLite and on PostgreSQL: with KODO_TEST_POSTGRES_URL
set (CI sets it) an unreachable PostgreSQL fails the test; without it the PostgreSQL case is
skipped with the reason."""

from __future__ import annotations

import pytest

from bot.app import Kodo
from bot.config import Settings
from content.loader import load
from tests.fakes.clock import FakeClock
from tests.fakes.databases import PG_SKIP, fresh_postgres, postgres_url


@pytest.fixture(scope="session")
def tokyo():
    return load("tokyo")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
async def db_url(request, tmp_path):
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path}/kodo.db"
        return
    admin = postgres_url()
    if admin is None:
        pytest.skip(PG_SKIP)
    async with fresh_postgres(admin) as url:
        yield url


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
