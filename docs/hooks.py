"""MkDocs hook: the guides are written for GitHub and for the website alike. GitHub's tables need a
pipe inside code escaped (`ja\\|en`); Python-Markdown's tables keep a pipe inside code as it is and
would show the backslash, so table rows lose it before the website is built."""

from __future__ import annotations

import re

CODE = re.compile(r"`[^`\n]*`")


def on_page_markdown(markdown: str, **_) -> str:
    return "\n".join(CODE.sub(lambda m: m.group(0).replace("\\|", "|"), line) if line.startswith("|") else line
                     for line in markdown.split("\n"))
