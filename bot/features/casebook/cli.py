"""``kodo casebook [--format markdown|json] [--since DATE]``."""

from __future__ import annotations

from bot.cli.plumbing import a_date, since
from bot.feature import Subcommand


async def _casebook(args, settings) -> int:
    from bot.features.casebook.book import as_json, markdown, mentioned
    from bot.wiring import runtime

    async with runtime(settings, existing=True) as rt:
        parts = rt.kodo.parts("casebook")
        cases = await parts.store.published(since(args, settings))
        hidden: set[str] = set()
        for platform, people in mentioned(cases).items():
            hidden |= await parts.store.hidden_people(platform, people)
        lang = settings.locale
        if args.format == "json":
            print(as_json(parts.pack, cases, frozenset(hidden), lang))
        else:
            print(markdown(parts.pack, cases, frozenset(hidden), lang, settings.tz), end="")
    return 0


def _arguments(p) -> None:
    p.add_argument("--format", choices=("markdown", "md", "json"), default="markdown",
                   help="markdown (default; md for short) or json")
    p.add_argument("--since", type=a_date, help="only episodes published from this date on (YYYY-MM-DD)")


CASEBOOK = Subcommand("casebook", "print the good-practice casebook: published episodes only", _casebook, _arguments,
                      "Episodes their receivers agreed to publish, by principle, with the reasons given and "
                      "without the names of those who gave them. Markdown for printing and sharing, JSON for reuse.")
