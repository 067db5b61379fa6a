"""A feature is one room: declared in one place, it is understood, helped, subscribed to, scheduled,
pressed and forgotten without a line anywhere else. ``pulse`` below exists only in this test; the
real features are registered beside it, as a new feature would be."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time, timedelta

import pytest
import sqlalchemy as sa

from bot.app import Kodo
from bot.config import ConfigError, Settings, a_time
from bot.context import Context
from bot.doctor import ok, warn
from bot.feature import Command, Feature, HelpLine, Kind, Setting
from bot.registry import Registry
from bot.features import FEATURES
from bot.i18n import register, t
from bot.ports import Subscription
from bot.replies import Heading, Reply, say
from bot.schedule import MONTH, first_working_day
from scheduler import jobs
from storage.claims import ClaimStore
from storage.kpi import SqlKpi
from storage.stores import open_stores
from storage.tables import kudos
from bot.wiring import doctor
from tests.fakes.conversation import Conversation
from tests.fakes.messenger import RecordingMessenger

MESSAGES = {
    "pulse.asked": {"ja": "今日の調子はどうですか？", "en": "How are you today?"},
    "pulse.pressed": {"ja": "{value}を選びました。", "en": "You chose {value}."},
    "pulse.help": {"ja": "調子を答える", "en": "say how you are"},
    "pulse.kind": {"ja": "月例パルス", "en": "monthly pulses"},
    "pulse.subscribed": {"ja": "毎月最初の平日の{time}に届けます（{language}）。",
                         "en": "Monthly pulses will come here at {time} on the first working day ({language})."},
    "pulse.post": {"ja": "{period}のパルス", "en": "The pulse for {period}"},
}
register("tests.pulse", MESSAGES)


@dataclass(frozen=True)
class Ask:
    pass


class PulseStore:
    """The pulse's own store: it keeps who asked, and forgets them with everyone else."""

    fail = False

    def __init__(self, db):
        self.db = db

    async def forget(self, conn, platform: str, user: str, tombstone: str) -> dict[str, int]:
        if PulseStore.fail:
            raise RuntimeError("the pulse's forget step failed")
        return {"pulses": 1}


class PulsePost:
    def __init__(self, parts, slot):
        self.slot = slot

    async def reply(self, sub: Subscription, messenger) -> Reply:
        return Reply.of(Heading(t("pulse.post", sub.locale, period=self.slot.period)))


async def handle(call, intent) -> list:
    return [say(call.lang, t("pulse.asked", call.lang))]


async def press(call, pressed):
    return [say(call.lang, t("pulse.pressed", call.lang, value=pressed.value))] if pressed.verb == "vote" else None


PULSE = Feature(
    name="pulse",
    commands=(Command("pulse", ("パルス",)),),
    parse=lambda word, rest, registry: Ask(),
    handle=handle,
    press=press,
    messages=MESSAGES,
    help=lambda h, registry: [HelpLine("kodo", "pulse", t("pulse.help", h.lang))],
    store="tests.test_features:PulseStore",
    kinds=(Kind("pulse", MONTH, first_working_day(MONTH), lambda settings: settings.option("KODO_PULSE_TIME"),
                PulsePost, "pulse.kind", "pulse.subscribed", aliases=("パルス",)),),
    settings=(Setting("KODO_PULSE_TIME", "10:00", a_time), Setting("KODO_PULSE_KEY", "", secret=True)),
    doctor=lambda settings: [ok("pulse", "on") if settings.option("KODO_PULSE_KEY") else
                             warn("pulse", "KODO_PULSE_KEY is not set: monthly pulses are off")],
)
REGISTRY = Registry((*FEATURES, PULSE))


@pytest.fixture
def pulse_stores(engine):
    return open_stores(engine, REGISTRY.features)


@pytest.fixture
def pulse(tokyo, pulse_stores, clock):
    settings = Settings.from_env({"KODO_ADMINS": "admin"}, REGISTRY)
    return Kodo(tokyo, pulse_stores, clock, settings, kpis=SqlKpi(pulse_stores.db.engine, tokyo.id, now=clock.now),
                registry=REGISTRY)


async def test_its_words_in_both_languages_reach_it_and_help_lists_it(pulse):
    chat = Conversation(pulse, "alice", "en")
    assert "How are you today?" in await chat.type("/kodo pulse")
    assert "How are you today?" in await chat.type("/パルス")
    helped = await chat.type("/kodo help")
    assert "/kodo pulse — say how you are" in helped and "/kodo subscribe tips|roundup|survey|awards|pulse [ja|en]" in helped


async def test_channels_subscribe_to_its_kind_and_get_it_once_a_month(pulse, pulse_stores, engine, clock):
    chat = Conversation(pulse, "admin", "en")
    said = await chat.type("/kodo subscribe パルス ja")
    assert "Monthly pulses will come here at 10:00 on the first working day (Japanese)." in said
    assert await pulse_stores.subscriptions.subscriptions("pulse") == [
        Subscription("console", "#general", "pulse", "ja", "console", None, "public")]
    await pulse_stores.subscriptions.subscribe(Subscription("slack", "C1", "pulse", "en"))

    messenger = RecordingMessenger(clock=clock)
    replicas = [jobs.Deps(pulse, ClaimStore(engine), {"slack": messenger}) for _ in range(2)]
    day = date(2026, 12, 28)
    while day <= date(2027, 2, 3):  # 1-3 January are closed: January's falls on Monday the 4th
        for hhmm in ("09:00", "10:00", "10:05", "17:00"):
            clock.set(f"{day.isoformat()}T{hhmm}:00+09:00")
            for deps in replicas:
                await jobs.run(deps, clock.now())
        day += timedelta(days=1)
    posted = [(text, when.astimezone(pulse.tz).strftime("%m-%d %H:%M")) for (_, _, text), when
              in zip(messenger.posts, messenger.sent_at) if "pulse" in text]
    assert posted == [("■ The pulse for 2027-01", "01-04 10:00"), ("■ The pulse for 2027-02", "02-01 10:00")]


async def test_a_press_reaches_the_feature_its_namespace_names(pulse):
    ctx = Context("console", "alice", "#general", Conversation(pulse).session.directory, locale="en")
    [pressed] = await pulse.press(ctx, "pulse:vote", "2")
    assert pressed.reply.text == "You chose 2."
    for action in ("pulse:unknown", "nobody:vote", "kudos:give", "garbage"):
        [polite] = await pulse.press(ctx, action, "2")
        assert polite.reply.text == t("press.unavailable", "en")


async def test_forget_me_runs_its_forget_step_in_the_one_transaction(pulse, pulse_stores, engine):
    chat = Conversation(pulse, "alice", "en")
    await chat.type("/kudos @bob 3 thanks")
    PulseStore.fail = True
    try:
        assert t("error.internal", "en") in await chat.type("/kodo forget-me")
    finally:
        PulseStore.fail = False
    async with engine.connect() as conn:  # the kudos steps ran before the failing one: all rolled back
        assert (await conn.execute(sa.select(kudos.c.giver))).scalars().all() == ["alice"]
    assert "the one kudos that named you" in await chat.type("/kodo forget-me")
    [entry] = [e async for e in pulse_stores.audit.audit_entries() if e.action == "forget-me"]
    assert entry.detail == {"kudos": 1, "pulses": 1}


def test_its_settings_are_read_and_checked_with_the_others_and_a_secret_stays_secret():
    settings = Settings.from_env({"KODO_PULSE_TIME": "07:30", "KODO_PULSE_KEY": "s3cret-key"}, REGISTRY)
    assert settings.option("KODO_PULSE_TIME") == time(7, 30) and "s3cret-key" in settings.secrets()
    assert "s3cret-key" not in repr(settings)
    assert Settings.from_env({}, REGISTRY).option("KODO_PULSE_TIME") == time(10, 0)
    with pytest.raises(ConfigError, match="KODO_PULSE_TIME must be a time like 09:00, not '7pm'"):
        Settings.from_env({"KODO_PULSE_TIME": "7pm"}, REGISTRY)


async def test_the_doctor_asks_it_too(tmp_path):
    lines: list[str] = []
    settings = Settings.from_env({"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/kodo.db"}, REGISTRY)
    await doctor(settings, lines.append, REGISTRY)
    assert lines[-1] == "warn pulse: KODO_PULSE_KEY is not set: monthly pulses are off"


def test_a_word_or_kind_two_features_claim_is_refused_at_once():
    with pytest.raises(ValueError, match="'me' is taken already"):
        Registry((*FEATURES, Feature("mine", commands=(Command("me"),))))
    with pytest.raises(ValueError, match="'ヒント' is taken already"):
        Registry((*FEATURES, Feature("hints", kinds=(Kind("hints", MONTH, first_working_day(MONTH),
                                                          lambda s: s.tip_time, PulsePost, "pulse.kind",
                                                          "pulse.subscribed", aliases=("ヒント",)),))))
    with pytest.raises(ValueError, match="'help' is taken already"):
        Registry((*FEATURES, Feature("helper", commands=(Command("assist", ("help",)),))))
    with pytest.raises(ValueError, match="'KODO_PULSE_TIME' is taken already"):
        Registry((*FEATURES, PULSE, Feature("late", settings=(Setting("KODO_PULSE_TIME", "11:00"),))))
