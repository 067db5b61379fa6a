"""Settings from the environment (the contract's table), checked once at start."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from datetime import date, time
from ipaddress import ip_network
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError


class ConfigError(Exception):
    """A setting is wrong; the message names the variable and never its secret value."""


def _csv(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(",") if part.strip())


def a_time(name: str, value: str) -> time:
    """``09:00`` -> 9:00; a feature's time setting reads with it too (``Setting(read=a_time)``)."""
    m = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", value.strip())
    if not m:
        raise ConfigError(f"{name} must be a time like 09:00, not {value!r}")
    return time(int(m.group(1)), int(m.group(2)))


def _whole(name: str, value: str, least: int, most: int | None = None, meaning: str = "") -> int:
    """A whole-number setting, as a person writes one (ASCII digits, maybe a minus). Wrong, the message
    names the numbers it takes: -1 is a whole number, just not one of them."""
    span = f"from {least} to {most}" if most is not None else f"{least} or more"
    if not re.fullmatch(r"-?[0-9]+", value):
        raise ConfigError(f"{name} must be a whole number, {span}{meaning}, not {value!r}")
    number = int(value)
    if number < least or (most is not None and number > most):
        raise ConfigError(f"{name} must be {span}{meaning}, not {number}")
    return number


def _url_parts(url: str) -> tuple[str, str, str | None, str]:
    """(before the user, user, password or None, from the ``@`` on), for any URL, parsed or not."""
    head, at, tail = url.rpartition("@")
    scheme, sep, userinfo = head.rpartition("//")
    user, colon, password = userinfo.partition(":")
    return (scheme + sep, user, password if at and colon else None, at + tail if at else url)


def safe_url(url: str) -> str:
    """The URL as it may be shown: its password, if any, as ``***``, even when the URL does not parse."""
    before, user, password, rest = _url_parts(url)
    return url if password is None else f"{before}{user}:***{rest}"


def _dates(name: str, value: str | None) -> frozenset[date]:
    days = set()
    for part in _csv(value):
        try:
            days.add(date.fromisoformat(part))
        except ValueError:
            raise ConfigError(f"{name} must be dates like 2026-12-28, separated by commas; {part!r} is not one") \
                from None
    return frozenset(days)


MIN_SECRET_KEY = 32  # characters of one KODO_SECRET_KEY: a random string, never a word to remember


def _secret_keys(value: str | None) -> tuple[str, ...]:
    """KODO_SECRET_KEY: one key, or several separated by commas while keys are rotated (the first
    seals what is stored from now on; every one of them still opens what an older one sealed)."""
    keys = _csv(value)
    if any(len(key) < MIN_SECRET_KEY for key in keys):
        raise ConfigError(f"KODO_SECRET_KEY: each key must be a random string of at least {MIN_SECRET_KEY} characters "
                          "(make one with: python3 -c 'import secrets; print(secrets.token_urlsafe(32))')")
    return keys


def _url(name: str, value: str | None, default: str) -> str:
    if value is None:
        return default
    if not re.fullmatch(r"https://[^\s/]+\S*", value):
        raise ConfigError(f"{name} must be an https:// address, not {value!r}")
    return value


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
    slack_client_id: str | None = None  # with the secret below: Slack distribution (OAuth, many workspaces)
    slack_client_secret: str | None = field(default=None, repr=False)
    secret_keys: tuple[str, ...] = field(default=(), repr=False)  # KODO_SECRET_KEY, the sealing key first
    microsoft_app_id: str | None = None
    microsoft_app_password: str | None = field(default=None, repr=False)
    microsoft_app_type: str | None = None
    microsoft_app_tenant_id: str | None = None
    microsoft_openid_metadata_url: str | None = None
    microsoft_login_url: str = "https://login.microsoftonline.com/"  # where `kodo doctor` asks for a token
    teams_allow_unauthenticated: bool = False
    metrics_port: int | None = None  # serve /metrics apart from the main port
    closed_days: frozenset[date] = frozenset()
    # What the Teams app package shows as the publisher's website, privacy statement and terms of use.
    website_url: str = "https://github.com/kodo-bot/kodo"
    privacy_url: str | None = None
    terms_url: str | None = None
    min_group: int = 5  # KODO_MIN_GROUP: the smallest group any breakdown shows
    ranking: bool = True  # KODO_RANKING=off: roundups list nobody as "most recognised"
    retention_days: int = 0  # KODO_RETENTION_DAYS: reasons older than this are blanked nightly; 0 keeps them
    dashboard_token: str | None = field(default=None, repr=False)
    dashboard_auth: str = "token"
    dashboard_user_header: str = "X-Forwarded-User"
    trusted_proxies: tuple[str, ...] = ()
    log_format: str = "text"
    # The features' own settings (``Feature.settings``), by variable name, as read at start.
    options: dict = field(default_factory=dict, hash=False, repr=False)
    option_secrets: tuple[str, ...] = field(default=(), repr=False)  # the values of those that are secret

    def option(self, name: str):
        """A feature's setting (``KODO_SURVEY_TIME``): as read from the environment, else its default."""
        if name in self.options:
            return self.options[name]
        from bot.features import REGISTRY

        setting = REGISTRY.setting(name)
        return setting.read(name, setting.default)

    @property
    def teams_links(self) -> dict[str, str]:
        return {"websiteUrl": self.website_url, "privacyUrl": self.privacy_url or self.website_url,
                "termsOfUseUrl": self.terms_url or self.website_url}

    def secrets(self) -> tuple[str, ...]:
        """Every secret value set, so that no message can ever show one."""
        values = (self.slack_bot_token, self.slack_signing_secret, self.slack_app_token, self.slack_client_secret,
                  self.microsoft_app_password, self.dashboard_token, _url_parts(self.database_url)[2],
                  *self.secret_keys, *self.option_secrets)
        return tuple(v for v in values if v and len(v) >= 4)

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def slack_distribution(self) -> bool:
        """Slack for many workspaces: Bolt's OAuth flow installs Kodo, each workspace's token is kept in
        the database, sealed with KODO_SECRET_KEY. Needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and
        SLACK_SIGNING_SECRET, and no SLACK_BOT_TOKEN (which is one workspace's token)."""
        if not (self.slack_client_id or self.slack_client_secret):
            return False
        needs = "Slack distribution needs SLACK_CLIENT_ID, SLACK_CLIENT_SECRET and SLACK_SIGNING_SECRET"
        for name, value in (("SLACK_CLIENT_ID", self.slack_client_id),
                            ("SLACK_CLIENT_SECRET", self.slack_client_secret),
                            ("SLACK_SIGNING_SECRET", self.slack_signing_secret)):
            if not value:
                raise ConfigError(f"{name} is missing: {needs}")
        if self.slack_bot_token:
            raise ConfigError("SLACK_BOT_TOKEN is set beside SLACK_CLIENT_ID: one workspace runs on its bot token, "
                              "many on OAuth (SLACK_CLIENT_ID, SLACK_CLIENT_SECRET); unset one of the two")
        if self.slack_app_token:
            raise ConfigError("SLACK_APP_TOKEN is set beside SLACK_CLIENT_ID: Slack distribution needs Slack to reach "
                              "Kodo over HTTP (unset SLACK_APP_TOKEN)")
        if not self.secret_keys:
            raise ConfigError("KODO_SECRET_KEY is missing: Slack distribution keeps every workspace's token encrypted "
                              "with it (make one with: python3 -c 'import secrets; print(secrets.token_urlsafe(32))')")
        if self.tip_channels or self.roundup_channels:
            raise ConfigError("KODO_TIP_CHANNELS and KODO_ROUNDUP_CHANNELS name channels of one workspace: with Slack "
                              "distribution, subscribe channels in chat (/kodo subscribe) and unset them")
        return True

    @property
    def slack_enabled(self) -> bool:
        """Slack needs both the bot token and the signing secret (Socket Mode: token + app token), or
        the settings of distribution."""
        if self.slack_distribution:
            return True
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
    def from_env(cls, env: dict[str, str] | None = None, registry=None) -> "Settings":
        """``registry``: whose features' settings to read too (every registered feature's by default)."""
        if registry is None:
            from bot.features import REGISTRY as registry
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
        limit = _whole("KODO_DAILY_KUDOS_LIMIT", get("KODO_DAILY_KUDOS_LIMIT") or "5", 0, meaning=" (0 = unlimited)")
        port = _whole("PORT", get("PORT") or "3000", 0, 65535)
        metrics_port = get("KODO_METRICS_PORT")
        metrics_port = _whole("KODO_METRICS_PORT", metrics_port, 1, 65535) if metrics_port is not None else None
        api_url = get("SLACK_API_URL") or "https://slack.com/api/"
        min_group = _whole("KODO_MIN_GROUP", get("KODO_MIN_GROUP") or "5", 1, meaning=" (people)")
        retention = _whole("KODO_RETENTION_DAYS", get("KODO_RETENTION_DAYS") or "0", 0, meaning=" (days; 0 = keep)")
        auth = (get("KODO_DASHBOARD_AUTH") or "token").lower()
        if auth not in ("token", "proxy"):
            raise ConfigError(f"KODO_DASHBOARD_AUTH must be token or proxy, not {auth!r}")
        proxies = _csv(get("KODO_TRUSTED_PROXIES"))
        for proxy in proxies:
            try:
                ip_network(proxy, strict=False)
            except ValueError:
                raise ConfigError(f"KODO_TRUSTED_PROXIES: {proxy!r} is not an IP address or network") from None
        if auth == "proxy" and not proxies:
            raise ConfigError("KODO_DASHBOARD_AUTH=proxy needs KODO_TRUSTED_PROXIES (the proxy's addresses)")
        ranking = (get("KODO_RANKING") or "on").lower()
        if ranking not in ("on", "off"):
            raise ConfigError(f"KODO_RANKING must be on or off, not {get('KODO_RANKING')!r}")
        log_format = (get("KODO_LOG_FORMAT") or "text").lower()
        if log_format not in ("text", "json"):
            raise ConfigError(f"KODO_LOG_FORMAT must be text or json, not {log_format!r}")
        return cls(
            database_url=get("DATABASE_URL") or cls.database_url,
            content=get("KODO_CONTENT") or "tokyo",
            locale=locale,
            timezone=timezone,
            daily_limit=limit,
            host=get("HOST") or "0.0.0.0",
            port=port,
            admins=_csv(get("KODO_ADMINS")),
            tip_channels=_csv(get("KODO_TIP_CHANNELS")),
            roundup_channels=_csv(get("KODO_ROUNDUP_CHANNELS")),
            tip_time=a_time("KODO_TIP_TIME", get("KODO_TIP_TIME") or "09:00"),
            roundup_time=a_time("KODO_ROUNDUP_TIME", get("KODO_ROUNDUP_TIME") or "17:00"),
            slack_bot_token=get("SLACK_BOT_TOKEN"),
            slack_signing_secret=get("SLACK_SIGNING_SECRET"),
            slack_app_token=get("SLACK_APP_TOKEN"),
            slack_api_url=api_url if api_url.endswith("/") else api_url + "/",
            slack_client_id=get("SLACK_CLIENT_ID"),
            slack_client_secret=get("SLACK_CLIENT_SECRET"),
            secret_keys=_secret_keys(get("KODO_SECRET_KEY")),
            microsoft_app_id=get("MICROSOFT_APP_ID"),
            microsoft_app_password=get("MICROSOFT_APP_PASSWORD"),
            microsoft_app_type=get("MICROSOFT_APP_TYPE"),
            microsoft_app_tenant_id=get("MICROSOFT_APP_TENANT_ID"),
            microsoft_openid_metadata_url=get("MICROSOFT_OPENID_METADATA_URL"),
            microsoft_login_url=(get("MICROSOFT_LOGIN_URL") or cls.microsoft_login_url).rstrip("/") + "/",
            teams_allow_unauthenticated=get("TEAMS_ALLOW_UNAUTHENTICATED") == "1",
            metrics_port=metrics_port,
            closed_days=_dates("KODO_CLOSED_DAYS", get("KODO_CLOSED_DAYS")),
            website_url=_url("KODO_WEBSITE_URL", get("KODO_WEBSITE_URL"), cls.website_url),
            privacy_url=_url("KODO_PRIVACY_URL", get("KODO_PRIVACY_URL"), None),
            terms_url=_url("KODO_TERMS_URL", get("KODO_TERMS_URL"), None),
            min_group=min_group,
            ranking=ranking == "on",
            retention_days=retention,
            dashboard_token=get("KODO_DASHBOARD_TOKEN"),
            dashboard_auth=auth,
            dashboard_user_header=get("KODO_DASHBOARD_USER_HEADER") or "X-Forwarded-User",
            trusted_proxies=proxies,
            log_format=log_format,
            options={s.name: s.read(s.name, get(s.name) or s.default) for s in registry.settings},
            option_secrets=tuple(get(s.name) or s.default for s in registry.settings if s.secret),
        )
