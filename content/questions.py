"""Checks on quiz, survey and awards that a schema cannot express: what they refer to exists, and
the two languages ask the same thing.

Answers are stored by question id and choice number, whichever language the person reads, so a
question must keep its id, its number of choices and (for the quiz) its right answer in every
language; otherwise a week's results or a person's score would mix two different questions.
"""

from __future__ import annotations

from typing import Protocol

from content.model import Principle, QuizQuestion, SurveyQuestion


class _Doc(Protocol):
    def line(self, path: tuple) -> int: ...
    def error(self, line: int, message: str) -> None: ...


def check_language(doc: _Doc, principles: tuple[Principle, ...], survey: tuple[SurveyQuestion, ...]) -> None:
    """Within one language file: sections that exist for the principle, quotes found in them,
    distinct choices, ids unique across the pack's quiz and survey."""
    seen: dict[str, tuple] = {}  # id -> where it first appeared
    for i, p in enumerate(principles):
        for j, q in enumerate(p.quiz):
            _check_question(doc, ("principles", i, "quiz", j), q, p, seen)
    for j, q in enumerate(survey):
        path = ("survey", j)
        if not 1 <= q.principle <= len(principles):
            doc.error(doc.line(path + ("principle",)),
                      f"survey question {q.id!r} is tied to principle {q.principle}, but the pack has "
                      f"{len(principles)}")
            continue
        _check_question(doc, path, q, principles[q.principle - 1], seen)


def _check_question(doc: _Doc, path: tuple, q: QuizQuestion | SurveyQuestion, p: Principle,
                    seen: dict[str, tuple]) -> None:
    if q.id in seen:
        doc.error(doc.line(path + ("id",)), f"id {q.id!r} is used twice: ids must be unique in the pack "
                                             f"(first used at line {doc.line(seen[q.id])})")
    else:
        seen[q.id] = path + ("id",)
    text = "\n".join(p.section_text(q.section))
    if not text:
        doc.error(doc.line(path + ("section",)),
                  f"{q.id}: principle {p.number} has no {q.section} text to ground the question in")
    elif q.quote is not None and q.quote not in text:
        doc.error(doc.line(path + ("quote",)),
                  f"{q.id}: the quote is not in the {q.section} text of principle {p.number}: "
                  "quote its words exactly")
    for k, choice in enumerate(q.choices):
        if choice in q.choices[:k]:
            doc.error(doc.line(path + ("choices", k)), f"{q.id}: choice {k + 1} repeats an earlier choice")


def compare_languages(doc: _Doc, ja: tuple[tuple[Principle, ...], tuple[SurveyQuestion, ...]],
                      en: tuple[tuple[Principle, ...], tuple[SurveyQuestion, ...]]) -> None:
    """The en file (``doc``) asks what the ja file asks: same questions, in the same order, with the
    same shape; and a principle has an award name in both languages or in neither."""
    for i, (pj, pe) in enumerate(zip(ja[0], en[0])):
        where = ("principles", i)
        if (pj.award is None) != (pe.award is None):
            doc.error(doc.line(where + ("award",) if pe.award else where),
                      f"principle {pe.number} has an award name in {'en' if pe.award else 'ja'} only: "
                      "name it in both languages or in neither")
        _compare(doc, where + ("quiz",), pj.quiz, pe.quiz, f"principle {pe.number}'s quiz", ("section", "answer"))
    _compare(doc, ("survey",), ja[1], en[1], "the survey", ("principle", "section", "kind"))


def _compare(doc: _Doc, path: tuple, ja: tuple, en: tuple, what: str, fields: tuple[str, ...]) -> None:
    ids_ja, ids_en = [q.id for q in ja], [q.id for q in en]
    if ids_ja != ids_en:
        doc.error(doc.line(path), f"{what} has ids {', '.join(ids_en) or '(none)'} in en but "
                                  f"{', '.join(ids_ja) or '(none)'} in ja: the same ids, in the same order")
        return
    for j, (qj, qe) in enumerate(zip(ja, en)):
        for name in fields:
            if getattr(qj, name) != getattr(qe, name):
                doc.error(doc.line(path + (j, name)), f"{qe.id}: {name} is {getattr(qe, name)} in en but "
                                                      f"{getattr(qj, name)} in ja")
        if len(qj.choices) != len(qe.choices):
            doc.error(doc.line(path + (j, "choices")),
                      f"{qe.id}: {len(qe.choices)} choices in en but {len(qj.choices)} in ja: choices are "
                      "translations of each other, paired one to one")
