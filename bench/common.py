"""Small shared pieces of the benchmarks: sizes, tables, latency figures, a load generator."""

from __future__ import annotations

import asyncio
import statistics
import time
from typing import Awaitable, Callable


def parse_sizes(text: str) -> list[int]:
    units = {"k": 1_000, "m": 1_000_000}
    sizes = []
    for part in text.split(","):
        part = part.strip().lower()
        sizes.append(int(float(part[:-1]) * units[part[-1]]) if part[-1] in units else int(part))
    return sizes


def table(headers: list[str], rows: list[tuple]) -> str:
    widths = [max(len(str(x)) for x in column) for column in zip(headers, *rows)]
    line = lambda cells: "| " + " | ".join(str(c).rjust(w) for c, w in zip(cells, widths)) + " |"  # noqa: E731
    return "\n".join([line(headers), "|" + "|".join("-" * (w + 2) for w in widths) + "|", *map(line, rows)])


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


async def load(send: Callable[[int], Awaitable[None]], total: int, concurrency: int, seconds: float) -> dict:
    """``total`` requests (or ``seconds``, whichever ends first) from ``concurrency`` workers."""
    latencies: list[float] = []
    counter = iter(range(total))
    deadline = time.perf_counter() + seconds

    async def worker() -> None:
        for i in counter:
            if time.perf_counter() > deadline:
                return
            began = time.perf_counter()
            await send(i)
            latencies.append((time.perf_counter() - began) * 1000)

    began = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - began
    return {"requests": len(latencies), "rps": len(latencies) / elapsed, "p50": statistics.median(latencies),
            "p99": percentile(latencies, 99)}


def bulk_load_sqlite(path, fill: Callable, cache_kb: int) -> None:
    """Fill a migrated SQLite file fast: no fsync (loading only; Kodo itself runs with
    synchronous=FULL), a large page cache, and the indexes dropped during the load and built once
    after it (much faster than row by row). ``fill(db)`` inserts in one transaction."""
    import sqlite3

    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    db.execute(f"PRAGMA cache_size=-{cache_kb}")
    indexes = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL").fetchall()
    for name, _ in indexes:
        db.execute(f"DROP INDEX {name}")
    db.execute("BEGIN")
    fill(db)
    db.execute("COMMIT")
    for _, sql in indexes:
        db.execute(sql)
    db.execute("ANALYZE")
    db.close()
