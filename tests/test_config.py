"""Settings from the environment: a value Kodo cannot use is named with the values it can."""

from __future__ import annotations

import pytest

from bot.config import ConfigError, Settings


@pytest.mark.parametrize("name, value, message", [
    ("KODO_DAILY_KUDOS_LIMIT", "-1", "KODO_DAILY_KUDOS_LIMIT must be 0 or more (0 = unlimited), not -1"),
    ("KODO_DAILY_KUDOS_LIMIT", "lots",
     "KODO_DAILY_KUDOS_LIMIT must be a whole number, 0 or more (0 = unlimited), not 'lots'"),
    ("KODO_RETENTION_DAYS", "-30", "KODO_RETENTION_DAYS must be 0 or more (days; 0 = keep), not -30"),
    ("KODO_MIN_GROUP", "0", "KODO_MIN_GROUP must be 1 or more (people), not 0"),
    ("KODO_MIN_GROUP", "five", "KODO_MIN_GROUP must be a whole number, 1 or more (people), not 'five'"),
    ("PORT", "99999", "PORT must be from 0 to 65535, not 99999"),
    ("PORT", "-1", "PORT must be from 0 to 65535, not -1"),
    ("KODO_METRICS_PORT", "0", "KODO_METRICS_PORT must be from 1 to 65535, not 0"),
    ("KODO_METRICS_PORT", "http", "KODO_METRICS_PORT must be a whole number, from 1 to 65535, not 'http'"),
])
def test_a_number_setting_names_the_numbers_it_takes(name, value, message):
    with pytest.raises(ConfigError) as caught:
        Settings.from_env({name: value})
    assert str(caught.value) == message


def test_whole_numbers_are_read_as_written():
    s = Settings.from_env({"KODO_DAILY_KUDOS_LIMIT": "0", "KODO_RETENTION_DAYS": "365", "KODO_MIN_GROUP": "1",
                           "PORT": "8080", "KODO_METRICS_PORT": "9464"})
    assert (s.daily_limit, s.retention_days, s.min_group, s.port, s.metrics_port) == (0, 365, 1, 8080, 9464)
    for odd in ("1_000", "٣", "+5", "5.0"):  # what int() would take, or nearly: not a number a person wrote here
        with pytest.raises(ConfigError, match="KODO_DAILY_KUDOS_LIMIT must be a whole number"):
            Settings.from_env({"KODO_DAILY_KUDOS_LIMIT": odd})


def test_ranking_is_on_unless_the_organisation_turns_it_off():
    assert Settings.from_env({}).ranking is True
    assert Settings.from_env({"KODO_RANKING": "on"}).ranking is True
    assert Settings.from_env({"KODO_RANKING": "OFF"}).ranking is False
    with pytest.raises(ConfigError) as caught:
        Settings.from_env({"KODO_RANKING": "no"})
    assert str(caught.value) == "KODO_RANKING must be on or off, not 'no'"
