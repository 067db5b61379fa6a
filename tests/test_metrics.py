"""``KODO_METRICS_PORT``: the page moves to a port of its own and leaves the main one."""

from __future__ import annotations

import socket

import aiohttp
import pytest

from adapters.metrics import Metrics
from bot.config import ConfigError, Settings
from tests.fakes.slack_api import reaction
from tests.scrape import scrape
from tests.slack.conftest import slack_world


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


async def test_with_a_metrics_port_the_page_is_served_there_only(tmp_path, monkeypatch):
    monkeypatch.setattr("adapters.slack.deliver.DM_WINDOW", 0.0)
    port = free_port()
    async with slack_world(f"sqlite+aiosqlite:///{tmp_path}/kodo.db", host="127.0.0.1", metrics_port=port) as slack:
        await slack.event(reaction("reaction_added", "U_ALICE", "kodo3", "U_BOB"))
        async with slack.http.get(slack.base + "/metrics") as main:
            assert main.status == 404
        page = await scrape(f"http://127.0.0.1:{port}/metrics")
        assert page.value("kodo_kudos_recorded_total", platform="slack", source="reaction", outcome="created") == 1
        assert page.value("kodo_http_requests_total", route="/slack/events", status="200") == 1
        assert page.value("kodo_http_requests_total", route="unmatched", status="404") == 1  # the main port's
    with pytest.raises(aiohttp.ClientConnectionError):  # stopped with the app
        await scrape(f"http://127.0.0.1:{port}/metrics")


def test_kodo_metrics_port_is_read_and_checked():
    assert Settings.from_env({}).metrics_port is None
    assert Settings.from_env({"KODO_METRICS_PORT": "9464"}).metrics_port == 9464
    for wrong in ("metrics", "0", "70000"):
        with pytest.raises(ConfigError, match="KODO_METRICS_PORT"):
            Settings.from_env({"KODO_METRICS_PORT": wrong})


def test_each_app_counts_on_a_registry_of_its_own():
    one, other = Metrics(), Metrics()
    one.kudos("slack", "reaction", "created")
    assert b'kodo_kudos_recorded_total{outcome="created",platform="slack",source="reaction"} 1.0' in one.page()[0]
    assert b"kodo_kudos_recorded_total{" not in other.page()[0]
