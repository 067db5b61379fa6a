"""``kodo tip [--date YYYY-MM-DD] [--post]``."""

from __future__ import annotations

from bot.cli.plumbing import a_date, post_now, require_platform
from bot.feature import Subcommand


async def _tip(args, settings) -> int:
    from bot.features.tips.tip import no_tip_reply, tip
    from bot.replies import at_mentions
    from bot.wiring import runtime

    if args.post:
        require_platform(settings)
    async with runtime(settings) as rt:
        parts = rt.kodo.parts("tips")
        day = args.date or parts.today()
        reply = tip(parts, day, settings.locale)
        if reply is None:
            print(no_tip_reply(day, settings.locale, settings.closed_days).text)
            return 0
        if args.post:
            return await post_now(rt, "tips", day.isoformat())
        print(at_mentions(reply.text))
    return 0


def _arguments(p) -> None:
    p.add_argument("--date", type=a_date, help="YYYY-MM-DD (default: today)")
    p.add_argument("--post", action="store_true", help="post it to the subscribed channels now")


TIP = Subcommand("tip", "print (or --post) the daily tip", _tip, _arguments,
                 "On a day off it prints why no tip is scheduled. --post posts once per channel and date, however "
                 "often it is run.")
