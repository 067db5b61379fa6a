"""Databases for tests: a SQLite file in a temporary folder, or a PostgreSQL database of the test's
own (created fresh, dropped after), so runs never collide and always clean up."""

from __future__ import annotations

import os
import uuid
from contextlib import asynccontextmanager
from typing import AsyncIterator

PG_ENV = "KODO_TEST_POSTGRES_URL"  # CI's server; without it tests/conftest.py starts a throwaway one


def postgres_url() -> str | None:
    return os.environ.get(PG_ENV) or None


@asynccontextmanager
async def fresh_postgres(admin_url: str) -> AsyncIterator[str]:
    """A new, empty database on the server of ``admin_url``; dropped afterwards, even on failure."""
    import asyncpg
    from sqlalchemy.engine import make_url

    url = make_url(admin_url)
    dsn = url.set(drivername="postgresql").render_as_string(hide_password=False)
    name = f"kodo_test_{uuid.uuid4().hex[:16]}"
    admin = await asyncpg.connect(dsn)  # unreachable server: this raises, and the test fails
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        try:
            yield url.set(database=name).render_as_string(hide_password=False)
        finally:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()
