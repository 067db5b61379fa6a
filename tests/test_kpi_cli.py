"""``kodo kpi`` and ``kodo dashboard`` as a person runs them: real processes, numbers against ``kodo export``."""

from __future__ import annotations

import csv
import io
import json
import socket
import subprocess
import urllib.error
import urllib.request
from collections import Counter
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from bench.serving import free_port, stop
from bot.kpi import weeks_until
from tests.test_cli import KODO, kodo, sqlite  # noqa: F401 - the fixture

SCRIPT = ("/as bob\nレビューしました\n/as carol\n設計しました\n/as alice\n/react 1 kodo3\n/react 2 kodo1\n"
          "/kudos @dave 5 安全第一\n/as erin\n/react 1 kodo3\n/react 2 kodo3\n/unreact 2 kodo3\n")


def expected(export: list[dict], weeks: int) -> list[dict]:
    """The contract's weekly numbers, counted by hand from ``kodo export``."""
    tokyo = ZoneInfo("Asia/Tokyo")
    names = [w.name for w in weeks_until(datetime.now(timezone.utc), tokyo, weeks)]
    standing = [r for r in export if not r["revoked_at"] and r["pack"] == "tokyo"]
    rows = []
    for name in names:
        mine = [r for r in standing if _week(datetime.fromisoformat(r["created_at"]).astimezone(tokyo)) == name]
        per = Counter(r["principle"] for r in mine)
        rows.append({"week": name, "kudos": len(mine), "givers": len({r["giver"] for r in mine}),
                     "receivers": len({r["receiver"] for r in mine}),
                     "per_principle": {str(n): per[n] for n in range(1, 11)}})
    return rows


def _week(at: datetime) -> str:
    year, week, _ = at.isocalendar()
    return f"{year}-W{week:02d}"


def test_kodo_kpi_json_and_csv_match_the_export(sqlite, tmp_path):  # noqa: F811
    assert kodo("console", stdin=SCRIPT, env=sqlite, cwd=tmp_path).returncode == 0
    export = json.loads(kodo("export", "--format", "json", env=sqlite, cwd=tmp_path).stdout)
    assert len(export) == 5
    result = kodo("kpi", "--weeks", "3", env=sqlite, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [{k: w[k] for k in ("week", "kudos", "givers", "receivers", "per_principle")}
            for w in data["weeks"]] == expected(export, 3)
    assert data["weeks"][-1]["kudos"] == 4  # one of the five was revoked
    assert data["principles"][2] == {"number": 3, "title": "誰ひとり取り残されないようにしよう", "kudos": 2}
    assert "alice" not in result.stdout and "bob" not in result.stdout

    as_csv = kodo("kpi", "--weeks", "3", "--format", "csv", env=sqlite, cwd=tmp_path)
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert [(r["week"], int(r["kudos"]), int(r["givers"]), int(r["receivers"]), int(r["p3"])) for r in rows] == [
        (w["week"], w["kudos"], w["givers"], w["receivers"], w["per_principle"]["3"]) for w in data["weeks"]]
    english = json.loads(kodo("kpi", env={**sqlite, "KODO_LOCALE": "en"}, cwd=tmp_path).stdout)
    assert len(english["weeks"]) == 12 and english["principles"][2]["title"] == "Leave no one behind"


def test_kodo_kpi_refuses_weeks_out_of_range(sqlite, tmp_path):  # noqa: F811
    for weeks in ("0", "105", "many"):
        result = kodo("kpi", "--weeks", weeks, env=sqlite, cwd=tmp_path)
        assert result.returncode == 2 and "weeks" in result.stderr and "Traceback" not in result.stderr


def _outward_address() -> str | None:
    """This machine's address on its network (no packet is sent), if it has one besides loopback."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        try:
            s.connect(("10.255.255.255", 1))
            address = s.getsockname()[0]
        except OSError:
            return None
    return None if address.startswith("127.") else address


def test_kodo_dashboard_serves_on_loopback_only_without_a_token(sqlite, tmp_path):  # noqa: F811
    assert kodo("console", stdin=SCRIPT, env=sqlite, cwd=tmp_path).returncode == 0
    port = free_port()
    env = {k: v for k, v in __import__("os").environ.items() if not k.startswith(("KODO_", "SLACK_", "MICROSOFT_"))}
    env.update(sqlite, HOST="0.0.0.0", PYTHONUNBUFFERED="1")
    process = subprocess.Popen([KODO, "dashboard", "--port", str(port)], env=env, cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline().startswith(f"http://127.0.0.1:{port}/dashboard")
        for _ in range(200):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/dashboard?lang=en", timeout=2) as page:
                    html = page.read().decode()
                break
            except OSError:
                __import__("time").sleep(0.05)
        assert "Code of conduct dashboard" in html and 'data-kpi="total">4<' in html
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/kpi?weeks=1", timeout=2) as api:
            assert json.loads(api.read())["weeks"][0]["kudos"] == 4
        if (outward := _outward_address()) is not None:
            with socket.socket() as s:
                s.settimeout(1)
                assert s.connect_ex((outward, port)) != 0, "kodo dashboard must listen on 127.0.0.1 only"
    finally:
        stop(process)


def test_kodo_dashboard_prints_its_url_once_it_answers_there(sqlite, tmp_path):  # noqa: F811
    assert kodo("migrate", env=sqlite, cwd=tmp_path).returncode == 0
    port = free_port()
    env = {k: v for k, v in __import__("os").environ.items() if not k.startswith(("KODO_", "SLACK_", "MICROSOFT_"))}
    env.update(sqlite, PORT=str(free_port()), PYTHONUNBUFFERED="1")  # PORT is kodo serve's: --port decides
    process = subprocess.Popen([KODO, "dashboard", "--port", str(port)], env=env, cwd=tmp_path,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert process.stdout.readline() == f"http://127.0.0.1:{port}/dashboard  (Ctrl+C to stop)\n"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/dashboard?lang=en", timeout=5) as page:
            assert page.status == 200  # at the first try: the URL is printed once Kodo listens there
    finally:
        stop(process)


def test_kodo_dashboard_runs_beside_kodo_serve_whatever_its_metrics_port(sqlite, tmp_path):  # noqa: F811
    """``KODO_METRICS_PORT``, like HOST and PORT, is ``kodo serve``'s: the dashboard neither takes that
    port (in use here, as it would be by the server) nor offers ``/metrics`` itself."""
    assert kodo("migrate", env=sqlite, cwd=tmp_path).returncode == 0
    port = free_port()
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        env = {k: v for k, v in __import__("os").environ.items() if not k.startswith(("KODO_", "SLACK_", "MICROSOFT_"))}
        env.update(sqlite, HOST="127.0.0.1", KODO_METRICS_PORT=str(taken.getsockname()[1]), PYTHONUNBUFFERED="1")
        process = subprocess.Popen([KODO, "dashboard", "--port", str(port)], env=env, cwd=tmp_path,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            assert process.stdout.readline() == f"http://127.0.0.1:{port}/dashboard  (Ctrl+C to stop)\n"
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/dashboard?lang=en", timeout=5) as page:
                assert page.status == 200
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5)
                raise AssertionError("kodo dashboard offers /metrics")
            except urllib.error.HTTPError as refused:
                assert refused.code == 404
        finally:
            stop(process)
