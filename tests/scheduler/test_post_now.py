"""``kodo tip --post`` and ``kodo roundup --post``: the scheduler's path and claim, from the command line."""

from __future__ import annotations

import asyncio
import os
import sys
from pathlib import Path


from tests.fakes.slack_api import SIGNING_SECRET

KODO = str(Path(sys.executable).parent / "kodo")


async def kodo(*args: str, env: dict) -> tuple[int, str, str]:
    environment = {k: v for k, v in os.environ.items() if not k.startswith(("KODO_", "SLACK_", "MICROSOFT_"))}
    process = await asyncio.create_subprocess_exec(KODO, *args, env={**environment, **env},
                                                   stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(process.communicate(), 60)
    return process.returncode, out.decode(), err.decode()


async def test_tip_post_reaches_each_channel_once_however_often_it_runs(api, tmp_path):
    env = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/kodo.db", "SLACK_BOT_TOKEN": "xoxb-test",
           "SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_API_URL": api.url, "KODO_TIP_CHANNELS": "C1,C2"}
    code, out, err = await kodo("tip", "--date", "2026-11-24", "--post", env=env)
    assert code == 0, err
    assert "slack C1: sent" in out and "slack C2: sent" in out
    code, out, _ = await kodo("tip", "--date", "2026-11-24", "--post", env=env)
    assert code == 0 and "slack C1: taken" in out
    posts = api.sent("chat.postMessage")
    assert sorted(p["channel"] for p in posts) == ["C1", "C2"]
    assert all("2026年11月24日（火）の行動規範" in p["text"] for p in posts)  # not 今日の: it is another day's tip

    code, out, _ = await kodo("tip", "--date", "2026-11-28", "--post", env=env)  # a Saturday
    assert code == 0 and "配信はありません" in out and len(api.sent("chat.postMessage")) == 2


async def test_roundup_post_and_no_platform(api, tmp_path):
    db = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/kodo.db"}
    code, _, err = await kodo("roundup", "--post", env=db)
    assert code == 1 and "no platform is configured" in err
    env = {**db, "SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_API_URL": api.url,
           "KODO_ROUNDUP_CHANNELS": "C7", "KODO_LOCALE": "en"}
    code, out, err = await kodo("roundup", "--week", "2026-W47", "--post", env=env)
    assert code == 0 and "slack C7: sent" in out, err
    [post] = api.sent("chat.postMessage")
    assert post["channel"] == "C7" and "Kudos for the week of 16 November 2026" in post["text"]


async def test_tip_post_reaches_a_stored_teams_conversation(tmp_path):
    """The same command posts to Teams through the stored conversation reference."""
    from botbuilder.schema import ChannelAccount, ConversationAccount, ConversationReference

    from adapters.teams.messenger import dump_reference
    from bot.ports import Subscription
    from storage.conversations import ConversationStore
    from storage.db import create_engine, migrate
    from storage.stores import open_stores
    from tests.fakes.bot_connector import FakeBotConnector

    connector = await FakeBotConnector().start()
    url = f"sqlite+aiosqlite:///{tmp_path}/kodo.db"
    engine = create_engine(url)
    try:
        await migrate(engine)
        conversation = "19:general@thread.tacv2"
        reference = ConversationReference(
            channel_id="msteams", service_url=connector.url, bot=ChannelAccount(id="28:kodo", name="Kodo"),
            conversation=ConversationAccount(id=conversation, conversation_type="channel"))
        await ConversationStore(engine).save(conversation, dump_reference(reference))
        await open_stores(engine).subscriptions.subscribe(Subscription("teams", conversation, "tips", "en"))
        code, out, err = await kodo("tip", "--date", "2026-11-24", "--post",
                                    env={"DATABASE_URL": url, "TEAMS_ALLOW_UNAUTHENTICATED": "1"})
        assert code == 0 and f"teams {conversation}: sent" in out, err
        [post] = connector.take()
        assert post.conversation == conversation and "Principle for Tuesday 24 November 2026" in post.texts()
    finally:
        await engine.dispose()
        await connector.stop()


async def test_a_refused_token_is_one_line_on_stderr_and_a_failing_exit(api, tmp_path):
    api.failing["chat.postMessage"] = "invalid_auth"
    env = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/kodo.db", "SLACK_BOT_TOKEN": "xoxb-refused-4711",
           "SLACK_SIGNING_SECRET": SIGNING_SECRET, "SLACK_API_URL": api.url, "KODO_TIP_CHANNELS": "C1",
           "KODO_ROUNDUP_CHANNELS": "C1"}
    for args in (("tip", "--date", "2026-11-24", "--post"), ("roundup", "--week", "2026-W47", "--post")):
        code, out, err = await kodo(*args, env=env)
        assert code == 1 and "slack C1: failed" in out
        assert "Traceback" not in err and len(err.strip().splitlines()) == 1 and "invalid_auth" in err, err
        assert "xoxb-refused-4711" not in out + err and SIGNING_SECRET not in out + err
