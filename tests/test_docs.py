"""The README and the guides in docs/ hold together: the website builds offline with every link
between pages and to their headings intact, the README's own links lead somewhere, and both speak to
people who use Kodo, not to those who wrote it."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
# [text](target) and ![alt](target), and <img src="target">; a target ends at a space (a title) or ")".
LINK = re.compile(r"!?\[[^\]]*\]\((?P<md>[^)\s]+)[^)]*\)|<img [^>]*src=\"(?P<img>[^\"]+)\"")
# Words that only make sense to the people who built Kodo, never to the people who run it.
INSIDER = re.compile(r"\bissues?\b|\bphases?\b|\bthe contract\b|\bthe door's cuts\b", re.IGNORECASE)


def build(config: Path, site: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config),
                           "--site-dir", str(site)], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})


def slug(heading: str) -> str:
    """A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def anchors(markdown: Path) -> set[str]:
    text = re.sub(r"```.*?```", "", markdown.read_text(encoding="utf-8"), flags=re.DOTALL)
    return {slug(m.group(1)) for m in re.finditer(r"(?m)^#{1,6} (.+)$", text)}


def broken_links(page: Path, root: Path = ROOT) -> list[str]:
    """Links that lead to no file in the repository, or to no heading of the page they name."""
    broken = []
    for m in LINK.finditer(page.read_text(encoding="utf-8")):
        target = m.group("md") or m.group("img")
        if re.match(r"[a-z]+:", target):  # https:, mailto: … lead outside the repository by design
            continue
        path, _, anchor = target.partition("#")
        file = (page.parent / path).resolve() if path else page
        if not file.is_relative_to(root) or not file.exists():
            broken.append(target)
        elif anchor and (file.suffix != ".md" or anchor not in anchors(file)):
            broken.append(target)
    return broken


def test_the_website_builds_offline_with_no_broken_link(tmp_path):
    result = build(ROOT / "mkdocs.yml", tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr
    pages = list((tmp_path / "site").glob("*.html"))
    assert {p.name for p in pages} >= {"index.html", "slack.html", "teams.html", "configuration.html",
                                       "operations.html", "personal-data.html", "security.html",
                                       "performance.html", "architecture.html", "dashboard.html"}
    for page in pages:  # nothing the browser would fetch from elsewhere: no web fonts, no scripts, no styles
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"<(link|script)[^>]+(href|src)=\"(https?:)?//", html), page.name
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page.name
    assert (tmp_path / "site" / "dashboard.png").exists() and (tmp_path / "site" / "teams-roundup-ja.png").exists()


def test_a_broken_link_to_a_heading_fails_the_build(tmp_path):
    """The check above can fail: the same site with one link to a heading that does not exist."""
    shutil.copytree(ROOT / "docs", tmp_path / "docs")
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    with open(tmp_path / "docs" / "index.md", "a", encoding="utf-8") as page:
        page.write("\nSee [the scheduler](operations.md#no-such-heading).\n")
    result = build(tmp_path / "mkdocs.yml", tmp_path / "site")
    assert result.returncode != 0 and "no-such-heading" in result.stdout + result.stderr


def test_every_link_in_the_readme_leads_somewhere():
    text = README.read_text(encoding="utf-8")
    assert "docs/slack.md" in text and "docs/configuration.md" in text and "docs/dashboard.png" in text
    assert broken_links(README) == []


def test_the_link_check_catches_a_missing_file_and_a_missing_heading(tmp_path):
    page = tmp_path / "page.md"
    page.write_text("# Top\n\n[ok](#top) [gone](docs/nowhere.md) [no heading](#nowhere) [web](https://example.org)\n")
    assert broken_links(page, root=tmp_path) == ["docs/nowhere.md", "#nowhere"]


@pytest.mark.parametrize("page", [README, ROOT / "mkdocs.yml", *sorted((ROOT / "docs").glob("*.md"))],
                         ids=lambda p: p.name)
def test_the_documentation_speaks_to_users_not_to_insiders(page):
    found = [f"{n}: {line.strip()}" for n, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1)
             if INSIDER.search(line)]
    assert found == []


def test_the_front_page_stays_short():
    assert len(README.read_text(encoding="utf-8").splitlines()) <= 250
