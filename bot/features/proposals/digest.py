"""No black hole: a proposal still ``new`` after KODO_PROPOSAL_DAYS working days is listed to the
admins, privately, in one digest on the next working day (at ``AT``), and in no later one.

Admins are those the admin check lets in: the ids in ``KODO_ADMINS``, and on Slack the workspace's
admins and owners (listed with ``users.list``). Teams has no admin list Kodo can read, so there the
digest goes to ``KODO_ADMINS`` alone. Each admin gets the digest of the proposals made on their
platform and workspace, once per day across every replica (the scheduler's claims).
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time
from functools import partial
from itertools import groupby

from bot import calendar
from bot.feature import Parts, Sender
from bot.features.proposals import card
from bot.features.proposals.store import Proposal
from bot.howto import how
from bot.i18n import t
from bot.ports import Place
from bot.replies import Bullets, Heading, Note, Paragraph, Reply, Typed
from bot.schedule import Slot, every_working_day

DIGEST = "proposal-digest"
AT = time(9, 0)
log = logging.getLogger(__name__)

on = every_working_day


def at(settings) -> time:
    return AT


def made_before(day: date, days: int, tz, closed: frozenset[date]) -> datetime:
    """Proposals made before this moment have waited ``days`` whole working days by ``day``: they
    were made before the ``days``-th working day before it began."""
    return datetime.combine(calendar.working_days_before(day, days, closed), time(0), tz)


async def run(parts: Parts, sender: Sender, slot: Slot) -> list:
    day = date.fromisoformat(slot.period)
    days = parts.settings.option("KODO_PROPOSAL_DAYS")
    due = await parts.store.due_for_digest(day, made_before(day, days, parts.tz, parts.settings.closed_days))
    if not due:
        return []
    outcomes = []
    where = lambda p: (p.platform, p.workspace or "", p.organisation or "")  # noqa: E731
    for (platform, workspace, organisation), group in groupby(sorted(due, key=where), key=where):
        waiting = list(group)
        place = Place(platform, None, workspace or None, organisation or None)
        admins = list(dict.fromkeys([*parts.settings.admins, *await sender.admins(place)]))
        # The words of a proposal go where their readers could already read them: an admin of the
        # workspace reads the digest alone, as a member would a members-only channel of it (so a
        # public Slack channel's proposals are quoted; a Teams channel's, whose team an admin may not
        # be in, and any private conversation's, are not).
        members = Place(platform, None, workspace or None, organisation or None, None, "public")
        quoted = await parts.store.shown([p.id for p in waiting], members)
        if not admins:
            log.warning("%d proposals on %s wait for an answer, but no admin is known to tell: set KODO_ADMINS",
                        len(waiting), platform)
        for admin in admins:
            outcomes.append(await sender.direct(place, admin, partial(digest, parts, waiting, quoted, days, platform)))
    return outcomes


def digest(parts: Parts, waiting: list[Proposal], quoted: set[int], days: int, platform: str, lang: str) -> Reply:
    """What an admin reads: each waiting proposal with its principle, supporters and day, its words
    where they may be read here (``quoted``), and how to answer."""
    h = how(platform, lang)
    lines = tuple(t("proposal.digest.line", lang, id=p.id, about=card.about(parts.pack, p, lang),
                    supporters=p.supporters, made=p.created_at.astimezone(parts.tz).date().isoformat(),
                    text=Typed(card.excerpt(p.text)) if p.id in quoted and p.text else t("proposal.hidden", lang))
                  for p in waiting)
    return Reply.of(Heading(t("proposal.digest.title", lang)), Paragraph(t("proposal.digest.intro", lang, days=days)),
                    Bullets("", lines),
                    Note(t("proposal.digest.how", lang, usage=h.command("kodo", "proposal " + t(
                        "proposal.status_args", lang)))))
