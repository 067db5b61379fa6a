"""The monthly awards as the scheduler posts them (the first working day of a month, for the month
before) and as the command line shows them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.dates import month_words
from bot.feature import Parts, audience
from bot.features.awards.choose import choose, month_before, month_bounds
from bot.features.awards.store import AwardsStore, Winner
from bot.features.roundup.digest import shown_reason
from bot.howto import how
from bot.i18n import t
from bot.kpi import Scope
from bot.ports import Messenger, Place, Subscription
from bot.replies import MENTION, Bullets, Heading, Note, Paragraph, Reply, mention
from bot.schedule import Slot, month_name, parse_month

REASONS = 3  # what the givers wrote, at most, under each award


@dataclass(frozen=True)
class Shown:
    winner: Winner
    platform: str
    reasons: tuple[str, ...]
    hidden: frozenset[str]  # people mentioned in the reasons who must not be named


async def awarded(store: AwardsStore, parts: Parts, first: date, audience: Place | None,
                  last: dict[int, str] | None = None) -> list[tuple[Winner, str]]:
    """The month beginning on ``first``: its winners for ``audience`` (None: the organisation-wide view
    of public episodes), passing over ``last`` month's winners (receiver by principle), with their platform."""
    start, end = month_bounds(first, parts.tz)
    candidates = await store.candidates(parts.pack.id, start, end, audience)
    platforms = {c.episode: c.platform for c in candidates}
    return [(w, platforms[w.episode]) for w in choose(candidates, last or {})]


async def told(store: AwardsStore, winners: list[tuple[Winner, str]]) -> list[Shown]:
    shown = []
    for winner, platform in winners:
        reasons = tuple(await store.reasons(platform, winner.episode, winner.principle, REASONS))
        named = {m.group(1) for reason in reasons for m in MENTION.finditer(reason)}
        hidden = await store.hidden_people(platform, named) if named else set()
        shown.append(Shown(winner, platform, reasons, frozenset(hidden)))
    return shown


async def answered(parts: Parts, first: date, scope: Scope) -> tuple[int, float | None] | None:
    """How many improvement proposals were answered in the month, and the median working days to an
    answer (the proposals feature's store); None without the proposals feature."""
    proposals = next((p for f, p in parts.features() if f.name == "proposals" and p.store is not None), None)
    if proposals is None:
        return None
    start, end = month_bounds(first, parts.tz)
    return await proposals.store.answered_between(start, end, parts.tz, parts.settings.closed_days, scope)


def _answered_line(month: str, answers: tuple[int, float | None], lang: str) -> Paragraph:
    count, median = answers
    if not count or median is None:
        return Paragraph(t("awards.proposals.none", lang, month=month))
    return Paragraph(t("awards.proposals", lang, month=month, count=count, days=f"{median:g}"))


def awards_reply(parts: Parts, first: date, shown: list[Shown], lang: str, platform: str | None,
                 answers: tuple[int, float | None] | None = None) -> Reply:
    """``first``: the first day of the month awarded; ``answers``: the month's proposals answered and
    the median working days to an answer. With KODO_RANKING=off nobody is named."""
    pack, h, month = parts.pack, how(platform, lang), month_words(first, lang)
    blocks: list = [Heading(t("awards.title", lang, month=month))]
    said = [_answered_line(month, answers, lang)] if answers is not None else []
    if not shown:
        blocks.append(Paragraph(t("awards.none", lang, month=month, recognise=h.recognise_any())))
        return Reply(tuple(blocks + said))
    blocks.append(Paragraph(t("awards.intro", lang, month=month)))
    named = parts.settings.ranking
    for s in shown:
        w = s.winner
        p = pack.principle(w.principle, lang)
        blocks.append(Paragraph(t("awards.award", lang, award=pack.award(w.principle, lang),
                                  badge=h.badge(pack.emoji_for(w.principle)), number=w.principle, title=p.title)))
        one = ".one" if w.givers == 1 else ""
        blocks.append(Paragraph(t(f"awards.winner{one}", lang, receiver=mention(w.receiver), count=w.givers) if named
                                else t(f"awards.unnamed{one}", lang, count=w.givers)))
        if s.reasons:
            blocks.append(Bullets("", tuple(t("awards.reason", lang, reason=shown_reason(r, s.hidden, lang))
                                            for r in s.reasons)))
    blocks += said
    blocks.append(Note(t("awards.rule", lang)))
    return Reply(tuple(blocks))


async def show(parts: Parts, lang: str, first: date) -> Reply:
    """``kodo awards --month M`` without ``--post``: the organisation-wide view, public episodes only."""
    shown = await told(parts.store, await awarded(parts.store, parts, first, None))
    return awards_reply(parts, first, shown, lang, None, await answered(parts, first, Scope()))


class AwardsPost:
    """One slot's awards (period: the month of posting; awarded: the month before), per channel: each
    channel's audience may see different episodes and had its own winners last month."""

    def __init__(self, parts: Parts, slot: Slot):
        self.parts, self.slot = parts, slot
        self.first = month_before(parse_month(slot.period))

    async def reply(self, sub: Subscription, messenger: Messenger) -> Reply:
        parts, store, month = self.parts, self.parts.store, month_name(self.first)
        place = await audience(sub, messenger)
        kept = await store.winners(sub.platform, sub.channel, month)
        if not kept:  # the first try for this channel (a retry names the same winners)
            before = await store.winners(sub.platform, sub.channel, month_name(month_before(self.first)))
            chosen = await awarded(store, parts, self.first, place, {n: w.receiver for n, w in before.items()})
            kept = await store.record(sub.place, month, [w for w, _ in chosen], self.slot.at)
        shown = await told(store, [(w, sub.platform) for _, w in sorted(kept.items())])
        answers = await answered(parts, self.first, Scope.counted_for(place))  # this workspace's proposals
        return awards_reply(parts, self.first, shown, sub.locale, sub.platform, answers)


def awarded_month(text: str | None, today: date) -> date:
    """``--month 2026-12`` or, without it, last month."""
    return parse_month(text) if text else month_before(today)

