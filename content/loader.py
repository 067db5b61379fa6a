"""Load a content pack from its folder and validate it, reporting every problem with file and line.

Errors are collected, not raised one by one: an editor fixing a pack wants the whole list at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from content.model import Pack, Principle, QuizQuestion, SurveyQuestion
from content.questions import check_language, compare_languages
from content.schema import LANGUAGES, LanguageFile, PackMeta

PACKS_DIR = Path(__file__).parent / "packs"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_SCALARS = yaml.constructor.SafeConstructor()


@dataclass(frozen=True)
class PackError:
    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


class PackInvalid(Exception):
    def __init__(self, errors: list[PackError]):
        super().__init__("\n".join(map(str, errors)))
        self.errors = errors


class NoSuchPack(Exception):
    """Neither a bundled pack nor a folder: the message lists the bundled packs."""


def bundled_packs() -> list[str]:
    return sorted(p.name for p in PACKS_DIR.iterdir() if (p / "pack.yaml").is_file())


def resolve(pack_or_path: str) -> Path:
    """A bundled pack name (``tokyo``) or a path to a pack folder."""
    if "/" not in pack_or_path and "\\" not in pack_or_path and (PACKS_DIR / pack_or_path).is_dir():
        return PACKS_DIR / pack_or_path
    if not Path(pack_or_path).is_dir():
        raise NoSuchPack(f"there is no content pack {pack_or_path!r}: the bundled packs are "
                         f"{', '.join(bundled_packs())}, or give the path of a pack folder")
    return Path(pack_or_path)


class _Document:
    """A YAML file as plain data plus the line of every node, addressed by its path."""

    def __init__(self, path: Path, errors: list[PackError]):
        self.path = path
        self.lines: dict[tuple, int] = {}
        self.data: Any = None
        self._errors = errors
        try:
            node = yaml.compose(path.read_text(encoding="utf-8"), Loader=_Loader)
        except FileNotFoundError:
            self.error(1, "file is missing")
            return
        except UnicodeDecodeError as exc:
            self.error(1, f"not UTF-8 text ({exc.reason})")
            return
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            self.error(mark.line + 1 if mark else 1, f"not valid YAML: {getattr(exc, 'problem', exc)}")
            return
        if node is None:
            self.error(1, "file is empty")
            return
        self.data = self._build(node, ())

    def _build(self, node: yaml.Node, path: tuple, line: int | None = None) -> Any:
        """Plain data from a node; a mapping value is located at its key's line, where editors look."""
        self.lines[path] = line or node.start_mark.line + 1
        if isinstance(node, yaml.MappingNode):
            out = {}
            for key_node, value_node in node.value:
                key = key_node.value
                if key in out:
                    self.error(key_node.start_mark.line + 1, f"duplicate key {key!r}")
                out[key] = self._build(value_node, path + (key,), key_node.start_mark.line + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self._build(item, path + (i,)) for i, item in enumerate(node.value)]
        return _SCALARS.construct_object(node)  # the composer already resolved its type tag

    def line(self, path: tuple) -> int:
        while path and path not in self.lines:
            path = path[:-1]
        return self.lines.get(path, 1)

    def error(self, line: int, message: str) -> None:
        self._errors.append(PackError(str(self.path), line, message))

    def validate(self, model):
        if self.data is None:
            return None
        try:
            return model.model_validate(self.data)
        except ValidationError as exc:
            for err in exc.errors():
                loc = tuple(err["loc"])
                where = ".".join(str(p) for p in loc) or "(top)"
                self.error(self.line(loc), f"{where}: {err['msg']}")
            return None


def check(pack_or_path: str) -> tuple[Pack | None, list[PackError]]:
    """Validate a pack; returns the pack (when valid) and every error found."""
    folder = resolve(pack_or_path)
    errors: list[PackError] = []
    if not (folder / "pack.yaml").is_file():
        return None, [PackError(str(folder / "pack.yaml"), 1, "not a content pack: pack.yaml is missing")]
    meta_doc = _Document(folder / "pack.yaml", errors)
    meta = meta_doc.validate(PackMeta)
    docs = {lang: _Document(folder / f"{lang}.yaml", errors) for lang in LANGUAGES}
    files = {lang: doc.validate(LanguageFile) for lang, doc in docs.items()}
    valid = {lang: file for lang, file in files.items() if file is not None}
    for lang, file in valid.items():
        doc = docs[lang]
        for i, p in enumerate(file.principles):
            if p.number != i + 1:
                doc.error(doc.line(("principles", i, "number")),
                          f"principles must be numbered 1, 2, 3 … in order: expected {i + 1}, found {p.number}")
    built = {lang: (tuple(_principle(p) for p in f.principles), _survey(f)) for lang, f in valid.items()}
    for lang, (principles, survey) in built.items():
        check_language(docs[lang], principles, survey)
    if len(valid) == len(LANGUAGES):
        _compare_languages(docs, valid["ja"].principles, valid["en"].principles)
        compare_languages(docs["en"], built["ja"], built["en"])
    if meta is not None and valid:
        size = len(next(iter(valid.values())).principles)
        for name, number in meta.emoji.items():
            if number > size:
                meta_doc.error(meta_doc.line(("emoji", name)),
                               f"emoji {name!r} points at principle {number}, but the pack has {size}")
    if errors or meta is None or len(valid) < len(LANGUAGES):
        return None, errors

    size = len(files["ja"].principles)
    emoji = {f"kodo{n}": n for n in range(1, size + 1)} | dict(meta.emoji)
    pack = Pack(
        id=meta.id,
        name=meta.name.model_dump(),
        source=meta.source.model_dump(),
        principles={lang: principles for lang, (principles, _) in built.items()},
        emoji=emoji,
        folder=str(folder),
        survey={lang: survey for lang, (_, survey) in built.items()},
    )
    return pack, []


def _compare_languages(docs: dict, ja: list, en: list) -> None:
    """Both languages describe the same principles: same count, and tips paired one to one."""
    if len(ja) != len(en):
        docs["en"].error(docs["en"].line(("principles",)),
                         f"en has {len(en)} principles but ja has {len(ja)}: both languages need the same")
    for i, (pj, pe) in enumerate(zip(ja, en)):
        if len(pj.tips) != len(pe.tips):
            docs["en"].error(docs["en"].line(("principles", i, "tips")),
                             f"principle {pe.number} has {len(pe.tips)} tips in en but {len(pj.tips)} in ja: "
                             "tips are translations of each other, so the counts must match")


def _principle(p) -> Principle:
    return Principle(
        number=p.number, title=p.title, tagline=p.tagline, background=tuple(p.background),
        behaviours=tuple(p.behaviours), examples=tuple(p.examples), systems=tuple(p.systems),
        do_not=p.do_not, keywords=tuple(p.keywords), tips=tuple(p.tips), award=p.award,
        quiz=tuple(QuizQuestion(id=q.id, principle=p.number, section=q.section, question=q.question,
                                choices=tuple(q.choices), answer=q.answer, explanation=q.explanation,
                                quote=q.quote) for q in p.quiz),
    )


def _survey(f) -> tuple[SurveyQuestion, ...]:
    return tuple(SurveyQuestion(id=q.id, principle=q.principle, section=q.section, kind=q.kind,
                                question=q.question, choices=tuple(q.choices), quote=q.quote) for q in f.survey)


def load(pack_or_path: str) -> Pack:
    pack, errors = check(pack_or_path)
    if errors:
        raise PackInvalid(errors)
    assert pack is not None
    return pack
