"""Teams turns per second: Kodo's ``/api/messages`` against botbuilder's bare echo bot, in the same run.

    python -m bench.teams_turn                                   # 2000 requests or 20 s per target
    python -m bench.teams_turn --requests 300 --concurrency 8    # a quick look

Half the activities are "principle 3" in a 1:1 chat, half "@Kodo help" in a channel thread, from 20
people, as Teams sends them. Kodo is the real ``kodo serve`` (TEAMS_ALLOW_UNAUTHENTICATED=1, SQLite in
a temporary folder); the baseline is ``bench.bare_teams``. Each runs in a process of its own, and
every reply goes to the fake Bot Connector (``bench.fake_connector``, a third process), which counts
them: a request is only measured as served if its reply arrived there. One aiohttp session with
keep-alive and ``--concurrency`` workers drives both; all on 127.0.0.1. Server CPU per request is
read from /proc, so it is not blurred by the load generator sharing the machine.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

import aiohttp

from bench.common import load, table
from bench.serving import (cpu_seconds, free_port, kodo_command, kodo_env, started, tail, wait_healthy,
                           wait_line)
from tests.teams.conftest import ALICE, message

PEOPLE = [{**ALICE, "id": f"29:person-{n}", "name": f"Person {n}", "aadObjectId": f"aad-{n}"} for n in range(20)]
TARGET_RATIO = 4.0  # Kodo's Teams throughput at least 4x the bare echo bot's, in the same run


class Connector:
    """The fake Bot Connector process, asked over its stdin what it received."""

    def __init__(self, process: subprocess.Popen, port: int):
        self.process, self.url = process, f"http://127.0.0.1:{port}/"

    def take(self) -> dict:
        self.process.stdin.write("\n")
        self.process.stdin.flush()
        return json.loads(self.process.stdout.readline())


def templates(service_url: str) -> list[bytes]:
    """Request bodies with ``@ID@`` where each request's own activity id goes."""
    bodies = []
    for person in PEOPLE:
        for text, personal in (("principle 3", True), ("help", False)):
            activity = message(service_url, text, person, personal=personal, activity_id="@ID@")
            bodies.append(json.dumps(activity).encode())
    return bodies


async def measure(url: str, pid: int, connector: Connector, args) -> dict:
    bodies = templates(connector.url)
    statuses: Counter = Counter()
    sent: set[str] = set()
    headers = {"Content-Type": "application/json"}
    http = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=args.concurrency),
                                 timeout=aiohttp.ClientTimeout(total=30))  # a stuck server fails, never hangs

    def sender(tag: str):
        async def send(i: int) -> None:
            activity_id = f"{tag}{i}"
            body = bodies[i % len(bodies)].replace(b"@ID@", activity_id.encode())
            try:
                async with http.post(url, data=body, headers=headers) as response:
                    await response.read()
                    statuses[response.status] += 1
                    if response.status == 201:
                        sent.add(activity_id)
            except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
                statuses[type(exc).__name__] += 1
        return send

    async with http:
        await load(sender("warm-"), args.warmup, args.concurrency, args.seconds)
        warm = connector.take()
        if warm["replies"] < len(sent):
            raise RuntimeError(f"warm-up: {len(sent)} requests answered 201 but only {warm['replies']} replies "
                               f"reached the connector (statuses {dict(statuses)})")
        statuses.clear()
        sent.clear()
        cpu = cpu_seconds(pid)
        result = await load(sender("m-"), args.requests, args.concurrency, args.seconds)
        result["cpu"] = (cpu_seconds(pid) - cpu) * 1000 / max(result["requests"], 1)
    replies = connector.take()
    answered = sent & set(replies["reply_to"])
    result |= {"statuses": dict(statuses), "replies": replies["replies"], "answered": len(answered),
               "unanswered": result["requests"] - len(answered), "empty": replies["empty"]}
    return result


async def kodo(connector: Connector, folder: Path, args) -> dict:
    port, log = free_port(), folder / "kodo.log"
    env = kodo_env(port, folder / "kodo.db", TEAMS_ALLOW_UNAUTHENTICATED="1")
    with started(kodo_command() + ["serve"], env=env, log=log) as process:
        try:
            wait_healthy(process, port)
            return await measure(f"http://127.0.0.1:{port}/api/messages", process.pid, connector, args)
        except Exception:
            print(f"kodo serve's log ({log}):\n{tail(log)}", file=sys.stderr)
            raise


async def bare(connector: Connector, folder: Path, args) -> dict:
    port, log = free_port(), folder / "bare.log"
    with started([sys.executable, "-m", "bench.bare_teams", str(port)], log=log, stdout=subprocess.PIPE,
                 text=True) as process:
        wait_line(process, "ready")
        return await measure(f"http://127.0.0.1:{port}/api/messages", process.pid, connector, args)


def row(name: str, r: dict) -> tuple:
    return (name, r["requests"], f"{r['rps']:.0f}", f"{r['p50']:.1f}", f"{r['p99']:.1f}", f"{r['cpu']:.2f}",
            r["replies"], r["unanswered"])


async def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=2000, help="per target (default 2000)")
    parser.add_argument("--seconds", type=float, default=20.0, help="at most, per target (default 20)")
    parser.add_argument("--concurrency", type=int, default=16, help="concurrent workers (default 16)")
    parser.add_argument("--warmup", type=int, default=100, help="requests per target before measuring")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kodo-bench-teams-") as tmp:
        folder, port = Path(tmp), free_port()
        with started([sys.executable, "-m", "bench.fake_connector", str(port)], log=Path(tmp) / "connector.log",
                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True) as process:
            wait_line(process, "ready")
            connector = Connector(process, port)
            results = {"kodo": await kodo(connector, folder, args)}
            results["bare botbuilder"] = await bare(connector, folder, args)
    k, b = results["kodo"], results["bare botbuilder"]
    print(f"\nTeams message turns: {args.concurrency} concurrent, up to {args.requests} requests or "
          f"{args.seconds:.0f} s per target, replies to a fake Bot Connector")
    print(table(["target", "requests", "req/s", "p50 ms", "p99 ms", "server CPU ms/req", "replies", "unanswered"],
                [row(name, r) for name, r in results.items()]))
    ratio = k["rps"] / b["rps"]
    verdict = "met" if ratio >= TARGET_RATIO else "NOT met"
    print(f"\nKodo/bare: throughput {ratio:.2f}x (target >= {TARGET_RATIO:.1f}x: {verdict}), "
          f"p50 {k['p50'] / b['p50']:.2f}x, p99 {k['p99'] / b['p99']:.2f}x, CPU per request {k['cpu'] / b['cpu']:.2f}x")
    for name, r in results.items():
        print(f"{name}: HTTP statuses {r['statuses']}, {r['replies']} replies at the connector for {r['requests']} "
              f"requests ({r['answered']} answered, {r['unanswered']} not, {r['empty']} empty)")
    return 0 if all(r["unanswered"] == 0 and r["requests"] for r in results.values()) else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
