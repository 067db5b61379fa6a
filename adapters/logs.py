"""Kodo's log lines: one line per event, safe to read, and traceable through a request.

What strangers send (a user id, a channel, an exception's text) can reach a log message. A newline in
it could forge a line of its own, an escape sequence could repaint a terminal, and a megabyte of it
would fill the disk; so every line is escaped (control characters as ``\\n``, ``\\x1b``...) and
bounded, tracebacks included. ``KODO_LOG_FORMAT=json`` writes one JSON object per line (time,
level, logger, message, request id) for log collectors. Every HTTP request gets a request id
(``X-Request-Id``, Kodo's own unless the caller sent a plain one) that follows it through every
line logged while it is handled, background replies included (tasks inherit the context).

The SDKs underneath (Bolt, the Slack SDK, botbuilder, msrest) narrate every request at INFO and
DEBUG, bodies included; they are kept at WARNING.
"""

from __future__ import annotations

import json
import logging
import random
import re
import sys
from contextvars import ContextVar
from datetime import datetime, timezone

from aiohttp import web
from aiohttp.http_exceptions import HttpProcessingError

REQUEST_ID: ContextVar[str | None] = ContextVar("kodo_request_id", default=None)
MAX_MESSAGE = 2_000  # characters of a message
MAX_LINE = 8_000  # characters of a whole line, traceback included
QUIET = ("adapters.slack.bolt", "slack_bolt", "slack_sdk", "botbuilder", "botframework", "msrest", "msal",
         "urllib3", "requests", "aiohttp.access", "alembic", "apscheduler", "asyncio")
# control characters, line separators, and the bidirectional overrides that make a line read backwards
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_CALLER_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def escape(text: str) -> str:
    return _CONTROL.sub(lambda m: _ESCAPES.get(m.group(), f"\\x{ord(m.group()):02x}" if ord(m.group()) < 256
                                               else f"\\u{ord(m.group()):04x}"), text)


def bound(text: str, limit: int) -> str:
    return text if len(text) <= limit else f"{text[:limit]}…(+{len(text) - limit} chars)"


def _message(record: logging.LogRecord) -> str:
    try:
        text = record.getMessage()
    except Exception:  # noqa: BLE001 - a bad format string must not lose the line
        text = f"{record.msg!r} {record.args!r}"
    return bound(escape(text), MAX_MESSAGE)


class _Exceptions:
    """Tracebacks for the server's log (bugs need them); one ``Type: message`` for a command line."""

    tracebacks = True

    def formatException(self, ei) -> str:  # noqa: N802 - logging's name
        if self.tracebacks:
            return super().formatException(ei)
        return f"{ei[0].__name__}: {ei[1]}"


class TextFormatter(_Exceptions, logging.Formatter):
    def __init__(self, tracebacks: bool = True):
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(request_id)s]: %(message)s")
        self.tracebacks = tracebacks

    def format(self, record: logging.LogRecord) -> str:
        record.request_id = REQUEST_ID.get() or "-"
        saved = record.msg, record.args
        record.msg, record.args = _message(record), None
        try:
            line = super().format(record)
        finally:
            record.msg, record.args = saved
        return bound(escape(line), MAX_LINE)


class JsonFormatter(_Exceptions, logging.Formatter):
    def __init__(self, tracebacks: bool = True):
        super().__init__()
        self.tracebacks = tracebacks

    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
                 "level": record.levelname, "logger": record.name, "message": _message(record),
                 "request_id": REQUEST_ID.get()}
        if record.exc_info:
            entry["exception"] = bound(self.formatException(record.exc_info), MAX_LINE)
        return json.dumps(entry, ensure_ascii=False)


class ServerLog(logging.LoggerAdapter):
    """aiohttp's server logger, handed to every Kodo server (``web.Application(handler_args=...)``).

    A request aiohttp's own parser refuses (a header over 8 KB, too many headers, a garbled request
    line) is answered 400 by aiohttp before any route or middleware sees it, and then logged with
    the parser's traceback at ERROR. Here it becomes one warning line naming the kind of error, never
    its message: that quotes the first 100 bytes of the offending line, an ``Authorization`` token
    say. Everything else aiohttp logs (a handler's own exception is a bug) passes unchanged."""

    def __init__(self):
        super().__init__(logging.getLogger("aiohttp.server"), {})

    def log(self, level, msg, *args, exc_info=None, **kwargs):
        if isinstance(exc_info, HttpProcessingError):
            level = min(level, logging.WARNING)  # aiohttp keeps some at DEBUG (HTTPS sent to an HTTP port)
            if self.isEnabledFor(level):
                self.logger.log(level, "%s: answered %d (%s)", msg % args, exc_info.code or 400,
                                type(exc_info).__name__)
            return
        super().log(level, msg, *args, exc_info=exc_info, **kwargs)


def setup(log_format: str = "text", level: int = logging.INFO, stream=None, tracebacks: bool = True
          ) -> logging.Handler:
    """Route every log record through one escaping handler on stderr (or ``stream``)."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter((JsonFormatter if log_format == "json" else TextFormatter)(tracebacks))
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level)
    for name in QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)
    return handler


@web.middleware
async def request_ids(request: web.Request, handler):
    """Give the request an id for its log lines and its answer (``X-Request-Id``)."""
    offered = request.headers.get("X-Request-Id", "")
    rid = offered if _CALLER_ID.match(offered) else f"{random.getrandbits(64):016x}"  # unique, not secret: no urandom
    token = REQUEST_ID.set(rid)
    try:
        response = await handler(request)
        response.headers["X-Request-Id"] = rid
        return response
    finally:
        REQUEST_ID.reset(token)
