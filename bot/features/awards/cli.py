"""``kodo awards [--month YYYY-MM] [--post]``."""

from __future__ import annotations

import argparse

from bot.cli.plumbing import WrongCommandLine, post_now, require_platform
from bot.feature import Subcommand


def a_month(text: str):
    from bot.schedule import parse_month

    try:
        return parse_month(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


async def _awards(args, settings) -> int:
    from bot.features.awards.choose import month_after, month_before
    from bot.features.awards.post import show
    from bot.replies import at_mentions
    from bot.schedule import month_name
    from bot.wiring import SystemClock, runtime

    this_month = SystemClock().now().astimezone(settings.tz).date().replace(day=1)
    first = args.month or month_before(this_month)
    if first > this_month or (args.post and first == this_month):
        raise WrongCommandLine(f"argument --month: {month_name(first)} has not ended yet: leave out --month "
                               "for last month's awards (see `kodo --help`)")
    if args.post:
        require_platform(settings)
    async with runtime(settings, existing=not args.post) as rt:
        if args.post:  # posted as the first working day of the next month posts it: once per channel
            return await post_now(rt, "awards", month_name(month_after(first)))
        print(at_mentions((await show(rt.kodo.parts("awards"), settings.locale, first)).text))
    return 0


def _arguments(p) -> None:
    p.add_argument("--month", type=a_month, help="the month awarded, e.g. 2026-12 (default: last month)")
    p.add_argument("--post", action="store_true", help="post them to the subscribed channels now")


AWARDS = Subcommand("awards", "print (or --post) the monthly awards", _awards, _arguments,
                    "Per principle, the month's episode recognised by the most people. Printed, it is the "
                    "organisation-wide view of public episodes; --post posts each channel the episodes its readers "
                    "may see, once per channel and month, however often it is run.")
