"""The shape of a content pack, checked before Kodo trusts a single word of it.

A pack is a folder of data: ``pack.yaml`` (identity and emoji) and one ``<lang>.yaml`` per
language (the principles, each with its award and quiz, and the pulse survey). Award, quiz and
survey are optional, so a pack written before them still loads. Validation is strict: an unknown key is an error, because a typo
in a section name would otherwise make that section silently disappear from every reply.
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationInfo, field_validator

from content.model import SCALE_POINTS, SECTIONS

LANGUAGES = ("ja", "en")
EMOJI_NAME = re.compile(r"^[a-z0-9_\-+']{1,64}$")

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Lines = list[Text]


def _limited(limit: int):
    return Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=limit)]


# Limits that keep every question on a card: Slack caps button and select-option text at 75
# characters; a question and an explanation must fit a card without scrolling.
Label = _limited(75)
Question = _limited(300)
Explanation = _limited(600)
Quote = _limited(300)
AwardName = _limited(60)
# Stored with every answer and carried in every press: lower-case words joined by '-', never renamed.
QuestionId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=40)]
Section = Literal[SECTIONS]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Localized(_Strict):
    ja: Text
    en: Text


class PackMeta(_Strict):
    """``pack.yaml``."""

    id: Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_-]{0,31}$")]
    name: Localized
    source: Localized
    # Extra emoji names beyond the built-in ``kodo1``..``kodoN``, mapped to principle numbers.
    emoji: dict[str, Annotated[int, Field(ge=1, le=99)]] = {}

    @field_validator("emoji")
    @classmethod
    def _emoji_names(cls, value: dict[str, int]) -> dict[str, int]:
        for name in value:
            if not EMOJI_NAME.match(name):
                raise ValueError(f"emoji name {name!r} must be lower-case letters, digits, '_' or '-'")
        return value


class QuizText(_Strict):
    """One quiz question under its principle: 3 or 4 choices, exactly one of them right."""

    id: QuestionId
    section: Section
    quote: Quote | None = None
    question: Question
    choices: Annotated[list[Label], Field(min_length=3, max_length=4)]
    answer: Annotated[int, Field(ge=1, description="the right choice's number, 1 = the first")]
    explanation: Explanation

    @field_validator("answer")
    @classmethod
    def _answer_is_a_choice(cls, value: int, info: ValidationInfo) -> int:
        choices = info.data.get("choices")
        if choices is not None and value > len(choices):
            raise ValueError(f"answer {value} is not one of the {len(choices)} choices")
        return value


class SurveyText(_Strict):
    """One weekly pulse question, tied to a principle."""

    id: QuestionId
    principle: Annotated[int, Field(ge=1, le=99)]
    section: Section
    quote: Quote | None = None
    kind: Literal["scale", "choice"]
    question: Question
    choices: list[Label]

    @field_validator("choices")
    @classmethod
    def _choices_fit_the_kind(cls, value: list[str], info: ValidationInfo) -> list[str]:
        kind = info.data.get("kind")
        if kind == "scale" and len(value) != SCALE_POINTS:
            raise ValueError(f"a scale question has exactly {SCALE_POINTS} choices, from the top of the scale "
                             f"down; this one has {len(value)}")
        if kind == "choice" and not 2 <= len(value) <= 6:
            raise ValueError(f"a choice question has 2 to 6 choices; this one has {len(value)}")
        return value


class PrincipleText(_Strict):
    """One principle in one language. Only number, title and tips are required: a pack such as
    Bandai's ten articles has no management systems, and that is fine."""

    number: Annotated[int, Field(ge=1, le=99)]
    title: Text
    tagline: Text | None = None
    background: Lines = []
    behaviours: Lines = []
    examples: Lines = []
    systems: Lines = []
    do_not: Text | None = None
    keywords: list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]] = []
    tips: Annotated[list[Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=280)]], Field(min_length=1)]
    award: AwardName | None = None
    quiz: list[QuizText] = []


class LanguageFile(_Strict):
    """``ja.yaml`` / ``en.yaml``."""

    principles: Annotated[list[PrincipleText], Field(min_length=1, max_length=99)]
    survey: list[SurveyText] = []
