"""``kodo teams-package``: the zip a Teams admin uploads."""

from __future__ import annotations

import json
import zipfile

from bot.cli import main
from tests.teams.conftest import APP_ID


def test_the_package_has_the_manifest_and_both_icons(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("MICROSOFT_APP_ID", APP_ID)
    out = tmp_path / "kodo.zip"
    assert main(["teams-package", "--out", str(out)]) == 0
    assert str(out) in capsys.readouterr().out
    with zipfile.ZipFile(out) as archive:
        assert sorted(archive.namelist()) == ["color.png", "en-us.json", "manifest.json", "outline.png"]
        assert archive.read("color.png")[:8] == b"\x89PNG\r\n\x1a\n"
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["id"] == APP_ID and manifest["icons"] == {"color": "color.png", "outline": "outline.png"}
    [bot] = manifest["bots"]
    assert bot["botId"] == APP_ID and sorted(bot["scopes"]) == ["groupChat", "personal", "team"]
    titles = [c["title"] for c in bot["commandLists"][0]["commands"]]
    assert titles == ["principle", "kudos", "me", "ranking", "lang", "forget-me", "subscribe", "unsubscribe", "survey",
                      "help"]
    [extension] = manifest["composeExtensions"]
    give, propose, feature = extension["commands"]
    assert extension["botId"] == APP_ID
    assert (give["id"], give["type"], give["context"], give["fetchTask"]) == ("give_kudos", "action", ["message"], True)
    assert (propose["id"], propose["type"], propose["context"], propose["fetchTask"], propose["title"]) == (
        "propose_improvement", "action", ["message"], True, "改善を提案")
    assert (feature["id"], feature["type"], feature["context"]) == ("feature_episode", "action", ["message"])
    assert "validDomains" in manifest and manifest["manifestVersion"] == "1.16"


def test_without_an_app_id_the_error_names_the_variable(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("MICROSOFT_APP_ID", raising=False)
    assert main(["teams-package", "--out", str(tmp_path / "kodo.zip")]) == 1
    assert "MICROSOFT_APP_ID" in capsys.readouterr().err
    assert not (tmp_path / "kodo.zip").exists()
