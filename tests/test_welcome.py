"""The welcome in the console: ``/join NAME`` gets one direct message in their language (what the
code is, the ten principles, choices for today's tip or a quiz question), a second ``/join``
nothing, a bot nothing, ``KODO_WELCOME=off`` nothing; the choices work for the newcomer alone;
forget-me removes the record."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from bot.app import Kodo
from bot.config import ConfigError, Settings
from bot.i18n import t
from storage.kpi import SqlKpi
from storage.welcome import welcomes
from tests.fakes.conversation import Conversation


async def welcomed(engine) -> list[tuple]:
    async with engine.connect() as conn:
        return [tuple(r) for r in await conn.execute(sa.select(welcomes.c.platform, welcomes.c.subject,
                                                               welcomes.c.kind, welcomes.c.workspace))]


async def test_join_is_welcomed_once_by_direct_message(kodo, tokyo, engine):
    chat = Conversation(kodo, "alice")
    first = await chat.type("/join bob")
    assert first.startswith("kodo: + bob\nkodo → @bob (DM): ■ ようこそ！\n")
    assert tokyo.name["ja"] in first
    for p in tokyo.principles["ja"]:
        assert f"・#{p.number} {p.title}\n" in first
    assert "[c1] 1) 今日のヒントを読む  2) クイズに挑戦する" in first
    assert await chat.type("/join bob") == "kodo: + bob\n"  # never twice
    assert await chat.type("/join kodo") == "kodo: + kodo\n"  # a bot: never
    assert await welcomed(engine) == [("console", "bob", "person", "console")]

    assert t("console.pick.not_yours", "ja", handle="c1", name="bob") in await chat.type("/pick c1 2")
    await chat.type("/as bob")
    quiz = await chat.type("/pick c1 2")
    assert quiz.startswith("bob: /pick c1 2\nkodo (only bob): ■ クイズ：#") and "[c2] 1) " in quiz
    tip = await chat.type("/pick c1 1")
    assert "kodo (only bob): ■ 今日の行動規範：" in tip


async def test_the_welcome_is_in_the_newcomers_language(kodo, tokyo):
    chat = Conversation(kodo, "alice", locale="en")
    welcome = await chat.type("/join carol")
    assert "kodo → @carol (DM): ■ Welcome!\n" in welcome and tokyo.name["en"] in welcome
    assert f"・#3 {tokyo.principle(3, 'en').title}" in welcome and "1) Read today's tip  2) Take a quiz question" in welcome
    assert await chat.type("/join") == f"kodo (only alice): {t('console.join.usage', 'en')}\n"


async def test_welcome_off_welcomes_nobody(tokyo, stores, clock, engine):
    settings = Settings(options={"KODO_WELCOME": False})
    kodo = Kodo(tokyo, stores, clock, settings, kpis=SqlKpi(stores.db.engine, tokyo.id, now=clock.now))
    assert await Conversation(kodo, "alice").type("/join bob") == "kodo: + bob\n"
    assert await welcomed(engine) == []


async def test_forget_me_removes_the_welcome_record(kodo, engine):
    chat = Conversation(kodo, "alice")
    await chat.type("/join bob", "/join dave", "/as bob", "/kodo forget-me")
    assert [row[1] for row in await welcomed(engine)] == ["dave"]


def test_the_switches_are_read_at_start():
    assert Settings().option("KODO_WELCOME") is True and Settings().option("KODO_WELCOME_GUESTS") is False
    with pytest.raises(ConfigError, match="KODO_WELCOME_GUESTS must be on or off"):
        Settings.from_env({"KODO_WELCOME_GUESTS": "yes"})
    assert Settings.from_env({"KODO_WELCOME": "OFF"}).option("KODO_WELCOME") is False
