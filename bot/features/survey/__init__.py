"""The weekly pulse survey (意識調査): ``/kodo survey`` asks the week's question privately, anywhere;
channels subscribed to ``survey`` get it on the week's first working day at KODO_SURVEY_TIME. Answers
are counted once per person and week without storing who gave which (``storage.survey``); results come
after the week closes, from KODO_MIN_GROUP respondents, in the next roundup, on the dashboard, in
``/api/kpi`` and ``kodo kpi`` (``results``). Without KODO_SECRET_KEY it is off, and ``kodo doctor``
says why."""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import a_time
from bot.doctor import ok, warn
from bot.feature import Command, Feature, HelpLine, Kind, Setting
from bot.features.survey import ask, results
from bot.features.survey.cli import SURVEY
from bot.features.survey.messages import MESSAGES
from bot.features.survey.post import SurveyPost
from bot.i18n import t
from bot.schedule import WEEK, first_working_day

TIME = "KODO_SURVEY_TIME"


@dataclass(frozen=True)
class Show:
    pass


def parse(word: str, rest: list[str], registry) -> Show:
    return Show()


async def handle(call, intent: Show):
    return await ask.show(call)


def help_lines(h, registry) -> list[HelpLine]:
    return [HelpLine("kodo", "survey", t("help.survey", h.lang))]


def doctor(settings) -> list:
    if not settings.secret_keys:
        return [warn("survey", "KODO_SECRET_KEY is not set, so the pulse survey is off: it counts each person once "
                               "through a keyed hash, which needs the key (set it to a random string of 32 or more "
                               "characters, the same on every replica)")]
    return [ok("survey", f"on: posted on the week's first working day at "
                         f"{settings.option(TIME).strftime('%H:%M')} to channels subscribed to survey")]


feature = Feature(
    name="survey",
    commands=(Command("survey", ("アンケート", "意識調査"), teams="teams.manifest.survey"),),
    parse=parse, handle=handle, press=ask.press, messages=MESSAGES, help=help_lines,
    store="storage.survey:SqlSurvey",
    kinds=(Kind("survey", WEEK, first_working_day(WEEK), lambda settings: settings.option(TIME), SurveyPost,
                "kind.survey", "subscribe.survey", aliases=("surveys", "アンケート", "意識調査"),
                enabled=lambda settings: bool(settings.secret_keys)),),
    cli=(SURVEY,),
    settings=(Setting(TIME, "10:00", a_time),),
    doctor=doctor,
    figures=results.figures,
    roundup=results.roundup,
)
