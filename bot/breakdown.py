"""Breakdowns finer than the whole organisation (per channel, per team, per survey answer) without
exposing small groups: a group of fewer than ``KODO_MIN_GROUP`` distinct people is withheld, and
so is a second one whenever exactly one would be, so that no withheld number can be recovered by
subtracting the shown ones from a total. Every feature that shows such a breakdown uses this."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Hashable, Mapping

from bot.i18n import t


@dataclass(frozen=True)
class Group:
    count: int  # what is counted (kudos, answers…)
    people: int  # distinct people behind the count


def withhold(groups: Mapping[Hashable, Group], min_group: int) -> dict[Hashable, int | None]:
    """Each group's count, or None where it must not be shown."""
    small = {key for key, group in groups.items() if group.people < min_group}
    if len(small) == 1 and len(groups) > 1:
        # One withheld number would be the total minus the others: withhold the next smallest too.
        small.add(min((key for key in groups if key not in small),
                      key=lambda key: (groups[key].people, groups[key].count, str(key))))
    return {key: None if key in small else group.count for key, group in groups.items()}


def shown(count: int | None, lang: str, min_group: int) -> str:
    """A breakdown's number as people read it: the count, or "fewer than N"."""
    return str(count) if count is not None else t("breakdown.fewer", lang, min=min_group)
