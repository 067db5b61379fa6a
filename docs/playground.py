"""Kodo in a real Teams client, offline: the Microsoft 365 Agents Playground against ``kodo serve``.

Takes the screenshots in docs/teams.md: ``principle 3`` in a personal chat, after ``lang ja`` (the
Playground always sends locale en-US: docs/teams-principle-ja.png); the list of principles with its
menu open (docs/teams-choices-ja.png) and the card after choosing #5 and pressing 決定, as the
presser sees it (an Action.Execute answered in the invoke's response: docs/teams-choices-answer-ja.png);
the weekly roundup that ``kodo roundup --post`` sends to a channel after ``subscribe roundup ja``
(docs/teams-roundup-ja.png); and an improvement proposal's card in that channel
(docs/teams-proposal-ja.png). The people in the roundup come from the database: the server is a fresh
process that never saw them. ``survey`` in the personal chat shows the week's pulse survey question
as a card with its choices (docs/teams-survey-ja.png). ``--only survey`` (or ``proposal``) takes that
one alone. And a quiz question in the personal chat (docs/teams-quiz-ja.png), answered (the
presser's own view of the card: docs/teams-quiz-answer-ja.png).

Needs, none of it in CI (it takes a minute and a browser):
    npm install @microsoft/m365agentsplayground      # the `agentsplayground` command
    apt-get install chromium fonts-noto-cjk            # Japanese renders as boxes without the fonts
    pip install playwright                             # never `playwright install`: Debian's chromium is used
Run:  .venv/bin/python docs/playground.py [--playground node_modules/.bin/agentsplayground] [--out docs]
      [--only survey|proposal]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo
from pathlib import Path

KODO_PORT, PLAYGROUND_PORT = 38123, 56250
TOKYO = ZoneInfo("Asia/Tokyo")
PEOPLE = {"user-id-0": "Alex Wilber", "user-id-1": "Megan Bowen", "user-id-2": "Adele Vance"}  # the Playground's
REASONS = ["申請フォームを誰でも使えるように見直してくれた", "データを部署の垣根を越えて共有してくれた",
           "脆弱性を早めに報告してくれた", "会議の資料を事前に公開してくれた", "新しいツールを試して共有してくれた"]


async def seed(url: str) -> None:
    """A week of kudos among the Playground's people, and three the week before."""
    from bot.ports import NewKudos
    from storage.db import create_engine, migrate
    from storage.people import PeopleStore
    from storage.stores import open_stores

    engine = create_engine(url)
    await migrate(engine)
    stores, people = open_stores(engine, group_commit=False), PeopleStore(engine, "teams")
    for user, name in PEOPLE.items():
        await people.learn(user, name)
    now, ids = datetime.now(timezone.utc), list(PEOPLE)
    plan = [(0, 1, 3), (2, 1, 3), (1, 2, 4), (0, 2, 5), (1, 0, 7), (2, 0, 1), (0, 1, 9), (1, 2, 10)]
    for i, (giver, receiver, principle) in enumerate(plan):
        when = now - timedelta(minutes=5 * i)
        await stores.kudos.add_kudos(NewKudos("teams", ids[giver], ids[receiver], principle, "command", when,
                                              when.date(), reason=REASONS[i % len(REASONS)], event_key=f"demo-{i}"), 0)
    for i in range(3):
        when = now - timedelta(days=7, minutes=i)
        await stores.kudos.add_kudos(NewKudos("teams", ids[1], ids[0], 2, "command", when, when.date(),
                                              event_key=f"demo-last-{i}"), 0)
    await stores.close()
    await engine.dispose()


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.5)


async def shoot(env: dict, out: Path, only: str | None = None) -> None:
    from playwright.async_api import async_playwright

    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = await browser.new_page(viewport={"width": 1280, "height": 1500}, locale="ja-JP")
        await page.goto(f"http://127.0.0.1:{PLAYGROUND_PORT}/", wait_until="networkidle")
        await page.wait_for_timeout(1500)

        await page.locator('[aria-label="Personal Chat"]').first.click()
        if only == "survey":
            await say(page, "lang ja")
            await survey(page, out)
            await browser.close()
            return
        if only == "proposal":
            await say(page, "lang ja")
            await page.locator('[aria-label="General"]').first.click()
            await page.wait_for_timeout(1000)
            await proposal(page, out)
            await browser.close()
            return
        for words in ("lang ja", "principle 3"):
            box = page.locator("[contenteditable=true]").first
            await box.click()
            await box.type(words)
            await page.keyboard.press("Enter")
            await page.wait_for_timeout(2500)
        title = page.get_by_text("#3 誰ひとり取り残されないようにしよう", exact=True).last
        await title.scroll_into_view_if_needed()
        at = await title.bounding_box()
        await page.screenshot(path=out / "teams-principle-ja.png",
                              clip={"x": at["x"] - 60, "y": at["y"] - 50, "width": 560, "height": 800})
        await choices(page, out)
        await quiz(page, out)

        await page.locator('[aria-label="General"]').first.click()
        await page.wait_for_timeout(1000)
        post = page.locator("[contenteditable=true]").first  # a channel post must @mention the bot
        await post.click()
        await post.type("@Test")
        await page.get_by_role("menuitem", name="Test Bot").last.click()  # the mention picker's entry
        await post.type(" subscribe roundup ja")
        await page.get_by_text("Post", exact=True).click()
        await page.wait_for_timeout(2500)
        posted = subprocess.run([str(Path(sys.executable).parent / "kodo"), "roundup", "--post"], env=env,
                                capture_output=True, text=True)
        print(posted.stdout.strip() or posted.stderr.strip())
        await page.wait_for_timeout(3000)
        title = page.get_by_text("今週の称賛まとめ", exact=False).last
        at = await title.bounding_box()
        await page.screenshot(path=out / "teams-roundup-ja.png",
                              clip={"x": at["x"] - 30, "y": at["y"] - 60, "width": 560, "height": 790})
        await proposal(page, out)
        await browser.close()


async def proposal(page, out: Path) -> None:
    """An improvement proposal posted in the channel: its card with the Support choice and the
    admins' choices (docs/teams-proposal-ja.png)."""
    post = page.locator("[contenteditable=true]").first
    await post.click()
    await post.type("@Test")
    await page.get_by_role("menuitem", name="Test Bot").last.click()  # the mention picker's entry
    await post.type(" propose 3 窓口の案内表示を、やさしい日本語と英語でも出しませんか")
    await page.get_by_text("Post", exact=True).click()
    await page.wait_for_timeout(3000)
    await snap(page, "改善提案", out / "teams-proposal-ja.png", above=48, height=345)


async def snap(page, text: str, path: Path, above: int = 30, height: int = 560) -> None:
    """A screenshot of the last message showing ``text``, from just above it."""
    title = page.get_by_text(text, exact=False).last
    await title.scroll_into_view_if_needed()
    at = await title.bounding_box()
    await page.screenshot(path=path, clip={"x": at["x"] - 30, "y": at["y"] - above, "width": 560, "height": height})


async def say(page, words: str) -> None:
    box = page.locator("[contenteditable=true]").first
    await box.click()
    await box.type(words)
    await page.keyboard.press("Enter")
    await page.wait_for_timeout(2500)


async def survey(page, out: Path) -> None:
    """The week's pulse survey question, privately, with a button per choice."""
    await say(page, "survey")
    await snap(page, "今週の意識調査", out / "teams-survey-ja.png", height=300)


async def choices(page, out: Path) -> None:
    """The list with its menu; then the presser's own view of the card after choosing #5."""
    box = page.locator("[contenteditable=true]").first
    await box.click()
    await box.type("principle")
    await page.keyboard.press("Enter")
    await page.wait_for_timeout(2500)
    title = page.get_by_text("東京都 デジタルサービスの行動規範10か条", exact=True).last
    at = await title.bounding_box()
    await page.screenshot(path=out / "teams-choices-ja.png",
                          clip={"x": at["x"] - 30, "y": at["y"] - 30, "width": 440, "height": 420})
    await page.get_by_role("combobox").last.click()
    await page.wait_for_timeout(800)
    await page.get_by_role("option", name="#5 安全安心なデジタル社会をつくろう").click()
    await page.get_by_role("button", name="決定").last.click()
    await page.wait_for_timeout(3000)
    title = page.get_by_text("#5 安全安心なデジタル社会をつくろう", exact=True).last
    await title.scroll_into_view_if_needed()
    at = await title.bounding_box()
    await page.screenshot(path=out / "teams-choices-answer-ja.png",
                          clip={"x": at["x"] - 30, "y": at["y"] - 30, "width": 440, "height": 900})


async def quiz(page, out: Path) -> None:
    """``quiz`` in the personal chat (docs/teams-quiz-ja.png), then the right choice pressed: the
    answer in the presser's own view of the card (docs/teams-quiz-answer-ja.png)."""
    from bot.features.quiz.ask import next_question
    from content.loader import load

    pack = load("tokyo")
    question = pack.quiz_question(next_question(pack, (), datetime.now(TOKYO).date()).id, "ja")
    box = page.locator("[contenteditable=true]").first
    await box.click()
    await box.type("quiz")
    await page.keyboard.press("Enter")
    await page.wait_for_timeout(2500)
    title = page.get_by_text(question.question, exact=True).last
    await title.scroll_into_view_if_needed()
    at = await title.bounding_box()
    await page.screenshot(path=out / "teams-quiz-ja.png",
                          clip={"x": at["x"] - 40, "y": at["y"] - 70, "width": 500, "height": 420})
    await page.get_by_role("button", name=question.right_choice).last.click()
    await page.wait_for_timeout(3000)
    title = page.get_by_text("正解です！", exact=True).last
    await title.scroll_into_view_if_needed()
    at = await title.bounding_box()
    await page.screenshot(path=out / "teams-quiz-answer-ja.png",
                          clip={"x": at["x"] - 40, "y": at["y"] - 50, "width": 500, "height": 330})


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--playground", default=shutil.which("agentsplayground") or "agentsplayground")
    parser.add_argument("--out", default=str(Path(__file__).parent))
    parser.add_argument("--only", choices=("survey", "proposal"), help="take this screenshot alone")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{tmp}/kodo.db"
        env = {**os.environ, "DATABASE_URL": url, "TEAMS_ALLOW_UNAUTHENTICATED": "1", "HOST": "127.0.0.1",
               "PORT": str(KODO_PORT), "KODO_ADMINS": "user-id-0",
               "KODO_SECRET_KEY": "playground-" + "k" * 32}  # the pulse survey is on
        asyncio.run(seed(url))
        kodo = subprocess.Popen([str(Path(sys.executable).parent / "kodo"), "serve"], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        playground = subprocess.Popen([args.playground, "-e", f"http://127.0.0.1:{KODO_PORT}/api/messages",
                                       "-c", "msteams", "-p", str(PLAYGROUND_PORT), "--dt"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=tmp)  # its log
        try:
            wait_for(f"http://127.0.0.1:{KODO_PORT}/healthz")
            wait_for(f"http://127.0.0.1:{PLAYGROUND_PORT}/")
            asyncio.run(shoot(env, Path(args.out), args.only))
        finally:
            for process in (playground, kodo):
                process.terminate()
                process.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
