"""Kodo's operating figures, as Prometheus counts them, for whoever runs it (``GET /metrics``).

One ``Metrics`` per runtime, on a registry of its own (never the library's global one), so two apps
in one process, as in the tests, count apart. It is the core's ``Meter`` (kudos recorded and
refused, posts, scheduler runs and lateness), the database's stopwatch (``storage.timing``) and,
through ``adapters.metrics_web``, the web app's request counter. It imports no aiohttp, so a
command-line run pays only for the library.

No label carries a person, a channel, a path with an id in it, or anything typed: routes are the
app's own templates (``/slack/events``), everything else a word from a short fixed list. So the
page needs no token, and the number of series stays small and fixed however busy Kodo is.
"""

from __future__ import annotations

import time

from prometheus_client import (CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Gauge, Histogram,
                               ProcessCollector, disable_created_metrics, generate_latest)

RECORDED = frozenset({"created", "restored"})
# Few buckets each, at the thresholds worth alerting on: every bucket is a line of every scrape.
HTTP_BUCKETS = (.01, .05, .1, .25, .5, 1.0, 3.0)  # 3 s: Slack gives up and retries
DB_BUCKETS = (.001, .0025, .01, .05, .25, 1.0)
LATE_BUCKETS = (60, 300, 600, 1800, 3600, 10800)  # 3 hours: past that, a slot is skipped


class Metrics:
    def __init__(self) -> None:
        disable_created_metrics()  # no ``_created`` twin per series: half the page, and nothing alerts on it
        self.registry = r = CollectorRegistry(auto_describe=False)
        ProcessCollector(registry=r)
        self.requests = Counter("kodo_http_requests", "HTTP requests answered, by route template and status",
                                ["route", "status"], registry=r)
        self.duration = Histogram("kodo_http_request_duration_seconds", "Time to answer an HTTP request",
                                  ["route"], buckets=HTTP_BUCKETS, registry=r)
        self.recorded = Counter("kodo_kudos_recorded", "Kudos recorded (created, or a revoked one restored)",
                                ["platform", "source", "outcome"], registry=r)
        self.refused = Counter("kodo_kudos_refused", "Kudos not recorded, by reason (duplicate, limit, self, "
                               "bot, invalid, too_long)", ["platform", "source", "reason"], registry=r)
        self.revoked = Counter("kodo_kudos_revoked", "Kudos revoked by removing the reaction", ["platform"],
                               registry=r)
        self.posts = Counter("kodo_posts", "Messages Kodo posted: scheduled (tips, roundup) and replies "
                             "(private, channel, direct), by outcome (sent, failed)", ["platform", "kind", "outcome"],
                             registry=r)
        self.runs = Counter("kodo_scheduler_runs", "Scheduler runs by job and outcome (ok, failed)",
                            ["job", "outcome"], registry=r)
        self.last_run = Gauge("kodo_scheduler_last_run_timestamp_seconds", "When the scheduler last ran (Unix time)",
                              registry=r)
        self.lateness = Histogram("kodo_scheduler_lag_seconds", "Seconds between a slot's scheduled time and "
                                  "the run that posted it", ["kind"], buckets=LATE_BUCKETS, registry=r)
        self.db = Histogram("kodo_db_statement_duration_seconds", "Database statement (and SQLite group commit) "
                            "time, by kind", ["statement"], buckets=DB_BUCKETS, registry=r)
        self._found: dict[tuple, object] = {}  # (metric, labels) -> its series: looked up once, not per event

    def _series(self, metric, *labels: str):
        key = (metric, labels)
        series = self._found.get(key)
        if series is None:
            series = self._found[key] = metric.labels(*labels)
        return series

    # ---- the core's Meter ---------------------------------------------------------------------

    def kudos(self, platform: str, source: str, outcome: str) -> None:
        if outcome in RECORDED:
            self._series(self.recorded, platform, source, outcome).inc()
        elif outcome == "revoked":
            self._series(self.revoked, platform).inc()
        else:
            self._series(self.refused, platform, source, outcome).inc()

    def posted(self, platform: str, kind: str, ok: bool) -> None:
        self._series(self.posts, platform, kind, "sent" if ok else "failed").inc()

    def scheduled(self, job: str, ok: bool) -> None:
        self.runs.labels(job, "ok" if ok else "failed").inc()
        self.last_run.set(time.time())

    def late(self, kind: str, seconds: float) -> None:
        self.lateness.labels(kind).observe(seconds)

    # ---- the database's stopwatch (storage.timing.Observe) --------------------------------------

    def statement(self, kind: str, seconds: float) -> None:
        self._series(self.db, kind).observe(seconds)

    # ---- HTTP (adapters.metrics_web) ----------------------------------------------------------

    def answered(self, route: str, status: int, seconds: float) -> None:
        self._series(self.requests, route, str(status)).inc()
        self._series(self.duration, route).observe(seconds)

    def page(self) -> tuple[bytes, str]:
        """The text a scrape reads, and its content type."""
        return generate_latest(self.registry), CONTENT_TYPE_LATEST
