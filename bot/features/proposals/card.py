"""How a proposal looks: its card (the channel's post, updated as it is supported and decided), and
the word its proposer gets when it changes."""

from __future__ import annotations

from bot.feature import Call
from bot.features.proposals.store import ADOPTED, DECLINED, REVIEWING, Proposal
from bot.i18n import t
from bot.ports import TOMBSTONE_PREFIX
from bot.replies import Choices, Heading, Note, Paragraph, Reply, Typed, mention

EXCERPT = 120  # characters of a proposal shown in a list


def about(pack, proposal: Proposal, lang: str) -> str:
    """Which principle it is about, by number and title."""
    if proposal.principle is None or not 1 <= proposal.principle <= pack.size:
        return t("proposal.about.none", lang)
    return t("proposal.about", lang, number=proposal.principle, title=pack.principle(proposal.principle, lang).title)


def excerpt(text: str | None) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= EXCERPT else text[:EXCERPT - 1] + "…"


def proposer(proposal: Proposal, lang: str) -> str:
    return t("someone", lang) if proposal.proposer.startswith(TOMBSTONE_PREFIX) else mention(proposal.proposer)


def card(call: Call, proposal: Proposal, lang: str, words: bool = True, choices: bool = True) -> Reply:
    """The proposal as posted: its words (``words``: where the reader may see them), principle,
    proposer, status and supporters; while it is open, the support choice and the admins' choices."""
    status = t(f"proposal.status.{proposal.status}", lang)
    blocks: list = [Heading(t("proposal.title", lang, id=proposal.id)),
                    Paragraph(Typed(proposal.text or "")) if words else Note(t("proposal.hidden", lang)),
                    Note(t("proposal.meta", lang, about=about(call.pack, proposal, lang),
                           proposer=proposer(proposal, lang))),
                    Note(t("proposal.state", lang, status=status, supporters=proposal.supporters))]
    if proposal.note:
        blocks.append(Note(t("proposal.note", lang, note=Typed(proposal.note))))
    if choices and proposal.open:
        blocks.append(Choices.of("proposals:support", [(t("proposal.support", lang), str(proposal.id))],
                                 prompt=t("proposal.support_prompt", lang)))
        steps = [s for s in (REVIEWING, ADOPTED, DECLINED) if s != proposal.status]
        moves = [(t(f"proposal.to.{s}", lang), f"{proposal.id}:{s}") for s in steps]
        blocks.append(Choices.of("proposals:status", moves,
                                 prompt=t("proposal.admin_prompt", lang)))
    return Reply(tuple(blocks))


def told(call: Call, proposal: Proposal, number: int | None, lang: str) -> Reply:
    """The direct message to the proposer: what became of it, the admin's note, and for an
    adoption, the kudos it counts as."""
    blocks: list = [Paragraph(t("proposal.dm", lang, id=proposal.id,
                                status=t(f"proposal.status.{proposal.status}", lang)))]
    if proposal.status == ADOPTED and number is not None:
        blocks.append(Paragraph(t("proposal.dm.adopted", lang, number=number,
                                  title=call.pack.principle(number, lang).title)))
    if proposal.note:
        blocks.append(Paragraph(t("proposal.note", lang, note=Typed(proposal.note))))
    blocks.append(Note(t("proposal.dm.quote", lang, text=Typed(excerpt(proposal.text)))))
    return Reply(tuple(blocks))
