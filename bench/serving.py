"""Servers under test as processes of their own: a free port, the real ``kodo serve``, waiting until it answers.

Each server runs in its own process so its CPU is measured apart from the load generator's, and
everything listens on 127.0.0.1 only.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def kodo_command() -> list[str]:
    """The installed ``kodo`` console script of this interpreter's environment (the real entry point)."""
    beside = Path(sys.executable).parent / "kodo"
    found = str(beside) if beside.exists() else shutil.which("kodo")
    if not found:
        raise SystemExit("kodo is not installed in this environment: pip install -e . first")
    return [found]


def kodo_env(port: int, database: Path | str, **extra: str) -> dict[str, str]:
    """A clean Kodo environment: no platform credentials inherited from the caller's shell.
    ``database``: a SQLite file, or a database URL."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("SLACK_", "MICROSOFT_", "TEAMS_", "KODO_", "DATABASE_URL"))}
    url = database if isinstance(database, str) else f"sqlite+aiosqlite:///{database}"
    return env | {"HOST": "127.0.0.1", "PORT": str(port), "DATABASE_URL": url, "PYTHONUNBUFFERED": "1"} | extra


def healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:
            return response.status == 200
    except (OSError, urllib.error.URLError):
        return False


def wait_healthy(process: subprocess.Popen, port: int, timeout: float = 30.0, poll: float = 0.005) -> float:
    """Seconds until ``GET /healthz`` answered 200; fails early if the process died."""
    began = time.perf_counter()
    while not healthy(port):
        if process.poll() is not None:
            raise RuntimeError(f"the server exited with {process.returncode} before /healthz answered")
        if time.perf_counter() - began > timeout:
            raise RuntimeError(f"/healthz did not answer within {timeout:.0f}s")
        time.sleep(poll)
    return time.perf_counter() - began


def wait_line(process: subprocess.Popen, expected: str, timeout: float = 30.0) -> None:
    """For helper processes that print ``ready`` on stdout once they listen."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line and process.poll() is not None:
            raise RuntimeError(f"{process.args} exited with {process.returncode} before saying {expected!r}")
        if line.strip() == expected:
            return
    raise RuntimeError(f"{process.args} did not say {expected!r} within {timeout:.0f}s")


def stop(process: subprocess.Popen, timeout: float = 10.0) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def started(args: list[str], env: dict[str, str] | None = None, log: Path | None = None, **kw):
    """A process that is stopped (SIGTERM, then SIGKILL) whatever happens; its output goes to ``log``."""
    out = open(log, "ab") if log else subprocess.DEVNULL
    process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=kw.pop("stdout", out), stderr=out, **kw)
    try:
        yield process
    finally:
        stop(process)
        if log:
            out.close()


def cpu_seconds(pid: int) -> float:
    """User + system CPU the process has used so far (Linux)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def peak_rss_mb(pid: int) -> float:
    """VmHWM: the most resident memory the process has had, in MB."""
    return _status_mb(pid, "VmHWM")


def rss_mb(pid: int) -> float:
    """VmRSS: the process's resident memory now, in MB."""
    return _status_mb(pid, "VmRSS")


def _status_mb(pid: int, field: str) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no {field} in /proc (not Linux?)")


def tail(log: Path, lines: int = 20) -> str:
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.exists() else ""


@asynccontextmanager
async def postgres_database():
    """A migrated PostgreSQL database of its own on the server of ``KODO_TEST_POSTGRES_URL``,
    dropped afterwards; yields its URL."""
    from storage.db import create_engine, migrate
    from tests.fakes.databases import PG_ENV, fresh_postgres

    admin = os.environ.get(PG_ENV)
    if not admin:
        raise SystemExit(f"--database postgres needs {PG_ENV} (e.g. postgresql+asyncpg://postgres@127.0.0.1:5432/test)")
    async with fresh_postgres(admin) as url:
        engine = create_engine(url)
        await migrate(engine)
        await engine.dispose()
        yield url


async def count_kudos(url: str) -> int:
    """Kudos stored, read through a connection of its own (committed rows only)."""
    import sqlalchemy as sa

    from storage.db import create_engine

    engine = create_engine(url)
    try:
        async with engine.connect() as conn:
            return await conn.scalar(sa.text("SELECT count(*) FROM kudos"))
    finally:
        await engine.dispose()


@contextmanager
def fake_slack_api(data: Path):
    """``bench.fake_slack`` in a process of its own, logging into ``data``; yields its Web API URL."""
    port = free_port()
    with started([sys.executable, "-m", "bench.fake_slack", str(port)], log=data / "fake_slack.log",
                 stdout=subprocess.PIPE, text=True) as api:
        wait_line(api, "ready")
        yield f"http://127.0.0.1:{port}/api/"
