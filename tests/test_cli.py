"""``kodo`` as a person runs it: real processes, stdin, stdout, exit codes."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fakes.databases import fresh_postgres

ROOT = Path(__file__).resolve().parents[1]
KODO = str(Path(sys.executable).parent / "kodo")


def kodo(*args: str, stdin: str = "", env: dict | None = None, cwd: Path | None = None):
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("KODO_", "SLACK_", "MICROSOFT_"))}
    environment.pop("DATABASE_URL", None)
    environment.update(env or {})
    return subprocess.run([KODO, *args], input=stdin, capture_output=True, text=True, env=environment, cwd=cwd,
                          timeout=60)


@pytest.fixture
def sqlite(tmp_path):
    return {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/kodo.db"}


def test_principle_lookups_from_stdin(sqlite, tmp_path):
    result = kodo("console", "--user", "alice", stdin="/principle 3\n/principle ３\n/principle 三\n/principle 顧客\n",
                  env=sqlite, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert out.count("■ #3 誰ひとり取り残されないようにしよう") == 3
    assert out.count("特定のユーザーだけが恩恵を享受できるサービスにしてしまうこと") == 3
    search = out.split("「顧客」に関係する原則", 1)[1]
    assert search.index("#1 顧客視点でデザインしよう") < search.index("#3 ")


def test_a_console_session_records_reaction_kudos(sqlite, tmp_path):
    script = "/as bob\nレビューしました\n/as alice\n/react 1 kodo3\n/react 1 kodo3\n/kodo me\n"
    result = kodo("console", stdin=script, env=sqlite, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "[1] bob: レビューしました" in result.stdout
    exported = kodo("export", "--format", "json", env=sqlite, cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    [row] = json.loads(exported.stdout)
    assert (row["giver"], row["receiver"], row["principle"], row["source"], row["revoked_at"]) == (
        "alice", "bob", 3, "reaction", None)
    assert row["channel"] == "#general" and row["created_at"]


def test_export_csv_has_the_contract_fields_and_revoked_kudos(sqlite, tmp_path):
    script = "/as bob\nhi\n/as alice\n/react 1 kodo2\n/unreact 1 kodo2\n/kudos @bob 5 安全第一\n"
    assert kodo("console", stdin=script, env=sqlite, cwd=tmp_path).returncode == 0
    result = kodo("export", env=sqlite, cwd=tmp_path)
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["platform", "giver", "receiver", "principle", "reason", "source", "channel", "message",
                             "created_at", "revoked_at", "workspace", "organisation", "visibility", "pack"]
    assert [(r["workspace"], r["organisation"], r["visibility"], r["pack"]) for r in rows] == [
        ("console", "", "public", "tokyo")] * 2
    assert [(r["principle"], r["source"], bool(r["revoked_at"])) for r in rows] == [
        ("2", "reaction", True), ("5", "command", False)]
    assert rows[1]["reason"] == "安全第一"
    later = kodo("export", "--since", "2999-01-01", env=sqlite, cwd=tmp_path)
    assert later.stdout.strip().count("\n") == 0  # the header only


def test_tip_on_a_working_day_and_on_a_holiday(sqlite, tmp_path):
    working = kodo("tip", "--date", "2026-11-24", env=sqlite, cwd=tmp_path)
    assert working.returncode == 0 and "2026年11月24日（火）の行動規範" in working.stdout  # another day's: not 今日の
    assert "/principle 1" in working.stdout
    for holiday in ("2026-11-23", "2026-11-28"):  # Labour Thanksgiving Day; a Saturday
        result = kodo("tip", "--date", holiday, env=sqlite, cwd=tmp_path)
        assert result.returncode == 0
        assert result.stdout.strip().count("\n") == 0 and "配信はありません" in result.stdout
    english = kodo("tip", "--date", "2026-11-24", env={**sqlite, "KODO_LOCALE": "en"}, cwd=tmp_path)
    assert "Principle for Tuesday 24 November 2026" in english.stdout
    closed = kodo("tip", "--date", "2026-12-25", env={**sqlite, "KODO_CLOSED_DAYS": "2026-12-25"}, cwd=tmp_path)
    assert (closed.returncode, closed.stdout) == (0, "2026年12月25日（金）は休業日に定められているため、"
                                                     "行動規範のヒントの配信はありません。\n")


def test_roundup_prints_the_week(sqlite, tmp_path):
    assert kodo("migrate", env=sqlite, cwd=tmp_path).returncode == 0  # printing only reads: a database must be there
    result = kodo("roundup", "--week", "2026-W47", env=sqlite, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "2026年11月16日の週の称賛まとめ" in result.stdout and "今週" not in result.stdout


@pytest.mark.parametrize("args, env, message", [
    (["tip", "--date", "2026-13-01"], {}, "not a date"),
    (["roundup", "--week", "soon"], {}, "week must look like 2026-W48"),
    (["console", "--locale", "fr"], {}, "invalid choice"),
    (["frobnicate"], {}, "invalid choice"),
    (["tip"], {"KODO_TIMEZONE": "Mars/Olympus"}, "KODO_TIMEZONE"),
    (["tip"], {"KODO_DAILY_KUDOS_LIMIT": "lots"}, "KODO_DAILY_KUDOS_LIMIT"),
    (["tip"], {"DATABASE_URL": "postgresql+asyncpg://kodo:s3cret@127.0.0.1:1/kodo"}, "cannot reach the database"),
    (["tip"], {"DATABASE_URL": "not a url"}, "DATABASE_URL"),
    (["tip"], {"KODO_CONTENT": "/nonexistent/pack"}, "content pack"),
    (["serve"], {"SLACK_BOT_TOKEN": "xoxb-secret-token"}, "SLACK_SIGNING_SECRET"),
])
def test_user_errors_are_one_line_without_traceback(tmp_path, sqlite, args, env, message):
    result = kodo(*args, env={**sqlite, **env}, cwd=tmp_path)
    assert result.returncode != 0
    assert message in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "s3cret" not in result.stderr and "xoxb-secret-token" not in result.stderr


def test_help_is_fast_and_loads_no_platform_sdk():
    probe = ("import sys\nfrom bot import cli\ntry:\n    cli.main(['--help'])\nexcept SystemExit:\n    pass\n"
             "heavy = [m for m in ('slack_bolt', 'slack_sdk', 'botbuilder', 'aiohttp', 'sqlalchemy', 'apscheduler',"
             " 'pydantic', 'holidays') if m in sys.modules]\nprint('HEAVY', heavy, file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert "HEAVY []" in result.stderr and "console" in result.stdout


async def test_postgres_commands_refuse_an_old_schema_until_migrated(pg_admin):
    async with fresh_postgres(pg_admin) as url:
        check_migrations(url)


def check_migrations(url: str) -> None:
    env = {"DATABASE_URL": url}
    refused = kodo("tip", "--date", "2026-11-24", env=env)
    assert refused.returncode == 1 and "kodo migrate" in refused.stderr
    migrated = kodo("migrate", env=env)
    assert migrated.returncode == 0 and "-> 0" in migrated.stdout
    assert kodo("tip", "--date", "2026-11-24", env=env).returncode == 0
    assert "up to date" in kodo("migrate", env=env).stdout


def test_the_docker_image_runs_the_installed_script():
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert 'CMD ["kodo", "serve"]' in dockerfile
    assert "HEALTHCHECK" in dockerfile and "/healthz" in dockerfile
    assert "USER " in dockerfile and "USER root" not in dockerfile
    assert "pip install" in dockerfile and " ." in dockerfile  # installs the project itself
    import tomllib

    scripts = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts == {"kodo": "bot.cli:main"}
    assert Path(KODO).is_file()


def piped_into_head(args: list[str], stdin: str, env: dict, cwd: Path, lines: int) -> tuple[str, str, int]:
    """``printf … | kodo ARGS | head -LINES``: what head printed, kodo's stderr and kodo's exit status."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("KODO_", "SLACK_", "MICROSOFT_"))}
    environment.update(env)
    kodo_process = subprocess.Popen([KODO, *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, env=environment, cwd=cwd)
    head = subprocess.Popen(["head", f"-{lines}"], stdin=kodo_process.stdout, stdout=subprocess.PIPE, text=True)
    kodo_process.stdout.close()  # head alone reads it: once head is gone, kodo's stdout is a closed pipe
    kodo_process.stdin.write(stdin.encode())
    kodo_process.stdin.close()
    shown = head.communicate(timeout=60)[0]
    stderr = kodo_process.stderr.read().decode()
    return shown, stderr, kodo_process.wait(timeout=60)


SIGPIPE_STATUS = 141  # 128 + SIGPIPE: what a shell reports for `yes | head -1`


def test_a_reader_that_stops_early_ends_the_console_quietly(sqlite, tmp_path):
    shown, stderr, status = piped_into_head(["console"], "/principle 3\n" * 200, sqlite, tmp_path, 2)
    assert shown.startswith("kodo (only ") and shown.count("\n") == 2
    assert (stderr, status) == ("", SIGPIPE_STATUS)


def test_a_reader_that_stops_early_ends_an_export_quietly(sqlite, tmp_path):
    reason = "丁寧なレビューで" * 30
    script = "".join(f"/kudos @bob{i} 3 {reason}\n" for i in range(300))
    given = kodo("console", stdin=script, env={**sqlite, "KODO_DAILY_KUDOS_LIMIT": "0"}, cwd=tmp_path)
    assert given.returncode == 0 and given.stdout.count("を記録しました") == 300
    for fmt, first in (("csv", "platform,giver,receiver"), ("json", "[")):
        shown, stderr, status = piped_into_head(["export", "--format", fmt], "", sqlite, tmp_path, 1)
        assert shown.startswith(first) and shown.count("\n") == 1
        assert (stderr, status) == ("", SIGPIPE_STATUS)


def commands(parser, path=()):
    """Every (command path, parser) under ``parser``, ``kodo`` itself first."""
    import argparse

    yield path, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield from commands(child, (*path, name))


def test_every_command_says_what_it_does_and_every_option_has_help():
    import argparse

    from bot.cli import build_parser

    found = list(commands(build_parser()))
    assert {" ".join(path) for path, _ in found} >= {"serve", "migrate", "doctor", "teams-package", "export",
                                                     "content check", "dashboard"}
    for path, parser in found:
        assert parser.description and parser.description.strip(), f"kodo {' '.join(path)} --help has no description"
        for action in parser._actions:
            if not isinstance(action, argparse._SubParsersAction) and action.dest != "help":
                name = action.option_strings[0] if action.option_strings else action.dest
                assert action.help and action.help.strip(), f"kodo {' '.join(path)} {name} has no help"


@pytest.mark.parametrize("command, says", [("serve", "Slack"), ("migrate", "schema"), ("doctor", "Slack")])
def test_help_of_a_command_is_more_than_a_usage_line(command, says):
    shown = kodo(command, "--help")
    assert shown.returncode == 0 and says in shown.stdout.split("options:")[0], shown.stdout
