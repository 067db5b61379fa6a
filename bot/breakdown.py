"""Breakdowns finer than the whole organisation (per channel, per workspace, per survey answer)
without exposing small groups, by one rule that every feature showing such a breakdown uses
(``shown_groups``): a group of fewer than ``KODO_MIN_GROUP`` distinct people is withheld, and so is
the smallest shown group, again and again, while what is withheld (with anything belonging to no
group) holds some people but fewer than ``KODO_MIN_GROUP``: so no small group can be read directly
or as the organisation's total minus the groups shown."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Awaitable, Callable, Hashable, Mapping, TypeVar

from bot.i18n import t

K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Group:
    count: int  # what is counted (kudos, answers…)
    people: int  # distinct people behind the count


async def shown_groups(people: Mapping[K | None, int], outside: Callable[[set[K]], Awaitable[int]],
                       min_group: int) -> set[K]:
    """Which groups of one breakdown (say, channels in a week) may be shown. ``people``: distinct
    people per group (the key ``None``: those in no group, never shown); ``outside(shown)``: distinct
    people in everything but the ``shown`` groups (asked of storage where one person can be in
    several groups, so that the remainder is counted, not estimated).

    Groups under the threshold are withheld first. If what is left over has some people but fewer
    than ``min_group``, the smallest group still shown is withheld too, until the remainder is empty
    or large enough. The answer depends only on the data, never on which group was asked for, so two
    requests cannot be played off against each other.
    """
    kept = {g for g, n in people.items() if g is not None and n >= min_group}
    while True:
        left = await outside(kept)
        if left == 0 or left >= min_group or not kept:
            return kept
        kept.remove(min(kept, key=lambda g: (people[g], str(g))))


async def withhold(groups: Mapping[K, Group], min_group: int) -> dict[K, int | None]:
    """Each group's count, or None where ``shown_groups`` withholds it, for groups nobody belongs to
    twice (one answer per person): the people left over are then the sum of the withheld groups'."""
    async def outside(kept: set[K]) -> int:
        return sum(group.people for key, group in groups.items() if key not in kept)

    kept = await shown_groups({key: group.people for key, group in groups.items()}, outside, min_group)
    return {key: group.count if key in kept else None for key, group in groups.items()}


def shown(count: int | None, lang: str, min_group: int) -> str:
    """A breakdown's number as people read it: the count, or "fewer than N"."""
    return str(count) if count is not None else t("breakdown.fewer", lang, min=min_group)
