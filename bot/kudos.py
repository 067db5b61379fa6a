"""The kudos rules of the contract, the same for every platform and entry point.

1. giver, receiver, principle 1..N and, where it came from a message, that message;
2. no kudos to yourself (explained privately), none to bots (ignored);
3. the same giver, message and principle count once (the store's unique constraint decides);
4. removing the reaction revokes the kudos it created;
5. past the daily limit nothing is recorded and the giver is told privately;
6. what is acknowledged is committed: every method returns only after the store has committed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo

from content.model import Pack

from bot.i18n import t
from bot.ports import UNKNOWN, AddOutcome, Clock, Directory, KudosStore, NewKudos
from bot.replies import Audience, Note, Outgoing, Paragraph, Reply, mention

MAX_REASON = 500
NEAR_LIMIT = 1  # kudos left today at which a reaction's giver hears how many remain


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


def _private(lang: str, *lines: str) -> Outgoing:
    return Outgoing(Audience.PRIVATE, Reply.of(*(Paragraph(line) for line in lines)), lang=lang)


class KudosRules:
    def __init__(self, pack: Pack, store: KudosStore, clock: Clock, tz: tzinfo, daily_limit: int):
        self.pack, self.store, self.clock, self.tz, self.daily_limit = pack, store, clock, tz, daily_limit

    async def give(self, ctx: Context, lang: str, receiver_lang, receiver: str | None, principle: int | None,
                   reason: str | None, source: str, message: str | None = None) -> list[Outgoing]:
        """Record a kudos and say so. ``receiver_lang`` is an async callable giving the receiver's language."""
        quiet = source == "reaction"  # a reaction that does not count is not worth a message...
        if receiver is None or principle is None or not 1 <= principle <= self.pack.size:
            problem = (t("kudos.no_receiver", lang) if receiver is None
                       else t("kudos.no_principle", lang, size=self.pack.size))
            return [] if quiet else [_private(lang, problem, t("kudos.usage", lang))]
        if receiver == ctx.user:
            return [_private(lang, t("kudos.self", lang))]  # ...except this one: rule 2 says explain
        if await ctx.directory.is_bot(receiver):
            return [] if quiet else [_private(lang, t("kudos.bot", lang))]
        if reason and len(reason) > MAX_REASON:
            return [_private(lang, t("kudos.reason_too_long", lang, max=MAX_REASON, length=len(reason)))]

        now = self.clock.now()
        result = await self.store.add_kudos(NewKudos(
            platform=ctx.platform, giver=ctx.user, receiver=receiver, principle=principle, source=source,
            created_at=now, day=now.astimezone(self.tz).date(), reason=reason, channel=ctx.channel,
            message=message, event_key=ctx.event_key, workspace=ctx.workspace, organisation=ctx.organisation,
            team=ctx.team, visibility=ctx.visibility, pack=self.pack.id,
        ), self.daily_limit)

        if result.outcome is AddOutcome.LIMIT:
            return [_private(lang, t("kudos.limit", lang, limit=self.daily_limit))]
        if result.outcome is AddOutcome.DUPLICATE:
            return [] if quiet else [_private(lang, t("kudos.duplicate", lang))]
        return self._announce(ctx, lang, await receiver_lang(receiver), receiver, principle, reason, source,
                              result.given_today)

    def _announce(self, ctx: Context, lang: str, rlang: str, receiver: str, number: int, reason: str | None,
                  source: str, given_today: int | None) -> list[Outgoing]:
        emoji = self.pack.emoji_for(number)
        words = dict(giver=mention(ctx.user), receiver=mention(receiver), emoji=emoji, number=number)
        dm_reason = [Paragraph(t("kudos.reason", rlang, reason=reason))] if reason else []
        dm = Outgoing(Audience.DIRECT, Reply.of(
            Paragraph(t("kudos.dm", rlang, **words, title=self.pack.principle(number, rlang).title)), *dm_reason,
        ), user=receiver, lang=rlang)
        left = max(self.daily_limit - given_today, 0) if self.daily_limit and given_today is not None else None
        near_limit = left is not None and left <= NEAR_LIMIT
        if source == "reaction" and not near_limit:
            # The emoji on the message already shows the giver it worked; a private note on every
            # reaction would be noise. It comes only when the day's limit is near.
            return [dm]
        title = self.pack.principle(number, lang).title
        remaining = [t("kudos.remaining", lang, remaining=left)] if left is not None else []
        confirmation = Outgoing(Audience.PRIVATE, Reply.of(
            Paragraph(t("kudos.recorded", lang, receiver=mention(receiver), number=number, title=title)),
            *(Note(line) for line in remaining),
        ), lang=lang)
        if source == "reaction":
            return [confirmation, dm]
        reason_line = [Paragraph(t("kudos.reason", lang, reason=reason))] if reason else []
        public = Outgoing(Audience.CHANNEL, Reply.of(
            Paragraph(t("kudos.posted", lang, **words, title=title)), *reason_line,
        ), lang=lang)
        return [public, dm, confirmation]

    async def revoke(self, ctx: Context, lang: str, receiver: str | None, principle: int,
                     message: str) -> list[Outgoing]:
        if not await self.store.revoke_kudos(ctx.platform, ctx.user, message, principle, self.clock.now()):
            return []
        who = mention(receiver) if receiver else "?"
        return [_private(lang, t("kudos.revoked", lang, receiver=who, number=principle))]
