"""The loaded, validated content the core works with: plain frozen data, no YAML, no pydantic."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

# The parts of a principle's text a question can be grounded in. The Tokyo paper names the four
# sections (① 背景, ② 具体的な行動原則 with its 例えば・・・, ③ 関連する仕組みや制度, 望ましくない行動);
# title and tagline cover packs such as Bandai's, whose articles are a line and a paragraph.
SECTIONS = ("title", "tagline", "background", "behaviours", "examples", "systems", "do_not")
SCALE_POINTS = 5


@dataclass(frozen=True)
class QuizQuestion:
    """One question about one principle. ``answer`` is a choice number (1 = the first choice), as
    people, the console's ``/pick`` and the survey's results number choices."""

    id: str
    principle: int
    section: str
    question: str
    choices: tuple[str, ...]
    answer: int
    explanation: str
    quote: str | None = None  # the words of the principle's text the question is grounded in

    def is_right(self, choice: int) -> bool:
        return choice == self.answer

    @property
    def right_choice(self) -> str:
        return self.choices[self.answer - 1]


@dataclass(frozen=True)
class SurveyQuestion:
    """One weekly pulse question. A ``scale`` has five choices ordered from the top of the scale
    down (そう思う … そう思わない, as Japanese forms list them); a ``choice`` question has 2-6
    unordered ones, for which only counts mean anything."""

    id: str
    principle: int
    section: str
    kind: str  # "scale" | "choice"
    question: str
    choices: tuple[str, ...]
    quote: str | None = None

    @property
    def is_scale(self) -> bool:
        return self.kind == "scale"

    def average(self, counts: Mapping[int | str, int]) -> float | None:
        """The mean on 1-5 where 5 is the top of the scale (choice 1), so a higher number always
        reads as "more"; ``counts`` maps choice numbers (ints, or strings as in ``/api/kpi``) to
        counts. None for a ``choice`` question or when nobody answered."""
        if not self.is_scale:
            return None
        total = sum(counts.values())
        if not total:
            return None
        return sum((SCALE_POINTS + 1 - int(choice)) * n for choice, n in counts.items()) / total


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
    award: str | None = None  # the monthly award named after this principle (顧客視点賞)
    quiz: tuple[QuizQuestion, ...] = ()

    def section_text(self, section: str) -> tuple[str, ...]:
        """The lines of one section (see ``SECTIONS``), empty when the pack leaves it out."""
        value = getattr(self, section)
        return (value,) if isinstance(value, str) else tuple(value or ())


@dataclass(frozen=True)
class Pack:
    id: str
    name: dict[str, str]
    source: dict[str, str]
    principles: dict[str, tuple[Principle, ...]]  # language -> principles ordered by number
    emoji: dict[str, int] = field(default_factory=dict)  # emoji name -> principle number
    folder: str = ""
    survey: dict[str, tuple[SurveyQuestion, ...]] = field(default_factory=dict)  # language -> questions

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

    def survey_for_week(self, day: date, lang: str) -> SurveyQuestion | None:
        """The pulse question of the ISO week ``day`` falls in; None when the pack has no survey.

        Every replica, channel and language gets the same question in the same week, and
        consecutive weeks take consecutive questions (across year ends too), because the index is
        the number of weeks since a fixed Monday. Adding or removing a question shifts the rotation
        from then on; answers are kept by question id, so past weeks are unaffected."""
        questions = self.survey.get(lang, ())
        if not questions:
            return None
        monday = day.toordinal() - day.weekday()  # ordinal 1 (0001-01-01) is a Monday
        return questions[(monday - 1) // 7 % len(questions)]

    def survey_question(self, question_id: str, lang: str) -> SurveyQuestion | None:
        """A survey question by id, as answers store it. None once it has left the pack, so old
        answers and presses on old posts can be told apart from current ones."""
        return next((q for q in self.survey.get(lang, ()) if q.id == question_id), None)

    def quiz_for(self, number: int, lang: str) -> tuple[QuizQuestion, ...]:
        """A principle's quiz questions in pack order (empty if it has none)."""
        return self.principle(number, lang).quiz

    def quiz_question(self, question_id: str, lang: str) -> QuizQuestion | None:
        """A quiz question by id, for a press on a question asked earlier. None once it has left
        the pack: the press is then answered politely instead of being scored."""
        return next((q for p in self.principles[lang] for q in p.quiz if q.id == question_id), None)

    def award(self, number: int, lang: str) -> str:
        """The name of a principle's monthly award. A pack without award names still gets a
        heading: the principle's title."""
        principle = self.principle(number, lang)
        return principle.award or principle.title

    def summary(self) -> str:
        """What ``kodo content check`` prints for a valid pack: its counts, then one warning line
        per feature the pack leaves without content (a pack may lack them and still load)."""
        lang = self.languages[0]
        ps = self.principles[lang]
        tips = sum(len(p.tips) for lang in self.languages for p in self.principles[lang])
        quiz = sum(len(p.quiz) for p in ps)
        lines = [f"{self.id}: OK ({self.size} principles, languages {', '.join(self.languages)}, {tips} tips, "
                 f"{len(self.emoji)} emoji, {len(self.survey.get(lang, ()))} survey questions, "
                 f"{quiz} quiz questions, {sum(1 for p in ps if p.award)} awards)"]
        if not self.survey.get(lang):
            lines.append(f"{self.id}: warning: no survey questions, so the weekly pulse survey has nothing to ask")
        gaps = {"quiz questions": [p.number for p in ps if not p.quiz],
                "award name (the title stands in)": [p.number for p in ps if not p.award]}
        for what, numbers in gaps.items():
            if numbers:
                lines.append(f"{self.id}: warning: no {what} for principle{'s' if len(numbers) > 1 else ''} "
                             f"{', '.join(map(str, numbers))}")
        return "\n".join(lines)
