"""The quiz (ともに学ぶ): the daily tip carries its principle's question as choices, ``/kodo quiz``
asks one privately (one the person has not answered yet), and a press is answered privately with
right or wrong and the explanation from the principle's text. The first answer stands: a second
press changes nothing. ``/kodo me`` (and Slack's App Home) show answers, right answers and a streak
of working days."""

from __future__ import annotations

from dataclasses import dataclass

from bot.commands import parse_number
from bot.feature import Call, Command, Feature, HelpLine
from bot.features.quiz import ask, numbers
from bot.features.quiz.messages import MESSAGES
from bot.features.quiz.store import Answer
from bot.features.quiz.streak import streak
from bot.i18n import t
from bot.presses import Press
from bot.replies import Block, Outgoing, Paragraph, Reply, private, say


@dataclass(frozen=True)
class Ask:
    number: int | None = None  # a principle, when one was asked for
    typed: bool = False  # words were typed that are not a principle's number


def parse(word: str, rest: list[str], registry) -> Ask:
    if not rest:
        return Ask()
    number = parse_number(" ".join(rest))
    return Ask(number) if number is not None else Ask(typed=True)


async def handle(call: Call, intent: Ask) -> list[Outgoing]:
    ctx, lang, pack, h = call.ctx, call.lang, call.pack, call.how
    if not ask.pool(pack):
        return [say(lang, t("quiz.none", lang))]
    if intent.typed or (intent.number is not None and not 1 <= intent.number <= pack.size):
        return [say(lang, t("quiz.range", lang, size=pack.size, command=h.command("kodo", "quiz")))]
    answered = await call.store.answers(ctx.platform, ctx.user, pack.id)
    question = ask.next_question(pack, answered, call.parts.today(), intent.number)
    if question is None and intent.number is not None:  # that principle's are done: any other one
        question = ask.next_question(pack, answered, call.parts.today())
    if question is None:
        return [say(lang, t("quiz.all", lang, count=len(ask.pool(pack)), look_up=h.command("principle")))]
    return [private(Reply(ask.question_blocks(pack, question, lang, h)), lang)]


async def press(call: Call, pressed: Press) -> list[Outgoing] | None:
    ctx, lang, pack = call.ctx, call.lang, call.pack
    read = ask.read_press(pressed.value) if pressed.verb == "answer" else None
    question = pack.quiz_question(read[0], lang) if read else None
    if question is None or not 1 <= read[1] <= len(question.choices):
        return None
    now = call.parts.clock.now()
    kept, new = await call.store.answer(Answer(
        ctx.platform, ctx.user, pack.id, question.id, question.principle, read[1], question.is_right(read[1]),
        now, now.astimezone(call.parts.tz).date(), ctx.workspace, ctx.organisation, ctx.channel))
    blocks = ask.result_blocks(question, kept.choice, lang, again=not new)
    more = Paragraph(t("quiz.more", lang, command=call.how.command("kodo", "quiz")))
    return [private(Reply((*blocks, *await me(call), more)), lang)]


async def me(call: Call) -> tuple[Block, ...]:
    """The line of ``/kodo me``: ``Quiz: 4 answered, 3 right, streak 2`` (nothing before a first answer)."""
    record = await call.store.record(call.ctx.platform, call.ctx.user, call.pack.id)
    if not record.answered:
        return ()
    run = streak(record.days, call.parts.today(), call.settings.closed_days)
    return (ask.summary(record.answered, record.right, run, call.lang),)


def help_lines(h, registry) -> list[HelpLine]:
    return [HelpLine("kodo", "quiz", t("help.quiz", h.lang))]


feature = Feature(
    name="quiz",
    commands=(Command("quiz", ("クイズ", "問題"),),),
    parse=parse, handle=handle, press=press, me=me, messages=MESSAGES, help=help_lines,
    store="storage.quiz:SqlQuiz",
    figures=numbers.figures, roundup=numbers.roundup, invite=numbers.invite,
)
