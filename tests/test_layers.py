"""The layers are a rule, and ``lint-imports`` (run by ``make test``) holds Kodo to it: the tree as it
is keeps the contracts in ``pyproject.toml``, and a copy of it with one deliberate violation added
breaks them, named by module."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("bot", "content", "adapters", "storage", "scheduler")
LINT = str(Path(sys.executable).parent / "lint-imports")


def lint(tree: Path) -> subprocess.CompletedProcess:
    """``lint-imports`` on ``tree``, with the packages found there rather than in the checkout."""
    return subprocess.run([LINT, "--no-cache", "--no-logo", str(tree / "pyproject.toml")], cwd=tree,
                          env={"PYTHONPATH": str(tree), "PATH": "/usr/bin:/bin"}, capture_output=True, text=True,
                          timeout=120)


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    for package in PACKAGES:
        shutil.copytree(ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__", "*.png"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_kodo_keeps_its_layers(copy):
    result = lint(copy)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 kept, 0 broken" in result.stdout


@pytest.mark.parametrize("module, code, chain", [
    ("bot/violation.py", "import aiohttp\n", "bot.violation -> aiohttp"),
    ("bot/violation.py", "from slack_sdk import WebClient\n", "bot.violation -> slack_sdk"),
    ("content/violation.py", "import sqlalchemy\n", "content.violation -> sqlalchemy"),
    ("bot/violation.py", "from storage.db import create_engine\n", "bot.violation -> storage.db"),
    ("bot/violation.py", "from adapters.logs import setup\n", "bot.violation -> adapters.logs"),  # aiohttp behind it
    ("bot/wiring.py", "import apscheduler\n", "bot.wiring -> apscheduler"),  # the composition root, a library
], ids=["aiohttp", "slack_sdk", "sqlalchemy in content", "storage", "adapters", "apscheduler in wiring"])
def test_a_forbidden_import_breaks_the_contract(copy, module, code, chain):
    path = copy / module
    path.write_text((path.read_text() if path.exists() else "") + code)
    result = lint(copy)
    assert result.returncode == 1 and "0 kept, 1 broken" in result.stdout, result.stdout + result.stderr
    assert chain in result.stdout, result.stdout
