"""The week's question as a card with its choices, and what a press on it does.

A choice's value names the week and the question it answers (``2026-W50|pulse-customer-who|3``), so
a press on last week's post is told the week has closed, and a press on a post whose question has
left the pack is answered politely and changes nothing. A press is counted once per person and week
(``SurveyStore.answer``); pressing another choice changes the answer; the same press delivered twice
changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from content.model import SurveyQuestion

from bot.dates import parse_week, short_day, week_name
from bot.feature import Call, Parts
from bot.features.survey.store import Counter
from bot.i18n import t
from bot.replies import Choices, Heading, Note, Outgoing, Paragraph, Reply, private, say

ANSWER = "survey:answer"
NOT_A_PLACE = ("direct", "group")  # conversations so small that their name would say who answered


@dataclass(frozen=True)
class Pressed:
    week: str
    question: str
    choice: int

    @classmethod
    def read(cls, value: str) -> "Pressed | None":
        week, _, rest = value.partition("|")
        question, _, choice = rest.partition("|")
        try:
            parse_week(week)
        except ValueError:
            return None
        if not (question and choice.isdigit() and 0 < int(choice) < 100):
            return None
        return cls(week, question, int(choice))


def card(q: SurveyQuestion, week: str, lang: str, pack, min_group: int, chosen: int | None = None,
         respondents: int | None = None, dated: bool = False, closed: bool = False) -> Reply:
    """The question with its choices. ``respondents``: told to a person who asked, never in a post;
    ``closed``: a past week's, its choices words only."""
    monday = parse_week(week)
    title = (t("survey.title.week", lang, start=short_day(monday, lang)) if dated else
             t("survey.title", lang, start=short_day(monday, lang), end=short_day(monday + timedelta(days=6), lang)))
    blocks: list = [Heading(title), Paragraph(q.question),
                    Choices.of(ANSWER, [(label, f"{week}|{q.id}|{n}") for n, label in enumerate(q.choices, 1)],
                               chosen=f"{week}|{q.id}|{chosen}" if chosen else None, closed=closed),
                    Note(t("survey.about", lang, number=q.principle, title=pack.principle(q.principle, lang).title))]
    if respondents is not None:
        blocks.append(Note(respondents_line(respondents, lang)))
    if not closed:
        blocks.append(Note(t("survey.anonymous", lang, min=min_group)))
    return Reply(tuple(blocks))


def respondents_line(count: int, lang: str) -> str:
    return t({0: "survey.respondents.none", 1: "survey.respondents.one"}.get(count, "survey.respondents"), lang,
             count=count)


def this_week(parts: Parts) -> str:
    return week_name(parts.today())


async def show(call: Call) -> list[Outgoing]:
    """``/kodo survey``: this week's question, privately, with the person's answer marked."""
    lang, parts, store = call.lang, call.parts, call.store
    if not store.enabled:
        return [say(lang, t("survey.off", lang))]
    week = this_week(parts)
    q = call.pack.survey_for_week(parts.today(), lang)
    if q is None:
        return [say(lang, t("survey.none", lang))]
    chosen = await store.current(call.ctx.platform, call.ctx.user, week, q.id, call.ctx.place.realm)
    respondents = await store.respondents(week, q.id)
    return [private(card(q, week, lang, call.pack, call.settings.min_group, chosen, respondents), lang)]


async def press(call: Call, pressed) -> list[Outgoing] | None:
    """``survey:answer``: counted once per person and week; None (politely unavailable) for a value
    that is not one of the survey's or a question no longer in the pack."""
    ctx, lang, parts, store = call.ctx, call.lang, call.parts, call.store
    answer = Pressed.read(pressed.value) if pressed.verb == "answer" else None
    if answer is None:
        return None
    if not store.enabled:
        return [say(lang, t("survey.off", lang))]
    q = call.pack.survey_question(answer.question, lang)
    if q is None or not 1 <= answer.choice <= len(q.choices):
        return None
    week = this_week(parts)
    if answer.week != week:
        return [say(lang, t("survey.closed", lang, survey=call.how.command("kodo", "survey")))]
    asked = call.pack.survey_for_week(parse_week(week), lang)
    if asked is None or asked.id != q.id:
        return None
    kept = ctx.visibility not in NOT_A_PLACE and await store.subscribed(ctx.platform, ctx.channel)
    where = ctx.channel if kept else None
    done = await store.answer(ctx.platform, ctx.user, week, q.id, answer.choice, len(q.choices),
                              Counter(ctx.platform, ctx.organisation, ctx.workspace, where))
    label = q.choices[answer.choice - 1]
    if done.same:
        line = t("survey.same", lang, choice=label)
    elif done.previous is not None and done.previous != answer.choice:
        line = t("survey.changed", lang, before=q.choices[done.previous - 1], choice=label)
    else:
        line = t("survey.answered", lang, choice=label)
    reply = card(q, week, lang, call.pack, call.settings.min_group, answer.choice, done.respondents)
    return [private(Reply((Paragraph(line), Note(t("survey.change_hint", lang)), *reply.blocks[1:])), lang)]
