"""The shape of a content pack, checked before Kodo trusts a single word of it.

A pack is a folder of data: ``pack.yaml`` (identity and emoji) and one ``<lang>.yaml`` per
language (the principles). Validation is strict: an unknown key is an error, because a typo
in a section name would otherwise make that section silently disappear from every reply.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, field_validator

LANGUAGES = ("ja", "en")
EMOJI_NAME = re.compile(r"^[a-z0-9_\-+']{1,64}$")

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
Lines = list[Text]


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


class LanguageFile(_Strict):
    """``ja.yaml`` / ``en.yaml``."""

    principles: Annotated[list[PrincipleText], Field(min_length=1, max_length=99)]
