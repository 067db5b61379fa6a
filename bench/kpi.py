"""The dashboard's numbers (``bot.kpi.compute``: the page, ``/api/kpi`` and ``kodo kpi`` all ask
exactly this) for 12 and 52 weeks over 10k, 1M and 10M stored kudos, on SQLite and PostgreSQL.

    python -m bench.kpi                          # SQLite, 10k, 1M and 10M (10M loads in a few minutes)
    python -m bench.kpi --sizes 10k,1M           # a quicker look
    KODO_TEST_POSTGRES_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/test python -m bench.kpi

Kudos are spread evenly over five years up to a Friday (2,000 people, ten principles, one in fifty
revoked), so 12 weeks hold 0.46% of them and 52 weeks 2%. Rows are made by the database itself (a
recursive CTE on SQLite, ``generate_series`` on PostgreSQL), in time order as a server writes them.
SQLite files are kept in ``--data`` (default /tmp/kodo-bench) and reused; PostgreSQL gets a database
per size, dropped at the end.

Three figures per case: **after a start**, a new ``SqlKpi`` each time (as after a restart, or on
another replica): finished weeks read from the table every replica shares (``kpi_weeks``), the
running week counted afresh; **cached**, the same ``SqlKpi`` asked again, which is what a dashboard
being read sees; and **never counted**, the table emptied first, so every finished week is counted
and kept (the first page ever, or after upgrading). The first three runs after that warm the
database's caches, SQLAlchemy's compiled statements and each pooled connection's prepared
statements (a one-off of up to a second after start) and are not counted.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sqlite3
import statistics
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from bench.common import bulk_load_sqlite, parse_sizes, table
from bot import kpi
from content.loader import load
from storage.db import create_engine, migrate
from storage.kpi import SqlKpi
from storage.tables import kpi_weeks

END = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)  # a Friday
SPAN = timedelta(days=5 * 365)
TZ = ZoneInfo("Asia/Tokyo")
WARMUP = 3
HEADERS = ["database", "kudos", "weeks", "in range", "after a start median ms", "after a start max ms",
           "cached median ms", "never counted median ms", "load s"]

# Column values as SQL over a row number ``i`` and random numbers; shared by both databases.
_SQLITE = """
WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < :count - 1),
r AS (SELECT i, abs(random()) % 2000 AS g, 1 + abs(random()) % 1999 AS d, abs(random()) AS x,
             :start + i * :step AS t FROM seq)
INSERT INTO kudos (platform, giver, receiver, principle, reason, source, channel, message, created_at, day,
                   revoked_at, workspace, visibility, pack)
SELECT 'slack', printf('U%06d', g), printf('U%06d', (g + d) % 2000), 1 + x % 10,
       CASE WHEN x % 3 = 0 THEN '理由 ' || i || ': とても丁寧な仕事' END, 'reaction', 'C' || (x % 40),
       'C:' || i, strftime('%Y-%m-%d %H:%M:%S', t, 'unixepoch') || '.000000',
       date(t + 9 * 3600, 'unixepoch'),
       CASE WHEN x % 50 = 7 THEN strftime('%Y-%m-%d %H:%M:%S', t + 60, 'unixepoch') || '.000000' END,
       'T' || (x % 4), 'public', 'tokyo'
FROM r
"""
_POSTGRES = """
INSERT INTO kudos (platform, giver, receiver, principle, reason, source, channel, message, created_at, day,
                   revoked_at, workspace, visibility, pack)
SELECT 'slack', 'U' || lpad(g::text, 6, '0'), 'U' || lpad(((g + d) % 2000)::text, 6, '0'), 1 + x % 10,
       CASE WHEN x % 3 = 0 THEN '理由 ' || i || ': とても丁寧な仕事' END, 'reaction', 'C' || (x % 40),
       'C:' || i, to_timestamp(t) AT TIME ZONE 'UTC', (to_timestamp(t) AT TIME ZONE 'Asia/Tokyo')::date,
       CASE WHEN x % 50 = 7 THEN to_timestamp(t + 60) AT TIME ZONE 'UTC' END, 'T' || (x % 4), 'public', 'tokyo'
FROM (SELECT i, (random() * 1999)::int AS g, 1 + (random() * 1998)::int AS d, (random() * 1e9)::bigint AS x,
             $1::float8 + i * $2::float8 AS t
      FROM generate_series(0, $3 - 1) AS i) AS r
"""


def _start_step(count: int) -> tuple[float, float]:
    start = (END - SPAN).timestamp()
    return start, SPAN.total_seconds() / count


async def load_sqlite(path: Path, count: int) -> str:
    url = f"sqlite+aiosqlite:///{path}"
    if path.exists():
        with sqlite3.connect(path) as db:
            if db.execute("SELECT count(*) FROM kudos").fetchone()[0] == count:
                await _migrated(url)
                return url
        path.unlink()
    await _migrated(url)
    start, step = _start_step(count)
    bulk_load_sqlite(path, lambda db: db.execute(_SQLITE, {"count": count, "start": start, "step": step}),
                     cache_kb=2_000_000)
    return url


async def _migrated(url: str) -> None:
    engine = create_engine(url)
    await migrate(engine)
    await engine.dispose()


async def load_postgres(admin_url: str, count: int):
    import asyncpg
    from sqlalchemy.engine import make_url

    from tests.fakes.databases import fresh_postgres

    manager = fresh_postgres(admin_url)
    url = await manager.__aenter__()
    await _migrated(url)
    conn = await asyncpg.connect(make_url(url).set(drivername="postgresql").render_as_string(hide_password=False))
    try:
        await conn.execute("SET maintenance_work_mem = '512MB'")
        start, step = _start_step(count)
        await conn.execute(_POSTGRES, start, step, count)
        await conn.execute("VACUUM ANALYZE kudos")  # the visibility map: index-only scans
    finally:
        await conn.close()
    return url, manager


async def measure(url: str, weeks: int, repeats: int) -> tuple[float, float, float, float, int]:
    engine = create_engine(url)
    pack, now = load("tokyo"), END

    async def once(source) -> tuple[float, kpi.Kpis]:
        began = time.perf_counter()
        result = await kpi.compute(source, pack, TZ, now, weeks, kpi.Scope(), 5)
        return (time.perf_counter() - began) * 1000, result

    async def never_counted() -> float:
        async with engine.begin() as conn:
            await conn.execute(kpi_weeks.delete())
        return (await once(SqlKpi(engine, "tokyo", now=lambda: now)))[0]

    never = [await never_counted() for _ in range(max(1, repeats // 3))]  # the first page ever: every week counted
    for _ in range(WARMUP):  # each pooled connection prepares the statements once; the pages come into memory
        await once(SqlKpi(engine, "tokyo", now=lambda: now))
    after_start = [(await once(SqlKpi(engine, "tokyo", now=lambda: now)))[0] for _ in range(repeats)]
    kept = SqlKpi(engine, "tokyo", now=lambda: now)
    await once(kept)
    cached = [(await once(kept))[0] for _ in range(repeats)]
    _, result = await once(kept)
    await engine.dispose()
    in_range = sum(w.numbers.kudos for w in result.weeks)
    return (statistics.median(after_start), max(after_start), statistics.median(cached), statistics.median(never),
            in_range)


async def run(database: str, url: str, size: int, loaded: float, weeks: list[int], repeats: int, results: list):
    for w in weeks:
        median, worst, cached, never, in_range = await measure(url, w, repeats)
        results.append((database, f"{size:,}", w, f"{in_range:,}", f"{median:.1f}", f"{worst:.1f}", f"{cached:.1f}",
                        f"{never:.1f}", f"{loaded:.0f}"))
        print(table(HEADERS, results[-1:]), flush=True)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10k,1M,10M")
    parser.add_argument("--weeks", default="12,52")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--data", default="/tmp/kodo-bench")
    parser.add_argument("--databases", default="sqlite,postgresql")
    args = parser.parse_args()
    weeks = [int(w) for w in args.weeks.split(",")]
    data = Path(args.data)
    data.mkdir(parents=True, exist_ok=True)
    results: list = []
    databases = args.databases.split(",")
    if "sqlite" in databases:
        for size in parse_sizes(args.sizes):
            began = time.perf_counter()
            url = await load_sqlite(data / f"kpi-{size}.db", size)
            await run("sqlite", url, size, time.perf_counter() - began, weeks, args.repeats, results)
    admin = os.environ.get("KODO_TEST_POSTGRES_URL")
    if admin and "postgresql" in databases:
        for size in parse_sizes(args.sizes):
            began = time.perf_counter()
            url, manager = await load_postgres(admin, size)
            try:
                await run("postgresql", url, size, time.perf_counter() - began, weeks, args.repeats, results)
            finally:
                await manager.__aexit__(None, None, None)
    print("\nthe dashboard's numbers (bot.kpi.compute, whole organisation)")
    print(table(HEADERS, results))


if __name__ == "__main__":
    asyncio.run(main())
