"""The Bolt app: Kodo's listeners registered in one place, with the settings the contract needs.

``process_before_response`` makes Bolt run the listener (and so the kudos commit) before it
answers Slack: the 200 promises the kudos is stored. Signatures are always checked, but not by
Bolt: an HTTP request's is proven on its raw bytes by the door (``inbound``) before Bolt sees it, and
a Socket Mode request needs none because the WebSocket itself is authenticated.
"""

from __future__ import annotations

import logging
import re

from slack_bolt.async_app import AsyncApp
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.failures import Failures
from adapters.slack.listeners import Listeners
from adapters.slack.modal import CALLBACK
from bot.config import Settings
from bot.features import REGISTRY

# The features' own slash commands (``/principle``, ``/kudos``) and ``/kodo`` for every other word.
COMMANDS = tuple(f"/{command.word}" for _, command in REGISTRY.commands() if command.slash) + ("/kodo",)
LOGGER = "adapters.slack.bolt"
ANY = re.compile(".+")


class _QuietAboutTheClient(logging.Filter):
    """Bolt reads SLACK_BOT_TOKEN from the environment by itself, then warns at every start that the
    client it was given wins. That is Kodo's intent (the client carries the token, the API URL and the
    retry handlers), so the warning is dropped rather than shown to every operator."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != warning_client_prioritized_and_token_skipped()


logging.getLogger(LOGGER).addFilter(_QuietAboutTheClient())


def build(settings: Settings, client: AsyncWebClient, listeners: Listeners, failures: Failures) -> AsyncApp:
    bolt = AsyncApp(
        name="kodo", client=client, signing_secret=settings.slack_signing_secret or "",
        process_before_response=True, request_verification_enabled=True, raise_error_for_unhandled_request=True,
        logger=logging.getLogger(LOGGER),
    )
    # Bolt asks each listener in turn whether a request is its own, at some cost per question. Every
    # reaction in every channel Kodo is in arrives as an event, Kodo's emoji or not, so reactions go
    # first.
    bolt.event("reaction_added")(listeners.reaction_added)
    bolt.event("reaction_removed")(listeners.reaction_removed)
    for command in COMMANDS:
        bolt.command(command)(listeners.command)
    bolt.event("app_home_opened")(listeners.home)
    bolt.message_shortcut(CALLBACK)(listeners.shortcut)
    bolt.view_submission(CALLBACK)(listeners.submit)
    # Every press comes to Kodo: a feature it does not know is answered politely by the core.
    bolt.block_action(ANY)(listeners.press)
    bolt.error(failures.on_error)
    return bolt
