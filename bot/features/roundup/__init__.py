"""The weekly roundup: posted on Fridays (or the last working day before) at KODO_ROUNDUP_TIME to
channels subscribed to ``roundup``, shown by ``kodo roundup`` and the console's ``/roundup``."""

from __future__ import annotations

from bot.feature import Feature, Kind
from bot.features.roundup.cli import ROUNDUP
from bot.features.roundup.messages import MESSAGES
from bot.features.roundup.post import RoundupPost
from bot.schedule import FRIDAY, WEEK, last_working_day_by

feature = Feature(
    name="roundup",
    messages=MESSAGES,
    store="storage.roundup:SqlRoundup",
    kinds=(Kind("roundup", WEEK, last_working_day_by(FRIDAY), lambda settings: settings.roundup_time, RoundupPost,
                "kind.roundup", "subscribe.roundup", aliases=("まとめ", "週報"),
                channels=lambda settings: settings.roundup_channels),),
    cli=(ROUNDUP,),
)
