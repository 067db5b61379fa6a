"""Slack acknowledgement throughput: Kodo beside a bare Bolt app, in the same run, same load.

    python -m bench.slack_ack                      # 3,000 requests per target (20 s at most each)
    python -m bench.slack_ack --requests 1000 --concurrency 32
    python -m bench.slack_ack --database postgres  # and Kodo on PostgreSQL (KODO_TEST_POSTGRES_URL)
    python -m bench.slack_ack --kind "survey press"  # one kind only (repeat --kind for several)

Signed slash commands (``/principle 3``), ``reaction_added`` events (a new message each time, so
every one is a real kudos, committed to SQLite before the 200) and ``block_actions`` (a press of
``/principle``'s menu, answered through its ``response_url``) and survey presses (``survey press``: a
choice of the week's pulse survey question; each person's first press, in the warm-up, answers,
and every later one changes their answer, so every press is a write committed before the 200) go
to ``kodo serve`` and to a Bolt ``AsyncApp`` that only acks (``bench.bare_bolt``). Each server, and
the fake Slack Web API that Kodo's replies go to, run in processes of their own; this process only
generates load. After the run it reads the Kodo server's resident memory (Slack and Teams both
enabled) and checks that every acknowledged kudos is in the database, and that the survey's counts
are each person's last acknowledged answer, once.
"""

from __future__ import annotations

import argparse
import asyncio
import subprocess
import sys
import tempfile
from pathlib import Path

import aiohttp

from bench.common import load, table
from bench.serving import (count_kudos, cpu_seconds, fake_slack_api, free_port, kodo_command,
                           kodo_env, postgres_database, rss_mb, started, tail, wait_healthy, wait_line)
from tests.fakes.slack_api import (SIGNING_SECRET, block_actions, command_body, event_body, interactive_body, reaction,
                                   sign)

HEADERS = ["target", "request", "n", "non-200", "req/s", "p50 ms", "p99 ms", "server CPU ms/req",
           "database CPU ms/req"]
PEOPLE = 100  # people taking part; the warm-up meets each of them once, as a running server would have
WARMUP = 200  # requests per target and kind before measuring


def slash_command(i: int) -> tuple[str, str]:
    return "application/x-www-form-urlencoded", command_body("/principle", "3", f"U{i % PEOPLE}",
                                                             trigger_id=f"trigger.{i}")


def reaction_kudos(i: int) -> tuple[str, str]:
    """A reaction on a new message each time, so every one is a real kudos."""
    event = reaction("reaction_added", f"U{i % PEOPLE}", f"kodo{i % 10 + 1}", "U_BOB", ts=f"1700000000.{i:06d}")
    return "application/json", event_body(event, event_id=f"Ev{i}")


KINDS = (("slash command", slash_command), ("reaction kudos", reaction_kudos))


def with_presses(api_url: str) -> tuple:
    """``KINDS`` and a press: a principle picked from ``/principle``'s menu on its ephemeral reply,
    answered through the press's ``response_url`` (on the fake Slack at ``api_url``)."""
    hook = api_url.replace("/api/", "/hooks/bench")

    def press(i: int) -> tuple[str, str]:
        payload = block_actions(f"U{i % PEOPLE}", "principles:show", selected=str(i % 10 + 1), ephemeral=True,
                                response_url=hook, trigger_id=f"trigger.{i}")
        return "application/x-www-form-urlencoded", interactive_body(payload)

    return (*KINDS, ("block_actions", press), (SURVEY, survey_press(hook)))


SURVEY = "survey press"
SURVEY_KEY = "bench-" + "k" * 40  # KODO_SECRET_KEY of the server under load


def survey_choice(i: int, size: int) -> int:
    """The choice of press ``i``: a person's next press (``PEOPLE`` later) always changes their answer."""
    return (i // PEOPLE) % size + 1


def survey_press(hook: str, today=None):
    """A press of a choice of this week's pulse survey question (as ``kodo serve`` sees the week in
    KODO_TIMEZONE) by one of ``PEOPLE``: a first answer, then a changed one each time."""
    from bot.dates import week_name
    from content.loader import load

    today = today or _today()
    question = load("tokyo").survey_for_week(today, "ja")
    week, size = week_name(today), len(question.choices)
    menu = size > 5  # past five choices Slack shows a menu (``adapters.slack.render``)

    def press(i: int) -> tuple[str, str]:
        choice = survey_choice(i, size)
        value = f"{week}|{question.id}|{choice}"
        payload = (block_actions(f"U{i % PEOPLE}", "survey:answer", selected=value, ephemeral=True, response_url=hook,
                                 trigger_id=f"trigger.{i}") if menu else
                   block_actions(f"U{i % PEOPLE}", f"survey:answer#{choice}", value=value, ephemeral=True,
                                 response_url=hook, trigger_id=f"trigger.{i}"))
        return "application/x-www-form-urlencoded", interactive_body(payload)

    return press


async def measure(session: aiohttp.ClientSession, url: str, make, total: int, concurrency: int,
                  seconds: float, pids: list[int], backends, warmup: int = WARMUP) -> dict:
    """Throughput and latency from this side; the servers' own CPU per request from ``/proc``, and
    PostgreSQL's (its backends serving this database) beside it."""
    failures = []

    async def send(i: int) -> None:
        content_type, body = make(i)
        async with session.post(url, data=body.encode(), headers={"Content-Type": content_type, **sign(body)}) as r:
            await r.read()
            if r.status != 200:
                failures.append(r.status)

    await load(send, min(warmup, total), concurrency, seconds)  # not counted
    before = {pid: cpu_seconds(pid) for pid in await backends()}
    cpu = sum(map(cpu_seconds, pids))
    result = await load(lambda i: send(i + 1_000_000), total, concurrency, seconds)
    result["cpu"] = (sum(map(cpu_seconds, pids)) - cpu) * 1000 / max(result["requests"], 1)
    after = {pid: cpu_seconds(pid) for pid in await backends()}  # a backend that ended meanwhile is not counted
    result["db cpu"] = (sum(used - before.get(pid, 0) for pid, used in after.items()) * 1000
                        / max(result["requests"], 1) if after else None)
    result["failures"] = len(failures)
    return result


async def measure_all(name: str, url: str, pids: list[int], args, rows: list, results: dict, backends=None,
                      kinds=KINDS, warmup: int = WARMUP) -> None:
    connector = aiohttp.TCPConnector(limit=args.concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:
        for kind, make in kinds:
            r = results[(name, kind)] = await measure(session, url, make, args.requests, args.concurrency,
                                                      args.seconds, pids, backends or _none, warmup)
            rows.append((name, kind, r["requests"], r["failures"], f"{r['rps']:.0f}", f"{r['p50']:.1f}",
                         f"{r['p99']:.1f}", f"{r['cpu']:.2f}", "" if r["db cpu"] is None else f"{r['db cpu']:.2f}"))
            print(table(HEADERS, rows[-1:]), flush=True)


async def _none() -> list[int]:
    return []


def postgres_backends(url: str):
    """The PostgreSQL server processes serving ``url``'s database (same machine): their CPU is the
    database's share of each request."""
    async def pids() -> list[int]:
        import sqlalchemy as sa

        from storage.db import create_engine

        engine = create_engine(url)
        try:
            async with engine.connect() as conn:
                return list(await conn.scalars(sa.text(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()")))
        finally:
            await engine.dispose()
    return pids


def serving_env(port: int, database, api_url: str) -> dict[str, str]:
    """``kodo serve`` for the Slack benchmarks: Slack and Teams enabled, no daily limit (every reaction counts)."""
    return kodo_env(port, database, SLACK_BOT_TOKEN="xoxb-bench", SLACK_API_URL=api_url,
                    SLACK_SIGNING_SECRET=SIGNING_SECRET, KODO_DAILY_KUDOS_LIMIT="0", TEAMS_ALLOW_UNAUTHENTICATED="1",
                    KODO_SECRET_KEY=SURVEY_KEY, KODO_TIMEZONE="Asia/Tokyo")


async def serve_kodo(name: str, database, data: Path, api_url: str, args, rows: list, results: dict,
                     kinds=KINDS) -> tuple:
    """``kodo serve`` on ``database`` (a SQLite file or a URL) under the load; its RSS and kudos stored after."""
    port = free_port()
    env = serving_env(port, database, api_url)
    log = data / f"kodo-{len(results)}.log"
    url = database if isinstance(database, str) else f"sqlite+aiosqlite:///{database}"
    with started(kodo_command() + ["serve"], env=env, log=log) as kodo:
        try:
            wait_healthy(kodo, port)
            await measure_all(name, f"http://127.0.0.1:{port}/slack/events", [kodo.pid], args, rows, results,
                              postgres_backends(url) if isinstance(database, str) else None, kinds)
        except Exception:
            print(f"kodo serve's log:\n{tail(log)}", file=sys.stderr)
            raise
        memory = rss_mb(kodo.pid)
    return memory, await count_kudos(url), await survey_counts(url)


async def survey_counts(url: str) -> dict[int, int]:
    """The survey's counts per choice, read through a connection of its own (committed rows only)."""
    import sqlalchemy as sa

    from storage.db import create_engine

    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            return dict((await conn.execute(sa.text(
                "SELECT choice, sum(answers) FROM survey_answers GROUP BY choice HAVING sum(answers) > 0"))).all())
    finally:
        await engine.dispose()


def expected_survey(results: dict, name: str, requests: int) -> dict[int, int]:
    """Each person's last press of the measured run (indices from 1,000,000, as ``measure`` sends
    them), counted once: what the survey's counts must be when every acknowledged press was committed."""
    from content.loader import load

    size = len(load("tokyo").survey_for_week(_today(), "ja").choices)
    done = results[(name, SURVEY)]["requests"]
    last = {(i + 1_000_000) % PEOPLE: survey_choice(i + 1_000_000, size) for i in range(min(done, requests))}
    counts: dict[int, int] = {}
    for choice in last.values():
        counts[choice] = counts.get(choice, 0) + 1
    return counts


def _today():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo("Asia/Tokyo")).date()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite",
                        help="postgres: Kodo on PostgreSQL too, beside Kodo on SQLite (KODO_TEST_POSTGRES_URL)")
    parser.add_argument("--kind", action="append", choices=[name for name, _ in with_presses("http://x/api/")],
                        help="measure only this kind of request (repeat for several; default: all)")
    args = parser.parse_args()

    rows, results, stored = [], {}, {}
    with tempfile.TemporaryDirectory(prefix="kodo-bench-slack-") as tmp:
        data, bare_port = Path(tmp), free_port()
        with fake_slack_api(data) as api_url:
            kinds = tuple((name, make) for name, make in with_presses(api_url) if not args.kind or name in args.kind)
            with started([sys.executable, "-m", "bench.bare_bolt", str(bare_port), api_url], log=data / "bare.log",
                         stdout=subprocess.PIPE, text=True) as bare:
                wait_line(bare, "ready")
                await measure_all("bare Bolt", f"http://127.0.0.1:{bare_port}/slack/events", [bare.pid], args, rows,
                                  results, kinds=kinds)
            stored["Kodo"] = await serve_kodo("Kodo", data / "kodo.db", data, api_url, args, rows, results, kinds)
            if args.database == "postgres":
                async with postgres_database() as url:
                    stored["Kodo PostgreSQL"] = await serve_kodo("Kodo PostgreSQL", url, data, api_url, args, rows,
                                                                 results, kinds)
    print(f"\nSlack acknowledgements (same run, same load generator; load average {load_average()})")
    print(table(HEADERS, rows))
    ratios = []
    for name in stored:
        for kind, _make in kinds:
            k, b = results[(name, kind)], results[("bare Bolt", kind)]
            ratios.append((name, kind, *(f"{k[key] / b[key]:.2f}x" for key in ("rps", "p99", "cpu"))))
    print(table(["target", "request", "/bare req/s", "/bare p99", "/bare CPU per request"], ratios))
    for name, (memory, count, answers) in stored.items():
        print(f"{name}: RSS after the run (Slack + Teams enabled) {memory:.0f} MB", end="")
        if (name, "reaction kudos") in results:
            acked = results[(name, "reaction kudos")]["requests"] + min(WARMUP, args.requests)  # measured + warm-up
            print(f"; kudos acknowledged {acked}, kudos in the database {count}", end="")
        if (name, SURVEY) in results:
            print(f"; survey counts per choice {dict(sorted(answers.items()))}, each person's last acknowledged "
                  f"answer {dict(sorted(expected_survey(results, name, args.requests).items()))}", end="")
        print()


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


if __name__ == "__main__":
    asyncio.run(main())
