"""The example Prometheus set-up in deploy/prometheus/ (shown in the operations guide) fits the Kodo of
today: the files parse, and every Kodo series an alert or the guide names is one the app really serves."""

from __future__ import annotations

import re
from pathlib import Path

import yaml
from aiohttp.test_utils import TestClient, TestServer

from adapters.metrics import LATE_BUCKETS
from adapters.web import create_app
from bot.config import Settings
from bot.wiring import runtime
from tests.scrape import Scrape

ROOT = Path(__file__).resolve().parent.parent
DEPLOY = ROOT / "deploy" / "prometheus"
SERIES = re.compile(r"\bkodo_[a-z_]+")


async def served_names(tmp_path) -> set[str]:
    async with runtime(Settings(database_url=f"sqlite+aiosqlite:///{tmp_path}/kodo.db")) as rt:
        async with TestClient(TestServer(create_app(rt), host="127.0.0.1")) as client:
            response = await client.get("/metrics")
            return Scrape(await response.text()).names


async def test_every_alert_names_series_kodo_serves(tmp_path):
    rules = yaml.safe_load((DEPLOY / "alerts.yml").read_text())["groups"]
    alerts = {rule["alert"]: rule["expr"] for group in rules for rule in group["rules"]}
    assert {"KodoSlackErrors", "KodoSchedulerLate", "KodoDatabaseSlow"} <= set(alerts)
    served = await served_names(tmp_path)
    for name, expr in alerts.items():
        for series in SERIES.findall(expr):
            assert series in served, f"{name} uses {series}, which /metrics does not serve"
    assert '"/slack/events"' in alerts["KodoSlackErrors"]
    [late] = re.findall(r'kodo_scheduler_lag_seconds_bucket\{le="([0-9.]+)"\}', alerts["KodoSchedulerLate"])
    assert float(late) in LATE_BUCKETS  # a bucket that exists, or the rule would never fire


async def test_the_scrape_config_loads_the_rules_and_the_guide_shows_both(tmp_path):
    config = yaml.safe_load((DEPLOY / "prometheus.yml").read_text())
    assert [(DEPLOY / f).exists() for f in config["rule_files"]] == [True]
    [job] = config["scrape_configs"]
    assert job["metrics_path"] == "/metrics"
    guide = (ROOT / "docs" / "operations.md").read_text()
    section = guide.split("\n## Monitoring\n", 1)[1].split("\n## ", 1)[0]
    for file in ("prometheus.yml", "alerts.yml"):
        assert (DEPLOY / file).read_text().strip() in section, f"docs/operations.md's copy of {file} is out of date"
    served = await served_names(tmp_path)
    for series in SERIES.findall(section):  # a histogram is named in the table by its base name
        assert series in served or f"{series}_count" in served, series
