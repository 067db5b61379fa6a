"""Proposals (提案活動): ``/kodo propose [N] TEXT`` posts a card anyone may support (once; never the
proposer), ``/kodo proposals`` lists the open ones, admins move each ``new → reviewing → adopted |
declined`` by the card's choices or ``/kodo proposal ID STATUS [note]``. Every change is posted
under the card and told to the proposer; an adoption is a kudos from Kodo to the proposer, once.
A proposal left ``new`` too long is listed to the admins (``digest``), so nothing goes unanswered.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.commands import parse_number
from bot.config import ConfigError
from bot.feature import Call, Command, Feature, HelpLine, Job, Setting
from bot.features.proposals import card, digest, numbers
from bot.features.kudos.rules import receiver_lang
from bot.features.proposals.messages import MESSAGES
from bot.features.proposals.store import ADOPTED, DECLINED, REVIEWING, NewProposal, Outcome, Proposal, Support
from bot.i18n import t
from bot.kpi import Scope
from bot.ports import AuditEntry, NewKudos
from bot.presses import Press
from bot.replies import Audience, Bullets, Heading, Keep, Note, Outgoing, Paragraph, Reply, Typed, say

MAX_TEXT = 1000
KODO = "kodo"  # the giver of an adopted proposal's kudos
STATUS_CHANGE = "proposal.status"  # the audit log's action
_STATUS_WORDS = {word: status for status, words in (
    (REVIEWING, ("reviewing", "review", "検討中", "検討")),
    (ADOPTED, ("adopted", "adopt", "採用")),
    (DECLINED, ("declined", "decline", "不採用", "見送り")),
) for word in words}


@dataclass(frozen=True)
class Propose:
    principle: int | None
    text: str


@dataclass(frozen=True)
class ListOpen:
    pass


@dataclass(frozen=True)
class SetStatus:
    proposal: int | None
    status: str | None  # None: show the proposal, or an unknown word (``word``)
    note: str | None = None
    principle: int | None = None  # for an adoption of a proposal that names none
    word: str | None = None


def parse(word: str, rest: list[str], registry) -> Propose | ListOpen | SetStatus:
    if word == "proposals":
        return ListOpen()
    if word == "propose":
        principle = parse_number(rest[0]) if rest else None  # ``propose 3`` alone: no words yet
        return Propose(principle, " ".join(rest[1:] if principle is not None else rest).strip())
    ident = parse_number(rest[0]) if rest else None
    if len(rest) < 2:
        return SetStatus(ident, None)
    status = _STATUS_WORDS.get(rest[1].casefold())
    more = rest[2:]
    # ``adopted 3 note``: the principle an adoption recognises, for a proposal that names none
    named = status == ADOPTED and more and (more[0].startswith("#") or more[0].isdigit())
    principle = parse_number(more[0]) if named else None
    if principle is not None:
        more = more[1:]
    return SetStatus(ident, status, " ".join(more).strip() or None, principle, None if status else rest[1][:40])


def _scope(call: Call) -> Scope:
    """A person acts on the proposals of their own platform and workspace."""
    return Scope.counted_for(call.ctx.place)


async def handle(call: Call, intent) -> list[Outgoing]:
    match intent:
        case Propose():
            return await _propose(call, intent)
        case ListOpen():
            return await _list(call)
        case SetStatus(status=None, word=None) if intent.proposal is not None:
            return await _show(call, intent.proposal)
        case SetStatus(proposal=int() as ident, status=str() as status):
            return await _change(call, ident, status, intent.note, intent.principle, pressed=False)
    return [say(call.lang, _change_usage(call))]


def _change_usage(call: Call) -> str:
    return t("proposal.change_usage", call.lang, usage=call.how.command("kodo", "proposal " + t(
        "proposal.status_args", call.lang)))


def _propose_usage(call: Call) -> str:
    h = call.how
    return t("proposal.usage", call.lang, usage=h.command("kodo", "propose " + t("proposal.args", call.lang)),
             example=h.command("kodo", "propose " + t("proposal.example", call.lang)))


def whistleblowing(call: Call) -> str:
    url = call.settings.option("KODO_WHISTLEBLOWING_URL")
    return t("proposal.whistleblowing.link", call.lang, url=url) if url else t("proposal.whistleblowing", call.lang)


async def _propose(call: Call, intent: Propose) -> list[Outgoing]:
    ctx, lang, pack = call.ctx, call.lang, call.pack
    if not intent.text:
        return [say(lang, _propose_usage(call))]
    if intent.principle is not None and not 1 <= intent.principle <= pack.size:
        return [say(lang, t("proposal.no_principle", lang, size=pack.size), _propose_usage(call))]
    if len(intent.text) > MAX_TEXT:
        return [say(lang, t("proposal.too_long", lang, max=MAX_TEXT, length=len(intent.text)))]
    return await propose(call, intent.principle, intent.text)


async def propose(call: Call, principle: int | None, text: str) -> list[Outgoing]:
    """A proposal from a command or a form (Slack's shortcut, Teams' message action): its card in
    the conversation, and a word to the proposer, with where reports of wrongdoing belong."""
    ctx, lang = call.ctx, call.lang
    proposal, made = await call.store.propose(NewProposal(
        ctx.platform, ctx.user, principle, text, call.parts.clock.now(), ctx.channel, ctx.workspace,
        ctx.organisation, ctx.team, ctx.visibility, call.pack.id, ctx.event_key))
    confirmation = Outgoing(Audience.PRIVATE, Reply.of(
        Paragraph(t("proposal.posted", lang, id=proposal.id)), Note(whistleblowing(call))), lang=lang)
    if not made:
        return [confirmation]  # the same command delivered again: posted once already
    keep = Keep(lambda message: call.store.keep_message(proposal.id, message))
    post = Outgoing(Audience.CHANNEL, card.card(call, proposal, lang), lang=lang, effects=(keep,))
    return [post, confirmation]


async def _list(call: Call) -> list[Outgoing]:
    lang, h = call.lang, call.how
    found = await call.store.open_proposals(_scope(call))
    if not found:
        return [say(lang, t("proposal.list.none", lang, propose=h.command("kodo", "propose")))]
    shown = await call.store.shown([p.id for p in found], call.ctx.place)
    today = call.parts.today()
    lines = []
    for p in found:
        line = t("proposal.list.line", lang, id=p.id, about=card.about(call.pack, p, lang),
                 status=t(f"proposal.status.{p.status}", lang), supporters=p.supporters,
                 age=_age((today - p.created_at.astimezone(call.parts.tz).date()).days, lang))
        lines.append((line, "\n", Typed(card.excerpt(p.text))) if p.id in shown and p.text else line)
    return [Outgoing(Audience.PRIVATE, Reply.of(Heading(t("proposal.list.title", lang)), Bullets("", tuple(lines))),
                     lang=lang)]


def _age(days: int, lang: str) -> str:
    return t("proposal.age.today", lang) if days <= 0 else t("proposal.age.one", lang) if days == 1 \
        else t("proposal.age", lang, days=days)


async def _show(call: Call, ident: int) -> list[Outgoing]:
    proposal = await call.store.get(ident, _scope(call))
    if proposal is None:
        return [_missing(call, ident)]
    shown = proposal.id in await call.store.shown([proposal.id], call.ctx.place)
    return [Outgoing(Audience.PRIVATE, card.card(call, proposal, call.lang, words=shown, choices=False),
                     lang=call.lang)]


def _missing(call: Call, ident: int) -> Outgoing:
    return say(call.lang, t("proposal.missing", call.lang, id=ident, list=call.how.command("kodo", "proposals")))


async def _change(call: Call, ident: int, status: str, note: str | None, principle: int | None,
                  pressed: bool) -> list[Outgoing]:
    """An admin's decision, by a press on the card or by the command: the card updated (a press),
    the change posted under the card, the proposer told, an adoption's kudos given once."""
    ctx, lang, h = call.ctx, call.lang, call.how
    if not await call.is_admin():
        return [say(lang, t("admin.only", lang))]
    proposal = await call.store.get(ident, _scope(call))
    if proposal is None:
        return [_missing(call, ident)]
    if status == DECLINED and not note:
        return [say(lang, t("proposal.decline_note", lang, usage=h.command(
            "kodo", f"proposal {ident} declined " + ("理由" if lang == "ja" else "why"))))]
    if note and len(note) > MAX_TEXT:
        return [say(lang, t("proposal.too_long", lang, max=MAX_TEXT, length=len(note)))]
    number = principle or proposal.principle
    if principle is not None and not 1 <= principle <= call.pack.size:
        return [say(lang, t("proposal.no_principle", lang, size=call.pack.size))]
    if status == ADOPTED and number is None and proposal.open:
        return [say(lang, t("proposal.adopt_principle", lang, id=ident, usage=h.command(
            "kodo", f"proposal {ident} adopted 3")))]
    now = call.parts.clock.now()
    kudos = None
    if status == ADOPTED:
        kudos = NewKudos(
            platform=proposal.platform, giver=KODO, receiver=proposal.proposer, principle=number, source="proposal",
            created_at=now, day=now.astimezone(call.parts.tz).date(), channel=proposal.channel,
            message=f"proposal:{proposal.id}", event_key=f"proposal:{proposal.id}", workspace=proposal.workspace,
            organisation=proposal.organisation, team=proposal.team, visibility=proposal.visibility, pack=proposal.pack)
    audit = AuditEntry(ctx.platform, ctx.user, STATUS_CHANGE, f"#{ident}", {"from": proposal.status, "to": status},
                       ctx.workspace)
    change = await call.store.change(ident, status, note, now, audit, kudos, _scope(call))
    after = change.proposal
    named = t(f"proposal.status.{status}", lang)
    if change.outcome is Outcome.MISSING or after is None:
        return [_missing(call, ident)]
    if change.outcome is Outcome.SAME:
        return [say(lang, t("proposal.same", lang, id=ident, status=named))]
    if change.outcome is Outcome.FINAL:
        return [say(lang, t("proposal.final", lang, id=ident, status=t(f"proposal.status.{after.status}", lang)))]
    return await _announce(call, after, number, pressed, change.kudos)


async def _announce(call: Call, proposal: Proposal, number: int | None, pressed: bool, kudos: bool) -> list[Outgoing]:
    ctx, lang = call.ctx, call.lang
    plang = await receiver_lang(call, proposal.proposer)
    out: list[Outgoing] = []
    if pressed or proposal.message:  # the card shows the change: the pressed one, or the one kept
        out.append(Outgoing(Audience.UPDATE, card.card(call, proposal, plang), lang=plang,
                            thread=None if pressed else proposal.message))
    if proposal.message:
        status = t(f"proposal.status.{proposal.status}", plang)
        note = [Paragraph(t("proposal.note", plang, note=Typed(proposal.note)))] if proposal.note else []
        out.append(Outgoing(Audience.THREAD, Reply.of(Paragraph(t("proposal.thread", plang, status=status)), *note),
                            thread=proposal.message, lang=plang))
    if proposal.proposer != ctx.user and not proposal.proposer.startswith("anon:"):
        out.append(Outgoing(Audience.DIRECT, card.told(call, proposal, number, plang), user=proposal.proposer,
                            lang=plang))
    status = t(f"proposal.status.{proposal.status}", lang)
    done = [Paragraph(t("proposal.changed", lang, id=proposal.id, status=status))]
    if kudos and number is not None:
        done.append(Note(t("proposal.changed.kudos", lang, number=number)))
    if not pressed or kudos:
        out.append(Outgoing(Audience.PRIVATE, Reply(tuple(done)), lang=lang))
    return out


async def press(call: Call, pressed: Press) -> list[Outgoing] | None:
    """``proposals:support`` (value: the proposal's id) and ``proposals:status`` (``ID:STATUS``)."""
    lang = call.lang
    if pressed.verb == "support":
        ident = parse_number(pressed.value)
        if ident is None:
            return None
        outcome, proposal = await call.store.support(ident, call.ctx.platform, call.ctx.user,
                                                     call.parts.clock.now())
        if proposal is None:
            return None
        if not proposal.open and outcome is not Support.OWN:
            return [say(lang, t("proposal.supported.closed", lang, id=ident,
                                status=t(f"proposal.status.{proposal.status}", lang)))]
        if outcome is Support.OWN:
            return [say(lang, t("proposal.supported.own", lang))]
        if outcome is Support.AGAIN:
            return [say(lang, t("proposal.supported.again", lang, id=ident))]
        plang = await receiver_lang(call, proposal.proposer)
        return [Outgoing(Audience.UPDATE, card.card(call, proposal, plang), lang=plang),
                say(lang, t("proposal.supported", lang, id=ident))]
    if pressed.verb == "status":
        ident, _, status = pressed.value.partition(":")
        number = parse_number(ident)
        if number is None or status not in (REVIEWING, ADOPTED, DECLINED):
            return None
        return await _change(call, number, status, None, None, pressed=True)
    return None


def help_lines(h, registry) -> list[HelpLine]:
    return [HelpLine("kodo", "propose " + t("proposal.args", h.lang), t("help.propose", h.lang)),
            HelpLine("kodo", "proposals", t("help.proposals", h.lang)),
            HelpLine("kodo", "proposal " + t("proposal.status_args", h.lang), t("help.proposal", h.lang))]


def _days(name: str, text: str) -> int:
    if not text.strip().isdigit() or not 1 <= int(text) <= 250:
        raise ConfigError(f"{name} must be a whole number of working days from 1 to 250, not {text!r}")
    return int(text)


def _url(name: str, text: str) -> str:
    """An address people can follow, and one no platform can read as markup: http(s), no spaces,
    no angle brackets or bars (Slack's link syntax), no quotes."""
    text = text.strip()
    if text and (not text.lower().startswith(("https://", "http://")) or any(c in text for c in ' <>|"\'`\\')
                 or not text.isprintable() or len(text) > 500):
        raise ConfigError(f"{name} must be an http(s) address without spaces or <>|\" characters, not {text!r}")
    return text


feature = Feature(
    name="proposals",
    # Not in Teams' command menu, which shows ten and is full: typed, they work all the same.
    commands=(Command("propose", ("提案", "提案する")),
              Command("proposals", ("提案一覧",)),
              Command("proposal", ("提案状況",))),
    parse=parse, handle=handle, press=press, messages=MESSAGES, help=help_lines,
    events={"propose": lambda call, principle, text: _propose(call, Propose(principle, (text or "").strip()))},
    store="storage.proposals:SqlProposals",
    settings=(Setting("KODO_PROPOSAL_DAYS", "10", _days), Setting("KODO_WHISTLEBLOWING_URL", "", _url)),
    jobs=(Job(digest.DIGEST, digest.on, digest.at, digest.run),),
    figures=numbers.figures,
)
