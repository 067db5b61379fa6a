"""The casebook as a person reads it: Markdown for printing and sharing, JSON for reuse. Published
episodes only; the givers' words without their names; people who may not be named read as "someone"."""

from __future__ import annotations

import json
import re
from datetime import tzinfo

from content.model import Pack

from bot.dates import long_day
from bot.features.casebook.store import Case
from bot.features.roundup.digest import shown_reason
from bot.i18n import t
from bot.replies import MENTION, at_mentions, flat, mention


def mentioned(cases: list[Case]) -> dict[str, set[str]]:
    """Who the reasons mention, per platform: the people to ask about before showing them."""
    named: dict[str, set[str]] = {}
    for case in cases:
        for reason in case.reasons:
            named.setdefault(case.platform, set()).update(m.group(1) for m in MENTION.finditer(reason))
    return named


_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~&])")


def _reasons(case: Case, hidden: frozenset[str], lang: str, escape=lambda text: text) -> list[str]:
    """The givers' words as typed (mentions read as names, or "someone"), through ``escape``."""
    return [escape(at_mentions(flat(shown_reason(reason, hidden, lang)))) for reason in case.reasons]


def md_text(text: str) -> str:
    """Typed words in Markdown: every ASCII punctuation mark escaped, so none of it becomes markup
    (a heading, a link, an HTML tag) where the casebook is printed or shared."""
    return _PUNCTUATION.sub(r"\\\1", text)


def markdown(pack: Pack, cases: list[Case], hidden: frozenset[str], lang: str, tz: tzinfo) -> str:
    lines = [f"# {t('casebook.title', lang)}", ""]
    if not cases:
        return "\n".join(lines + [t("casebook.empty", lang), ""])
    principle = None
    for case in cases:
        if case.principle != principle:
            principle = case.principle
            lines += [f"## #{principle} {pack.principle(principle, lang).title}", ""]
        key = "casebook.case.one" if case.givers == 1 else "casebook.case"
        day = long_day(case.published_at.astimezone(tz).date(), lang)
        lines += [f"### {at_mentions(t(key, lang, receiver=mention(case.receiver), day=day, count=case.givers))}", ""]
        lines += [f"> {line}" for reason in _reasons(case, hidden, lang, md_text)
                  for line in (reason.splitlines() or [""])]
        lines.append("")
    return "\n".join(lines)


def as_json(pack: Pack, cases: list[Case], hidden: frozenset[str], lang: str) -> str:
    return json.dumps([{
        "platform": case.platform, "receiver": case.receiver, "principle": case.principle,
        "title": pack.principle(case.principle, lang).title, "award": pack.award(case.principle, lang),
        "reasons": _reasons(case, hidden, lang), "givers": case.givers,
        "published_at": case.published_at.isoformat(),
    } for case in cases], ensure_ascii=False, indent=2)
