"""The features, looked up the ways the router, the scheduler and the manifests need them."""

from __future__ import annotations

from typing import Iterable

from bot.feature import Command, Feature, Handler, Job, Kind, Setting

CORE_WORDS = {"kodo": ("kodo", "行動"), "help": ("help", "?", "ヘルプ", "使い方")}  # the grammar's own


class Registry:
    """The features, looked up the ways the router needs them. Two features claiming the same name,
    word, kind or setting is a mistake found at import, not a surprise in chat."""

    def __init__(self, features: Iterable[Feature]):
        self.features = tuple(features)
        self._named: dict[str, Feature] = {}
        self._words: dict[str, tuple[Feature | None, str]] = {}
        self._kinds: dict[str, Kind] = {}
        self._owners: dict[str, tuple[Feature, Kind]] = {}
        self._jobs: dict[str, tuple[Feature, Job]] = {}
        self._settings: dict[str, Setting] = {}
        self._listeners: dict[str, list[tuple[Feature, Handler]]] = {}
        for word, spellings in CORE_WORDS.items():
            self._claim(self._words, spellings, (None, word), "the core")
        for feature in self.features:
            self._claim(self._named, (feature.name,), feature, feature.name)
            for command in feature.commands:
                self._claim(self._words, (command.word, *command.aliases), (feature, command.word), feature.name)
            for kind in feature.kinds:
                self._claim(self._kinds, (kind.name, *kind.aliases), kind, feature.name)
                self._owners[kind.name] = (feature, kind)
            for job in feature.jobs:
                self._claim(self._jobs, (job.name,), (feature, job), feature.name)
            for event, handler in feature.events.items():
                self._listeners.setdefault(event, []).append((feature, handler))
            for setting in feature.settings:
                self._claim(self._settings, (setting.name,), setting, feature.name)

    @staticmethod
    def _claim(table: dict, spellings: Iterable[str], value, owner: str) -> None:
        for spelling in spellings:
            key = spelling.casefold()
            if key in table:
                raise ValueError(f"{owner}: {spelling!r} is taken already")
            table[key] = value

    def word(self, token: str) -> tuple[Feature | None, str] | None:
        """(feature, canonical word) for a command word; (None, "kodo"|"help") for the grammar's own."""
        return self._words.get(token.casefold())

    def feature(self, name: str) -> Feature | None:
        return self._named.get(name)

    def kind(self, token: str) -> Kind | None:
        return self._kinds.get(token.casefold())

    def owner(self, kind: str) -> tuple[Feature, Kind]:
        """The feature that posts ``kind`` (a Kind's name), and the Kind."""
        return self._owners[kind]

    @property
    def kinds(self) -> tuple[Kind, ...]:
        return tuple(kind for feature in self.features for kind in feature.kinds)

    @property
    def jobs(self) -> tuple[Job, ...]:
        return tuple(job for _, job in self._jobs.values())

    def job(self, name: str) -> tuple[Feature, Job] | None:
        """The feature that runs job ``name``, and the job; None for a kind's posts."""
        return self._jobs.get(name.casefold())

    @property
    def settings(self) -> tuple[Setting, ...]:
        return tuple(self._settings.values())

    def setting(self, name: str) -> Setting:
        return self._settings[name.casefold()]

    def listeners(self, event: str) -> list[tuple[Feature, Handler]]:
        return self._listeners.get(event, [])

    def commands(self) -> Iterable[tuple[Feature, Command]]:
        return ((feature, command) for feature in self.features for command in feature.commands)
