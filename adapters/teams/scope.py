"""What a Teams conversation is, for the privacy rules: ``direct`` (personal chat), ``group``
(group chat), ``public`` (a standard channel: one the team's channel list names) or ``private``
(anything else, including a channel Kodo cannot confirm).

The channel list (Bot Framework ``GET /v3/teams/{teamId}/conversations``) is asked once per team
and kept for a while, bounded. botbuilder makes that call with blocking ``requests``, so it runs in
a worker thread, never on the event loop.
"""

from __future__ import annotations

import asyncio
import logging

from botbuilder.core import TurnContext
from botbuilder.core.teams import TeamsInfo

from bot.cache import Lru, TtlCache
from bot.ports import UNKNOWN

log = logging.getLogger(__name__)
TTL = 600.0
NAMES = 10_000  # standard channels' names kept for the dashboard
UNANSWERED_TTL = 60.0  # a team whose list could not be read is not asked again for a minute
CHATS = {"personal": "direct", "groupChat": "group"}


def team_of(activity) -> str | None:
    return ((activity.channel_data or {}).get("team") or {}).get("id")


class TeamChannels:
    def __init__(self, ttl: float = TTL):
        self._channels = TtlCache(ttl, size=1_000)
        self._unanswered = TtlCache(UNANSWERED_TTL, size=1_000)
        self._names = Lru(NAMES)  # channel id -> name, as the team's channel list gave it

    async def visibility(self, turn: TurnContext, conversation: str) -> str:
        kind = turn.activity.conversation.conversation_type
        if kind in CHATS:
            return CHATS[kind]
        team = team_of(turn.activity)
        if kind != "channel" or not team:
            return UNKNOWN
        standard = await self._standard(turn, team)
        return "public" if standard is not None and conversation in standard else UNKNOWN

    async def _standard(self, turn: TurnContext, team: str) -> frozenset[str] | None:
        if (cached := self._channels.get(team)) is not None:
            return cached
        if self._unanswered.get(team):
            return None
        try:
            connector = await TeamsInfo.get_teams_connector_client(turn)
            listed = await asyncio.to_thread(connector.teams.get_teams_channels, team)
        except Exception as exc:  # noqa: BLE001 - unknown counts as private
            log.warning("teams: the channel list of a team could not be read (%s); its channels count as private",
                        type(exc).__name__)
            self._unanswered.put(team, True)
            return None
        found = frozenset(channel.id for channel in listed.conversations or [] if channel.id)
        self._channels.put(team, found)
        for channel in listed.conversations or []:
            if channel.id and channel.name:  # the General channel comes without one
                self._names.put(channel.id, channel.name)
        return found

    def place_name(self, column: str, value: str) -> str | None:
        """A standard channel's name, as its team's channel list gave it (Kodo knows no tenant's name)."""
        return self._names.get(value) if column == "channel" else None
