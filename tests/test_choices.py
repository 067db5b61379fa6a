"""Choices in the core and in the console: what a feature author writes, how a press reaches the
feature by its namespace, and the console's handles and rules, read like conversations."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from bot import app
from bot.i18n import t
from bot.presses import Press
from bot.replies import Audience, Choices, Outgoing, Paragraph, Reply, Typed, plain_text
from tests.fakes.conversation import Conversation

SCALE = Choices.of("poll:answer", [("よく知っている", "1"), ("少し知っている", "2"), ("知らない", "3")],
                   prompt="行動規範を知っていますか？")


class Poll:
    """A feature of the test's own: it records every press it is handed and answers the presser."""

    def __init__(self):
        self.presses: list[tuple[str, str, str, str | None]] = []

    async def __call__(self, kodo, ctx, lang, press: Press):
        if press.verb != "answer" or press.value not in ("1", "2", "3"):
            return None
        self.presses.append((ctx.user, press.action, press.value, press.message))
        return [Outgoing(Audience.PRIVATE, Reply.of(Paragraph(f"thanks {ctx.user}: {press.value}")), lang=lang)]


@pytest.fixture
def poll(monkeypatch):
    feature = Poll()
    monkeypatch.setitem(app.PRESSES, "poll", feature)
    return feature


def test_a_choices_is_checked_where_it_is_written():
    Choices.of("survey:answer", [(str(n), str(n)) for n in range(1, 101)])
    for action in ("answer", "Survey:answer", "survey:", "s" * 60 + ":answer", "survey answer"):
        with pytest.raises(ValueError):
            Choices.of(action, [("a", "1")])
    for options in ([], [("a", "1"), ("b", "1")], [("a", "")], [("a", "v" * 151)],
                    [(str(n), str(n)) for n in range(101)]):
        with pytest.raises(ValueError):
            Choices.of("survey:answer", options)


def test_plain_text_numbers_the_options_on_one_line_or_one_per_line():
    assert plain_text((SCALE,)) == "行動規範を知っていますか？\n1) よく知っている  2) 少し知っている  3) 知らない"
    chosen = Choices.of("quiz:answer", [("はい", "y"), ("いいえ", "n")], chosen="n")
    assert plain_text((chosen,), handle=lambda c: "c7") == "[c7] 1) はい  2) ✓いいえ"
    long = Choices.of("quiz:answer", [("a fairly long answer number " + str(n), str(n)) for n in range(1, 4)])
    assert plain_text((long,)).split("\n") == [f"{n}) a fairly long answer number {n}" for n in range(1, 4)]
    typed = Choices.of("proposal:support", [(("応援する：", Typed("<!channel> *x*")), "7")])
    assert plain_text((typed,), typed=lambda p: p.text.upper()) == "1) 応援する：<!CHANNEL> *X*"


async def test_a_principle_is_chosen_from_the_list_and_shown_to_the_presser_alone(kodo, tokyo, engine):
    chat = Conversation(kodo, "alice")
    listing = await chat.type("/principle")
    assert listing.startswith("kodo (only alice): ■ ")
    assert t("list.pick", "ja") in listing
    assert f"[c1] 1) #1 {tokyo.principle(1, 'ja').title}\n" in listing
    assert f"    10) #10 {tokyo.principle(10, 'ja').title}\n" in listing
    assert listing.count(tokyo.principle(3, "ja").title) == 1  # the list is the menu: shown once

    before = await _rows(engine)
    shown = await chat.type("/pick c1 3")
    assert shown.startswith("alice: /pick c1 3\nkodo (only alice): ■ #3 " + tokyo.principle(3, "ja").title)
    assert tokyo.principle(3, "ja").do_not in shown and "[c2]" not in shown  # the list stays above
    again = await chat.type("/pick c1 3")  # the same press twice: the same private answer, nothing else
    assert again == shown
    assert await _rows(engine) == before  # reading a principle stores nothing


async def test_stale_handles_wrong_numbers_and_bad_lines_are_answered_politely(kodo):
    chat = Conversation(kodo, "alice", locale="en")
    await chat.type("/principle")
    assert await chat.type("/pick c9 1") == f"kodo (only alice): {t('console.pick.none', 'en', handle='c9')}\n"
    assert await chat.type("/pick c1 11") == f"kodo (only alice): {t('console.pick.range', 'en', handle='c1', count=10)}\n"
    assert await chat.type("/pick c1 x") == f"kodo (only alice): {t('console.pick.range', 'en', handle='c1', count=10)}\n"
    assert await chat.type("/pick c1") == f"kodo (only alice): {t('console.pick.usage', 'en')}\n"
    assert (await chat.type("/pick [C1] ３")).startswith("alice: /pick c1 3\nkodo (only alice): ■ #3 ")


async def test_anyone_presses_a_channel_post_only_the_recipient_a_private_reply_or_a_dm(kodo, poll):
    chat = Conversation(kodo, "alice")
    await chat.type("/principle")  # c1: a private reply to alice
    session = chat.session
    session._show(Outgoing(Audience.CHANNEL, Reply.of(SCALE)))
    assert chat.pop() == "kodo: 行動規範を知っていますか？\n    [c2] 1) よく知っている  2) 少し知っている  3) 知らない\n"
    session._show(Outgoing(Audience.DIRECT, Reply.of(SCALE), user="carol"))
    assert chat.pop() == ("kodo → @carol (DM): 行動規範を知っていますか？\n"
                          "    [c3] 1) よく知っている  2) 少し知っている  3) 知らない\n")
    session._show(Outgoing(Audience.CHANNEL, Reply.of(Choices.of("poll:answer", [("x", "1")], closed=True))))
    assert chat.pop() == "kodo: 1) x\n"  # closed: no handle, nothing to press

    await chat.type("/as bob")
    assert await chat.type("/pick c1 3") == f"kodo (only bob): {t('console.pick.not_yours', 'ja', handle='c1', name='alice')}\n"
    assert await chat.type("/pick c3 1") == f"kodo (only bob): {t('console.pick.not_yours', 'ja', handle='c3', name='carol')}\n"
    assert await chat.type("/pick c2 2") == "bob: /pick c2 2\nkodo (only bob): thanks bob: 2\n"
    await chat.type("/as carol")
    assert await chat.type("/pick c3 3") == "carol: /pick c3 3\nkodo (only carol): thanks carol: 3\n"
    assert await chat.type("/pick c2 1") == "carol: /pick c2 1\nkodo (only carol): thanks carol: 1\n"
    await chat.type("/pick c2 1")  # pressed twice: the feature is handed both and decides
    # Who pressed, what, and which message carried the choices: what a feature needs to decide
    # "you already answered", "this has closed" or a changed answer.
    message = f"{session.session}:c2"
    assert poll.presses == [("bob", "poll:answer", "2", message), ("carol", "poll:answer", "3", f"{session.session}:c3"),
                            ("carol", "poll:answer", "1", message), ("carol", "poll:answer", "1", message)]


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_unknown_features_and_values_change_nothing_and_are_answered_politely(kodo, poll, lang):
    chat = Conversation(kodo, "alice", locale=lang)
    chat.session._show(Outgoing(Audience.CHANNEL, Reply.of(Choices.of("ghost:answer", [("boo", "1")]),
                                                          Choices.of("poll:other", [("?", "9")]))))
    chat.pop()
    sorry = f"kodo (only alice): {t('press.unavailable', lang)}\n"
    assert (await chat.type("/pick c1 1")).endswith(sorry)
    assert (await chat.type("/pick c2 1")).endswith(sorry)
    assert poll.presses == []
    ctx = chat.session._ctx()
    for action, value in (("principle:show", "11"), ("principle:show", "x"), ("principle:hide", "3"),
                          ("principle", "3"), ("", ""), ("principle:show", "3" * 200), ("poll:answer", "4")):
        [out] = await kodo.press(ctx, action, value)
        assert out.audience is Audience.PRIVATE and out.reply.text == t("press.unavailable", lang)


async def _rows(engine) -> dict[str, int]:
    async with engine.connect() as conn:
        names = await conn.run_sync(lambda sync: sa.inspect(sync).get_table_names())
        return {name: (await conn.execute(sa.text(f'SELECT count(*) FROM "{name}"'))).scalar_one() for name in names}
