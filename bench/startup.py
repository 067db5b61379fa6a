"""How fast Kodo starts, and how much memory it takes to get there.

    python -m bench.startup              # 5 runs of each
    python -m bench.startup --runs 3

``kodo --help``: wall time of the whole process and its peak RSS (``/usr/bin/time -v`` when present),
plus which heavy libraries it imported (``-X importtime``): it should import none. ``kodo serve``
with Slack (signing secret and bot token set; SLACK_API_URL on an unused 127.0.0.1 port, nothing is
called at start) and Teams (TEAMS_ALLOW_UNAUTHENTICATED=1) both mounted: wall time from spawning the
process until ``GET /healthz`` answers 200, and the process's peak RSS (VmHWM) at that moment; once
on a new SQLite file (migrated at start) and once on an existing one. Medians over ``--runs``.

Kodo's own modules are compiled to bytecode first, as an installed Kodo's are (``pip install``
compiles them; the image's are): with ``PYTHONDONTWRITEBYTECODE`` set, as in the Dockerfile and on
some machines, a first run would not leave them compiled, and every run would compile them again
(measured here: a few tenths of a second of ``kodo serve``'s start, about 50 ms of ``kodo --help``).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.common import table
from bench.serving import ROOT, free_port, kodo_command, kodo_env, peak_rss_mb, started, stop, wait_healthy

HELP_TARGET_MS, SERVE_TARGET_MS = 300, 2000  # issue 6
PACKAGES = ("bot", "adapters", "content", "scheduler", "storage")  # Kodo's own, as pyproject.toml lists them
HEAVY = ("slack_bolt", "slack_sdk", "botbuilder", "botframework", "msrest", "aiohttp", "sqlalchemy", "alembic",
         "apscheduler", "aiosqlite", "asyncpg", "yaml", "pydantic")


def help_once() -> tuple[float, float]:
    """Wall ms and peak RSS MB of one ``kodo --help``."""
    time_v = shutil.which("time") if Path("/usr/bin/time").exists() else None
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    began = time.perf_counter()
    done = subprocess.run(([time_v, "-v"] if time_v else []) + kodo_command() + ["--help"], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    wall = (time.perf_counter() - began) * 1000
    if time_v:
        rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1))
    else:  # a running maximum over all children: exact only while each run is the largest so far
        rss_kb = max(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, before)
    return wall, rss_kb / 1024


def imported_by_help() -> list[str]:
    done = subprocess.run([sys.executable, "-X", "importtime", *kodo_command(), "--help"], cwd=ROOT,
                          capture_output=True, text=True, check=True)
    names = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in done.stderr.splitlines() if "|" in line}
    return sorted(names & set(HEAVY))


def serve_once(database: Path) -> tuple[float, float, list[str]]:
    """Wall ms until /healthz answers 200, VmHWM MB at that moment, and the platforms it names."""
    port = free_port()
    env = kodo_env(port, database, SLACK_BOT_TOKEN="xoxb-bench", SLACK_SIGNING_SECRET="bench-secret",
                   SLACK_API_URL=f"http://127.0.0.1:{free_port()}/api/", TEAMS_ALLOW_UNAUTHENTICATED="1")
    log = database.with_suffix(".log")
    with started(kodo_command() + ["serve"], env=env, log=log) as process:
        began = time.perf_counter()
        try:
            wait_healthy(process, port, poll=0.002)
        except RuntimeError:
            stop(process)
            print(log.read_text(errors="replace")[-3000:], file=sys.stderr)
            raise
        wall = (time.perf_counter() - began) * 1000
        rss = peak_rss_mb(process.pid)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
            platforms = json.load(response)["platforms"]
    return wall, rss, platforms


def summary(name: str, runs: list[tuple[float, float]], target_ms: float) -> tuple:
    walls, rss = [w for w, _ in runs], [r for _, r in runs]
    median = statistics.median(walls)
    return (name, len(runs), f"{median:.0f}", f"{min(walls):.0f}", f"{max(walls):.0f}", f"{max(rss):.1f}",
            f"< {target_ms:.0f}", "yes" if median < target_ms else "NO")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    subprocess.run([sys.executable, "-m", "compileall", "-q", *PACKAGES], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    help_once()  # warms the file cache; not counted
    helps = [help_once() for _ in range(args.runs)]
    heavy = imported_by_help()
    with tempfile.TemporaryDirectory(prefix="kodo-bench-startup-") as tmp:
        fresh = [serve_once(Path(tmp) / f"new-{n}.db") for n in range(args.runs)]
        existing = [serve_once(Path(tmp) / "new-0.db") for _ in range(args.runs)]
    platforms = sorted({p for *_, found in fresh + existing for p in found})
    rows = [summary("kodo --help", helps, HELP_TARGET_MS),
            summary("kodo serve, new SQLite file", [(w, r) for w, r, _ in fresh], SERVE_TARGET_MS),
            summary("kodo serve, existing SQLite file", [(w, r) for w, r, _ in existing], SERVE_TARGET_MS)]
    print(f"\nstartup on {os.cpu_count()} cores: {args.runs} runs each; serve is timed until /healthz answers 200")
    print(table(["command", "runs", "median ms", "min ms", "max ms", "peak RSS MB", "target ms", "met"], rows))
    print(f"\nheavy libraries imported by `kodo --help`: {', '.join(heavy) or 'none'}")
    print(f"platforms mounted by `kodo serve`: {', '.join(platforms)}")
    ok = not heavy and {"slack", "teams"} <= set(platforms)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
