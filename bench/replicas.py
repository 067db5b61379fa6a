"""Replicas: three ``kodo serve`` on one PostgreSQL behind a round-robin proxy, beside three bare
Bolt apps behind the same proxy; then the same events delivered to several replicas at once.

    KODO_TEST_POSTGRES_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/test python -m bench.replicas
    ... python -m bench.replicas --replicas 3 --requests 3000 --duplicates 1000 --copies 3

**Throughput:** signed ``reaction_added`` events (a new message each, so each is a real kudos,
committed before its 200) through ``bench.round_robin`` to the replicas, and the same load to bare
Bolt apps that only ack, behind the same proxy: aggregate requests/s, p50, p99, and CPU per request
of the servers (all replicas together) and of PostgreSQL. **Exactly once:** each of
``--duplicates`` further events is sent ``--copies`` times, every copy straight to another replica,
all at the same moment (as Slack's retries or a replayed request may land); the kudos table is
counted afterwards: every event once, none doubled. Exits non-zero if anything was doubled or lost.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import subprocess
import sys
import tempfile
from contextlib import ExitStack
from pathlib import Path

import aiohttp
import sqlalchemy as sa

from bench.common import table
from bench.serving import (fake_slack_api, free_port, kodo_command, postgres_database, started, tail, wait_healthy,
                           wait_line)
from bench.slack_ack import (HEADERS, WARMUP, load_average, measure_all, postgres_backends, reaction_kudos,
                             serving_env)
from storage.db import create_engine
from tests.fakes.slack_api import sign

KINDS = (("reaction kudos", reaction_kudos),)


def proxy(stack: ExitStack, ports: list[int], data: Path) -> str:
    port = free_port()
    process = stack.enter_context(started([sys.executable, "-m", "bench.round_robin", str(port), *map(str, ports)],
                                          log=data / "proxy.log", stdout=subprocess.PIPE, text=True))
    wait_line(process, "ready")
    return f"http://127.0.0.1:{port}/slack/events"


async def deliver_copies(ports: list[int], count: int, copies: int, concurrency: int) -> dict[int, int]:
    """Event n's copies go straight to replicas n, n+1, …, all shuffled and in flight together."""
    sends = [(n, c) for n in range(count) for c in range(copies)]
    random.Random(7).shuffle(sends)
    statuses: dict[int, int] = {}
    queue = iter(sends)

    async def worker(session: aiohttp.ClientSession) -> None:
        for n, copy in queue:
            _content_type, body = reaction_kudos(5_000_000 + n)
            headers = {"Content-Type": "application/json", **sign(body),
                       **({"X-Slack-Retry-Num": str(copy), "X-Slack-Retry-Reason": "http_timeout"} if copy else {})}
            port = ports[(n + copy) % len(ports)]
            async with session.post(f"http://127.0.0.1:{port}/slack/events", data=body.encode(), headers=headers) as r:
                await r.read()
                statuses[r.status] = statuses.get(r.status, 0) + 1

    async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=concurrency)) as session:
        await asyncio.gather(*(worker(session) for _ in range(concurrency)))
    return statuses


async def counted(url: str) -> tuple[int, int, int]:
    """Kudos stored, distinct messages among them, and the kudos of the duplicate phase."""
    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            row = (await conn.execute(sa.text(
                "SELECT count(*), count(DISTINCT message), count(*) FILTER (WHERE message LIKE 'C1:1700000000.5%') "
                "FROM kudos"))).one()
            return tuple(row)
    finally:
        await engine.dispose()


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--replicas", type=int, default=3)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--duplicates", type=int, default=1000, help="events delivered several times")
    parser.add_argument("--copies", type=int, default=3, help="copies of each, each to another replica")
    args = parser.parse_args()

    rows, results = [], {}
    warmup = WARMUP * args.replicas  # each replica meets everyone once, as a running one would have
    with tempfile.TemporaryDirectory(prefix="kodo-bench-replicas-") as tmp:
        data = Path(tmp)
        with fake_slack_api(data) as api_url:
            with ExitStack() as stack:
                ports = [free_port() for _ in range(args.replicas)]
                bare = [stack.enter_context(started([sys.executable, "-m", "bench.bare_bolt", str(p), api_url],
                                                    log=data / f"bare-{p}.log", stdout=subprocess.PIPE, text=True))
                        for p in ports]
                for process in bare:
                    wait_line(process, "ready")
                await measure_all(f"{args.replicas} x bare Bolt", proxy(stack, ports, data), [p.pid for p in bare],
                                  args, rows, results, kinds=KINDS, warmup=warmup)
            async with postgres_database() as url:
                with ExitStack() as stack:
                    ports = [free_port() for _ in range(args.replicas)]
                    kodo = [stack.enter_context(started(kodo_command() + ["serve"], env=serving_env(p, url, api_url),
                                                        log=data / f"kodo-{p}.log")) for p in ports]
                    try:
                        for process, port in zip(kodo, ports):
                            wait_healthy(process, port)
                        name = f"{args.replicas} x Kodo PostgreSQL"
                        await measure_all(name, proxy(stack, ports, data), [p.pid for p in kodo], args, rows,
                                          results, postgres_backends(url), kinds=KINDS, warmup=warmup)
                        statuses = await deliver_copies(ports, args.duplicates, args.copies, args.concurrency)
                    except Exception:
                        for port in ports:
                            print(f"kodo serve's log ({port}):\n{tail(data / f'kodo-{port}.log')}", file=sys.stderr)
                        raise
                stored, distinct, duplicated_phase = await counted(url)

    print(f"\nReplicas behind a round-robin proxy (same run, same load generator; load average {load_average()})")
    print(table(HEADERS, rows))
    k, b = results[(name, "reaction kudos")], results[(f"{args.replicas} x bare Bolt", "reaction kudos")]
    print(table(["request", "Kodo/bare req/s", "Kodo/bare p99", "Kodo/bare CPU per request"],
                [("reaction kudos", *(f"{k[key] / b[key]:.2f}x" for key in ("rps", "p99", "cpu")))]))
    acked = k["requests"] + min(warmup, args.requests)
    print(f"\nthroughput phase: kudos acknowledged {acked}")
    print(f"exactly once: {args.duplicates} events x {args.copies} copies, each copy to another replica, "
          f"answers {statuses}; kudos of these events in the database: {duplicated_phase}")
    print(f"kudos in the database: {stored} ({distinct} distinct messages)")
    ok = stored == distinct == acked + args.duplicates and duplicated_phase == args.duplicates
    print("exactly once: " + ("yes" if ok else "NO: something was doubled or lost"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
