"""``kodo roundup [--week YYYY-Www] [--post]``."""

from __future__ import annotations

from bot.cli.plumbing import WrongCommandLine, a_week, post_now, require_platform
from bot.feature import Subcommand


async def _roundup(args, settings) -> int:
    from bot.dates import week_name
    from bot.features.roundup.digest import WeekNotStarted, week_bounds
    from bot.features.roundup.post import show
    from bot.replies import at_mentions
    from bot.wiring import SystemClock, runtime

    try:  # before anything is opened: a week still to come is a mistake in the command line
        start, end = week_bounds(SystemClock().now(), settings.tz, args.week)
    except WeekNotStarted as exc:
        raise WrongCommandLine(f"argument --week: {exc}: leave out --week for this week so far "
                               "(see `kodo --help`)") from None
    if args.post:
        require_platform(settings)
    async with runtime(settings, existing=not args.post) as rt:
        parts = rt.kodo.parts("roundup")
        if args.post:
            return await post_now(rt, "roundup", week_name(start), end)
        print(at_mentions((await show(parts, None, settings.locale, start, end)).text))
    return 0


def _arguments(p) -> None:
    p.add_argument("--week", type=a_week, help="ISO week, e.g. 2026-W48 (default: this week so far)")
    p.add_argument("--post", action="store_true", help="post it to the subscribed channels now")


ROUNDUP = Subcommand("roundup", "print (or --post) the weekly roundup", _roundup, _arguments,
                     "Kudos per principle, the most recognised people, stories worth sharing and a principle to "
                     "practise more. --post posts once per channel and week, however often it is run.")
