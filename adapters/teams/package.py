"""``kodo teams-package``: the zip a Teams admin uploads (manifest.json, en-us.json and the two icons).

The manifest is built from code, not a template file, so the commands it advertises are the
features' own (``Command.teams``, in the registry's order) and its ids are this bot's app id. It
speaks Japanese first (Kodo's default language, and the language of the code of conduct) and
carries an English localisation file, which Teams shows to people whose Teams is in English. Every
word comes from the catalogue. The command titles stay the words people type (``principle``,
``kudos``, …), which Kodo understands in either language; their descriptions are translated. The
accent colour is the icon's own green.
"""

from __future__ import annotations

import json
import re
import zipfile
from importlib import resources
from importlib.metadata import PackageNotFoundError, version

from bot.features import REGISTRY
from bot.i18n import t

MANIFEST_VERSION = "1.16"
SCOPES = ["personal", "team", "groupChat"]
ACCENT = "#1B6E4A"  # the background of icons/color.png (a test reads it from the image)
DEFAULT_LANGUAGE, ENGLISH_FILE = "ja", "en-us.json"
GUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
MAX_COMMANDS = 10  # what Teams' command menu takes
# The menu: each feature's commands that describe themselves for it (``Command.teams``), then help.
COMMANDS = [(c.word, c.teams) for _, c in REGISTRY.commands() if c.teams] + [("help", "teams.manifest.help")]
ACTION = "give_kudos"
PROPOSE = "propose_improvement"  # a message as the draft of a proposal (adapters.teams.draft)
FEATURE = "feature_episode"  # an admin features a message as good practice (the casebook)
# The message actions (a message's "…" menu): id, title and description (message keys).
ACTIONS = [(ACTION, "teams.task.title", "teams.manifest.action"),
           (PROPOSE, "proposal.form.title", "proposal.form.describe"),
           (FEATURE, "casebook.nominate", "casebook.nominate.describe")]


def _app_version() -> str:
    try:
        return version("kodo")
    except PackageNotFoundError:
        return "0.1.0"


def _schema(kind: str) -> str:
    return f"https://developer.microsoft.com/en-us/json-schemas/teams/v{MANIFEST_VERSION}/MicrosoftTeams.{kind}schema.json"


def _texts(lang: str) -> dict[str, str]:
    """Every translatable string of the manifest, keyed by its path as Teams' localisation files name it."""
    texts = {
        "name.short": "Kodo", "name.full": t("teams.manifest.name", lang),
        "description.short": t("teams.manifest.short", lang), "description.full": t("teams.manifest.full", lang),
    }
    for i, (_, title, describe) in enumerate(ACTIONS):
        texts[f"composeExtensions[0].commands[{i}].title"] = t(title, lang)
        texts[f"composeExtensions[0].commands[{i}].description"] = t(describe, lang)
    kinds = "|".join(kind.name for kind in REGISTRY.kinds)  # what may follow subscribe
    for i, (_, key) in enumerate(COMMANDS):
        texts[f"bots[0].commandLists[0].commands[{i}].description"] = t(key, lang, kinds=kinds)
    return texts


def manifest(app_id: str, links: dict[str, str]) -> dict:
    """``links``: the publisher's websiteUrl, privacyUrl and termsOfUseUrl (KODO_WEBSITE_URL, …)."""
    if len(COMMANDS) > MAX_COMMANDS:
        raise ValueError(f"Teams' command menu takes {MAX_COMMANDS} commands, not {len(COMMANDS)}: leave some out "
                         "of it (Command.teams=None); people can still type them")
    if not GUID.match(app_id):
        raise ValueError(f"MICROSOFT_APP_ID must be the bot's Microsoft app id, a GUID like "
                         f"00000000-0000-0000-0000-000000000000, not {app_id!r}")
    ja = _texts(DEFAULT_LANGUAGE)
    return {
        "$schema": _schema(""),
        "manifestVersion": MANIFEST_VERSION,
        "version": _app_version(),
        "id": app_id,
        "localizationInfo": {"defaultLanguageTag": "ja-jp",
                             "additionalLanguages": [{"languageTag": "en-us", "file": ENGLISH_FILE}]},
        "developer": {"name": "Kodo", **links},
        "name": {"short": ja["name.short"], "full": ja["name.full"]},
        "description": {"short": ja["description.short"], "full": ja["description.full"]},
        "icons": {"color": "color.png", "outline": "outline.png"},
        "accentColor": ACCENT,
        "bots": [{
            "botId": app_id, "scopes": SCOPES, "isNotificationOnly": False, "supportsFiles": False,
            "commandLists": [{"scopes": SCOPES, "commands": [
                {"title": title, "description": ja[f"bots[0].commandLists[0].commands[{i}].description"]}
                for i, (title, _) in enumerate(COMMANDS)]}],
        }],
        "composeExtensions": [{
            "botId": app_id,
            "commands": [{"id": action, "type": "action", "title": ja[f"composeExtensions[0].commands[{i}].title"],
                          "description": ja[f"composeExtensions[0].commands[{i}].description"],
                          "context": ["message"], "fetchTask": True} for i, (action, _, _) in enumerate(ACTIONS)],
        }],
        "permissions": ["identity", "messageTeamMembers"],
        "validDomains": [],
    }


def english() -> dict:
    """``en-us.json``: the English strings, for Teams clients set to English."""
    return {"$schema": _schema("Localization."), **_texts("en")}


def write(app_id: str, out: str, links: dict[str, str]) -> None:
    icons = resources.files("adapters.teams") / "icons"
    files = {"manifest.json": manifest(app_id, links), ENGLISH_FILE: english()}
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, body in files.items():
            archive.writestr(name, json.dumps(body, indent=2, ensure_ascii=False))
        for name in ("color.png", "outline.png"):
            archive.writestr(name, (icons / name).read_bytes())
