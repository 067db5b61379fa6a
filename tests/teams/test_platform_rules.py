"""What Teams would refuse or show wrongly, checked against Microsoft's own definitions.

Every Adaptive Card Kodo sends validates against the official Adaptive Card schema (1.5, vendored
in tests/schemas), declares version 1.5 at most, fits in 24 KB as it goes over the wire, shows no
Slack syntax (slash commands, ``:kodoN:`` codes) and no raw user ids. The app manifest and its
English localisation validate against the Teams schemas for their manifestVersion.
"""

from __future__ import annotations

import json
import re
import zipfile
from datetime import date
from pathlib import Path

import jsonschema
import pytest

from adapters.teams import render
from bot.features.principles import lookup as principles
from bot.features.roundup import digest
from bot.features.roundup.post import show
from bot.features.tips.tip import tip_pool, tip_reply
from bot.app import help_reply
from bot.i18n import t
from bot.cli import main
from bot.ports import NewKudos
from bot.wiring import scheduler_deps
from content.loader import load
from scheduler import jobs
from tests.teams.conftest import ADMIN, ALICE, APP_ID, BOB, CHANNEL, sqlite_only
from tests.teams.png import dominant_colour
from tests.teams.test_events import action, invoke, said
from tests.teams.test_words import read

SCHEMAS = Path(__file__).parent.parent / "schemas"
CARD_SCHEMA = jsonschema.Draft6Validator(json.loads((SCHEMAS / "adaptive-card-1.5.json").read_text()))
SLACK_SYNTAX = re.compile(r"/principle|/kudos|/kodo|:kodo")
RAW_ID = re.compile(r"\b(?:28|29|8):[\w.-]+|\baad-\w+")
LIMIT = 24 * 1024
JA, EN = "ja-JP", "en-US"


def shown(value, key: str = "") -> list[str]:
    """Every string a person can read in a card (ids, values and mention entities are not shown)."""
    if isinstance(value, dict):
        return [s for k, v in value.items() if k not in ("msteams", "id", "value", "$schema", "type")
                for s in shown(v, k)]
    if isinstance(value, list):
        return [s for v in value for s in shown(v, key)]
    return [value] if isinstance(value, str) else []


def check_msteams(extension: dict) -> None:
    """``msteams`` is Teams' own host extension (full width, mention entities), documented by Teams
    and unknown to the generic schema, which allows no extra properties: checked here by its shape."""
    assert set(extension) <= {"width", "entities"} and extension.get("width", "Full") == "Full"
    for entity in extension.get("entities", []):
        assert entity["type"] == "mention" and set(entity["mentioned"]) == {"id", "name"}
        assert entity["text"] == f"<at>{entity['mentioned']['name']}</at>"


def check_card(card: dict) -> None:
    check_msteams(card.get("msteams", {}))
    generic = {k: v for k, v in card.items() if k != "msteams"}
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in CARD_SCHEMA.iter_errors(generic)]
    assert not errors, errors
    assert tuple(int(part) for part in card["version"].split(".")) <= (1, 5)
    for text in shown(card):
        assert not SLACK_SYNTAX.search(text), text
        assert not RAW_ID.search(text), text


def check_sent(sent) -> None:
    for s in sent:
        assert s.size <= LIMIT, (s.size, s.texts()[:80])
        for attachment in s.activity.get("attachments") or []:
            check_card(attachment["content"])
        assert not SLACK_SYNTAX.search(s.activity.get("summary") or "")


COMMANDS = ["help", "principle", *(f"principle {n}" for n in range(1, 11)), "principle 顧客", "principle customer",
            "principle 11", "principle 量子", "me", "kudos", "kudos <at>Bob</at>", "ranking", "lang",
            "ranking off", "ranking on", "dance", "subscribe tips"]


@sqlite_only
@pytest.mark.parametrize("locale", [JA, EN])
async def test_every_reply_to_every_command_is_a_card_teams_accepts(chat, locale):
    sent = []
    for words in COMMANDS:
        sent += await chat.say(words, locale=locale, mentions=[BOB] if "<at>Bob" in words else ())
    sent += await chat.say("kudos <at>Bob</at> 3 フォームを直してくれた", locale=locale, mentions=[BOB])
    sent += await chat.say("kudos <at>Alice</at> 3", locale=locale, mentions=[ALICE])
    sent += await chat.say("me", locale=locale, user=BOB, personal=True)
    sent += await chat.say("subscribe tips", user=ADMIN, locale=locale)
    sent += await chat.say("subscribe tips", user=ADMIN, locale=locale)
    sent += await chat.say("forget-me", user=BOB, locale=locale)
    assert len(sent) > len(COMMANDS)
    check_sent(sent)
    help_text = sent[0].texts()
    action, other = {JA: ("称賛を贈る", "Give kudos"), EN: ("Give kudos", "称賛を贈る")}[locale]
    assert "@Kodo principle 3" in help_text and action in help_text and other not in help_text, help_text
    already = [s.texts() for s in sent if "すでに" in s.texts() or "already subscribed" in s.texts()]
    assert already  # the second subscribe says so


@sqlite_only
async def test_the_message_action_form_is_a_valid_card_with_an_error_message(chat):
    for locale in (JA, EN):
        status, body = await chat.post(invoke(chat, "composeExtension/fetchTask", action(), locale=locale))
        card = body["task"]["value"]["card"]["content"]
        check_card(card)
        [picker] = [e for e in card["body"] if e["type"] == "Input.ChoiceSet"]
        assert picker["isRequired"] and picker["errorMessage"]
        assert "Bob" in card["body"][0]["text"]


@sqlite_only
@pytest.mark.parametrize("author, words", [
    ({"id": "aad-alice", "displayName": "Alice"}, "自分のメッセージには称賛を贈れません"),
    (None, "Build bot"),
    ({}, "ボットの投稿には称賛を贈れません"),  # a sender Teams does not describe: no name to show
])
async def test_own_and_bot_messages_are_refused_before_the_form_opens(chat, author, words):
    value = action()
    if author is None:
        value["messagePayload"]["from"] = {"application": {"id": "bot-app", "displayName": "Build bot"}}
    elif not author:
        value["messagePayload"]["from"] = {}
    else:
        value["messagePayload"]["from"] = {"user": author}
    status, body = await chat.post(invoke(chat, "composeExtension/fetchTask", value, locale=JA))
    assert status == 200 and body["task"]["type"] == "continue"
    dialog = body["task"]["value"]["card"]["content"]
    check_card(dialog)
    assert [e["type"] for e in dialog["body"]] == ["TextBlock"] and words in dialog["body"][0]["text"]
    assert "actions" not in dialog  # nothing to fill in, nothing to submit


@pytest.mark.parametrize("pack", ["tokyo", "bandai"])
@pytest.mark.parametrize("lang", ["ja", "en"])
def test_every_tip_and_principle_of_both_packs_is_a_valid_card(pack, lang):
    loaded = load(pack)
    replies = [principles.list_reply(loaded, lang, "teams"), principles.search_reply(loaded, "data", lang, "teams"),
               principles.search_reply(loaded, "zzz", lang, "teams"), help_reply(lang, "dance", "teams"),
               principles.out_of_range_reply(loaded, 99, lang, "teams"),
               *(principles.principle_reply(loaded, n, lang, "teams") for n in range(1, loaded.size + 1))]
    for number, index in tip_pool(loaded):
        reply = tip_reply(loaded, number, index, lang, "teams", dated=date(2026, 1, 5) if number % 2 else None)
        assert f"@Kodo principle {number}" in reply.text
        replies.append(reply)
    for reply in replies:
        activity = render.message(reply, render.NameBook(), lang)
        assert render.size(activity) <= LIMIT
        check_card(activity.attachments[0].content)


@sqlite_only
async def test_empty_and_past_roundups_are_valid_cards(chat, clock):
    await chat.say("subscribe roundup", user=ADMIN)
    chat.connector.take()
    for monday in (None, date(2026, 1, 5)):
        start, end = digest.week_bounds(clock.now(), chat.rt.kodo.tz, monday)
        for lang in ("ja", "en"):
            roundup = await show(chat.rt.kodo.parts("roundup"), "teams", lang, start, end)
            await chat.teams.messenger.post(CHANNEL, roundup, lang)
    sent = chat.connector.take()
    check_sent(sent)
    assert ["今週" in s.texts() for s in sent] == [True, False, False, False]
    assert "2026年1月5日の週の称賛まとめ" in sent[2].texts() and "Kudos for the week of 5 January 2026" in sent[3].texts()


async def test_the_largest_roundup_fits_as_sent_and_keeps_everything(chat, clock):
    """A busy week: every principle recognised, the longest reasons in Japanese, long names."""
    await chat.say("subscribe roundup", user=ADMIN)
    chat.connector.take()
    stores, now = chat.rt.stores, clock.now()
    people = chat.teams.messenger.names.people
    reason = "だれでも使えるように申請フォームを一から見直し、" * 20
    for n in range(60):
        giver, receiver = f"29:giver-{n}", f"29:person-{n % 7}"
        await people.learn(receiver, f"長い名前の職員さん{n % 7} デジタルサービス局 サービス開発部")
        await stores.kudos.add_kudos(NewKudos("teams", giver, receiver, n % 10 + 1, "command", now, now.date(),
                                       reason=reason[:500], channel=CHANNEL, event_key=f"k{n}"), 0)
    clock.advance(minutes=1)
    start, end = digest.week_bounds(clock.now(), chat.rt.kodo.tz)
    for lang in ("ja", "en"):
        reply = await show(chat.rt.kodo.parts("roundup"), "teams", lang, start, end)
        await chat.teams.messenger.post(CHANNEL, reply, lang)
        [sent] = chat.connector.take()
        check_sent([sent])
        assert sent.size > 8 * 1024  # a big card, yet within the limit
        if lang == "ja":  # sent as UTF-8, not as msrest's \\uXXXX escapes (which would double it)
            assert sent.size < 0.6 * len(json.dumps(sent.activity).encode())
        assert reason[:500] in sent.texts() and "…" != sent.texts().splitlines()[-1]  # nothing cut
        summary, fallback = sent.activity["summary"], sent.activity["attachments"][0]["content"]["fallbackText"]
        assert len(summary) <= 200 < len(fallback)  # the full text goes twice (card, fallback), not three times


def test_an_oversized_reply_is_cut_to_fit_and_stays_valid():
    from bot.replies import Bullets, Heading, Reply
    reply = Reply.of(Heading("大きなまとめ"), *(Bullets(f"節{i}", ("とても長い行" * 300,)) for i in range(12)))
    activity = render.message(reply, render.NameBook(), "ja")
    assert render.size(activity) <= LIMIT
    content = activity.attachments[0].content
    check_card(content)
    assert content["body"][0]["text"] == "大きなまとめ" and content["body"][-1]["text"] == "…"


def test_the_manifest_and_its_english_file_validate_against_the_teams_schemas(tmp_path, monkeypatch):
    monkeypatch.setenv("MICROSOFT_APP_ID", APP_ID)
    out = tmp_path / "kodo.zip"
    assert main(["teams-package", "--out", str(out)]) == 0
    with zipfile.ZipFile(out) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        english = json.loads(archive.read("en-us.json"))
        icon = archive.read("color.png")
    version = manifest["manifestVersion"]
    schema = json.loads((SCHEMAS / f"teams-manifest-{version}.json").read_text())
    localization = json.loads((SCHEMAS / f"teams-localization-{version}.json").read_text())
    assert not list(jsonschema.Draft4Validator(schema, format_checker=None).iter_errors(manifest))
    assert not list(jsonschema.Draft4Validator(localization).iter_errors(english))
    assert manifest["localizationInfo"] == {"defaultLanguageTag": "ja-jp",
                                            "additionalLanguages": [{"languageTag": "en-us", "file": "en-us.json"}]}
    assert "行動規範" in manifest["description"]["short"] and "code of conduct" in english["description.short"]
    assert manifest["composeExtensions"][0]["commands"][0]["title"] == "称賛を贈る"
    assert english["composeExtensions[0].commands[0].title"] == "Give kudos"
    assert manifest["accentColor"] == dominant_colour(icon)
    described = [c["description"] for c in manifest["bots"][0]["commandLists"][0]["commands"]]
    assert len(described) == sum(1 for k in english if k.startswith("bots[0]"))
    words = [text for text in shown(manifest) + list(english.values()) if not text.startswith("https://")]
    assert not any(SLACK_SYNTAX.search(text) for text in words)


@sqlite_only
async def test_a_submission_without_a_principle_gets_the_forms_own_words(chat):
    status, body = await chat.post(invoke(chat, "composeExtension/submitAction", action({"reason": "x"}), locale=JA))
    assert status == 200 and said(body) == "原則を選んでください。"
    check_card(body["task"]["value"]["card"]["content"])
    assert [r async for r in chat.rt.stores.kudos.export()] == []


@sqlite_only
@pytest.mark.parametrize("failure, key", [(ConnectionError("database is down"), "error.unavailable"),
                                          (RuntimeError("a bug"), "error.internal")])
async def test_the_apology_for_a_failed_turn_is_a_card_in_the_senders_language(chat, monkeypatch, failure, key):
    async def broken(*args, **kwargs):
        raise failure

    monkeypatch.setattr(chat.rt.stores.kudos, "add_kudos", broken)
    for locale, lang in ((JA, "ja"), (EN, "en")):
        sent = await chat.say("kudos <at>Bob</at> 3", locale=locale, mentions=[BOB])
        check_sent(sent)
        assert [s.texts() for s in sent] == [t(key, lang)]


@sqlite_only
async def test_a_japanese_roundup_shows_typed_markup_as_words_and_a_forgotten_person_as_someone(chat, clock):
    carol = {"id": "29:carol", "name": "Carol", "aadObjectId": "aad-carol"}
    await chat.say("kodo subscribe roundup ja", user=ADMIN)
    reason = "@channel 見て [手順書](https://evil.example/login) **必読** <at>Carol</at> さんと一緒に直してくれた"
    check_sent(await chat.say(f"kudos <at>Bob</at> 5 {reason}", mentions=[BOB, carol]))  # the post and the DM
    await chat.say("forget-me", user=carol, personal=True)
    chat.connector.take()
    clock.set("2026-11-27T17:00:00+09:00")
    await jobs.run(scheduler_deps(chat.rt, {"teams": chat.teams.messenger}), clock.now())
    [post] = [s for s in chat.connector.take() if s.conversation == CHANNEL]
    check_sent([post])
    content = post.activity["attachments"][0]["content"]
    story = next(read(b) for b in content["body"] if b["type"] == "TextBlock" and "手順書" in b["text"])
    assert "「@channel 見て [手順書](https://evil.example/login) **必読** ○○ さんと一緒に直してくれた」" in story
    assert "29:carol" not in json.dumps(post.activity) and "Carol" not in json.dumps(post.activity)


def test_the_quick_bound_of_a_reply_is_never_below_its_size():
    """``fit`` trusts this bound, without serialising the activity, when it is within the limit."""
    from bot.replies import Bullets, Heading, Reply

    loaded = load("tokyo")
    for lang in ("ja", "en"):
        replies = [principles.list_reply(loaded, lang, "teams"), help_reply(lang, "dance", "teams"),
                   *(principles.principle_reply(loaded, n, lang, "teams") for n in range(1, loaded.size + 1)),
                   Reply.of(Heading("まとめ"), *(Bullets(f"節{i}", ("とても長い行\"<>&" * 40,)) for i in range(6)))]
        for reply in replies:
            activity = render.message(reply, render.NameBook(), lang)
            exact = render.size(activity)
            assert exact <= render._at_most(activity) <= exact + render.ENVELOPE
