"""The features, in the order help lists them. Adding a feature is its package in
``bot/features/<name>/`` (``bot.feature`` says what it declares) and one line below."""

from __future__ import annotations

from importlib import import_module

from bot.feature import Feature
from bot.registry import Registry
from bot.i18n import register

FEATURES: tuple[Feature, ...] = tuple(import_module(f"bot.features.{name}").feature for name in (
    "principles",
    "kudos",
    "me",
    "subscriptions",
    "tips",
    "roundup",
    "quiz",
    "welcome",
    "proposals",
    "survey",
    "awards",
    "casebook",
))

REGISTRY = Registry(FEATURES)
for _feature in FEATURES:
    register(f"bot.features.{_feature.name}", _feature.messages)
