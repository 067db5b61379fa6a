"""A throwaway PostgreSQL for one test session, so `make test` runs the PostgreSQL cases on a machine
that has no server of its own. The binaries come from the ``pgserver`` package (a wheel that ships
them, so nothing is fetched at test time); the server listens on 127.0.0.1 at a free port, keeps its
data in a temporary folder, and is stopped and deleted when the session ends.

PostgreSQL refuses to run as root. ``pgserver``'s own API answers that by adding a system user with
``useradd`` and widening the permissions of every folder above its data; this module runs the same
binaries as the existing unprivileged user ``nobody`` instead, and changes nothing outside its
temporary folder. It does not use ``pgserver``'s API for a second reason: that server listens on a
Unix socket only, and the outage tests need TCP to put a proxy between Kodo and the database."""

from __future__ import annotations

import ctypes
import importlib.util
import os
import pwd
import shutil
import signal
import socket
import stat
import subprocess
import tempfile
import time
from pathlib import Path

START_TIMEOUT = 30.0
PR_SET_PDEATHSIG = 1


class Unavailable(Exception):
    """Why no throwaway server can run here, in one line."""


def binaries() -> Path:
    spec = importlib.util.find_spec("pgserver")
    if spec is None or not spec.submodule_search_locations:
        raise Unavailable("the pgserver package is not installed (it has no build for this Python or platform)")
    found = Path(spec.submodule_search_locations[0]) / "pginstall" / "bin"
    if not (found / "postgres").exists():
        raise Unavailable(f"the pgserver package has no PostgreSQL binaries in {found}")
    return found


def _as_user() -> dict:
    """Root runs the server as ``nobody``; anyone else as themselves."""
    if os.geteuid() != 0:
        return {}
    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        raise Unavailable("running as root, and there is no user 'nobody' to run PostgreSQL as") from None
    return {"user": nobody.pw_uid, "group": nobody.pw_gid, "extra_groups": []}


def _open_to_others(path: Path) -> bool:
    """Whether another user (``nobody``) can get through every folder down to ``path``."""
    return all(p.stat().st_mode & stat.S_IXOTH for p in (path, *path.parents))


def _base() -> str:
    """The temporary folder, unless the server runs as ``nobody`` and could not get through it (a
    private TMPDIR): then /tmp."""
    base = Path(tempfile.gettempdir())
    return str(base) if os.geteuid() != 0 or _open_to_others(base) else "/tmp"


def _die_with_parent() -> None:
    """The server goes when the test run goes, even when the run is killed."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGQUIT)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class ThrowawayPostgres:
    """``start()`` returns an admin URL for ``tests.fakes.databases.fresh_postgres``; ``stop()`` removes all."""

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="kodo-test-postgres-", dir=_base()))
        self.process: subprocess.Popen | None = None

    def start(self) -> str:
        try:
            return self._start()
        except BaseException:
            self.stop()
            raise

    def _start(self) -> str:
        bin_dir, user = binaries(), _as_user()
        data, log = self.folder / "data", self.folder / "server.log"
        if user and not _open_to_others(bin_dir):  # a checkout under /root, say: nobody cannot run them there
            bin_dir = self._copy(bin_dir)
        if user:
            os.chown(self.folder, user["user"], user["group"])
        initdb = subprocess.run([bin_dir / "initdb", "-D", data, "-U", "postgres", "--auth=trust", "--encoding=UTF8",
                                 "--locale=C", "--no-sync", "--no-instructions"],
                                capture_output=True, text=True, timeout=120, **user)
        if initdb.returncode != 0:
            raise Unavailable(f"initdb failed: {(initdb.stderr or initdb.stdout).strip().splitlines()[-1:]}")
        port = _free_port()
        with open(log, "wb") as out:
            self.process = subprocess.Popen(
                [bin_dir / "postgres", "-D", data, "-h", "127.0.0.1", "-p", str(port), "-k", self.folder,
                 "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"],
                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, preexec_fn=_die_with_parent, **user)
        self._wait_until_ready(bin_dir, port, log)
        return f"postgresql+asyncpg://postgres@127.0.0.1:{port}/postgres"

    def _copy(self, bin_dir: Path) -> Path:
        """The binaries, copied into the server's own folder with what they load by relative path: the
        install beside bin/, and the libraries the wheel vendors next to the package (RPATH
        ``$ORIGIN/../../../pgserver.libs``)."""
        package = bin_dir.parents[1]
        shutil.copytree(bin_dir.parent, self.folder / package.name / bin_dir.parent.name, symlinks=True)
        if (libs := package.parent / f"{package.name}.libs").is_dir():
            shutil.copytree(libs, self.folder / libs.name, symlinks=True)
        return self.folder / package.name / bin_dir.parent.name / bin_dir.name

    def _wait_until_ready(self, bin_dir: Path, port: int, log: Path) -> None:
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                lines = log.read_text(errors="replace").strip().splitlines()
                raise Unavailable(f"PostgreSQL stopped at start: {lines[-1] if lines else 'no log'}")
            ready = subprocess.run([bin_dir / "pg_isready", "-q", "-h", "127.0.0.1", "-p", str(port)], timeout=10)
            if ready.returncode == 0:
                return
            time.sleep(0.1)
        raise Unavailable(f"PostgreSQL did not accept connections within {START_TIMEOUT:.0f} s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)  # fast shutdown: roll back, disconnect, stop
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)
