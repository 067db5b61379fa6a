"""Choices in the core and in the console: what a feature author writes, how a press reaches the
feature by its namespace, and the console's handles and rules, read like conversations."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from bot.i18n import t
from bot.replies import Audience, Choices, Outgoing, Reply, Typed, plain_text
from tests.fakes.conversation import Conversation
from tests.fakes.tally import CHOICES


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
    assert plain_text((CHOICES,)) == "行動規範を知っていますか？\n1) よく知っている  2) 少し知っている  3) 知らない"
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


async def test_anyone_presses_a_channel_post_only_the_recipient_a_private_reply_or_a_dm(kodo, tally):
    chat = Conversation(kodo, "alice")
    await chat.type("/principle")  # c1: a private reply to alice
    session = chat.session
    session._show(Outgoing(Audience.CHANNEL, tally.post()))
    assert chat.pop() == "kodo: 行動規範を知っていますか？\n    [c2] 1) よく知っている  2) 少し知っている  3) 知らない\n"
    session._show(Outgoing(Audience.DIRECT, tally.post(), user="carol"))
    assert chat.pop() == ("kodo → @carol (DM): 行動規範を知っていますか？\n"
                          "    [c3] 1) よく知っている  2) 少し知っている  3) 知らない\n")
    session._show(Outgoing(Audience.CHANNEL, Reply.of(Choices.of("tally:count", [("x", "1")], closed=True))))
    assert chat.pop() == "kodo: 1) x\n"  # closed: no handle, nothing to press

    await chat.type("/as bob")
    assert await chat.type("/pick c1 3") == f"kodo (only bob): {t('console.pick.not_yours', 'ja', handle='c1', name='alice')}\n"
    assert await chat.type("/pick c3 1") == f"kodo (only bob): {t('console.pick.not_yours', 'ja', handle='c3', name='carol')}\n"
    # The post is updated for everyone, its choices under the same handle; the thanks is bob's alone.
    assert await chat.type("/pick c2 2") == ("bob: /pick c2 2\n"
                                            "kodo (updated [c2]): 1 answered\n    行動規範を知っていますか？\n"
                                            "    [c2] 1) よく知っている  2) 少し知っている  3) 知らない\n"
                                            "kodo (only bob): thanks bob: 2\n")
    await chat.type("/as carol")
    assert (await chat.type("/pick c3 3")).endswith("kodo (only carol): thanks carol: 3\n")
    assert "kodo (updated [c2]): 2 answered" in await chat.type("/pick c2 1")
    await chat.type("/pick c2 1")  # pressed twice: the feature is handed both and decides
    # Who pressed, what, and which message carried the choices: what a feature needs to decide
    # "you already answered", "this has closed" or a changed answer.
    message = f"{session.session}:c2"
    assert tally.presses == [("bob", "2", message), ("carol", "3", f"{session.session}:c3"),
                             ("carol", "1", message), ("carol", "1", message)]
    assert sorted(session.offered) == ["c1", "c2", "c3"]  # updates kept their handles


@pytest.mark.parametrize("lang", ["ja", "en"])
async def test_unknown_features_and_values_change_nothing_and_are_answered_politely(kodo, tally, lang):
    chat = Conversation(kodo, "alice", locale=lang)
    chat.session._show(Outgoing(Audience.CHANNEL, Reply.of(Choices.of("ghost:answer", [("boo", "1")]),
                                                          Choices.of("tally:other", [("?", "9")]))))
    chat.pop()
    sorry = f"kodo (only alice): {t('press.unavailable', lang)}\n"
    assert (await chat.type("/pick c1 1")).endswith(sorry)
    assert (await chat.type("/pick c2 1")).endswith(sorry)
    assert tally.presses == []
    ctx = chat.session._ctx()
    for action, value in (("principles:show", "11"), ("principles:show", "x"), ("principles:hide", "3"),
                          ("principle", "3"), ("", ""), ("principles:show", "3" * 200), ("tally:count", "4")):
        [out] = await kodo.press(ctx, action, value)
        assert out.audience is Audience.PRIVATE and out.reply.text == t("press.unavailable", lang)


async def _rows(engine) -> dict[str, int]:
    async with engine.connect() as conn:
        names = await conn.run_sync(lambda sync: sa.inspect(sync).get_table_names())
        return {name: (await conn.execute(sa.text(f'SELECT count(*) FROM "{name}"'))).scalar_one() for name in names}
