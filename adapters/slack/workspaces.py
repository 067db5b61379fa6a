"""Which token a call to Slack carries: the installation of the workspace the call is about.

With ``SLACK_BOT_TOKEN`` there is one workspace and one token (``OneWorkspace``). With distribution
every workspace (or Enterprise Grid organisation) that installed Kodo has its own bot token in the
installation store (``Installations``): a request is answered with the token Bolt found for the
workspace it came from; a post the scheduler makes uses the installation of its channel's
workspace, or of that workspace's organisation when Kodo was installed organisation-wide.

Each installation gets one ``Workspace``: a Web API client with its token, and the directory and
messenger that use that client, so that what one workspace's Slack said about a person or a
channel (and the person's cached locale) is never used for another workspace's request.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from aiohttp import ClientSession
from slack_bolt.request.internals import extract_enterprise_id, extract_is_enterprise_install, extract_team_id
from slack_sdk.web.async_client import AsyncWebClient

from adapters.slack.client import web_client
from adapters.slack.directory import SlackDirectory
from adapters.slack.messenger import SlackMessenger
from bot.cache import Lru
from bot.ports import Place

log = logging.getLogger(__name__)
KEPT = 10_000  # installations whose client and caches stay in memory (the least used go first)


@dataclass
class Workspace:
    """Kodo's way into one installation: a workspace, or every workspace of an organisation-wide install."""

    client: AsyncWebClient
    directory: SlackDirectory
    messenger: SlackMessenger

    @classmethod
    def of(cls, client: AsyncWebClient) -> "Workspace":
        directory = SlackDirectory(client)
        return cls(client, directory, SlackMessenger(client, directory=directory))


def key(enterprise: str | None, team: str | None, org_wide: bool | None) -> tuple:
    """The installation a workspace's requests belong to: its organisation's for an organisation-wide
    install, else its own (in a Grid, a workspace-level install is known by both ids)."""
    return ("org", enterprise) if org_wide else ("team", enterprise, team)


class OneWorkspace:
    """``SLACK_BOT_TOKEN``: one workspace, whatever a request or a channel says."""

    def __init__(self, client: AsyncWebClient):
        self.only = Workspace.of(client)
        self.client = client  # Bolt's, and for what needs no particular workspace (a response_url)
        self.posts = self.only.messenger  # what the scheduler posts with

    def of_request(self, context) -> Workspace:
        return self.only

    def known(self, body: dict) -> Workspace:
        return self.only

    async def of_place(self, place: Place) -> Workspace:
        return self.only

    def forget(self, enterprise: str | None, team: str | None, org_wide: bool) -> None:
        """One workspace's token comes from the environment: an uninstall has nothing here to forget."""

    def place_name(self, column: str, value: str) -> str | None:
        return self.only.directory.place_name(column, value)


class Installations:
    """Distribution: one ``Workspace`` per installation found in the installation store."""

    def __init__(self, store, api_url: str, session: ClientSession | None = None):
        self.store, self.api_url, self.session = store, api_url, session
        self._kept = Lru(KEPT)
        # Bolt's (each request gets its installation's token), and for what needs no token (a response_url).
        self.client = web_client(None, api_url, session)
        self.posts = Posts(self)  # what the scheduler posts with

    def _workspace(self, found: tuple, token: str | None) -> Workspace:
        workspace = self._kept.get(found)
        if workspace is None:
            workspace = Workspace.of(web_client(token, self.api_url, self.session))
        elif workspace.client.token != token:  # reinstalled (or rotated): the same caches, the new token
            workspace.client.token = token
        self._kept.put(found, workspace)
        return workspace

    def of_request(self, context) -> Workspace:
        """A request Bolt has authorized: the token it found for the request's installation."""
        return self._workspace(key(context.enterprise_id, context.team_id, context.is_enterprise_install),
                               context.bot_token)

    def known(self, body: dict) -> Workspace | None:
        """The installation of a request's workspace if this process has served it, without asking the
        database (for answering while the database is down)."""
        try:
            found = key(extract_enterprise_id(body), extract_team_id(body), extract_is_enterprise_install(body))
        except (AttributeError, TypeError, IndexError):  # a signed body of an odd shape
            return None
        return self._kept.get(found)

    async def of_place(self, place: Place) -> Workspace | None:
        """The installation that reaches ``place``: its workspace's own, else its organisation's
        organisation-wide one; None where Kodo is not installed (any more)."""
        bot = await self.store.async_find_bot(enterprise_id=place.organisation, team_id=place.workspace)
        org_wide = False
        if bot is None and place.organisation:
            bot = await self.store.async_find_bot(enterprise_id=place.organisation, team_id=None,
                                                  is_enterprise_install=True)
            org_wide = True
        if bot is None or not bot.bot_token:
            return None
        return self._workspace(key(bot.enterprise_id, bot.team_id, org_wide or bot.is_enterprise_install),
                               bot.bot_token)

    def forget(self, enterprise: str | None, team: str | None, org_wide: bool) -> None:
        """An uninstall: this process stops using the installation's token at once."""
        self._kept.discard(key(enterprise, team, org_wide))

    def place_name(self, column: str, value: str) -> str | None:
        """What any installation's Slack already told this process a workspace or channel is called."""
        return next((name for w in self._kept.values() if (name := w.directory.place_name(column, value))), None)


class Posts:
    """The scheduler's Slack messenger in distribution: it posts nothing itself, it finds the
    messenger of the installation that reaches a channel (``to``), or None where Kodo is not
    installed, so the scheduler skips that channel instead of failing on it."""

    platform = "slack"

    def __init__(self, installations: Installations):
        self.installations = installations

    async def to(self, place: Place) -> SlackMessenger | None:
        workspace = await self.installations.of_place(place)
        return workspace.messenger if workspace else None
