"""The good-practice casebook (優良事例共有). An episode with a reason enters when at least three people
recognised the same message (checked whenever a kudos of a public conversation leaves its message
with three givers or more: the kudos feature tells ``recognised``, with the count), or when an admin
nominates it (the **Feature as good practice** choice on the kudos post, Slack's ``feature_episode``
message shortcut, Teams' message action, the console's ``/kodo feature N``). Its receiver is asked
privately, at once, to publish it or keep it private, and may withdraw it later. Only published
episodes are shown (``kodo casebook``, the dashboard), and nobody who gave them is named."""

from __future__ import annotations

from bot.feature import Call, Feature, HelpLine
from bot.features.casebook.cli import CASEBOOK
from bot.features.casebook.figures import figures
from bot.features.casebook.messages import MESSAGES
from bot.features.casebook.store import ASKED, BY_GIVERS, NOMINATED, PRIVATE, PUBLISHED, Entry, Facts
from bot.howto import how
from bot.i18n import t
from bot.ports import AuditEntry
from bot.presses import Press
from bot.replies import Audience, Choices, Note, Outgoing, Paragraph, Reply, mention, say

GIVERS = 3  # distinct people recognising the same message bring its episode in
PUBLIC = "public"
_ANSWERS = {"publish": PUBLISHED, "keep": PRIVATE, "withdraw": PRIVATE}
MAX_ID = 2 ** 63 - 1  # a row id: a pressed value beyond it names nothing Kodo stored


def _id(text: str) -> int | None:
    """A row id from a pressed value, or None for anything else (a forged or foreign value)."""
    return int(text) if text.isascii() and text.isdigit() and 0 < int(text) <= MAX_ID else None


def nominate_choice(kudos_id: int, lang: str) -> Choices:
    """The **Feature as good practice** choice on a kudos post (public, with a reason): admins press it."""
    return Choices.of("casebook:nominate", [(t("casebook.nominate", lang), f"k{kudos_id}")])


async def _receiver_lang(call: Call, user: str) -> str:
    from bot.features.kudos.rules import receiver_lang

    return await receiver_lang(call, user)


def _what(call: Call, entry: Entry, lang: str) -> dict:
    pack = call.pack
    return dict(badge=how(entry.platform, lang).badge(pack.emoji_for(entry.principle)), number=entry.principle,
                title=pack.principle(entry.principle, lang).title)


async def ask(call: Call, entry: Entry, facts: Facts) -> Outgoing:
    """The receiver's private question, as soon as the episode enters."""
    lang = await _receiver_lang(call, entry.receiver)
    key = "casebook.ask.givers" if entry.how == BY_GIVERS else "casebook.ask.nominated"
    return Outgoing(Audience.DIRECT, Reply.of(
        Paragraph(t(key, lang, count=facts.givers, **_what(call, entry, lang))),
        Note(t("casebook.ask.note", lang)),
        _answers(entry, lang),
    ), user=entry.receiver, lang=lang)


def _answers(entry: Entry, lang: str) -> Choices:
    options = {ASKED: ("publish", "keep"), PUBLISHED: ("withdraw",), PRIVATE: ("publish",)}[entry.status]
    words = {"publish": "casebook.publish", "keep": "casebook.keep", "withdraw": "casebook.withdraw"}
    return Choices.of("casebook:answer", [(t(words[o], lang), f"{entry.id}:{o}") for o in options])


async def check(call: Call, episode: str | None) -> list[Outgoing]:
    """After a kudos of a public conversation: the episode enters with three givers and a reason."""
    if episode is None or call.ctx.visibility != PUBLIC:
        return []
    store = call.store
    facts = await store.facts(call.ctx.platform, episode)
    if facts is None or not facts.public or facts.givers < GIVERS or not facts.reasons:
        return []
    if await store.entry_of(facts.platform, facts.episode) is not None:
        return []
    entry = await store.enter(facts, BY_GIVERS, call.parts.clock.now())
    return [] if entry is None else [await ask(call, entry, facts)]


async def recognised(call: Call, message: str, givers: int | None) -> list[Outgoing]:
    """The kudos feature stored a kudos of ``message`` (a reaction, a form): ``givers`` people now
    recognise it, counted in the same transaction, so most kudos need no look at the episode."""
    return await check(call, message) if givers is not None and givers >= GIVERS else []


async def nominate(call: Call, facts: Facts | None) -> list[Outgoing]:
    """An admin features an episode (already known to be an admin)."""
    lang = call.lang
    if facts is None:
        return [say(lang, t("casebook.no_episode", lang))]
    if not facts.public:
        return [say(lang, t("casebook.not_public", lang))]
    if not facts.reasons:
        return [say(lang, t("casebook.no_reason", lang))]
    ctx, store = call.ctx, call.store
    audit = AuditEntry(ctx.platform, ctx.user, "casebook-nominate", target=facts.episode,
                       detail={"principle": facts.principle}, workspace=facts.workspace)
    entry = await store.enter(facts, NOMINATED, call.parts.clock.now(), audit)
    if entry is None:
        known = await store.entry_of(facts.platform, facts.episode)
        return [say(lang, t("casebook.already", lang, status=t(f"casebook.status.{known.status}", lang)))]
    return [say(lang, t("casebook.nominated", lang, receiver=mention(entry.receiver))), await ask(call, entry, facts)]


async def feature_episode(call: Call, message: str | None, author: str | None = None) -> list[Outgoing]:
    """Slack's ``feature_episode`` shortcut, Teams' message action, the console's ``/kodo feature N``."""
    if not await call.is_admin():
        return [say(call.lang, t("casebook.admins_only", call.lang))]
    facts = await call.store.facts(call.ctx.platform, message) if message else None
    return await nominate(call, facts)


async def press(call: Call, pressed: Press) -> list[Outgoing] | None:
    if pressed.verb == "nominate":
        kudos_id = _id(pressed.value[1:]) if pressed.value.startswith("k") else None
        if kudos_id is None:
            return None
        if not await call.is_admin():
            return [say(call.lang, t("casebook.admins_only", call.lang))]
        return await nominate(call, await call.store.facts_of_kudos(kudos_id))
    if pressed.verb == "answer":
        return await _answer(call, pressed.value)
    return None


async def _answer(call: Call, value: str) -> list[Outgoing] | None:
    """The receiver publishes, keeps private or withdraws their episode: only they can."""
    number, _, answer = value.partition(":")
    entry_id = _id(number)
    if entry_id is None or answer not in _ANSWERS:
        return None
    ctx, store = call.ctx, call.store
    entry = await store.entry(entry_id)
    if entry is None or (entry.platform, entry.receiver) != (ctx.platform, ctx.user):
        return None
    status = _ANSWERS[answer]
    if entry.status != status:
        audit = AuditEntry(ctx.platform, ctx.user, f"casebook-{answer}", target=f"casebook:{entry.id}",
                           workspace=entry.workspace)
        entry = await store.answer(entry.id, status, call.parts.clock.now(), audit)
    lang = call.lang
    said = "casebook.published" if entry.status == PUBLISHED else "casebook.kept"
    return [Outgoing(Audience.UPDATE, Reply.of(Paragraph(t(said, lang, **_what(call, entry, lang))),
                                               _answers(entry, lang)), lang=lang)]


def help_lines(h, registry) -> list[HelpLine]:
    return [HelpLine(None, t("casebook.nominate", h.lang), t("help.feature", h.lang))]


feature = Feature(
    name="casebook",
    press=press,
    events={"recognised": recognised, "feature_episode": feature_episode},
    messages=MESSAGES,
    help=help_lines,
    store="storage.casebook:SqlCasebook",
    cli=(CASEBOOK,),
    figures=figures,
)
