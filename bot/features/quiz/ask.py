"""Which question to ask, and how a question and an answer read."""

from __future__ import annotations

from datetime import date
from typing import Iterable

from content.model import Pack, QuizQuestion

from bot import calendar
from bot.howto import How
from bot.i18n import t
from bot.replies import Block, Choices, Heading, Note, Paragraph

ANSWER = "quiz:answer"
SEPARATOR = ":"  # a press's value: "<question id>:<choice number>"


def pool(pack: Pack) -> list[QuizQuestion]:
    """Every question of the pack, principles taking turns (#1's first, #2's first, …, #1's second, …),
    as the tips take turns, so consecutive questions never dwell on one principle."""
    per = [p.quiz for p in pack.principles[pack.languages[0]]]
    return [qs[i] for i in range(max(map(len, per), default=0)) for qs in per if i < len(qs)]


def of_the_day(pack: Pack, number: int, index: int) -> QuizQuestion | None:
    """The question a tip carries: its principle's questions in turn, one per tip of that principle."""
    questions = pack.principles[pack.languages[0]][number - 1].quiz
    return questions[index % len(questions)] if questions else None


def next_question(pack: Pack, answered: Iterable[str], day: date, number: int | None = None) -> QuizQuestion | None:
    """A question the person has not answered yet (of principle ``number``, when asked for one),
    starting where ``day`` falls in the pool so that colleagues asking on one day are not all asked
    the same; None once they have answered every one."""
    questions = [q for q in pool(pack) if number is None or q.principle == number]
    if not questions:
        return None
    done, start = set(answered), calendar.working_day_index(day) % len(questions)
    return next((q for q in questions[start:] + questions[:start] if q.id not in done), None)


def question_blocks(pack: Pack, question: QuizQuestion, lang: str, h: How, in_tip: bool = False) -> tuple[Block, ...]:
    """The question and its choices; under a tip the principle is already named above it."""
    q = pack.quiz_question(question.id, lang) or question
    choices = Choices.of(ANSWER, [(label, f"{q.id}{SEPARATOR}{n}") for n, label in enumerate(q.choices, 1)])
    if in_tip:
        return Paragraph(t("quiz.tip", lang, question=q.question)), choices
    p = pack.principle(q.principle, lang)
    return Heading(t("quiz.title", lang, number=p.number, title=p.title)), Paragraph(q.question), choices


def read_press(value: str) -> tuple[str, int] | None:
    """(question id, choice number) from a press's value, or None when it cannot be one."""
    question, _, number = value.rpartition(SEPARATOR)
    if not question or not (number.isascii() and number.isdigit()) or len(number) > 2:
        return None
    return question, int(number)


def result_blocks(question: QuizQuestion, choice: int, lang: str, again: bool) -> tuple[Block, ...]:
    """Right or wrong, the person's answer, the right one, and the explanation from the principle's text."""
    right = question.is_right(choice)
    blocks: list[Block] = [Paragraph(t("quiz.again", lang))] if again else []
    blocks.append(Heading(t("quiz.right" if right else "quiz.wrong", lang)))
    lines = [t("quiz.yours", lang, choice=question.choices[choice - 1])]
    if not right:
        lines.append(t("quiz.answer", lang, choice=question.right_choice))
    blocks += [Paragraph("\n".join(lines)), Paragraph(question.explanation)]
    return tuple(blocks)


def summary(answered: int, right: int, run: int, lang: str) -> Note:
    return Note(t("quiz.summary", lang, answered=answered, right=right, streak=run))
