"""The survey as the scheduler posts it (the week's first working day at KODO_SURVEY_TIME) and as the
command line prints it."""

from __future__ import annotations

from bot.dates import long_day, parse_week
from bot.feature import Parts
from bot.features.survey.ask import card
from bot.features.survey.results import blocks, closed, result
from bot.i18n import t
from bot.kpi import Scope
from bot.ports import Messenger, Subscription
from bot.replies import Divider, Paragraph, Reply
from bot.schedule import Slot


class SurveyPost:
    """A slot's question: the same for every channel of a language (who answered is never in a post)."""

    def __init__(self, parts: Parts, slot: Slot):
        self.parts, self.week = parts, slot.period

    async def reply(self, sub: Subscription, messenger: Messenger) -> Reply:
        q = self.parts.pack.survey_for_week(parse_week(self.week), sub.locale)
        assert q is not None, "survey slots exist only for a pack with survey questions"
        return card(q, self.week, sub.locale, self.parts.pack, self.parts.settings.min_group)


async def printed(parts: Parts, week: str, lang: str) -> Reply:
    """``kodo survey``: the week's question with its choices numbered, then its results (closed) or how
    many have answered (open), organisation-wide."""
    if not parts.store.enabled:
        return Reply.of(Paragraph(t("survey.off", lang)))
    q = parts.pack.survey_for_week(parse_week(week), lang)
    if q is None:
        return Reply.of(Paragraph(t("survey.none", lang)))
    ended = closed(week, parts.today())
    shown = card(q, week, lang, parts.pack, parts.settings.min_group, dated=True, closed=ended)
    r = await result(parts, week, Scope(), lang)
    if r is None:
        return Reply((*shown.blocks, Divider(), Paragraph(t("dashboard.survey.none" if ended
                                                            else "survey.respondents.none", lang))))
    title = t("survey.results.title", lang, start=long_day(parse_week(week), lang))
    return Reply((*shown.blocks, Divider(), *blocks(r, lang, parts.settings.min_group, title, asked=False)))
