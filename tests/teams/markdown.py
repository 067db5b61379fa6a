"""Text as Teams shows it: TextBlocks and a card's ``fallbackText`` are read as markdown, so a test
renders them with a CommonMark parser, checks that nothing typed became a link, emphasis, a heading
or code, and gets back the characters a person sees."""

from __future__ import annotations

import html
import re

from markdown_it import MarkdownIt

MARKUP = re.compile(r"<(a|strong|em|h[1-6]|code|pre|blockquote|img)\b")  # Kodo's own bullets are lists
commonmark = MarkdownIt("commonmark", {"html": False})


def shown(markdown: str) -> str:
    rendered = commonmark.render(markdown)
    assert not MARKUP.search(rendered), rendered
    return html.unescape(re.sub(r"</?(p|ul|li)>", "", rendered)).strip()
