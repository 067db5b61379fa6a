"""The casebook's numbers in the KPI module: episodes published per principle and week (``/api/kpi``,
``kodo kpi``), and the dashboard's casebook section, which shows the published episodes by principle
as ``kodo casebook`` does: receivers named, givers never, typed words as words."""

from __future__ import annotations

from collections import Counter

from bot.feature import Parts
from bot.features.casebook.book import mentioned
from bot.features.roundup.digest import shown_reason
from bot.i18n import t
from bot.kpi import Ask, Chart, Figures
from bot.replies import at_mentions, flat, mention

SHOWN = 10  # episodes listed under the dashboard's chart, the newest first


async def figures(parts: Parts, ask: Ask) -> Figures:
    pack, lang, store = parts.pack, ask.lang, parts.store
    found = await store.published_in(ask.weeks[0].start, ask.weeks[-1].end, ask.scope)
    weeks = []
    for week in ask.weeks:
        per = Counter(n for n, at in found if week.start <= at < week.end)
        weeks.append({"week": week.name, "start": week.monday.isoformat(), "published": sum(per.values()),
                      "per_principle": {str(n): per.get(n, 0) for n in range(1, pack.size + 1)}})
    total = Counter(n for n, _ in found)
    numbers = {"published": len(found), "per_principle": {str(n): total.get(n, 0) for n in range(1, pack.size + 1)},
               "weeks": weeks}
    since = ask.weeks[0].start
    cases = sorted((c for c in await store.published(since, ask.scope) if c.published_at < ask.weeks[-1].end),
                   key=lambda c: c.published_at, reverse=True)[:SHOWN]
    hidden: set[str] = set()
    for platform, people in mentioned(cases).items():
        hidden |= await store.hidden_people(platform, people)
    notes = []
    for case in cases:
        first = case.reasons[0] if case.reasons else ""
        words = at_mentions(flat(shown_reason(first, frozenset(hidden), lang))) if first else ""
        notes.append(at_mentions(t("dashboard.casebook.case", lang, number=case.principle,
                                   receiver=mention(case.receiver), count=case.givers)) +
                     (t("dashboard.casebook.reason", lang, reason=words) if words else ""))
    rows = tuple((f"#{p.number} {p.title}", total.get(p.number, 0)) for p in pack.principles[lang])
    chart = Chart("casebook", t("dashboard.casebook.title", lang),
                  (t("dashboard.casebook.lines", lang, count=len(found)),), t("dashboard.casebook.caption", lang),
                  (t("dashboard.casebook.principle", lang), t("dashboard.casebook.episodes", lang)), rows,
                  tuple(notes) or (t("casebook.empty", lang),))
    return Figures({"casebook": numbers}, (chart,))
