"""The Bolt app: Kodo's listeners registered in one place, with the settings the contract needs.

``process_before_response`` makes Bolt run the listener (and so the kudos commit) before it
answers Slack: the 200 promises the kudos is stored. Signatures are always checked, but not by
Bolt: an HTTP request's is proven on its raw bytes by the door (``inbound``) before Bolt sees it, and
a Socket Mode request needs none because the WebSocket itself is authenticated.

With distribution (``installs``), Bolt's own authorization finds each request's bot token in the
installation store (bot tokens only; ``auth.test`` asked once per token, not per request), and a
request from a workspace with no installation gets ``installs.not_installed()`` and reaches no
listener, so nothing is stored for it.
"""

from __future__ import annotations

import logging
import re

from slack_bolt.async_app import AsyncApp
from slack_bolt.authorization.async_authorize import AsyncInstallationStoreAuthorize
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack import draft
from adapters.slack.failures import Failures
from adapters.slack.installs import Installs, oauth_settings
from adapters.slack.listeners import Listeners
from adapters.slack.modal import CALLBACK, FEATURE
from bot.config import Settings
from bot.features import REGISTRY

# The features' own slash commands (``/principle``, ``/kudos``) and ``/kodo`` for every other word.
COMMANDS = tuple(f"/{command.word}" for _, command in REGISTRY.commands() if command.slash) + ("/kodo",)
LOGGER = "adapters.slack.bolt"
ANY = re.compile(".+")
CHANNEL_GONE = re.compile("^(?:channel|group)_(?:left|archive|deleted)$")  # Kodo can no longer post there
SLASH = re.compile("^(?:" + "|".join(map(re.escape, COMMANDS)) + ")$")


NOT_INSTALLED = "Although the app should be installed into this workspace"  # how Bolt's error line begins


class _BoltInKodosWords(logging.Filter):
    """Two of Bolt's log lines, as an operator should read them. Bolt reads SLACK_BOT_TOKEN from the
    environment by itself, then warns at every start that the client it was given wins: that is
    Kodo's intent (the client carries the token, the API URL and the retry handlers), so the warning
    is dropped. And Bolt calls a signed request from a workspace without an installation an error;
    for Kodo it is a stranger's request, answered politely: one warning. Bolt copies the filters of
    the logger it is given to its own loggers, so this one reaches them all."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if message.startswith(NOT_INSTALLED):
            record.levelno, record.levelname, record.args = logging.WARNING, "WARNING", ()
            record.msg = "slack: a request from a workspace where Kodo is not installed (told how to add it)"
        return message != warning_client_prioritized_and_token_skipped()


logging.getLogger(LOGGER).addFilter(_BoltInKodosWords())


def build(settings: Settings, client: AsyncWebClient, listeners: Listeners, failures: Failures,
          installs: Installs | None = None) -> AsyncApp:
    logger = logging.getLogger(LOGGER)
    common = dict(name="kodo", client=client, signing_secret=settings.slack_signing_secret or "",
                  process_before_response=True, request_verification_enabled=True,
                  raise_error_for_unhandled_request=True, logger=logger)
    if installs is None:
        bolt = AsyncApp(**common)
    else:
        bolt = AsyncApp(
            **common, installation_store=installs.store, installation_store_bot_only=True,
            authorize=AsyncInstallationStoreAuthorize(
                logger=logger, installation_store=installs.store, client_id=settings.slack_client_id,
                client_secret=settings.slack_client_secret, bot_only=True, cache_enabled=True, client=client),
            oauth_settings=oauth_settings(settings, installs.store, installs.engine, installs),
            user_facing_authorize_error_message=installs.not_installed())
        bolt.event("app_uninstalled")(installs.uninstalled)
        bolt.event("tokens_revoked")(installs.tokens_revoked)
    # Bolt asks each listener in turn whether a request is its own, and each question costs about as
    # much as Kodo's own work on a press. Every reaction in every channel Kodo is in arrives as an
    # event, Kodo's emoji or not, so reactions go first; then presses (a survey's answers come in
    # bursts), then every slash command in one question.
    bolt.event("reaction_added")(listeners.reaction_added)
    bolt.event("reaction_removed")(listeners.reaction_removed)
    # Every press comes to Kodo: a feature it does not know is answered politely by the core.
    bolt.block_action(ANY)(listeners.press)
    bolt.command(SLASH)(listeners.command)
    bolt.event("app_home_opened")(listeners.home)
    bolt.event("team_join")(listeners.team_join)
    bolt.event(CHANNEL_GONE)(listeners.channel_gone)
    bolt.message_shortcut(CALLBACK)(listeners.shortcut)
    bolt.view_submission(CALLBACK)(listeners.submit)
    bolt.message_shortcut(draft.CALLBACK)(listeners.draft)
    bolt.view_submission(draft.CALLBACK)(listeners.propose)
    bolt.message_shortcut(FEATURE)(listeners.feature)
    bolt.error(failures.on_error)
    return bolt
