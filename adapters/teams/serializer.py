"""The body of a Bot Connector request, written straight from botbuilder's models.

msrest's ``Serializer.body`` first rebuilds the model from itself (in case it was handed a dict),
validates it, then walks it through a dozen generic steps per attribute: about a tenth of a Teams
turn's CPU for one reply. ``QuickSerializer.body`` writes the same JSON for a model instance in one
walk, following msrest's rules for the types botbuilder's schema uses (model names, ``[T]``,
``{T}``, ``str`` with enums as their value, ``bool``/``int``/``float``, ``object``, ``iso-8601``,
``additional_properties`` merged in). Anything else (a model with validation rules, another type, a
value of an unexpected kind) goes to msrest's own ``body``, so nothing is ever written differently:
``tests/teams/test_sender.py`` compares both on every reply the Teams tests send.
"""

from __future__ import annotations

from msrest.serialization import Model, Serializer


class _Unsure(Exception):
    """A value the quick walk does not handle: msrest's own serializer writes the body."""


_BASIC = {"bool": bool, "int": int, "float": float}
_PLAIN = (int, float, bool)


def _text(value) -> str:
    """msrest's ``serialize_unicode``: an enum as its value, anything else as a string."""
    try:
        return value.value
    except AttributeError:
        return value if isinstance(value, str) else str(value)


def model(obj: Model) -> dict:
    cls = type(obj)
    if cls._validation or cls.is_xml_model():
        raise _Unsure
    out: dict = {}
    for attr, desc in cls._attribute_map.items():
        value = getattr(obj, attr)
        key = desc["key"]
        if attr == "additional_properties" and key == "":
            if value is not None:
                out.update(value)  # msrest merges them as they are
            continue
        if value is None or key in out:  # msrest skips an absent value, and keeps a key already written
            continue
        if "." in key:  # a flattened key: msrest nests it
            raise _Unsure
        out[key] = _value(value, desc["type"])
    return out


def _value(value, kind: str):
    if kind == "str":
        return _text(value)
    if kind in _BASIC:
        return _BASIC[kind](value)
    if kind == "object":
        return _object(value)
    if kind == "iso-8601":
        return Serializer.serialize_iso(value)
    if kind[0] == "[" and kind[-1] == "]":
        if not isinstance(value, (list, tuple)):
            raise _Unsure
        inner = kind[1:-1]
        return [None if item is None else _value(item, inner) for item in value]
    if kind[0] == "{" and kind[-1] == "}":
        if not isinstance(value, dict):
            raise _Unsure
        inner = kind[1:-1]
        return {_text(k): None if v is None else _value(v, inner) for k, v in value.items()}
    if isinstance(value, Model):  # a model type by name: msrest writes the instance's own class
        return model(value)
    raise _Unsure


def _object(value):
    """msrest's ``serialize_object`` for JSON's own types (and models); anything else is unsure."""
    kind = type(value)
    if value is None or kind is str or kind in _PLAIN:
        return value
    if kind is dict:
        return {_text(k): _object(v) for k, v in value.items()}
    if kind is list:
        return [_object(item) for item in value]
    if isinstance(value, Model):
        return model(value)
    raise _Unsure


class QuickSerializer(Serializer):
    """msrest's serializer, with ``body`` written in one walk for a model instance."""

    def body(self, data, data_type, **kwargs):
        if isinstance(data, Model) and not kwargs:
            try:
                return model(data)
            except (_Unsure, AttributeError, TypeError, ValueError):
                pass  # msrest decides, and raises its own errors
        return super().body(data, data_type, **kwargs)
