"""Every mistake a user can make with ``kodo`` ends the same way: one line on stderr that names the
cause and the fix, no traceback, no secret, no library's documentation link, and the same exit status
for the same kind of mistake: 2 when the command line is wrong, 1 when something it needs is."""

from __future__ import annotations

import shutil
import socket
from importlib.metadata import version

import pytest

from bench.serving import free_port, kodo_command, kodo_env, started, wait_healthy
from content.loader import PACKS_DIR
from tests.test_cli import kodo

SECRET = "s3cret-pw"


def one_line(result, status: int, *expected: str) -> str:
    assert result.returncode == status, (result.returncode, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr and "Background on this error" not in result.stderr
    assert "sqlalche.me" not in result.stderr and SECRET not in result.stderr + result.stdout
    for text in expected:
        assert text in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def sqlite(tmp_path):
    return {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/kodo.db"}


@pytest.mark.parametrize("args, message", [
    (["tip", "--date", "2026-13-01"], "not a date"),
    (["export", "--since", "yesterday"], "not a date"),
    (["roundup", "--week", "nonsense"], "week must look like 2026-W48"),
    (["roundup", "--week", "2026-W60"], "not a week of the calendar"),
    (["tip", "--week", "nonsense"], "unrecognized arguments: --week"),
    (["export", "--format", "xml"], "invalid choice"),
    (["frobnicate"], "invalid choice"),
])
def test_a_wrong_command_line_exits_2(sqlite, tmp_path, args, message):
    one_line(kodo(*args, env=sqlite, cwd=tmp_path), 2, message, "kodo --help")


@pytest.mark.parametrize("args", [["tip", "--post", "--date", "2026-11-24"], ["tip", "--post", "--date", "2026-11-28"],
                                  ["roundup", "--post"], ["roundup", "--post", "--week", "2026-W47"]])
def test_posting_with_no_platform_fails_alike_for_tips_and_roundups(sqlite, tmp_path, args):
    one_line(kodo(*args, env=sqlite, cwd=tmp_path), 1, "no platform is configured to post to", "SLACK_BOT_TOKEN",
             "MICROSOFT_APP_ID")


@pytest.mark.parametrize("url, expected", [
    (f"postgresql://kodo:{SECRET}@127.0.0.1:5432/kodo", ["postgresql+asyncpg://", "kodo:***@127.0.0.1"]),
    (f"postgres://kodo:{SECRET}@db/kodo", ["postgresql+asyncpg://"]),
    (f"postgresql+psycopg2://kodo:{SECRET}@db/kodo", ["postgresql+asyncpg://"]),
    ("sqlite:///kodo.db", ["sqlite+aiosqlite://"]),
    (f"mysql://kodo:{SECRET}@db/kodo", ["SQLite or PostgreSQL"]),
    (f"postgresql+asyncpg//kodo:{SECRET}@db/kodo", ["not a database URL", "kodo:***@db"]),
    (f"postgresql+asyncpg://kodo:{SECRET}@127.0.0.1:1/kodo", ["cannot reach the database", "connection refused",
                                                              "kodo:***@127.0.0.1:1"]),
    (f"postgresql+asyncpg://kodo:{SECRET}@no-such-host.invalid/kodo", ["cannot reach the database", "unknown host"]),
    (f"postgresql+asyncpg://kodo:{SECRET}@127.0.0.1:99999/kodo", ["DATABASE_URL", "port 99999 is out of range",
                                                                  "1 to 65535", "kodo:***@127.0.0.1:99999"]),
    (f"postgresql+asyncpg://kodo:{SECRET}@db:543x/kodo", ["DATABASE_URL", "port '543x' is not a number",
                                                          "1 to 65535"]),
])
@pytest.mark.parametrize("command", [["tip", "--date", "2026-11-24"], ["migrate"]])
def test_database_urls_are_explained_without_their_password(tmp_path, url, expected, command):
    result = kodo(*command, env={"DATABASE_URL": url}, cwd=tmp_path)
    line = one_line(result, 1, "DATABASE_URL" if "reach" not in expected[0] else "database", *expected)
    assert "No module named" not in line and "ModuleNotFoundError" not in line
    assert "cannot reach" not in line or "reach" in expected[0]  # a wrong URL is not an unreachable host


def test_a_database_that_does_not_exist_is_named_without_sqlalchemy_links(tmp_path, pg_admin):
    url = pg_admin.rsplit("/", 1)[0] + "/kodo_no_such_database"
    one_line(kodo("tip", env={"DATABASE_URL": url}, cwd=tmp_path), 1, "cannot reach the database",
             'database "kodo_no_such_database" does not exist')


@pytest.mark.parametrize("args", [["export"], ["audit"], ["kpi"], ["roundup"], ["roundup", "--week", "2026-W47"],
                                  ["dashboard", "--port", "PORT"]])
def test_commands_that_only_read_do_not_create_a_database_where_there_is_none(tmp_path, args):
    args = [str(free_port()) if arg == "PORT" else arg for arg in args]
    line = one_line(kodo(*args, cwd=tmp_path), 1, "there is no database at", "DATABASE_URL")
    assert line == (f"kodo: there is no database at {tmp_path / 'kodo.db'} (DATABASE_URL): run this where Kodo "
                    "keeps its kodo.db, or set DATABASE_URL to it")
    assert not (tmp_path / "kodo.db").exists() and not list(tmp_path.iterdir())


def test_no_such_pack_lists_the_bundled_ones(sqlite, tmp_path):
    one_line(kodo("content", "check", "nosuch", env=sqlite, cwd=tmp_path), 1, "no content pack 'nosuch'",
             "bandai, tokyo")
    line = one_line(kodo("tip", env={**sqlite, "KODO_CONTENT": "nosuch"}, cwd=tmp_path), 1, "KODO_CONTENT")
    assert "pack.yaml" not in line


@pytest.mark.parametrize("broken, count", [(1, "1 error"), (2, "2 errors")])
def test_error_counts_are_spelled_right(sqlite, tmp_path, broken, count):
    pack = tmp_path / "pack"
    shutil.copytree(PACKS_DIR / "bandai", pack)
    en = pack / "en.yaml"
    text = en.read_text(encoding="utf-8")
    for n in range(1, broken + 1):  # each principle's number made wrong is one error
        text = text.replace(f"- number: {n}\n", f"- number: {n + 20}\n", 1)
    en.write_text(text, encoding="utf-8")
    checked = kodo("content", "check", str(pack), env=sqlite, cwd=tmp_path)
    assert checked.returncode == 1 and checked.stderr.strip().splitlines()[-1] == f"{pack}: {count}"
    one_line(kodo("tip", env={**sqlite, "KODO_CONTENT": str(pack)}, cwd=tmp_path), 1, f"({count})",
             "kodo content check")


@pytest.mark.parametrize("env, expected", [
    ({}, ["MICROSOFT_APP_ID is not set", "GUID"]),
    ({"MICROSOFT_APP_ID": "kodo-bot"}, ["MICROSOFT_APP_ID", "GUID", "'kodo-bot'"]),
    ({"MICROSOFT_APP_ID": "00000000-0000-0000-0000-00000000c0d0", "KODO_PRIVACY_URL": "privacy.example"},
     ["KODO_PRIVACY_URL", "https://"]),
])
def test_teams_package_names_what_is_missing(tmp_path, env, expected):
    one_line(kodo("teams-package", "--out", str(tmp_path / "kodo.zip"), env=env, cwd=tmp_path), 1, *expected)
    assert not (tmp_path / "kodo.zip").exists()


@pytest.mark.parametrize("env, expected", [
    ({"KODO_CLOSED_DAYS": "2026-12-28,next friday"}, ["KODO_CLOSED_DAYS", "'next friday'"]),
    ({"KODO_WEBSITE_URL": "http://intranet"}, ["KODO_WEBSITE_URL", "https://"]),
    ({"SLACK_BOT_TOKEN": "xoxb-" + SECRET}, ["SLACK_SIGNING_SECRET is missing"]),
    ({"MICROSOFT_APP_PASSWORD": SECRET}, ["MICROSOFT_APP_ID is missing"]),
])
def test_configuration_errors_exit_1(sqlite, tmp_path, env, expected):
    one_line(kodo("tip", "--post", env={**sqlite, **env}, cwd=tmp_path), 1, *expected)


def test_version_prints_the_package_version():
    result = kodo("--version")
    assert result.returncode == 0 and result.stdout == f"kodo {version('kodo')}\n"


def test_a_second_server_on_the_same_port_says_the_port_is_in_use(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = kodo("serve", env={"HOST": "127.0.0.1", "PORT": str(port),
                                    "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/kodo.db"}, cwd=tmp_path)
    one_line(result, 1, f"port {port} on 127.0.0.1 is already in use", "PORT")
    assert "database" not in result.stderr


def test_the_dashboard_names_the_port_it_tried_and_the_flag_that_moves_it(tmp_path, sqlite):
    assert kodo("migrate", env=sqlite, cwd=tmp_path).returncode == 0
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = kodo("dashboard", "--port", str(port), env={**sqlite, "HOST": "0.0.0.0", "PORT": "3999"},
                      cwd=tmp_path)
    line = one_line(result, 1, f"port {port} on 127.0.0.1 is already in use", "--port")
    assert "3000" not in line and "3999" not in line and "0.0.0.0" not in line and "PORT" not in line
    assert result.stdout == ""  # no URL of a dashboard that is not there


def test_a_metrics_port_in_use_is_named_with_its_own_setting(tmp_path):
    port = free_port()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        metrics = taken.getsockname()[1]
        result = kodo("serve", env={"HOST": "127.0.0.1", "PORT": str(port), "KODO_METRICS_PORT": str(metrics),
                                    "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/kodo.db"}, cwd=tmp_path)
    line = one_line(result, 1, f"port {metrics} on 127.0.0.1 is already in use", "KODO_METRICS_PORT")
    assert str(port) not in line


def test_serve_starts_without_library_noise(tmp_path):
    port, log = free_port(), tmp_path / "serve.log"
    env = kodo_env(port, tmp_path / "kodo.db", SLACK_BOT_TOKEN="xoxb-" + SECRET, SLACK_SIGNING_SECRET=SECRET,
                   SLACK_API_URL="http://127.0.0.1:9/api/")
    with started([*kodo_command(), "serve"], env=env, log=log) as process:
        wait_healthy(process, port)
    text = log.read_text()
    assert "listening on 127.0.0.1" in text
    for noise in ("token` will be unused", "Adding job tentatively", "Added job", "Scheduler started"):
        assert noise not in text, noise
    assert SECRET not in text


def test_teams_package_links_come_from_the_environment(tmp_path):
    import json
    import zipfile

    out = tmp_path / "kodo.zip"
    env = {"MICROSOFT_APP_ID": "00000000-0000-0000-0000-00000000c0d0", "KODO_WEBSITE_URL": "https://city.example/kodo",
           "KODO_PRIVACY_URL": "https://city.example/privacy", "KODO_TERMS_URL": "https://city.example/terms"}
    assert kodo("teams-package", "--out", str(out), env=env, cwd=tmp_path).returncode == 0
    with zipfile.ZipFile(out) as archive:
        developer = json.loads(archive.read("manifest.json"))["developer"]
    assert developer == {"name": "Kodo", "websiteUrl": "https://city.example/kodo",
                         "privacyUrl": "https://city.example/privacy", "termsOfUseUrl": "https://city.example/terms"}
    unset = kodo("teams-package", "--out", str(out), env={"MICROSOFT_APP_ID": env["MICROSOFT_APP_ID"]}, cwd=tmp_path)
    assert unset.returncode == 0 and "KODO_PRIVACY_URL" in unset.stdout


@pytest.mark.parametrize("week", ["2099-W10", "2093-W53"])
def test_a_week_that_has_not_started_is_a_wrong_command_line(tmp_path, week):
    line = one_line(kodo("roundup", "--week", week, cwd=tmp_path), 2, week, "has not started")
    assert "今週" not in line and not (tmp_path / "kodo.db").exists()
