"""Who is acting, and where: what an adapter knows about a request, handed to the core with it."""

from __future__ import annotations

from dataclasses import dataclass

from bot.ports import UNKNOWN, Directory, EventStamp, Place


@dataclass(frozen=True)
class Context:
    """Who is acting, where, and what the platform knows about them."""

    platform: str
    user: str
    channel: str | None
    directory: Directory
    locale: str | None = None  # the platform's hint (Slack user locale, Teams activity locale)
    event_key: str | None = None  # the platform's id of this event, so a redelivery counts once
    workspace: str | None = None  # where: Slack team id, Teams tenant id, "console"
    organisation: str | None = None  # Slack Enterprise Grid id
    team: str | None = None  # Teams team id
    visibility: str = UNKNOWN  # of ``channel``, as the platform says; unknown counts as private
    resolves_mentions: bool = False  # the platform turns a chosen @person into ``<@id>``; a bare @name is unknown
    event: EventStamp | None = None  # a reaction event's own id and time: redeliveries and late arrivals change nothing

    @property
    def place(self) -> Place:
        return Place(self.platform, self.channel, self.workspace, self.organisation, self.team, self.visibility)
