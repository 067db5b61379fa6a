"""The audit log as people read it (``kodo audit``): who did what, when, in ``KODO_TIMEZONE``.

Entries are written by the store in the same transaction as the action (see ``bot.ports.AuditLog``);
this module names the actions the core records and prints what was stored. Ids and names come from
outside, so the text form shows any control character escaped: a crafted name cannot move the
cursor or forge a line in an administrator's terminal.
"""

from __future__ import annotations

from datetime import tzinfo
from typing import AsyncIterator, TextIO

from bot.export import json_array
from bot.ports import AuditEntry

SUBSCRIBE, UNSUBSCRIBE, EXPORT = "subscribe", "unsubscribe", "export"  # forget-me: see storage.stores.Database.forget


def _row(entry: AuditEntry, tz: tzinfo) -> dict:
    return {"at": entry.at.astimezone(tz).isoformat(), "platform": entry.platform, "workspace": entry.workspace,
            "actor": entry.actor, "action": entry.action, "target": entry.target, "detail": entry.detail or {}}


def _clean(value) -> str:
    text = str(value)
    return "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)


def line(entry: AuditEntry, tz: tzinfo) -> str:
    """``2026-11-29 21:40:05 JST  slack:U_BOSS  subscribe C1  kind=tips locale=ja``"""
    where = entry.platform + (f"/{entry.workspace}" if entry.workspace else "")
    what = " ".join(_clean(part) for part in (entry.action, entry.target) if part)
    detail = " ".join(f"{_clean(k)}={_clean(v)}" for k, v in sorted((entry.detail or {}).items()) if v is not None)
    return "  ".join(part for part in (entry.at.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S %Z"),
                                       f"{_clean(where)}:{_clean(entry.actor)}", what, detail) if part)


async def write(entries: AsyncIterator[AuditEntry], fmt: str, out: TextIO, tz: tzinfo) -> int:
    """Text: one line per entry. JSON: an array of objects, streamed like ``kodo export``."""
    if fmt == "text":
        count = 0
        async for entry in entries:
            out.write(line(entry, tz) + "\n")
            count += 1
        return count
    return await json_array((_row(entry, tz) async for entry in entries), out)
