"""The command parser: every word of the contract, in both languages, and anything else at all."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot import commands as c
from bot.features import REGISTRY
from bot.features.kudos import GiveKudos
from bot.features.me import ForgetMe, Lang, Me, Ranking
from bot.features.principles import ListPrinciples, SearchPrinciples, ShowPrinciple
from bot.features.subscriptions import Subscribe, Unsubscribe
from bot.i18n import t
from bot.replies import Audience
from tests.fakes.conversation import Conversation


def parse(text: str):
    """The intent of a line, whichever feature (or the grammar itself) it belongs to."""
    return c.parse(text, REGISTRY).intent


@pytest.mark.parametrize("token, number", [
    ("3", 3), ("３", 3), ("#3", 3), ("＃３", 3), ("三", 3), ("十", 10), ("第3条", 3), ("第十条", 10),
    ("二十一", 21), (":kodo7:", 7), ("kodo10", 10), ("①", 1), ("No.4", 4), ("three", 3), ("Ten", 10),
    ("-1", -1), ("－３", -3), ("−12", -12), ("0", 0), ("１２", 12),
])
def test_numbers_in_every_form(token, number):
    assert c.parse_number(token) == number


@pytest.mark.parametrize("token", ["", "threee", "十十", "3a", "--1", "-", "-three", "1-", "1.5", "#", "百", "COVID-19"])
def test_things_that_are_not_numbers(token):
    assert c.parse_number(token) is None


@pytest.mark.parametrize("text, intent", [
    ("/principle", ListPrinciples()),
    ("principle", ListPrinciples()),
    ("/principle 3", ShowPrinciple(3)),
    ("/principle ３", ShowPrinciple(3)),
    ("原則 三", ShowPrinciple(3)),
    ("/principle 顧客", SearchPrinciples("顧客")),
    ("/principle open data", SearchPrinciples("open data")),
    ("/principle -1", ShowPrinciple(-1)),
    ("/principle １２", ShowPrinciple(12)),
    ("/kudos @bob -3 thanks", GiveKudos("bob", -3, "thanks", plain_name="bob")),
    ("/kudos @bob 3 丁寧なレビュー", GiveKudos("bob", 3, "丁寧なレビュー", plain_name="bob")),
    ("/kudos <@U123ABC|bob> ３ thanks!", GiveKudos("U123ABC", 3, "thanks!")),
    ("kudos 3 <@U1>", GiveKudos("U1", 3, None)),
    ("称賛 @bob", GiveKudos("bob", None, None, plain_name="bob")),
    ("/kodo me", Me()),
    ("kodo me", Me()),
    ("me", Me()),
    ("/kodo ranking off", Ranking(False)),
    ("/kodo ランキング 参加", Ranking(True)),
    ("/kodo ranking", Ranking(None)),
    ("/kodo lang en", Lang("en")),
    ("/kodo 言語 日本語", Lang("ja")),
    ("/kodo lang fr", Lang(None, asked="fr")),
    ("/kodo lang", Lang(None)),
    ("/kodo forget-me", ForgetMe()),
    ("/kodo subscribe tips", Subscribe("tips", None)),
    ("/kodo subscribe roundup en", Subscribe("roundup", "en")),
    ("subscribe tips", Subscribe("tips", None)),
    ("/kodo unsubscribe roundup", Unsubscribe("roundup")),
    ("/kodo help", c.Help()),
    ("/kodo", c.Help()),
    ("ヘルプ", c.Help()),
    ("/kodo dance", c.Help(unknown="dance")),
    ("", c.Help()),
])
def test_parse(text, intent):
    assert parse(text) == intent


def test_overlong_input_is_named_not_parsed():
    assert parse("/principle " + "あ" * 100_000) == c.TooLong(100_011)


lines = st.one_of(
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=80).map(lambda s: "/kudos " + s),
    st.builds(lambda cmd, rest: f"{cmd} {rest}", st.sampled_from(
        ["/principle", "/kudos", "/kodo", "kodo", "principle", "/react", "/unreact", "/as", "/tip", "/roundup",
         "/help", "／principle"]), st.text(max_size=60)),
    st.builds(lambda n: f"/principle {n}", st.integers(min_value=-10**9, max_value=10**9)),
    st.builds(lambda who, n: f"/kudos <@{who}> {n} thanks", st.text(min_size=1, max_size=20), st.integers()),
    st.just("x" * 100_000),
    st.just("/kudos @bob 3 " + "理" * 100_000),
    st.text(alphabet=st.characters(max_codepoint=0x1f), max_size=20),
)


@settings(max_examples=3000, deadline=None)
@given(lines)
def test_the_parser_never_fails(text):
    parsed = c.parse(text, REGISTRY)
    if parsed.feature is None:
        assert isinstance(parsed.intent, (c.Help, c.TooLong))
    else:
        assert parsed.feature in REGISTRY.features and parsed.intent is not None


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(lines, min_size=1, max_size=4))
async def test_the_console_answers_everything_and_never_raises(kodo, lines_typed):
    chat = Conversation(kodo, "alice")
    await chat.type("hello there")  # a message to react to
    for line in lines_typed:
        out = await chat.type(line)
        if line.strip():
            assert out.strip(), f"no reply to {line[:80]!r}"
        assert "Traceback" not in out and not any(t("error.internal", lang) in out for lang in ("ja", "en"))


async def test_the_core_answers_every_intent_privately_or_publicly(kodo):
    from bot.context import Context
    from adapters.console import ConsoleDirectory

    ctx = Context("console", "alice", "#general", ConsoleDirectory())
    for text in ("/principle", "/principle 3", "/principle 顧客", "/kodo me", "/kodo help", "/kodo x"):
        outgoing = await kodo.command(ctx, text)
        assert outgoing and all(o.audience is Audience.PRIVATE for o in outgoing)
        assert all(o.reply.text for o in outgoing)
