"""The README's sample session is a real run: its input goes through the installed ``kodo console``
(a fresh database, the default settings) and what the README shows must be exactly what Kodo prints.
``make readme`` (``KODO_WRITE_README=1``) rewrites the shown output from a run instead of failing."""

from __future__ import annotations

import os
import re
from pathlib import Path

from tests.test_cli import kodo

README = Path(__file__).resolve().parents[1] / "README.md"
# ```text, then `$ printf '…' | .venv/bin/kodo console`, then the output up to the closing fence.
SAMPLE = re.compile(r"```text\n\$ printf '(?P<input>[^']*)' \| (?P<kodo>\S*kodo) console\n(?P<output>.*?)```",
                    re.DOTALL)


def sample(text: str) -> re.Match:
    found = SAMPLE.search(text)
    assert found, "README.md has no sample session (```text / $ printf '…' | .venv/bin/kodo console)"
    return found


def run_sample(text: str, tmp_path: Path) -> tuple[re.Match, str]:
    """The sample as the README shows it, and what ``kodo console`` prints for its input."""
    shown = sample(text)
    stdin = shown["input"].encode().decode("unicode_escape").encode("latin-1").decode("utf-8")  # printf's \n
    result = kodo("console", stdin=stdin, env={"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/kodo.db"},
                  cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return shown, result.stdout


def test_the_readme_sample_session_is_what_kodo_prints(tmp_path):
    text = README.read_text(encoding="utf-8")
    shown, printed = run_sample(text, tmp_path)
    assert shown["kodo"] == ".venv/bin/kodo", "after `make run`, kodo is called as .venv/bin/kodo"
    if os.environ.get("KODO_WRITE_README") == "1":
        README.write_text(text[:shown.start("output")] + printed + text[shown.end("output"):], encoding="utf-8")
        return
    assert shown["output"] == printed, "README.md's sample session differs from a real run: `make readme`"


def test_a_sample_that_disagrees_with_the_program_is_caught(tmp_path):
    """The same comparison on a README whose shown session kept a line Kodo no longer prints."""
    text = README.read_text(encoding="utf-8")
    end = sample(text).end("output")
    stale = text[:end] + "kodo (only alice): 今日はあと 4 件贈れます。\n" + text[end:]
    shown, printed = run_sample(stale, tmp_path)
    assert shown["output"] != printed
