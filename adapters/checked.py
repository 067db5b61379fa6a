"""How a payload that failed its model is described in a log line: by the fields that failed, never
by their values (which a stranger wrote and which may be long, or shaped like a log line)."""

from __future__ import annotations

from pydantic import ValidationError


def failed_fields(exc: ValidationError, limit: int = 200) -> str:
    return ", ".join(sorted({".".join(str(p) for p in e["loc"]) or "(top)" for e in exc.errors()}))[:limit]
