"""``GET /metrics`` read as Prometheus reads it: parsed by prometheus_client's own text parser."""

from __future__ import annotations

import aiohttp
from prometheus_client.parser import text_string_to_metric_families

SUFFIXES = {"counter": ("_total",), "histogram": ("_bucket", "_sum", "_count"), "gauge": ("",)}


class Scrape:
    def __init__(self, text: str):
        self.text = text
        families = list(text_string_to_metric_families(text))
        self.samples = {(s.name, frozenset(s.labels.items())): s.value for f in families for s in f.samples}
        # every series name the page declares, also for families no event has touched yet
        self.names = {f.name + suffix for f in families for suffix in SUFFIXES.get(f.type, ("",))}

    def value(self, name: str, **labels: str) -> float:
        """One series' value; 0 for a series not counted yet, as PromQL's ``or vector(0)`` would."""
        return self.samples.get((name, frozenset(labels.items())), 0.0)

    def total(self, name: str, **labels: str) -> float:
        """The sum over every series of ``name`` that has at least these labels."""
        wanted = labels.items()
        return sum(v for (n, have), v in self.samples.items() if n == name and wanted <= have)


async def scrape(url: str) -> Scrape:
    async with aiohttp.ClientSession() as http, http.get(url) as response:
        assert response.status == 200, response.status
        assert response.headers["Content-Type"].startswith("text/plain; version=")  # the text format
        return Scrape(await response.text())
