"""``kodo export``: every kudos as CSV or JSON, streamed so a large history never sits in memory."""

from __future__ import annotations

import csv
import json
from typing import AsyncIterator, TextIO

from bot.ports import KudosRecord

FIELDS = ("platform", "giver", "receiver", "principle", "reason", "source", "channel", "message", "created_at",
          "revoked_at", "workspace", "organisation", "visibility", "pack")


def _row(record: KudosRecord) -> dict:
    row = {name: getattr(record, name) for name in FIELDS}
    for name in ("created_at", "revoked_at"):
        row[name] = row[name].isoformat() if row[name] else None
    return row


async def write(records: AsyncIterator[KudosRecord], fmt: str, out: TextIO) -> int:
    count = 0
    if fmt == "csv":
        writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
        writer.writeheader()
        async for record in records:
            writer.writerow({k: "" if v is None else v for k, v in _row(record).items()})
            count += 1
        return count
    out.write("[")
    async for record in records:
        out.write(("," if count else "") + "\n  " + json.dumps(_row(record), ensure_ascii=False))
        count += 1
    out.write("\n]\n" if count else "]\n")
    return count
