"""The monthly awards (庁内表彰): on the first working day of each month at KODO_AWARDS_TIME, channels
subscribed to ``awards`` get, per principle, last month's episode recognised by the most people,
named after the principle's award in the content pack; ``kodo awards`` prints or posts them."""

from __future__ import annotations

from bot.config import a_time
from bot.feature import Feature, Kind, Setting
from bot.features.awards.cli import AWARDS
from bot.features.awards.messages import MESSAGES
from bot.features.awards.post import AwardsPost
from bot.schedule import MONTH, first_working_day

TIME = "KODO_AWARDS_TIME"

feature = Feature(
    name="awards",
    messages=MESSAGES,
    store="storage.awards:SqlAwards",
    kinds=(Kind("awards", MONTH, first_working_day(MONTH), lambda settings: settings.option(TIME), AwardsPost,
                "kind.awards", "subscribe.awards", aliases=("award", "表彰", "アワード")),),
    settings=(Setting(TIME, "10:00", read=a_time),),
    cli=(AWARDS,),
)
