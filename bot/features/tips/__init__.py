"""The daily tip: posted on working days at KODO_TIP_TIME to channels subscribed to ``tips``, shown
by ``kodo tip`` and the console's ``/tip``."""

from __future__ import annotations

from bot.feature import Feature, Kind
from bot.features.tips.cli import TIP
from bot.features.tips.messages import MESSAGES
from bot.features.tips.tip import TipPost
from bot.schedule import DAY, every_working_day

KIND = "tips"

feature = Feature(
    name="tips",
    messages=MESSAGES,
    kinds=(Kind(KIND, DAY, every_working_day, lambda settings: settings.tip_time, TipPost, "kind.tips",
                "subscribe.tips", aliases=("tip", "ヒント"), channels=lambda settings: settings.tip_channels),),
    cli=(TIP,),
)
