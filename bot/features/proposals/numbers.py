"""The proposals' numbers: made, supported, answered (with the median working days to an answer)
and adopted, per week and per principle, counted once from the store's ``happenings``."""

from __future__ import annotations

import statistics
from datetime import date, tzinfo

from bot import calendar
from bot.features.proposals.store import Happening

WHAT = ("made", "supported", "answered", "adopted")


def median_wait(answers: list[Happening], tz: tzinfo, closed: frozenset[date] = frozenset()) -> float | None:
    """The median of the working days each answered proposal waited, from the day it was made to
    the day of its first answer (holidays, weekends and KODO_CLOSED_DAYS do not count)."""
    waited = [calendar.working_days_between(h.made.astimezone(tz).date(), h.at.astimezone(tz).date(), closed)
              for h in answers if h.what == "answered" and h.made is not None]
    return float(statistics.median(waited)) if waited else None


def counts(happened: list[Happening], size: int) -> dict:
    """``{"made": n, …, "per_principle": {"1": {"made": n, …}, …, "none": {…}}}``: every principle
    present, zeros included; ``none`` holds the proposals tied to no principle."""
    keys = [str(n) for n in range(1, size + 1)] + ["none"]
    per = {key: dict.fromkeys(WHAT, 0) for key in keys}
    total = dict.fromkeys(WHAT, 0)
    for h in happened:
        key = str(h.principle) if h.principle and 1 <= h.principle <= size else "none"
        per[key][h.what] += 1
        total[h.what] += 1
    return {**total, "per_principle": per}
