"""Quiz, pulse survey and award names in the content packs: the bundled packs carry enough of each,
grounded in the principles' own words; the accessors the features use behave; and every mistake an
editor can make in these sections is reported with its file and line."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

import pytest
import yaml

from bot.i18n import t
from content.loader import PACKS_DIR, check, load

# The heading under which people read each section (the /kodo principle reply), so an explanation
# that names its section points at something the reader can find.
SECTION_HEADINGS = {section: {lang: t(f"principle.{section}", lang) for lang in ("ja", "en")}
                    for section in ("background", "behaviours", "examples", "systems", "do_not")}


@pytest.mark.parametrize("name, per_principle, survey", [("tokyo", 3, 12), ("bandai", 1, 4)])
def test_bundled_packs_have_quiz_survey_and_awards(name, per_principle, survey):
    pack = load(name)
    for lang in pack.languages:
        for p in pack.principles[lang]:
            assert p.award, (lang, p.number)
            assert len(p.quiz) >= per_principle, (lang, p.number)
        assert len(pack.survey[lang]) >= survey
        assert {q.kind for q in pack.survey[lang]} == {"scale", "choice"}
    assert "warning" not in pack.summary()
    awards = [p.award for p in pack.principles["ja"]]
    assert len(set(awards)) == len(awards)


def test_tokyo_survey_covers_every_principle():
    pack = load("tokyo")
    assert {q.principle for q in pack.survey["ja"]} == set(range(1, 11))


@pytest.mark.parametrize("name", ["tokyo", "bandai"])
def test_every_question_quotes_its_principle_and_explains_from_it(name):
    """The loader has already checked each quote against the principle's text; here, every bundled
    question carries one, and every explanation repeats it and names the section it comes from."""
    pack = load(name)
    for lang in pack.languages:
        for q in pack.survey[lang]:
            assert q.quote, (lang, q.id)
        for p in pack.principles[lang]:
            for q in p.quiz:
                assert q.quote and q.quote in q.explanation, (lang, q.id)
                if q.section in SECTION_HEADINGS:
                    heading = SECTION_HEADINGS[q.section][lang].lower()
                    assert heading in q.explanation.lower(), (lang, q.id, heading)
                else:
                    assert ("説明" if lang == "ja" else "explanation") in q.explanation, (lang, q.id)


@pytest.mark.parametrize("name", ["tokyo", "bandai"])
def test_right_answers_give_nothing_away(name):
    """No position or length pattern a quiz-taker could learn instead of the principles."""
    pack = load(name)
    questions = [q for p in pack.principles["ja"] for q in p.quiz]
    positions = Counter(q.answer for q in questions)
    assert len(positions) >= 3 and max(positions.values()) <= len(questions) / 2, positions
    for lang in pack.languages:
        longest = [q.id for p in pack.principles[lang] for q in p.quiz
                   if len(q.right_choice) == max(map(len, q.choices))]
        assert len(longest) <= len(questions) / 3, (lang, longest)


def test_survey_rotates_week_by_week(tokyo):
    questions = tokyo.survey["ja"]
    monday = date(2026, 12, 21)  # ISO 2026-W52; 2026 has 53 weeks
    weeks = [tokyo.survey_for_week(monday + timedelta(weeks=i), "ja") for i in range(len(questions))]
    assert sorted(q.id for q in weeks) == sorted(q.id for q in questions)  # each once per cycle
    first = questions.index(weeks[0])
    assert [questions.index(q) for q in weeks] == [(first + i) % len(questions) for i in range(len(questions))]
    assert date(2027, 1, 4).isocalendar()[:2] == (2027, 1) and weeks[2] == tokyo.survey_for_week(date(2027, 1, 4), "ja")
    for day in range(7):  # the same question all week, Monday to Sunday, in both languages
        same = tokyo.survey_for_week(monday + timedelta(days=day), "en")
        assert same.id == weeks[0].id
    assert tokyo.survey_for_week(monday + timedelta(weeks=len(questions)), "ja") == weeks[0]


def test_survey_lookup_and_scale_average(tokyo):
    scale = next(q for q in tokyo.survey["ja"] if q.is_scale)
    assert tokyo.survey_question(scale.id, "en").question != scale.question
    assert tokyo.survey_question("no-such-question", "ja") is None
    assert len(scale.choices) == 5
    assert scale.average({"1": 3}) == 5.0 and scale.average({1: 1, 5: 1}) == 3.0
    assert scale.average({}) is None
    choice = next(q for q in tokyo.survey["ja"] if not q.is_scale)
    assert choice.average({"1": 4}) is None


def test_quiz_and_award_lookup(tokyo):
    quiz = tokyo.quiz_for(1, "ja")
    assert len(quiz) >= 3 and all(q.principle == 1 for q in quiz)
    first = quiz[0]
    en = tokyo.quiz_question(first.id, "en")
    assert en.principle == 1 and en.answer == first.answer and en.question != first.question
    assert first.is_right(first.answer) and not first.is_right(first.answer % len(first.choices) + 1)
    assert first.right_choice == first.choices[first.answer - 1]
    assert tokyo.quiz_question("no-such-question", "ja") is None
    assert tokyo.award(1, "ja") == "顧客視点賞" and tokyo.award(1, "en") == "Customer Focus Award"


def stripped_pack(tmp_path: Path) -> Path:
    """Bandai without a survey, and without quiz and award for article 2: older or smaller packs."""
    folder = tmp_path / "plain"
    shutil.copytree(PACKS_DIR / "bandai", folder)
    for lang in ("ja", "en"):
        data = yaml.safe_load((folder / f"{lang}.yaml").read_text(encoding="utf-8"))
        del data["survey"]
        del data["principles"][1]["quiz"], data["principles"][1]["award"]
        (folder / f"{lang}.yaml").write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                                             encoding="utf-8")
    return folder


def test_a_pack_without_the_new_sections_loads_and_the_check_warns(tmp_path):
    folder = stripped_pack(tmp_path)
    pack = load(str(folder))
    assert pack.survey_for_week(date(2026, 12, 21), "ja") is None
    assert pack.quiz_for(2, "ja") == ()
    assert pack.award(2, "ja") == pack.principle(2, "ja").title
    run = subprocess.run([sys.executable, "-m", "bot.cli", "content", "check", str(folder)],
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert "bandai: OK (" in run.stdout and "0 survey questions, 9 quiz questions, 9 awards" in run.stdout
    assert "warning: no survey questions" in run.stdout
    assert "warning: no quiz questions for principle 2\n" in run.stdout
    assert "warning: no award name (the title stands in) for principle 2\n" in run.stdout


# --- every kind of mistake, with file and line ------------------------------------------------

def edit(folder: Path, name: str, qid: str, field: str, value: str) -> int:
    """Set ``field`` of the question ``qid`` in ``name`` to the YAML ``value`` (a new key when the
    question has no such field); returns the line edited."""
    path = folder / name
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == f'- id: "{qid}"')
    indent = " " * (lines[start].index("id:"))
    end = next((i for i in range(start + 1, len(lines)) if not lines[i].startswith(indent)), len(lines))
    at = next((i for i in range(start, end) if lines[i].strip().lstrip("- ").startswith(f"{field}:")), None)
    if at is None:
        at = start + 1
        lines.insert(at, f"{indent}{field}: {value}")
    else:
        lines[at] = lines[at][:lines[at].index(f"{field}:")] + f"{field}: {value}"
        while at + 1 < len(lines) and lines[at + 1].startswith(indent + "  - "):  # the old block list
            del lines[at + 1]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return at + 1


def line_of(folder: Path, name: str, qid: str, field: str) -> int:
    lines = (folder / name).read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.strip() == f'- id: "{qid}"')
    return next(i for i in range(start, len(lines)) if lines[i].strip().startswith(f"{field}:")) + 1


TOO_LONG = '"' + "あ" * 76 + '"'
MISTAKES = [
    # file, question, field, new value, what the message says, the field whose line it names
    ("ja.yaml", "residents-first-next", "hint", '"x"', "principles.0.quiz.0.hint: Extra inputs", "hint"),
    ("ja.yaml", "residents-first-next", "section", "appendix", "principles.0.quiz.0.section: Input should be", "section"),
    ("ja.yaml", "residents-first-next", "section", "systems", "principle 1 has no systems text", "section"),
    ("ja.yaml", "residents-first-next", "quote", '"住民本位でなくてもよい"', "the quote is not in the tagline text", "quote"),
    ("ja.yaml", "residents-first-next", "answer", "5", "answer 5 is not one of the 4 choices", "answer"),
    ("ja.yaml", "residents-first-next", "choices", '["一つ", "二つ"]', "at least 3 items", "choices"),
    ("ja.yaml", "residents-first-next", "choices", '["同じ", "別", "同じ"]', "choice 3 repeats an earlier choice", "choices"),
    ("ja.yaml", "residents-first-next", "choices", f'[{TOO_LONG}, "b", "c"]', "at most 75 characters", "choices"),
    ("ja.yaml", "residents-first-next", "question", '"' + "問" * 301 + '"', "at most 300 characters", "question"),
    ("ja.yaml", "residents-first-next", "explanation", '"' + "説" * 601 + '"', "at most 600 characters", "explanation"),
    ("ja.yaml", "no-one-behind-no-choosing", "id", '"residents-first-next"', "is used twice", "id"),
    ("ja.yaml", "residents-first-next", "id", '"Residents First"', "principles.0.quiz.0.id: String should match", "id"),
    ("ja.yaml", "pulse-can-do-first", "kind", "scale", "a scale question has exactly 5 choices", "choices"),
    ("ja.yaml", "pulse-can-do-first", "kind", "rating", "survey.2.kind: Input should be 'scale' or 'choice'", "kind"),
    ("ja.yaml", "pulse-can-do-first", "choices", '["1", "2", "3", "4", "5", "6", "7"]', "2 to 6 choices", "choices"),
    ("ja.yaml", "pulse-what-for", "principle", "11", "tied to principle 11, but the pack has 10", "principle"),
    ("en.yaml", "residents-first-next", "answer", "2", "residents-first-next: answer is 2 in en but 1 in ja", "answer"),
    ("en.yaml", "residents-first-next", "choices", '["a", "b", "c"]', "3 choices in en but 4 in ja", "choices"),
    ("en.yaml", "pulse-what-for", "principle", "8", "pulse-what-for: principle is 8 in en but 9 in ja", "principle"),
    ("en.yaml", "pulse-can-do-first", "section", "title", "pulse-can-do-first: section is title in en but tagline in ja", "section"),
]


@pytest.mark.parametrize("name, qid, field, value, message, at", MISTAKES,
                         ids=[f"{m[0]}-{m[2]}-{m[4][:24]}" for m in MISTAKES])
def test_each_mistake_is_reported_with_file_and_line(tmp_path, name, qid, field, value, message, at):
    folder = tmp_path / "pack"
    shutil.copytree(PACKS_DIR / "bandai", folder)
    edited = edit(folder, name, qid, field, value)
    pack, errors = check(str(folder))
    assert pack is None
    where = (str(folder / name), edited if at == field else line_of(folder, name, qid, at))
    assert any((e.file, e.line) == where and message in e.message for e in errors), errors


def test_questions_out_of_step_between_languages(tmp_path):
    folder = tmp_path / "pack"
    shutil.copytree(PACKS_DIR / "bandai", folder)
    edit(folder, "en.yaml", "residents-first-next", "id", '"residents-first-renamed"')
    en = (folder / "en.yaml").read_text(encoding="utf-8")
    en = en.replace('    award: "Can-Do Award"\n', "", 1)
    (folder / "en.yaml").write_text(en, encoding="utf-8")
    _, errors = check(str(folder))
    lines = en.splitlines()
    found = {(e.line, e.message) for e in errors}
    quiz_line = next(i for i, line in enumerate(lines, 1) if line == "    quiz:")
    assert (quiz_line, "principle 1's quiz has ids residents-first-renamed in en but residents-first-next "
                       "in ja: the same ids, in the same order") in found
    five = next(i for i, line in enumerate(lines, 1) if line == "  - number: 5")
    assert (five, "principle 5 has an award name in ja only: name it in both languages or in neither") in found
    assert len(errors) == 2, errors
