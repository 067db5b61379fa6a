"""Slack acknowledgement throughput: Kodo beside a bare Bolt app, in the same run, same load.

    python -m bench.slack_ack                      # 3,000 requests per target (20 s at most each)
    python -m bench.slack_ack --requests 1000 --concurrency 32

Signed slash commands (``/principle 3``) and ``reaction_added`` events (a new message each time, so
every one is a real kudos, committed to SQLite before the 200) go to ``kodo serve`` and to a Bolt
``AsyncApp`` that only acks (``bench.bare_bolt``). Each server, and the fake Slack Web API that
Kodo's replies go to, run in processes of their own; this process only generates load. After the
run it reads the Kodo server's resident memory (Slack and Teams both enabled) and checks that every
acknowledged kudos is in the database.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import hmac
import json
import os
import sqlite3
import sys
import tempfile
import time
from contextlib import asynccontextmanager
from pathlib import Path
from urllib.parse import urlencode

import aiohttp

from bench.serving import cpu_seconds, free_port

SECRET = "bench-signing-secret"
ROOT = Path(__file__).resolve().parents[1]


def signed(body: str) -> dict[str, str]:
    ts = str(int(time.time()))
    digest = hmac.new(SECRET.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256).hexdigest()
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": f"v0={digest}"}


HEADERS = ["target", "request", "n", "non-200", "req/s", "p50 ms", "p99 ms", "server CPU ms/req"]
PEOPLE = 100  # people taking part; the warm-up meets each of them once, as a running server would have


def command(i: int) -> tuple[str, str]:
    return "application/x-www-form-urlencoded", urlencode({
        "team_id": "T1", "channel_id": "C1", "user_id": f"U{i % PEOPLE}", "command": "/principle", "text": "3",
        "trigger_id": f"trigger.{i}", "response_url": "https://hooks.slack.invalid/1", "api_app_id": "A1"})


def reaction(i: int) -> tuple[str, str]:
    return "application/json", json.dumps({
        "team_id": "T1", "api_app_id": "A1", "type": "event_callback", "event_id": f"Ev{i}",
        "event_time": int(time.time()), "authorizations": [{"team_id": "T1", "user_id": "UKODO", "is_bot": True}],
        "event": {"type": "reaction_added", "user": f"U{i % PEOPLE}", "reaction": f"kodo{i % 10 + 1}",
                  "item_user": "U_BOB", "item": {"type": "message", "channel": "C1", "ts": f"1700000000.{i:06d}"},
                  "event_ts": "1700000001.000200"}})


@asynccontextmanager
async def process(*args: str, env: dict | None = None, ready: str | None = None, url: str | None = None):
    """A server in a process of its own, ready when it prints ``ready`` or ``url`` answers."""
    proc = await asyncio.create_subprocess_exec(sys.executable, *args, cwd=ROOT, env={**os.environ, **(env or {})},
                                                stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL)
    try:
        if ready:
            line = await asyncio.wait_for(proc.stdout.readline(), 30)
            assert ready in line.decode(), line
        if url:
            async with aiohttp.ClientSession() as session:
                for _ in range(300):
                    try:
                        async with session.get(url) as response:
                            if response.status == 200:
                                break
                    except aiohttp.ClientError:
                        pass
                    await asyncio.sleep(0.05)
        yield proc
    finally:
        proc.terminate()
        await proc.wait()


async def measure(session: aiohttp.ClientSession, url: str, make, total: int, concurrency: int,
                  seconds: float, pid: int) -> dict:
    """Throughput and latency from this side; the server's own CPU per request from ``/proc``."""
    from bench.common import load

    failures = []

    async def send(i: int) -> None:
        content_type, body = make(i)
        async with session.post(url, data=body.encode(), headers={"Content-Type": content_type, **signed(body)}) as r:
            await r.read()
            if r.status != 200:
                failures.append(r.status)

    await load(send, min(200, total), concurrency, seconds)  # warm-up, not counted
    cpu = cpu_seconds(pid)
    result = await load(lambda i: send(i + 1_000_000), total, concurrency, seconds)
    result["cpu"] = (cpu_seconds(pid) - cpu) * 1000 / max(result["requests"], 1)
    result["failures"] = len(failures)
    return result


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


async def main() -> None:
    from bench.common import table

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()

    data = Path(tempfile.mkdtemp(prefix="kodo-bench-"))
    api_port, kodo_port, bare_port = free_port(), free_port(), free_port()
    api_url = f"http://127.0.0.1:{api_port}/api/"
    kodo_env = {"HOST": "127.0.0.1", "PORT": str(kodo_port), "DATABASE_URL": f"sqlite+aiosqlite:///{data}/kodo.db",
                "SLACK_BOT_TOKEN": "xoxb-bench", "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": api_url,
                "KODO_DAILY_KUDOS_LIMIT": "0", "TEAMS_ALLOW_UNAUTHENTICATED": "1"}
    rows, results = [], {}
    async with process("-m", "bench.fake_slack", str(api_port), ready="ready"):
        connector = aiohttp.TCPConnector(limit=args.concurrency)
        async with aiohttp.ClientSession(connector=connector) as session:
            targets = [("bare Bolt", process("-m", "bench.bare_bolt", str(bare_port), api_url, ready="ready"),
                        f"http://127.0.0.1:{bare_port}/slack/events"),
                       ("Kodo", process("-m", "bot.cli", "serve", env=kodo_env,
                                        url=f"http://127.0.0.1:{kodo_port}/healthz"),
                        f"http://127.0.0.1:{kodo_port}/slack/events")]
            for name, server, url in targets:
                async with server as proc:
                    for kind, make in (("slash command", command), ("reaction kudos", reaction)):
                        r = await measure(session, url, make, args.requests, args.concurrency, args.seconds,
                                          proc.pid)
                        results[(name, kind)] = r
                        rows.append((name, kind, r["requests"], r["failures"], f"{r['rps']:.0f}", f"{r['p50']:.1f}",
                                     f"{r['p99']:.1f}", f"{r['cpu']:.2f}"))
                        print(table(HEADERS, rows[-1:]), flush=True)
                    if name == "Kodo":
                        memory = rss_mb(proc.pid)
    with sqlite3.connect(data / "kodo.db") as db:
        stored = db.execute("SELECT count(*) FROM kudos").fetchone()[0]
    acked = results[("Kodo", "reaction kudos")]["requests"] + min(200, args.requests)  # measured + warm-up
    print("\nSlack acknowledgements (same run, same load generator)")
    print(table(HEADERS, rows))
    ratios = []
    for kind in ("slash command", "reaction kudos"):
        k, b = results[("Kodo", kind)], results[("bare Bolt", kind)]
        ratios.append((kind, *(f"{k[key] / b[key]:.2f}x" for key in ("rps", "p99", "cpu"))))
    print(table(["request", "Kodo/bare req/s", "Kodo/bare p99", "Kodo/bare CPU per request"], ratios))
    print(f"\nKodo RSS after the run (Slack + Teams enabled): {memory:.0f} MB")
    print(f"kudos acknowledged: {acked}, kudos in the database: {stored}")


if __name__ == "__main__":
    asyncio.run(main())
