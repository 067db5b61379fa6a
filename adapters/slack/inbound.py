"""The door of ``POST /slack/events``: nothing is parsed before Slack's signature is proven.

Bolt decodes and parses a request's body before it checks the signature, so a stranger's ``{``,
non-UTF-8 bytes or a timestamp like ``1.5e9`` used to reach the JSON parser and end as a 500 with
a traceback. Here the signature is checked on the raw bytes first (``v0:{timestamp}:{body}``,
HMAC-SHA256, at most five minutes old); only then is the body decoded and its outer shape read.
What fails the check gets a 401 and one short log line without the body; what is signed but
unreadable is Slack's (or a bug of Slack's) and is acknowledged and ignored with one warning.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import time
from dataclasses import dataclass
from enum import Enum
from urllib.parse import parse_qs

MAX_AGE = 300  # seconds: Slack's own rule for replayed requests
TIMESTAMP_DIGITS = 12
_NAME = re.compile(r"[A-Za-z0-9_./:-]{1,48}")


class Kind(Enum):
    """What a request is, which decides how a failure is answered (an event is retried by Slack; a
    person pressing something is not)."""

    EVENT = "event"
    COMMAND = "command"
    SHORTCUT = "shortcut"
    SUBMISSION = "submission"
    ACTION = "action"  # a button or menu pressed
    OTHER = "other"


@dataclass(frozen=True)
class Envelope:
    kind: Kind
    body: dict  # the parsed request: a JSON event envelope, a command form, or an interaction payload


class Malformed(Exception):
    """Signed by Slack but not something Kodo can read; the message is safe to log (no content)."""


def verified(raw: bytes, timestamp: str | None, signature: str | None, secret: str, now: float | None = None) -> bool:
    if not secret or not timestamp or not signature:
        return False
    if not (timestamp.isascii() and timestamp.isdigit() and len(timestamp) <= TIMESTAMP_DIGITS):
        return False
    if abs((time.time() if now is None else now) - int(timestamp)) > MAX_AGE:
        return False
    digest = hmac.new(secret.encode(), b"v0:" + timestamp.encode() + b":" + raw, hashlib.sha256).hexdigest()
    return hmac.compare_digest(f"v0={digest}".encode(), signature.encode("utf-8", "replace"))


def envelope(raw: bytes, content_type: str) -> Envelope:
    """The outer shape of a signed request: a JSON object, or a form with a JSON object as ``payload``."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise Malformed("body is not UTF-8") from None
    if content_type.startswith("application/json"):
        body = _object(text, "body")
    else:
        body = {key: values[-1] for key, values in parse_qs(text, keep_blank_values=True).items()}
        if "payload" in body:
            body = _object(body["payload"], "payload")
    return Envelope(kind_of(body), body)


def kind_of(body: dict) -> Kind:
    """The kind of a request as parsed (an event envelope, a command form or an interaction payload)."""
    kind = body.get("type")
    if kind == "event_callback":
        return Kind.EVENT
    if kind in ("message_action", "shortcut"):
        return Kind.SHORTCUT
    if kind == "view_submission":
        return Kind.SUBMISSION
    if kind == "block_actions":
        return Kind.ACTION
    return Kind.COMMAND if "command" in body else Kind.OTHER


def named(body: dict) -> str:
    """What a request is, as Slack names it, for a log line: ``event app_mention``, ``block_suggestion``,
    ``command /other``. Names only; anything that is not a short name reads ``?``."""
    def name(value: object) -> str:
        return value if isinstance(value, str) and _NAME.fullmatch(value) else "?"
    if body.get("type") == "event_callback":
        event = body.get("event")
        return "event " + name(event.get("type") if isinstance(event, dict) else None)
    if "command" in body:
        return "command " + name(body.get("command"))
    return name(body.get("type"))


def _object(text: str, what: str) -> dict:
    try:
        value = json.loads(text)
    except (ValueError, RecursionError):
        raise Malformed(f"{what} is not JSON") from None
    if not isinstance(value, dict):
        raise Malformed(f"{what} is JSON but not an object")
    return value
