"""``kodo slack-manifest``: a Slack app manifest that creates a working Kodo app in one paste.

Scopes are the fewest that make every surface work:
``commands`` (slash commands and the message shortcut), ``chat:write`` (channel posts, ephemeral
replies, and DMs: posting to a user id opens the app's DM without ``im:write``), ``reactions:read``
(the ``reaction_added``/``reaction_removed`` events), ``users:read`` (``users.info``: who is a bot,
who is an admin, each person's locale; ``users.list``: the admins and owners a digest of waiting
proposals goes to; also the scope of the ``team_join`` event, which starts the welcome),
``channels:read``, ``groups:read``, ``im:read``,
``mpim:read`` (``conversations.info``: whether a conversation is public, private, shared, a group DM
or a DM, which decides where a person's words may be shown again; ``kodo doctor`` checks that each
subscribed channel exists and has Kodo in it; also the scopes of the events that end a channel's
subscriptions: ``channel_left``/``group_left`` when Kodo is taken out of a public or private channel,
``channel_archive``/``group_archive``, ``channel_deleted``/``group_deleted``), ``emoji:read``
(``emoji.list``: ``kodo doctor`` checks the pack's emoji were uploaded). No history scope: the
events and the shortcut payload already carry the message author. ``kodo doctor`` checks a token
against this same list.

For distribution (many workspaces installing Kodo through ``/slack/install``) the manifest adds
the OAuth redirect URL and the ``app_uninstalled`` and ``tokens_revoked`` events (no scope needed),
and, for an Enterprise Grid that installs Kodo once for the whole organisation,
``org_deploy_enabled``.
"""

from __future__ import annotations

import yaml

from adapters.slack.draft import CALLBACK as DRAFT
from adapters.slack.modal import CALLBACK, FEATURE
from bot.app import help_lines
from bot.features import REGISTRY
from bot.i18n import t

PLACEHOLDER_HOST = "https://YOUR-HOST"
PLACEHOLDER_URL = PLACEHOLDER_HOST + "/slack/events"
INSTALL_PATH, REDIRECT_PATH = "/slack/install", "/slack/oauth_redirect"  # Bolt's OAuth flow on kodo serve
SCOPES = ["commands", "chat:write", "reactions:read", "users:read", "channels:read", "groups:read", "im:read",
          "mpim:read", "emoji:read"]
EVENTS = ["app_home_opened", "reaction_added", "reaction_removed", "team_join", "channel_left", "group_left",
          "channel_archive", "group_archive", "channel_deleted", "group_deleted"]
UNINSTALL_EVENTS = ["app_uninstalled", "tokens_revoked"]


def manifest(lang: str, socket_mode: bool = False, distribution: bool = False, org_deploy: bool = False) -> dict:
    def with_url(entry: dict, key: str = "url") -> dict:
        return entry if socket_mode else {**entry, key: PLACEHOLDER_URL}

    commands = [
        with_url({"command": f"/{c.word}", "description": t(c.slash.describe, lang),
                  "usage_hint": t(c.slash.hint, lang), "should_escape": c.slash.escape})
        for _, c in REGISTRY.commands() if c.slash
    ] + [with_url({"command": "/kodo", "description": t("slack.manifest.kodo", lang), "usage_hint": kodo_hint(lang),
                   "should_escape": False})]
    return {
        "_metadata": {"major_version": 1, "minor_version": 1},
        "display_information": {"name": "Kodo", "description": t("slack.manifest.description", lang)[:139],
                                "background_color": "#1d3557"},
        "features": {
            "app_home": {"home_tab_enabled": True, "messages_tab_enabled": True,
                         "messages_tab_read_only_enabled": True},
            "bot_user": {"display_name": "Kodo", "always_online": True},
            "slash_commands": commands,
            "shortcuts": [{"name": t("slack.manifest.shortcut", lang), "type": "message", "callback_id": CALLBACK,
                           "description": t("slack.manifest.shortcut_description", lang)},
                          {"name": t("proposal.form.title", lang), "type": "message", "callback_id": DRAFT,
                           "description": t("proposal.form.describe", lang)[:150]},
                          {"name": t("casebook.nominate", lang), "type": "message", "callback_id": FEATURE,
                           "description": t("casebook.nominate.describe", lang)}],
        },
        "oauth_config": {**({"redirect_urls": [PLACEHOLDER_HOST + REDIRECT_PATH]} if distribution else {}),
                         "scopes": {"bot": list(SCOPES)}},
        "settings": {
            "event_subscriptions": with_url({"bot_events": EVENTS + (UNINSTALL_EVENTS if distribution else [])},
                                            "request_url"),
            "interactivity": with_url({"is_enabled": True}, "request_url"),
            "org_deploy_enabled": org_deploy,
            "socket_mode_enabled": socket_mode,
            "token_rotation_enabled": False,
        },
    }


def kodo_hint(lang: str) -> str:
    """``me | ranking off|on | …``: what may follow ``/kodo``, from the help every feature gives."""
    return " | ".join(line.args for line in help_lines(lang, "slack") if line.command == "kodo")


def manifest_yaml(lang: str, socket_mode: bool = False, distribution: bool = False, org_deploy: bool = False) -> str:
    return yaml.safe_dump(manifest(lang, socket_mode, distribution, org_deploy), allow_unicode=True, sort_keys=False)
