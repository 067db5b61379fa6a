"""The dashboard in a real browser: Debian's chromium, driven by Playwright, against a running
``kodo serve``. It signs in with ``?token=``, reads the numbers this test counted from ``kodo
export`` in Japanese and in English, runs axe-core (WCAG 2.1 A/AA), checks keyboard and print, and
proves that no request left 127.0.0.1. Screenshots go to the test's folder (and to
``KODO_SCREENSHOTS`` when set).

In CI (``CI`` or ``KODO_BROWSER_TESTS`` set, as ``.ci/run`` does) a missing browser or axe-core
fails the test; elsewhere it is skipped with the reason.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import shutil
import subprocess
from datetime import datetime, timedelta, timezone
from pathlib import Path
from urllib.parse import urlparse
from zoneinfo import ZoneInfo

import pytest

from bench.serving import free_port, kodo_command, kodo_env, started, wait_healthy
from tests.test_kpi_cli import expected

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("KODO_CHROMIUM", "/usr/bin/chromium")
REQUIRED = bool(os.environ.get("CI") or os.environ.get("KODO_BROWSER_TESTS"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
TOKEN = "browser-test-token"
WEEKS = 12


def _require(ok: bool, reason: str) -> None:
    if not ok:
        (pytest.fail if REQUIRED else pytest.skip)(reason)


def axe_script() -> Path | None:
    """axe.min.js from npm: ``KODO_AXE_JS``, or where ``.ci/run`` or a global install puts it."""
    candidates = [os.environ.get("KODO_AXE_JS"), ROOT / "node_modules/axe-core/axe.min.js",
                  "/tmp/kodo-ci-node/node_modules/axe-core/axe.min.js", "/usr/lib/node_modules/axe-core/axe.min.js",
                  "/usr/local/lib/node_modules/axe-core/axe.min.js"]
    return next((Path(c) for c in candidates if c and Path(c).is_file()), None)


async def _seed(url: str) -> None:
    """Eleven weeks of kudos from 30 people in three channels, as the app stores them."""
    from bot.ports import NewKudos
    from storage.db import create_engine, migrate
    from storage.stores import open_stores

    engine = create_engine(url)
    await migrate(engine)
    stores = open_stores(engine)
    rng, now, tokyo = random.Random(14), datetime.now(timezone.utc), ZoneInfo("Asia/Tokyo")
    people = [f"U{n:03d}" for n in range(30)]
    for i in range(300):
        at = now - timedelta(minutes=rng.randrange(11 * 7 * 24 * 60))
        giver, receiver = rng.sample(people, 2)
        await stores.kudos.add_kudos(NewKudos(
            platform="slack", giver=giver, receiver=receiver, principle=rng.choice((1, 1, 2, 3, 3, 4, 5, 6, 8, 9, 10)),
            source="reaction", created_at=at, day=at.astimezone(tokyo).date(), channel=f"C{rng.randrange(3)}",
            message=f"m{i}", workspace="T1", visibility="public"), 0)
    await stores.close()
    await engine.dispose()


def _axe(page, script: Path) -> list[dict]:
    page.add_script_tag(path=str(script))
    result = page.evaluate("""async () => await axe.run(document, {runOnly: {type: 'tag',
        values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})""")
    return [{"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:3]}
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


def _check_numbers(page, weeks: list[dict], total_text: str) -> None:
    assert page.locator('[data-kpi="total"]').inner_text() == total_text
    for w in weeks:
        row = page.locator(f'tr[data-week="{w["week"]}"]')
        cells = {name: row.locator(f'td[data-col="{name}"]').inner_text()
                 for name in ("kudos", "givers", "receivers", *(f"p{n}" for n in range(1, 11)))}
        assert cells == {"kudos": str(w["kudos"]), "givers": str(w["givers"]), "receivers": str(w["receivers"]),
                         **{f"p{n}": str(w["per_principle"][str(n)]) for n in range(1, 11)}}, w["week"]


def _shot(page, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    page.screenshot(path=str(path), full_page=True)
    assert path.stat().st_size > 10_000
    if folder := os.environ.get("KODO_SCREENSHOTS"):
        Path(folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(folder) / name)


def test_the_dashboard_in_chromium(tmp_path):
    _require(Path(CHROMIUM).exists(), f"no browser at {CHROMIUM} (apt-get install chromium fonts-noto-cjk)")
    script = axe_script()
    _require(script is not None, "axe-core not found (npm install axe-core; set KODO_AXE_JS to axe.min.js)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _require(False, "playwright is not installed (pip install -e '.[test]')")

    database = tmp_path / "kodo.db"
    asyncio.run(_seed(f"sqlite+aiosqlite:///{database}"))
    port = free_port()
    env = kodo_env(port, database, KODO_DASHBOARD_TOKEN=TOKEN)
    exported = subprocess.run([*kodo_command(), "export", "--format", "json"], env=env, capture_output=True,
                              text=True, timeout=60, check=True)
    weeks = expected(json.loads(exported.stdout), WEEKS)
    total = sum(w["kudos"] for w in weeks)
    assert total > 250  # the seeded weeks are really on the page

    with started([*kodo_command(), "serve"], env=env, log=tmp_path / "serve.log") as server, sync_playwright() as p:
        wait_healthy(server, port)
        try:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        except Exception as exc:  # noqa: BLE001 - the browser's own reason, in the failure
            pytest.fail(f"chromium did not start: {exc}")
        context = browser.new_context(viewport={"width": 1100, "height": 900}, bypass_csp=True)
        requests, outside = [], []

        def route(r):
            requests.append(r.request.url)
            if urlparse(r.request.url).hostname != "127.0.0.1":
                outside.append(r.request.url)
                return r.abort()
            return r.continue_()

        context.route("**/*", route)
        page = context.new_page()
        base = f"http://127.0.0.1:{port}/dashboard"

        page.goto(f"{base}?token={TOKEN}&lang=ja&weeks={WEEKS}")
        assert page.url == f"{base}?lang=ja&weeks={WEEKS}"  # the token left the address at once
        [cookie] = context.cookies()
        assert (cookie["httpOnly"], cookie["sameSite"], cookie["path"]) == (True, "Strict", "/")
        assert page.locator("html").get_attribute("lang") == "ja"
        assert page.locator("h1").inner_text() == "行動規範ダッシュボード"
        assert page.locator("script").count() == 0  # nothing to run: it reads the same without JavaScript
        _check_numbers(page, weeks, f"{total}件")
        # The two kudos charts, then each feature's (survey, quiz, proposals, …): every chart drawn has
        # its table, with a caption, in its own section.
        sections = page.locator("section[data-figures]")
        assert sections.count() >= 4
        assert page.locator("svg[role=img]").count() == 2 + sections.locator("svg[role=img]").count()
        assert page.locator("table caption").count() == 2 + sections.locator("table caption").count()
        for section in sections.all():
            assert section.locator("svg[role=img]").count() <= section.locator("table caption").count()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.getAttribute('href')") == "#figures"
        page.emulate_media(media="print")
        assert page.locator("form").is_hidden()
        page.emulate_media(media="screen")
        _shot(page, tmp_path, "dashboard-ja.png")
        assert _axe(page, script) == []

        page.goto(f"{base}?lang=en&weeks={WEEKS}")
        assert page.locator("html").get_attribute("lang") == "en"
        assert page.locator("h1").inner_text() == "Code of conduct dashboard"
        _check_numbers(page, weeks, str(total))
        _shot(page, tmp_path, "dashboard-en.png")
        assert _axe(page, script) == []
        browser.close()

    assert outside == []
    assert requests and all(urlparse(u).hostname == "127.0.0.1" for u in requests)
