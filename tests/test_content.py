"""Content packs: both bundled packs are valid and complete, the official text is carried over word
for word, and a broken pack is reported error by error, with file and line."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from content.loader import PACKS_DIR, bundled_packs, check, load

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seeds" / "000_7632db97edf4a328.txt"
OFFICIAL = ("title", "tagline", "background", "behaviours", "examples", "systems", "do_not")
# The only departures from the source: obvious transcription typos (see content/packs/*/NOTES.md).
TYPO_FIXES = {"りサーチする": "リサーチする", "つつていく": "つくっていく", "ワンズオンリー": "ワンスオンリー",
              "肝に命じて": "肝に銘じて", "変わらしましょう": "変わりましょう"}


def test_bundled_packs_are_valid():
    assert bundled_packs() == ["bandai", "tokyo"]
    for name in bundled_packs():
        pack, errors = check(name)
        assert errors == [] and pack.size == 10


def test_tokyo_has_every_section_and_a_tip_pool_in_both_languages():
    pack = load("tokyo")
    for lang in ("ja", "en"):
        for p in pack.principles[lang]:
            assert p.title and p.tagline and p.do_not, (lang, p.number)
            assert p.background and p.behaviours and p.examples and p.systems, (lang, p.number)
            assert len(p.tips) >= 6, (lang, p.number)
            assert all(len(tip) <= 280 for tip in p.tips)
            assert p.keywords
    for ja, en in zip(pack.principles["ja"], pack.principles["en"]):
        for section in ("background", "behaviours", "examples", "systems"):
            assert len(getattr(ja, section)) == len(getattr(en, section)), (ja.number, section)


def test_emoji_kodo1_to_kodo10_and_their_images():
    pack = load("tokyo")
    assert {f"kodo{n}": n for n in range(1, 11)}.items() <= pack.emoji.items()
    assert pack.principle_for_emoji("kodo3::skin-tone-2") == 3
    for n in range(1, 11):
        data = (PACKS_DIR / "tokyo" / "emoji" / f"kodo{n}.png").read_bytes()
        assert data[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
        assert (width, height) == (128, 128)


@pytest.mark.skipif(not SEED.is_file(), reason=f"the source document is not beside the repo ({SEED})")
@pytest.mark.parametrize("name", ["tokyo", "bandai"])
def test_official_japanese_text_is_word_for_word(name):
    source = SEED.read_text(encoding="utf-8").replace("**", "")
    for typo, fixed in TYPO_FIXES.items():
        source = source.replace(typo, fixed)
    pack = load(name)
    for p in pack.principles["ja"]:
        for section in OFFICIAL:
            value = getattr(p, section)
            for text in ([value] if isinstance(value, str) else value or []):
                for line in text.split("\n"):
                    assert line in source, f"{name} #{p.number} {section}: {line!r} is not in the source"


def broken_pack(tmp_path: Path) -> Path:
    folder = tmp_path / "broken"
    shutil.copytree(PACKS_DIR / "bandai", folder)
    ja = (folder / "ja.yaml").read_text(encoding="utf-8")
    ja = ja.replace("    title:", "    titel:", 1)
    (folder / "ja.yaml").write_text(ja, encoding="utf-8")
    en = (folder / "en.yaml").read_text(encoding="utf-8")
    (folder / "en.yaml").write_text(en.replace("number: 2\n", "number: 7\n", 1), encoding="utf-8")
    (folder / "pack.yaml").write_text("id: Broken!\nname: {ja: x}\nsource: {ja: y, en: z}\n", encoding="utf-8")
    return folder


def test_a_broken_pack_reports_every_error_with_file_and_line(tmp_path):
    folder = broken_pack(tmp_path)
    pack, errors = check(str(folder))
    assert pack is None
    found = {(Path(e.file).name, e.line, e.message.split(":")[0]) for e in errors}
    ja_lines = (folder / "ja.yaml").read_text(encoding="utf-8").splitlines()
    titel_line = next(i for i, line in enumerate(ja_lines, 1) if "titel:" in line)
    assert ("pack.yaml", 1, "id") in found
    assert ("pack.yaml", 2, "name.en") in found
    assert ("ja.yaml", titel_line, "principles.0.titel") in found
    assert any(m == "principles.0.title" for _, _, m in found)
    en_lines = (folder / "en.yaml").read_text(encoding="utf-8").splitlines()
    seven = next(i for i, line in enumerate(en_lines, 1) if "number: 7" in line)
    assert ("en.yaml", seven, "principles must be numbered 1, 2, 3 … in order") in found


def test_content_check_command(tmp_path):
    ok = subprocess.run([sys.executable, "-m", "bot.cli", "content", "check", "tokyo"], capture_output=True, text=True)
    assert ok.returncode == 0 and "tokyo: OK" in ok.stdout
    bad = subprocess.run([sys.executable, "-m", "bot.cli", "content", "check", str(broken_pack(tmp_path))],
                         capture_output=True, text=True)
    assert bad.returncode == 1
    assert re.search(r"broken/pack\.yaml:1: id", bad.stderr)
    assert re.search(r"broken/ja\.yaml:\d+: principles\.0\.titel", bad.stderr)
    assert "Traceback" not in bad.stderr


def test_cross_file_errors_name_the_line(tmp_path):
    folder = tmp_path / "uneven"
    shutil.copytree(PACKS_DIR / "bandai", folder)
    en = yaml.safe_load((folder / "en.yaml").read_text(encoding="utf-8"))
    en["principles"][4]["tips"].append("One tip too many.")
    (folder / "en.yaml").write_text(yaml.safe_dump(en, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _, errors = check(str(folder))
    [error] = errors
    lines = (folder / "en.yaml").read_text(encoding="utf-8").splitlines()
    assert "principle 5 has 4 tips in en but 3 in ja" in error.message
    assert lines[error.line - 1].strip() == "tips:"
