"""Where the PostgreSQL cases of `make test` find their server (tests/conftest.py): the one named by
KODO_TEST_POSTGRES_URL, which must answer; else a throwaway one the session starts and removes;
else they skip, under one reason said once. Each case runs the suite's own pytest on a few tests."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench.serving import free_port
from tests.fakes.databases import PG_ENV

ROOT = Path(__file__).resolve().parents[1]
ON_POSTGRES = ["tests/test_storage.py::test_twenty_concurrent_inserts_of_the_same_kudos_make_one_row[postgres]",
               "tests/test_cli_errors.py::test_a_database_that_does_not_exist_is_named_without_sqlalchemy_links"]


def pytest_run(tmp_path: Path, *tests: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k != PG_ENV} | {"TMPDIR": str(tmp_path)} | env
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", *tests],
                          cwd=ROOT, env=environ, capture_output=True, text=True, timeout=300)


@pytest.mark.skipif(importlib.util.find_spec("pgserver") is None, reason="pgserver has no build for this Python")
@pytest.mark.parametrize("installed", ["as installed", "in a folder only its owner may enter"])
def test_without_a_server_the_session_starts_a_throwaway_one_and_removes_it(tmp_path, installed):
    env = {}
    if installed != "as installed":  # a checkout under /root, say: run as root, the server's user cannot get in
        private = tmp_path / "private"
        package = Path(importlib.util.find_spec("pgserver").submodule_search_locations[0])
        for part in (package, package.parent / "pgserver.libs"):  # the package, and the libraries its wheel vendors
            if part.is_dir():
                shutil.copytree(part, private / "site" / part.name, symlinks=True)
        private.chmod(0o700)
        env["PYTHONPATH"] = str(private / "site")
    result = pytest_run(tmp_path, *ON_POSTGRES, **env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"\b2 passed\b", result.stdout) and "skipped" not in result.stdout
    [folder] = re.findall(r"PostgreSQL cases ran on a throwaway server \(postgresql\+asyncpg://postgres@127\.0\.0\.1:"
                          r"\d+/postgres, data in (\S+)\), removed now\.", result.stdout)
    assert "kodo-test-postgres-" in folder and not Path(folder).exists()  # its data, log and socket are gone


def test_when_no_server_can_start_the_cases_skip_under_one_line(tmp_path):
    broken = tmp_path / "site" / "pgserver"  # a pgserver without its binaries
    broken.mkdir(parents=True)
    (broken / "__init__.py").write_text("")
    result = pytest_run(tmp_path, "tests/test_storage.py", "tests/test_cli_errors.py",
                        "-k", "concurrent or does_not_exist",
                        PYTHONPATH=str(broken.parent))
    assert result.returncode == 0, result.stdout + result.stderr
    skipped = [line for line in result.stdout.splitlines() if line.startswith("SKIPPED")]
    assert len(skipped) == 1, result.stdout
    assert skipped[0].startswith("SKIPPED [3] tests/conftest.py") and PG_ENV in skipped[0]
    assert "no throwaway server could start (the pgserver package has no PostgreSQL binaries" in skipped[0]
    assert re.search(r"\b2 passed, 3 skipped\b", result.stdout)  # the SQLite cases still run


def test_a_named_server_that_does_not_answer_fails_the_cases(tmp_path):
    closed = f"postgresql+asyncpg://postgres@127.0.0.1:{free_port()}/test"
    result = pytest_run(tmp_path, ON_POSTGRES[0], **{PG_ENV: closed})
    assert result.returncode == 1 and re.search(r"\b1 (failed|error)\b", result.stdout), result.stdout
    assert list(tmp_path.glob("kodo-test-postgres-*")) == []  # nothing started in its place
