"""``kodo survey [--week YYYY-Www] [--post]``."""

from __future__ import annotations

from bot.cli.plumbing import UserError, WrongCommandLine, a_week, post_now, require_platform
from bot.feature import Subcommand


async def _survey(args, settings) -> int:
    from bot.dates import week_name
    from bot.features.survey.post import printed
    from bot.replies import at_mentions
    from bot.wiring import SystemClock, runtime

    today = SystemClock().now().astimezone(settings.tz).date()
    week = week_name(args.week or today)
    if args.week and args.week > today:
        raise WrongCommandLine(f"argument --week: week {week} has not started yet (see `kodo --help`)")
    if args.post:
        if week != week_name(today):
            raise WrongCommandLine("--post posts this week's question: leave out --week (see `kodo --help`)")
        if not settings.secret_keys:
            raise UserError("the pulse survey is off: set KODO_SECRET_KEY (see `kodo doctor`)")
        require_platform(settings)
    async with runtime(settings, existing=not args.post) as rt:
        if args.post:
            return await post_now(rt, "survey", week)
        print(at_mentions((await printed(rt.kodo.parts("survey"), week, settings.locale)).text))
    return 0


def _arguments(p) -> None:
    p.add_argument("--week", type=a_week, help="ISO week, e.g. 2026-W49 (default: this week)")
    p.add_argument("--post", action="store_true", help="post this week's question to the subscribed channels now")


SURVEY = Subcommand("survey", "print (or --post) the week's pulse survey question, and its results", _survey,
                    _arguments, "A closed week shows its results (counts per choice from KODO_MIN_GROUP respondents); "
                                "an open week how many have answered. --post posts once per channel and week, "
                                "however often it is run.")
