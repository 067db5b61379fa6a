"""Looking principles up: by number, by keyword (best match first), and how each is shown."""

from __future__ import annotations

import re
from typing import Callable

from content.model import Pack, Principle

from bot.commands import normalise
from bot.howto import How, how
from bot.i18n import t
from bot.replies import Bullets, Choices, Divider, Heading, Note, Paragraph, Reply, Typed

# How much a hit in each part of a principle is worth. A word in the title says far more about
# what a principle is for than the same word deep in an example.
_WEIGHTS = (("title", 10), ("keywords", 6), ("tagline", 4), ("do_not", 2), ("behaviours", 2),
            ("background", 1), ("examples", 1), ("systems", 1))


def _fields(p: Principle, name: str) -> tuple[str, ...]:
    value = getattr(p, name)
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else value


SHORT_WORD = 3  # Latin keywords up to this long match whole words only


def _matcher(term: str) -> Callable[[str], int]:
    """How often ``term`` occurs in a normalised text. By substring after case folding, which suits
    Japanese (no spaces between words) and longer English words ("design" finds "designing"). A
    Latin keyword of up to ``SHORT_WORD`` letters or digits is a whole word (AI is not the "ai" of
    "maintain"; API not that of "rapid"), and typed in capitals it is that acronym (IT, not "it")."""
    if not re.fullmatch(rf"[A-Za-z0-9]{{1,{SHORT_WORD}}}", term):
        folded = term.casefold()
        return lambda text: text.casefold().count(folded)
    word = re.compile(rf"(?<![A-Za-z0-9]){re.escape(term)}(?![A-Za-z0-9])",
                      0 if len(term) > 1 and term.isupper() else re.IGNORECASE)
    return lambda text: len(word.findall(text))


def search(pack: Pack, query: str) -> list[int]:
    """Principle numbers matching every word of ``query`` in either language, best first (NFKC, then
    ``_matcher``). Ties keep the principles' own order."""
    matchers = [_matcher(w) for w in normalise(query).split(" ") if w]
    if not matchers:
        return []
    scores: dict[int, int] = {}
    for number in range(1, pack.size + 1):
        total = 0
        for count in matchers:
            term_score = 0
            for lang in pack.languages:
                p = pack.principle(number, lang)
                for name, weight in _WEIGHTS:
                    for text in _fields(p, name):
                        term_score += weight * count(normalise(text))
            if term_score == 0:
                break
            total += term_score
        else:
            scores[number] = total
    return sorted(scores, key=lambda n: (-scores[n], n))


def _hint(h: How) -> Note:
    return Note(t("list.hint", h.lang, look_up=h.look_up(3), search=h.look_up(t("search.word", h.lang))))


def choices(pack: Pack, lang: str, action: str, prompt: str = "", chosen: int | None = None) -> Choices:
    """The principles as one choice each ("#3 title"): the list's "read in full" menu and the kudos
    forms' principle picker are this one set of options."""
    return Choices.of(action, [(t("principle.heading", lang, number=p.number, title=p.title), str(p.number))
                               for p in pack.principles[lang]],
                      prompt=prompt, chosen=None if chosen is None else str(chosen))


def list_reply(pack: Pack, lang: str, platform: str | None = None) -> Reply:
    """The principles, and a menu to read one in full (where choices are a numbered list, the
    list is the menu)."""
    h = how(platform, lang)
    heading = Heading(t("list.title", lang, pack=pack.name[lang]))
    menu = choices(pack, lang, SHOW, t("list.pick", lang))
    if h.numbers_choices:
        return Reply.of(heading, menu, _hint(h))
    items = tuple(f"{h.badge(pack.emoji_for(p.number))}#{p.number} {p.title}" for p in pack.principles[lang])
    return Reply.of(heading, Bullets("", items), menu, _hint(h))


SHOW = "principles:show"  # the principles feature's press: read one in full


def principle_reply(pack: Pack, number: int, lang: str, platform: str | None = None) -> Reply:
    p = pack.principle(number, lang)
    blocks: list = [Heading(t("principle.heading", lang, number=p.number, title=p.title))]
    if p.tagline:
        blocks.append(Paragraph(p.tagline))
    for section in ("background", "behaviours", "examples", "systems"):
        if items := getattr(p, section):
            blocks.append(Bullets(t(f"principle.{section}", lang), items))
    if p.do_not:
        blocks.append(Bullets(t("principle.do_not", lang), (p.do_not,)))
    recognise = how(platform, lang).recognise(p.number, pack.emoji_for(p.number))
    blocks += [Divider(), Note(t("principle.footer", lang, recognise=recognise))]
    return Reply(tuple(blocks))


def search_reply(pack: Pack, query: str, lang: str, platform: str | None = None) -> Reply:
    h = how(platform, lang)
    found = search(pack, query)
    if not found:
        return Reply.of(Paragraph(t("search.none", lang, query=Typed(query), look_up=h.look_up(3))), Divider(),
                        *list_reply(pack, lang, platform).blocks)
    items = []
    for number in found:
        p = pack.principle(number, lang)
        items.append(f"{h.badge(pack.emoji_for(number))}#{number} {p.title}"
                     + (f" — {p.tagline}" if p.tagline else ""))
    return Reply.of(Heading(t("search.title", lang, query=Typed(query))), Bullets("", tuple(items)), _hint(h))


def out_of_range_reply(pack: Pack, number: int, lang: str, platform: str | None = None) -> Reply:
    return Reply.of(Paragraph(t("principle.out_of_range", lang, number=number, size=pack.size)), Divider(),
                    *list_reply(pack, lang, platform).blocks)
