"""Slack acknowledgement throughput: Kodo beside a bare Bolt app, in the same run, same load.

    python -m bench.slack_ack                      # 3,000 requests per target (20 s at most each)
    python -m bench.slack_ack --requests 1000 --concurrency 32

Signed slash commands (``/principle 3``), ``reaction_added`` events (a new message each time, so
every one is a real kudos, committed to SQLite before the 200) and ``block_actions`` (a press of
``/principle``'s menu, answered through its ``response_url``) go to ``kodo serve`` and to a Bolt
``AsyncApp`` that only acks (``bench.bare_bolt``). Each server, and the fake Slack Web API that
Kodo's replies go to, run in processes of their own; this process only generates load. After the
run it reads the Kodo server's resident memory (Slack and Teams both enabled) and checks that every
acknowledged kudos is in the database.
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import aiohttp

from bench.common import load, table
from bench.serving import (cpu_seconds, fake_slack_api, free_port, kodo_command, kodo_env, rss_mb, started, tail,
                           wait_healthy, wait_line)
from tests.fakes.slack_api import (SIGNING_SECRET, block_actions, command_body, event_body, interactive_body, reaction,
                                   sign)

HEADERS = ["target", "request", "n", "non-200", "req/s", "p50 ms", "p99 ms", "server CPU ms/req"]
PEOPLE = 100  # people taking part; the warm-up meets each of them once, as a running server would have
WARMUP = 200  # requests per target and kind before measuring


def slash_command(i: int) -> tuple[str, str]:
    return "application/x-www-form-urlencoded", command_body("/principle", "3", f"U{i % PEOPLE}",
                                                             trigger_id=f"trigger.{i}")


def reaction_kudos(i: int) -> tuple[str, str]:
    """A reaction on a new message each time, so every one is a real kudos."""
    event = reaction("reaction_added", f"U{i % PEOPLE}", f"kodo{i % 10 + 1}", "U_BOB", ts=f"1700000000.{i:06d}")
    return "application/json", event_body(event, event_id=f"Ev{i}")


def kinds(api_url: str) -> tuple:
    hook = api_url.replace("/api/", "/hooks/bench")

    def press(i: int) -> tuple[str, str]:
        """A principle picked from ``/principle``'s menu on its ephemeral reply."""
        payload = block_actions(f"U{i % PEOPLE}", "principle:show", selected=str(i % 10 + 1), ephemeral=True,
                                response_url=hook, trigger_id=f"trigger.{i}")
        return "application/x-www-form-urlencoded", interactive_body(payload)

    return (("slash command", slash_command), ("reaction kudos", reaction_kudos), ("block_actions", press))


async def measure(session: aiohttp.ClientSession, url: str, make, total: int, concurrency: int,
                  seconds: float, pid: int) -> dict:
    """Throughput and latency from this side; the server's own CPU per request from ``/proc``."""
    failures = []

    async def send(i: int) -> None:
        content_type, body = make(i)
        async with session.post(url, data=body.encode(), headers={"Content-Type": content_type, **sign(body)}) as r:
            await r.read()
            if r.status != 200:
                failures.append(r.status)

    await load(send, min(WARMUP, total), concurrency, seconds)  # not counted
    cpu = cpu_seconds(pid)
    result = await load(lambda i: send(i + 1_000_000), total, concurrency, seconds)
    result["cpu"] = (cpu_seconds(pid) - cpu) * 1000 / max(result["requests"], 1)
    result["failures"] = len(failures)
    return result


async def measure_all(name: str, url: str, pid: int, args, rows: list, results: dict, api_url: str) -> None:
    connector = aiohttp.TCPConnector(limit=args.concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:
        for kind, make in kinds(api_url):
            r = results[(name, kind)] = await measure(session, url, make, args.requests, args.concurrency,
                                                      args.seconds, pid)
            rows.append((name, kind, r["requests"], r["failures"], f"{r['rps']:.0f}", f"{r['p50']:.1f}",
                         f"{r['p99']:.1f}", f"{r['cpu']:.2f}"))
            print(table(HEADERS, rows[-1:]), flush=True)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=20)
    args = parser.parse_args()

    rows, results = [], {}
    with tempfile.TemporaryDirectory(prefix="kodo-bench-slack-") as tmp:
        data, kodo_port, bare_port = Path(tmp), free_port(), free_port()
        with fake_slack_api(data) as api_url:
            with started([sys.executable, "-m", "bench.bare_bolt", str(bare_port), api_url], log=data / "bare.log",
                         stdout=subprocess.PIPE, text=True) as bare:
                wait_line(bare, "ready")
                await measure_all("bare Bolt", f"http://127.0.0.1:{bare_port}/slack/events", bare.pid, args, rows,
                                  results, api_url)
            env = kodo_env(kodo_port, data / "kodo.db", SLACK_BOT_TOKEN="xoxb-bench", SLACK_API_URL=api_url,
                           SLACK_SIGNING_SECRET=SIGNING_SECRET, KODO_DAILY_KUDOS_LIMIT="0",
                           TEAMS_ALLOW_UNAUTHENTICATED="1")
            with started(kodo_command() + ["serve"], env=env, log=data / "kodo.log") as kodo:
                try:
                    wait_healthy(kodo, kodo_port)
                    await measure_all("Kodo", f"http://127.0.0.1:{kodo_port}/slack/events", kodo.pid, args, rows,
                                      results, api_url)
                except Exception:
                    print(f"kodo serve's log:\n{tail(data / 'kodo.log')}", file=sys.stderr)
                    raise
                memory = rss_mb(kodo.pid)
        with sqlite3.connect(data / "kodo.db") as db:
            stored = db.execute("SELECT count(*) FROM kudos").fetchone()[0]
    acked = results[("Kodo", "reaction kudos")]["requests"] + min(WARMUP, args.requests)  # measured + warm-up
    print("\nSlack acknowledgements (same run, same load generator)")
    print(table(HEADERS, rows))
    ratios = []
    for kind, _make in kinds(api_url):
        k, b = results[("Kodo", kind)], results[("bare Bolt", kind)]
        ratios.append((kind, *(f"{k[key] / b[key]:.2f}x" for key in ("rps", "p99", "cpu"))))
    print(table(["request", "Kodo/bare req/s", "Kodo/bare p99", "Kodo/bare CPU per request"], ratios))
    print(f"\nKodo RSS after the run (Slack + Teams enabled): {memory:.0f} MB")
    print(f"kudos acknowledged: {acked}, kudos in the database: {stored}")


if __name__ == "__main__":
    asyncio.run(main())
