"""The deployment files tell the truth without a Docker engine (none on the build machine): the compose
file runs PostgreSQL, migrates, then serves; .env.example documents every variable Kodo reads; the
Dockerfile installs its dependency layer from the lock file before the code; the lock files pin
every dependency of pyproject.toml with hashes, the test lock at the runtime lock's versions."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]


def compose() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text())


def test_compose_runs_postgres_then_migrates_then_serves():
    services = compose()["services"]
    assert set(services) == {"db", "migrate", "kodo"}
    db, migrate, kodo = services["db"], services["migrate"], services["kodo"]
    assert db["image"].startswith("postgres:") and "pg_isready" in " ".join(db["healthcheck"]["test"])
    assert "pgdata:/var/lib/postgresql/data" in db["volumes"] and "pgdata" in compose()["volumes"]
    assert migrate["command"] == ["kodo", "migrate"] and migrate["restart"] == "no"
    assert migrate["depends_on"] == {"db": {"condition": "service_healthy"}}
    assert kodo["command"] == ["kodo", "serve"]
    assert kodo["depends_on"] == {"migrate": {"condition": "service_completed_successfully"}}
    assert kodo["ports"] == ["3000-3009:3000"]  # a host port per replica with --scale
    for service in (migrate, kodo):
        assert service["build"] == "." and service["env_file"] == ".env" and service["image"] == "kodo"
        assert service["environment"]["DATABASE_URL"] == "postgresql+asyncpg://kodo:${POSTGRES_PASSWORD}@db:5432/kodo"
    assert db["environment"]["POSTGRES_PASSWORD"].startswith("${POSTGRES_PASSWORD:?")


def test_the_compose_database_url_is_one_kodo_accepts():
    from storage.db import create_engine

    url = compose()["services"]["kodo"]["environment"]["DATABASE_URL"].replace("${POSTGRES_PASSWORD}", "pw")
    assert create_engine(url).dialect.driver == "asyncpg"


def documented() -> dict[str, str]:
    """Variable -> its line in .env.example, commented out or not."""
    found = {}
    for line in (ROOT / ".env.example").read_text().splitlines():
        m = re.match(r"#?([A-Z][A-Z0-9_]+)=(.*)", line)
        if m:
            found[m.group(1)] = m.group(2)
    return found


def read_by_kodo() -> set[str]:
    """The environment variables Kodo's code reads."""
    read = set(re.findall(r'get\("([A-Z][A-Z0-9_]+)"\)', (ROOT / "bot" / "config.py").read_text()))
    for module in (ROOT / "bot").rglob("*.py"):  # the command line reads a few itself (KODO_DEBUG)
        read |= set(re.findall(r'environ\.get\("(KODO_[A-Z0-9_]+)"', module.read_text()))
    from bot.features import REGISTRY

    return read | {setting.name for setting in REGISTRY.settings}  # and each feature its own


def test_env_example_documents_every_variable_kodo_reads():
    read = read_by_kodo()
    assert read and not read - set(documented()), sorted(read - set(documented()))
    assert "POSTGRES_PASSWORD" in documented()
    text = (ROOT / ".env.example").read_text()
    for name in read:  # every variable has a comment above it or in its group's comment
        assert re.search(rf"#[^\n]*\n(#?[A-Z_]+=[^\n]*\n)*#?{name}=", text), name


def test_the_configuration_guide_lists_every_variable_kodo_reads_and_no_other():
    guide = (ROOT / "docs" / "configuration.md").read_text()
    rows = [line.split("|")[1] for line in guide.splitlines() if line.startswith("| `")]
    listed = {name for cell in rows for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", cell)}
    assert listed == read_by_kodo(), (sorted(read_by_kodo() - listed), sorted(listed - read_by_kodo()))


def test_env_files_stay_out_of_git_and_of_the_image():
    assert ".env" in (ROOT / ".gitignore").read_text().split()
    assert ".env" in (ROOT / ".dockerignore").read_text().split()


def test_env_example_values_are_valid_settings():
    from bot.config import Settings

    settings = Settings.from_env(documented())
    assert settings.content == "tokyo" and settings.locale == "ja" and not settings.slack_enabled


def test_the_dockerfile_installs_the_lock_before_the_code():
    lines = [line.strip() for line in (ROOT / "Dockerfile").read_text().splitlines()]
    lock = lines.index("COPY requirements.lock ./")
    install = next(i for i, line in enumerate(lines) if "pip install --require-hashes -r requirements.lock" in line)
    first_code = min(i for i, line in enumerate(lines)
                     if re.match(r"COPY (bot|adapters|content|scheduler|storage)", line))
    assert lock < install < first_code
    assert any("pip install --no-deps ." in line for line in lines[first_code:])


def pins(name: str) -> dict[str, str]:
    text = (ROOT / name).read_text()
    return {m.group(1).lower(): m.group(2) for m in re.finditer(r"^([A-Za-z0-9_.-]+)==([^ ;\\\n]+)", text, re.M)}


def test_the_lock_files_cover_pyproject_with_hashes_and_agree():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime, test = pins("requirements.lock"), pins("requirements-test.lock")
    for requirement, lock in [(r, runtime) for r in project["dependencies"]] + [
            (r, test) for r in project["dependencies"] + project["optional-dependencies"]["test"]]:
        req = Requirement(requirement)
        name = re.sub(r"[-_.]+", "-", req.name).lower()
        assert name in lock, f"{name} is not in the lock file: run `make lock`"
        assert req.specifier.contains(lock[name]), f"{name}=={lock[name]} is outside {req.specifier}: `make lock`"
    assert all(test[name] == version for name, version in runtime.items())  # the same versions
    for name in ("requirements.lock", "requirements-test.lock"):
        entries = re.split(r"\n(?=[A-Za-z0-9])", (ROOT / name).read_text())  # one per pinned package
        pinned = [entry for entry in entries if "==" in entry.split("\n", 1)[0]]
        assert pinned and all("--hash=sha256:" in entry for entry in pinned), name


def test_every_dependency_has_an_upper_bound():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    for requirement in project["dependencies"] + project["optional-dependencies"]["test"]:
        assert any(spec.operator in ("<", "<=", "==", "~=") for spec in Requirement(requirement).specifier), requirement
