"""How the weekly roundup's cost grows with the kudos table: 10k, 100k, 1M and 10M rows.

    python -m bench.roundup                      # SQLite, all sizes (10M takes a few minutes to load)
    python -m bench.roundup --sizes 10k,100k     # a quick look
    KODO_TEST_POSTGRES_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/test python -m bench.roundup

Kudos are spread over five years (2,000 people, a third with a reason); the roundup asked for is
the last full week, exactly as the scheduler asks for it (this week and last week's total, from the
KPI source; top receivers and stories from the roundup's store). Data
files are kept in ``--data`` (default /tmp/kodo-bench) and reused by later runs; PostgreSQL gets a
database of its own per size, dropped at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import sqlite3
import statistics
import time
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from bench.common import bulk_load_sqlite, parse_sizes, table
from bot.app import Kodo
from bot.config import Settings
from bot.features.roundup.digest import week_bounds, week_counts
from bot.features.roundup.post import show
from bot.kpi import Scope
from bot.ports import Place
from content.loader import load
from storage.db import create_engine, migrate
from storage.kpi import SqlKpi
from storage.stores import open_stores

END = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)  # a Friday; the week measured is Nov 9-15
SPAN = timedelta(days=5 * 365)
PEOPLE = [f"U{n:06d}" for n in range(2000)]
COLUMNS = ("platform", "giver", "receiver", "principle", "reason", "source", "channel", "message", "event_key",
           "created_at", "day", "revoked_at", "workspace", "visibility", "pack")
# The roundup as the scheduler asks for it: for a public channel of the workspace, where every
# public channel's stories may appear.
AUDIENCE = Place("slack", "C0002", "T1", None, None, "public")


def rows(count: int, seed: int = 7):
    rng = random.Random(seed)
    step = SPAN / count
    start = END - SPAN
    for i in range(count):
        at = start + step * i
        giver, receiver = rng.sample(PEOPLE, 2)
        reason = f"理由 {i}: " + "とても丁寧な仕事" * rng.randint(1, 4) if rng.random() < 0.33 else None
        yield ("slack", giver, receiver, rng.randint(1, 10), reason, "reaction", "C0001", f"C0001:{i}.000", None,
               at.replace(tzinfo=None), (at + timedelta(hours=9)).date(), None, "T1", "public", "tokyo")


class Clock:
    def now(self) -> datetime:
        return END


async def load_sqlite(path: Path, count: int) -> str:
    url = f"sqlite+aiosqlite:///{path}"
    if path.exists():
        with sqlite3.connect(path) as db:
            if db.execute("SELECT count(*) FROM kudos").fetchone()[0] == count:
                return url
        path.unlink()
    engine = create_engine(url)
    await migrate(engine)
    await engine.dispose()
    # In time order, as a real server writes them: a week's kudos sit together on disk.
    sql = f"INSERT INTO kudos ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"
    bulk_load_sqlite(path, lambda db: db.executemany(
        sql, ((*r[:9], r[9].isoformat(sep=" "), r[10].isoformat(), *r[11:]) for r in rows(count))),
        cache_kb=4_000_000)  # 4 GB of page cache: index inserts stay in memory
    return url


async def load_postgres(admin_url: str, count: int):
    from tests.fakes.databases import fresh_postgres

    manager = fresh_postgres(admin_url)
    url = await manager.__aenter__()
    engine = create_engine(url)
    await migrate(engine)
    await engine.dispose()
    import asyncpg
    from sqlalchemy.engine import make_url

    conn = await asyncpg.connect(make_url(url).set(drivername="postgresql").render_as_string(hide_password=False))
    await conn.copy_records_to_table("kudos", records=rows(count), columns=COLUMNS)
    await conn.execute("ANALYZE kudos")
    await conn.close()
    return url, manager


async def measure(url: str, repeats: int) -> tuple[float, float, int]:
    """Each run with a KPI source of its own, as for a running week: nothing counted before is kept."""
    engine = create_engine(url)
    stores, pack, settings, clock = open_stores(engine), load("tokyo"), Settings(), Clock()
    start, end = week_bounds(END, settings.tz, date(2026, 11, 9))
    timings = []
    for _ in range(repeats + 1):  # the first run warms caches and is not counted
        kodo = Kodo(pack, stores, clock, settings, kpis=SqlKpi(engine, pack.id, now=clock.now))
        began = time.perf_counter()
        reply = await show(kodo.parts("roundup"), "slack", "ja", start, end, audience=AUDIENCE)
        timings.append((time.perf_counter() - began) * 1000)
    counts = await week_counts(kodo.kpis, stores.roundup, pack, Scope(platform="slack"), start, end)
    await engine.dispose()
    assert reply.text
    return statistics.median(timings[1:]), max(timings[1:]), counts.total


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10k,100k,1M,10M")
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--data", default="/tmp/kodo-bench")
    args = parser.parse_args()
    data = Path(args.data)
    data.mkdir(parents=True, exist_ok=True)
    results = []
    for size in parse_sizes(args.sizes):
        began = time.perf_counter()
        url = await load_sqlite(data / f"roundup-{size}.db", size)
        loaded = time.perf_counter() - began
        median, worst, week = await measure(url, args.repeats)
        results.append(("sqlite", f"{size:,}", f"{week:,}", f"{median:.1f}", f"{worst:.1f}", f"{loaded:.0f}"))
        print(table(["database", "kudos", "in week", "median ms", "max ms", "load s"], results[-1:]), flush=True)
    admin = os.environ.get("KODO_TEST_POSTGRES_URL")
    if admin:
        for size in parse_sizes(args.sizes):
            began = time.perf_counter()
            url, manager = await load_postgres(admin, size)
            loaded = time.perf_counter() - began
            try:
                median, worst, week = await measure(url, args.repeats)
            finally:
                await manager.__aexit__(None, None, None)
            results.append(("postgresql", f"{size:,}", f"{week:,}", f"{median:.1f}", f"{worst:.1f}",
                            f"{loaded:.0f}"))
            print(table(["database", "kudos", "in week", "median ms", "max ms", "load s"], results[-1:]), flush=True)
    print("\nroundup for one week (this week in full and last week's total from the KPI source, uncached)")
    print(table(["database", "kudos", "in week", "median ms", "max ms", "load s"], results))


if __name__ == "__main__":
    asyncio.run(main())
