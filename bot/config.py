"""Settings from the environment (the contract's table), checked once at start."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import time
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class ConfigError(Exception):
    """A setting is wrong; the message names the variable and never its secret value."""


def _csv(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(",") if part.strip())


def _time(name: str, value: str) -> time:
    m = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", value.strip())
    if not m:
        raise ConfigError(f"{name} must be a time like 09:00, not {value!r}")
    return time(int(m.group(1)), int(m.group(2)))


@dataclass(frozen=True)
class Settings:
    database_url: str = field(default="sqlite+aiosqlite:///./kodo.db", repr=False)  # may hold a password
    content: str = "tokyo"
    locale: str = "ja"
    timezone: str = "Asia/Tokyo"
    daily_limit: int = 5
    host: str = "0.0.0.0"
    port: int = 3000
    admins: tuple[str, ...] = ()
    tip_channels: tuple[str, ...] = ()
    roundup_channels: tuple[str, ...] = ()
    tip_time: time = time(9, 0)
    roundup_time: time = time(17, 0)
    slack_bot_token: str | None = field(default=None, repr=False)
    slack_signing_secret: str | None = field(default=None, repr=False)
    slack_app_token: str | None = field(default=None, repr=False)
    slack_api_url: str = "https://slack.com/api/"
    microsoft_app_id: str | None = None
    microsoft_app_password: str | None = field(default=None, repr=False)
    microsoft_app_type: str | None = None
    microsoft_app_tenant_id: str | None = None
    microsoft_openid_metadata_url: str | None = None
    teams_allow_unauthenticated: bool = False
    log_format: str = "text"

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def slack_enabled(self) -> bool:
        """Slack needs both the bot token and the signing secret (Socket Mode: token + app token)."""
        if self.slack_app_token and not self.slack_bot_token:
            raise ConfigError("SLACK_APP_TOKEN is set but SLACK_BOT_TOKEN is missing: Socket Mode needs both")
        if bool(self.slack_bot_token) != bool(self.slack_signing_secret) and not self.slack_app_token:
            missing = "SLACK_SIGNING_SECRET" if self.slack_bot_token else "SLACK_BOT_TOKEN"
            raise ConfigError(f"{missing} is missing: Slack over HTTP needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET")
        return bool(self.slack_bot_token)

    @property
    def teams_enabled(self) -> bool:
        """Teams needs an app id, or the explicit, loud TEAMS_ALLOW_UNAUTHENTICATED=1 for local tests."""
        if self.microsoft_app_password and not self.microsoft_app_id:
            raise ConfigError("MICROSOFT_APP_PASSWORD is set but MICROSOFT_APP_ID is missing")
        return bool(self.microsoft_app_id) or self.teams_allow_unauthenticated

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None) -> "Settings":
        env = dict(os.environ if env is None else env)
        get = lambda name: (env.get(name) or "").strip() or None  # noqa: E731
        locale = get("KODO_LOCALE") or "ja"
        if locale not in ("ja", "en"):
            raise ConfigError(f"KODO_LOCALE must be ja or en, not {locale!r}")
        timezone = get("KODO_TIMEZONE") or "Asia/Tokyo"
        try:
            ZoneInfo(timezone)
        except (ZoneInfoNotFoundError, ValueError):
            raise ConfigError(f"KODO_TIMEZONE {timezone!r} is not a known time zone (try Asia/Tokyo)") from None
        limit = get("KODO_DAILY_KUDOS_LIMIT") or "5"
        if not limit.isdigit():
            raise ConfigError(f"KODO_DAILY_KUDOS_LIMIT must be a whole number (0 = unlimited), not {limit!r}")
        port = get("PORT") or "3000"
        if not port.isdigit() or not 0 <= int(port) <= 65535:
            raise ConfigError(f"PORT must be a port number, not {port!r}")
        api_url = get("SLACK_API_URL") or "https://slack.com/api/"
        log_format = (get("KODO_LOG_FORMAT") or "text").lower()
        if log_format not in ("text", "json"):
            raise ConfigError(f"KODO_LOG_FORMAT must be text or json, not {log_format!r}")
        return cls(
            database_url=get("DATABASE_URL") or cls.database_url,
            content=get("KODO_CONTENT") or "tokyo",
            locale=locale,
            timezone=timezone,
            daily_limit=int(limit),
            host=get("HOST") or "0.0.0.0",
            port=int(port),
            admins=_csv(get("KODO_ADMINS")),
            tip_channels=_csv(get("KODO_TIP_CHANNELS")),
            roundup_channels=_csv(get("KODO_ROUNDUP_CHANNELS")),
            tip_time=_time("KODO_TIP_TIME", get("KODO_TIP_TIME") or "09:00"),
            roundup_time=_time("KODO_ROUNDUP_TIME", get("KODO_ROUNDUP_TIME") or "17:00"),
            slack_bot_token=get("SLACK_BOT_TOKEN"),
            slack_signing_secret=get("SLACK_SIGNING_SECRET"),
            slack_app_token=get("SLACK_APP_TOKEN"),
            slack_api_url=api_url if api_url.endswith("/") else api_url + "/",
            microsoft_app_id=get("MICROSOFT_APP_ID"),
            microsoft_app_password=get("MICROSOFT_APP_PASSWORD"),
            microsoft_app_type=get("MICROSOFT_APP_TYPE"),
            microsoft_app_tenant_id=get("MICROSOFT_APP_TENANT_ID"),
            microsoft_openid_metadata_url=get("MICROSOFT_OPENID_METADATA_URL"),
            teams_allow_unauthenticated=get("TEAMS_ALLOW_UNAUTHENTICATED") == "1",
            log_format=log_format,
        )
