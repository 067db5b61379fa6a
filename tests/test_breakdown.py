"""Small groups in a breakdown cannot be read, directly or by subtraction from the total."""

from __future__ import annotations

import asyncio

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.breakdown import Group, shown, withhold
from bot.config import ConfigError, Settings


async def test_a_group_of_fewer_than_min_group_people_is_withheld_and_so_is_one_more():
    groups = {"#a": Group(40, 12), "#b": Group(9, 6), "#c": Group(3, 2)}
    assert await withhold(groups, 5) == {"#a": 40, "#b": None, "#c": None}  # #c alone would be total - 49
    assert await withhold(groups, 2) == {"#a": 40, "#b": 9, "#c": 3}
    assert await withhold({"#a": Group(3, 2)}, 5) == {"#a": None}
    assert shown(None, "ja", 5) == "5人未満" and shown(None, "en", 5) == "fewer than 5" and shown(7, "en", 5) == "7"


@given(st.dictionaries(st.integers(0, 30), st.tuples(st.integers(0, 100), st.integers(1, 20)), min_size=1),
       st.integers(1, 10))
def test_no_withheld_count_is_alone_or_small_groups_shown(raw, min_group):
    groups = {k: Group(count, people) for k, (count, people) in raw.items()}
    result = asyncio.run(withhold(groups, min_group))
    hidden = [k for k, v in result.items() if v is None]
    assert all(result[k] is None for k, g in groups.items() if g.people < min_group)
    assert len(hidden) != 1 or len(groups) == 1  # never exactly one number missing from a known total
    left = sum(groups[k].people for k in hidden)  # what the total minus the shown groups is about
    assert left == 0 or left >= min_group or len(hidden) == len(groups)


async def test_small_groups_together_are_still_small():
    """Two small groups withheld side by side are read together as the total minus the rest: 4
    people. The smallest shown group goes too, so what is left over involves at least 5."""
    groups = {"#a": Group(30, 10), "#b": Group(12, 6), "#c": Group(2, 2), "#d": Group(3, 2)}
    assert await withhold(groups, 5) == {"#a": 30, "#b": None, "#c": None, "#d": None}
    assert await withhold(groups | {"#e": Group(4, 1)}, 5) == {"#a": 30, "#b": 12, "#c": None, "#d": None, "#e": None}


def test_min_group_and_retention_come_from_the_environment():
    assert (Settings.from_env({}).min_group, Settings.from_env({}).retention_days) == (5, 0)
    env = Settings.from_env({"KODO_MIN_GROUP": "3", "KODO_RETENTION_DAYS": "365"})
    assert (env.min_group, env.retention_days) == (3, 365)
    for name, value in (("KODO_MIN_GROUP", "0"), ("KODO_MIN_GROUP", "five"), ("KODO_RETENTION_DAYS", "-1")):
        with pytest.raises(ConfigError, match=name):
            Settings.from_env({name: value})
