"""``kodo teams-package``: the zip a Teams admin uploads (manifest.json and the two icons).

The manifest is built from code, not a template file, so the commands it advertises are the ones
the contract names and its ids are this bot's app id; English only, as Teams shows one name.
"""

from __future__ import annotations

import json
import re
import zipfile
from importlib import resources
from importlib.metadata import PackageNotFoundError, version

MANIFEST_VERSION = "1.16"
SCOPES = ["personal", "team", "groupChat"]
GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
COMMANDS = [
    ("principle", "The principles; 'principle 3' shows one in full, 'principle customer' searches"),
    ("kudos", "kudos @colleague 3 reason: recognise a colleague for living principle 3"),
    ("me", "What you gave and received, per principle"),
    ("ranking", "ranking off|on: leave or rejoin the weekly rankings"),
    ("lang", "lang ja|en: your language"),
    ("forget-me", "Remove your identity from everything Kodo stored"),
    ("subscribe", "subscribe tips|roundup [ja|en]: post daily tips or weekly roundups here (admins)"),
    ("unsubscribe", "unsubscribe tips|roundup: stop posting them here (admins)"),
    ("help", "Everything Kodo understands"),
]


def _app_version() -> str:
    try:
        return version("kodo")
    except PackageNotFoundError:
        return "0.1.0"


def manifest(app_id: str, links: dict[str, str]) -> dict:
    """``links``: the publisher's websiteUrl, privacyUrl and termsOfUseUrl (KODO_WEBSITE_URL, …)."""
    if not GUID.match(app_id):
        raise ValueError(f"MICROSOFT_APP_ID must be the bot's Microsoft app id, a GUID like "
                         f"00000000-0000-0000-0000-000000000000, not {app_id!r}")
    return {
        "$schema": f"https://developer.microsoft.com/en-us/json-schemas/teams/v{MANIFEST_VERSION}/"
                   "MicrosoftTeams.schema.json",
        "manifestVersion": MANIFEST_VERSION,
        "version": _app_version(),
        "id": app_id,
        "developer": {"name": "Kodo", **links},
        "name": {"short": "Kodo", "full": "Kodo: your code of conduct in everyday chat"},
        "description": {
            "short": "Keep your code of conduct alive: principles, tips and kudos.",
            "full": "Kodo shows your organisation's principles, posts a daily tip and a weekly roundup, and lets "
                    "colleagues recognise each other for living a principle: '@Kodo kudos @colleague 3 reason', "
                    "or 'Give kudos' on any message.",
        },
        "icons": {"color": "color.png", "outline": "outline.png"},
        "accentColor": "#1F4E8C",
        "bots": [{
            "botId": app_id, "scopes": SCOPES, "isNotificationOnly": False, "supportsFiles": False,
            "commandLists": [{"scopes": SCOPES,
                              "commands": [{"title": title, "description": text} for title, text in COMMANDS]}],
        }],
        "composeExtensions": [{
            "botId": app_id,
            "commands": [{"id": "give_kudos", "type": "action", "title": "Give kudos",
                          "description": "Recognise the author of this message for living a principle",
                          "context": ["message"], "fetchTask": True}],
        }],
        "permissions": ["identity", "messageTeamMembers"],
        "validDomains": [],
    }


def write(app_id: str, out: str, links: dict[str, str]) -> None:
    icons = resources.files("adapters.teams") / "icons"
    body = json.dumps(manifest(app_id, links), indent=2, ensure_ascii=False)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", body)
        for name in ("color.png", "outline.png"):
            archive.writestr(name, (icons / name).read_bytes())
