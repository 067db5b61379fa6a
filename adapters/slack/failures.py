"""What Slack hears when Kodo could not do what was asked: the database is unreachable, too slow, or
a listener failed.

An **event** gets a 5xx: Slack sends it again later (up to three times), and whatever was not
committed is done then. A **person** (slash command, shortcut, modal submission, button press) gets a polite
private "try again in a moment" in their language instead (a pressed button or menu gets it as an
ephemeral message through its ``response_url``): Slack never retries these, and a 5xx would show
them Slack's own error. Their language comes from what Slack already told Kodo (the
directory's cache), because the database that remembers ``/kodo lang`` is the thing that failed.
"""

from __future__ import annotations

import json
import logging
import os
import traceback
from pathlib import Path

from slack_bolt.error import BoltUnhandledRequestError
from slack_bolt.response import BoltResponse

from adapters.slack.client import FAILURES, why
from adapters.slack.deliver import Delivery
from adapters.slack.directory import SlackDirectory
from adapters.slack.inbound import Kind, kind_of, named
from adapters.slack.modal import PRINCIPLE, notice
from adapters.web import why_not
from bot.i18n import pick, t
from bot.replies import Paragraph, Reply
from storage.db import unavailable

log = logging.getLogger(__name__)
KODO_PACKAGES = tuple(f"{Path(__file__).resolve().parents[2] / name}{os.sep}"
                      for name in ("adapters", "bot", "content", "scheduler", "storage"))


def _ours(error: BaseException) -> bool:
    """Did Kodo's own code take part? Bolt reads a payload's envelope (``event``, ``authorizations``,
    ``team``...) trusting its types before any listener runs; an error raised inside Bolt alone is a
    signed request of an odd shape, not a failure of Kodo or of its database."""
    return any(frame.filename.startswith(KODO_PACKAGES) for frame in traceback.extract_tb(error.__traceback__))


def _user_of(body: dict) -> str | None:
    user = body.get("user_id") or body.get("user")
    user = user.get("id") if isinstance(user, dict) else user
    return user if isinstance(user, str) else None


class Failures:
    def __init__(self, directory: SlackDirectory, delivery: Delivery, default_locale: str):
        self.directory, self.delivery, self.default = directory, delivery, default_locale

    async def on_error(self, error: Exception, body: dict) -> BoltResponse | None:
        """Bolt's error handler: a listener raised, Bolt itself could not read a signed request, or no
        listener takes it (``raise_error_for_unhandled_request``: Bolt's own warning spans a dozen
        lines of sample code). An unhandled kind keeps Bolt's answer, 404."""
        if isinstance(error, BoltUnhandledRequestError):
            log.warning("slack: ignored a request Kodo does not handle (%s)", named(body))
            return None
        if not _ours(error):
            log.warning("slack: ignored a signed %s of a shape Bolt cannot read (%s)", kind_of(body).value,
                        type(error).__name__)
            return BoltResponse(status=200, body="")
        return self.answer(kind_of(body), body, error)

    def answer(self, kind: Kind, body: dict, error: BaseException) -> BoltResponse:
        down = unavailable(error)
        if down:
            log.warning("slack: %s not handled: %s", kind.value, why_not(error))
        else:
            log.error("slack: %s failed", kind.value, exc_info=error)
        if kind is Kind.EVENT:
            return BoltResponse(status=503 if down else 500, body="")
        user = _user_of(body)
        text = t("error.unavailable" if down else "error.internal",
                 pick(self.directory.known_locale(user) if user else None, self.default))
        match kind:
            case Kind.COMMAND:
                return _json({"response_type": "ephemeral", "text": text})
            case Kind.SUBMISSION:
                return _json({"response_action": "errors", "errors": {PRINCIPLE: text}})
            case Kind.SHORTCUT if isinstance(body.get("trigger_id"), str):
                self.delivery.spawn(self._notice(body["trigger_id"], text, user))
            case Kind.ACTION if isinstance(url := body.get("response_url"), str) and self.delivery.trusted(url):
                self.delivery.spawn(self.delivery.respond(url, Reply.of(Paragraph(text))))
        return BoltResponse(status=200, body="")

    async def _notice(self, trigger_id: str, text: str, user: str | None) -> None:
        """A shortcut has no reply of its own: the apology opens where the form would have."""
        lang = pick(self.directory.known_locale(user) if user else None, self.default)
        try:
            await self.delivery.client.views_open(trigger_id=trigger_id, view=notice(lang, text))
        except FAILURES as exc:
            log.warning("could not show the apology: %s", why(exc))


def _json(body: dict) -> BoltResponse:
    return BoltResponse(status=200, body=json.dumps(body, ensure_ascii=False),
                        headers={"content-type": "application/json;charset=utf-8"})
