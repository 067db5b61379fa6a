"""Who wins: per principle, the episode recognised by the most distinct people; on a tie the one with
more reasons written, then the earlier. Last month's winner of a principle in the same channel does
not win it again: the next episode does."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo
from typing import Iterable, Mapping

from bot.features.awards.store import Candidate, Winner


def choose(candidates: Iterable[Candidate], last: Mapping[int, str] = {}) -> list[Winner]:
    """``last``: last month's winners in the channel, receiver by principle."""
    best: dict[int, Candidate] = {}
    for c in sorted(candidates, key=lambda c: (-c.givers, -c.reasons, c.first, c.episode)):
        if c.principle not in best and last.get(c.principle) != c.receiver:
            best[c.principle] = c
    return [Winner(n, best[n].receiver, best[n].episode, best[n].givers) for n in sorted(best)]


def month_before(first: date) -> date:
    """The first day of the month before the month that begins on ``first``."""
    return (first.replace(day=1) - timedelta(days=1)).replace(day=1)


def month_after(first: date) -> date:
    return (first.replace(day=28) + timedelta(days=4)).replace(day=1)


def month_bounds(first: date, tz: tzinfo) -> tuple[datetime, datetime]:
    """The month beginning on ``first``, midnight to midnight in KODO_TIMEZONE."""
    return datetime.combine(first, time(0), tz), datetime.combine(month_after(first), time(0), tz)
