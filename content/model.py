"""The loaded, validated content the core works with: plain frozen data, no YAML, no pydantic."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Principle:
    number: int
    title: str
    tagline: str | None = None
    background: tuple[str, ...] = ()
    behaviours: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    systems: tuple[str, ...] = ()
    do_not: str | None = None
    keywords: tuple[str, ...] = ()
    tips: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pack:
    id: str
    name: dict[str, str]
    source: dict[str, str]
    principles: dict[str, tuple[Principle, ...]]  # language -> principles ordered by number
    emoji: dict[str, int] = field(default_factory=dict)  # emoji name -> principle number
    folder: str = ""

    @property
    def size(self) -> int:
        return len(next(iter(self.principles.values())))

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self.principles)

    def principle(self, number: int, lang: str) -> Principle:
        return self.principles[lang][number - 1]

    def emoji_for(self, number: int) -> str:
        """The canonical emoji name of a principle (``kodoN``)."""
        return f"kodo{number}"

    def principle_for_emoji(self, name: str) -> int | None:
        """Principle number for a reaction name; skin-tone suffixes (``::skin-tone-2``) ignored."""
        return self.emoji.get(name.split("::", 1)[0].strip(":").lower())
