"""``kodo roundup [--week YYYY-Www] [--post]``."""

from __future__ import annotations

from bot.cli.plumbing import a_week, post_now, require_platform
from bot.feature import Subcommand


async def _roundup(args, settings) -> int:
    from bot.dates import week_name
    from bot.features.roundup.digest import week_bounds
    from bot.features.roundup.post import show
    from bot.replies import at_mentions
    from bot.wiring import runtime

    if args.post:
        require_platform(settings)
    async with runtime(settings) as rt:
        parts = rt.kodo.parts("roundup")
        start, end = week_bounds(parts.clock.now(), parts.tz, args.week)
        if args.post:
            return await post_now(rt, "roundup", week_name(start), end)
        print(at_mentions((await show(parts, None, settings.locale, start, end)).text))
    return 0


def _arguments(p) -> None:
    p.add_argument("--week", type=a_week, help="ISO week, e.g. 2026-W48 (default: this week so far)")
    p.add_argument("--post", action="store_true", help="post it to the subscribed channels now")


ROUNDUP = Subcommand("roundup", "print (or --post) the weekly roundup", _roundup, _arguments)
