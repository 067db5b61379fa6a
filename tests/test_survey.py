"""The weekly pulse survey, read like conversations in the console: answers counted once per person
and week, only the number of respondents while the week is open, counts once it has closed (from
KODO_MIN_GROUP respondents), and nothing without KODO_SECRET_KEY."""

from __future__ import annotations

import re

import pytest

from bot.app import Kodo
from bot.config import Settings
from bot.i18n import t
from bot.ports import Subscription
from tests.fakes.conversation import Conversation

KEY = "k" * 40
MONDAY = "2026-12-07T10:30:00+09:00"  # 2026-W50
NEXT_MONDAY = "2026-12-14T09:00:00+09:00"


@pytest.fixture
def settings():
    return Settings(daily_limit=5, admins=("admin",), secret_keys=(KEY,))


@pytest.fixture
def stores(engine):
    from storage.stores import open_stores

    return open_stores(engine, secret_keys=(KEY,))


@pytest.fixture
def kodo(tokyo, stores, clock, settings):
    from storage.kpi import SqlKpi

    clock.set(MONDAY)
    return Kodo(tokyo, stores, clock, settings, kpis=SqlKpi(stores.db.engine, tokyo.id, now=clock.now))


def handle(text: str) -> str:
    return re.findall(r"\[(c\d+)\]", text)[-1]


async def answer(chat: Conversation, who: str, choice: int) -> str:
    await chat.type(f"/as {who}")
    shown = await chat.type("/kodo survey")
    return await chat.type(f"/pick {handle(shown)} {choice}")


async def test_six_answer_one_changes_counts_appear_only_after_the_week_closes(kodo, tokyo, clock):
    q = tokyo.survey_for_week(clock.now().date(), "ja")
    chat = Conversation(kodo, "u1")
    shown = await chat.type("/kodo survey")
    assert q.question in shown and "今週はまだ回答がありません" in shown
    for i, choice in enumerate((1, 1, 2, 2, 3, 1), 1):
        said = await answer(chat, f"u{i}", choice)
        assert f"回答しました：「{q.choices[choice - 1]}」" in said
        assert f"今週の回答：{i}人" in said or (i == 1 and "今週の回答：1人" in said)
    changed = await answer(chat, "u6", 4)  # u6 changes their mind: still six people
    assert f"「{q.choices[0]}」から「{q.choices[3]}」に変えました" in changed and "今週の回答：6人" in changed
    again = await chat.type(f"/pick {handle(changed)} 4")  # the same press again changes nothing
    assert "すでに" in again and "今週の回答：6人" in again

    # While the week is open, the roundup and the survey tell nothing but how many answered.
    roundup = await chat.type("/roundup")
    assert "先週の意識調査" not in roundup
    shown = await chat.type("/kodo survey")
    assert "今週の回答：6人" in shown and "人\n" not in shown.split("今週の回答：6人")[0][-3:]
    for choice in q.choices:
        assert f"{choice}：" not in shown

    clock.set(NEXT_MONDAY)
    roundup = await chat.type("/roundup")
    assert "先週の意識調査の結果" in roundup and q.question in roundup
    assert f"{q.choices[0]}：2人" in roundup and f"{q.choices[1]}：2人" in roundup
    assert f"{q.choices[2]}：1人" in roundup and f"{q.choices[3]}：1人" in roundup
    assert f"{q.choices[4]}：0人" in roundup and "回答者：6人" in roundup


async def test_four_respondents_show_nothing_but_fewer_than_five(kodo, tokyo, clock):
    chat = Conversation(kodo, "u1")
    for i in range(1, 5):
        await answer(chat, f"u{i}", 1)
    clock.set(NEXT_MONDAY)
    roundup = await chat.type("/roundup")
    assert "先週の意識調査の結果" in roundup and "回答者が5人未満のため、結果はお知らせしません。" in roundup
    assert "4人" not in roundup and "回答者：" not in roundup


async def test_a_press_on_last_weeks_question_is_told_it_closed(kodo, clock):
    chat = Conversation(kodo, "u1")
    shown = await chat.type("/kodo survey")
    clock.set(NEXT_MONDAY)
    said = await chat.type(f"/pick {handle(shown)} 1")
    assert "締め切りました" in said


async def test_without_the_key_the_survey_is_off(tokyo, engine, clock):
    from storage.kpi import SqlKpi
    from storage.stores import open_stores

    stores = open_stores(engine)
    kodo = Kodo(tokyo, stores, clock, Settings(), kpis=SqlKpi(engine, tokyo.id, now=clock.now))
    chat = Conversation(kodo, "u1")
    assert t("survey.off", "ja") in await chat.type("/kodo survey")


async def test_kpis_carry_the_last_closed_week_and_the_open_ones_respondents(kodo, tokyo, clock):
    from adapters.dashboard.page import Request, render
    from bot import kpi

    q = tokyo.survey_for_week(clock.now().date(), "ja")
    chat = Conversation(kodo, "u1")
    for i, choice in enumerate((1, 1, 2, 2, 3, 5), 1):
        await answer(chat, f"u{i}", choice)

    async def kpis(lang="ja", scope=kpi.Scope()):
        return await kpi.compute(kodo.kpis, tokyo, kodo.tz, clock.now(), 2, scope, 5, kodo.figures(), lang)

    found = kpi.to_json(await kpis(), tokyo, "ja")
    assert found["survey_open"] == {"week": "2026-W50", "respondents": 6}
    assert found["survey"]["week"] == "2026-W49" and found["survey"]["respondents"] == 0
    assert found["survey"]["results"] is None

    clock.set(NEXT_MONDAY)
    found = kpi.to_json(await kpis("en"), tokyo, "en")
    assert found["survey_open"] == {"week": "2026-W51", "respondents": 0}
    survey = found["survey"]
    assert (survey["week"], survey["id"], survey["respondents"]) == ("2026-W50", q.id, 6)
    assert survey["results"] == {"1": 2, "2": 2, "3": 1, "4": 0, "5": 1}
    assert survey["question"] == tokyo.survey_question(q.id, "en").question
    assert survey["average"] == round((5 * 2 + 4 * 2 + 3 + 1) / 6, 2)
    # A channel nobody answered from is withheld: its numbers could be read off the whole.
    narrow = kpi.to_json(await kpis("en", kpi.Scope(channel="C-none")), tokyo, "en")
    assert narrow["survey"]["results"] is None and narrow["survey"]["respondents"] is None

    html = render(await kpis(), tokyo, Request("ja", 2), kodo.tz)
    section = html.split('data-figures="survey"')[1].split("</section>")[0]
    assert q.question in section and "回答者：6人" in section and "<svg" in section
    assert f'<th scope="row">{q.choices[0]}</th><td>2</td>' in section


async def test_no_table_holds_an_id_a_name_an_unkeyed_hash_or_a_time_next_to_an_answer(kodo, engine, stores, clock):
    """Read every table after a survey: nothing in it names a respondent, in the clear or hashed
    without the key, and no answer carries a time finer than its week."""
    import hashlib

    import sqlalchemy as sa

    from storage.tables import metadata

    people = ["alice.tanaka", "bob.suzuki", "carol.sato", "dave.ito", "erin.kato", "frank.abe"]
    await stores.subscriptions.subscribe(Subscription("console", "#general", "survey", "ja", "console", None, "public"))
    chat = Conversation(kodo, people[0])
    for i, who in enumerate(people):
        await answer(chat, who, i % 5 + 1)
    await answer(chat, people[0], 3)  # a change of mind
    stamp = clock.now()
    secrets = set()
    for who in people:
        for variant in (who, f"console/{who}", f"console/{who}/2026-W50", f"console/console/{who}/2026-W50",
                        f"console:{who}"):
            secrets |= {variant, *(hashlib.new(hashing, variant.encode()).hexdigest()
                                   for hashing in ("sha256", "md5", "sha1"))}
    times = {stamp.isoformat()[:16], stamp.astimezone(kodo.tz).isoformat()[:16], stamp.strftime("%Y-%m-%d %H:%M"),
             stamp.astimezone(kodo.tz).strftime("%Y-%m-%d %H:%M"), str(int(stamp.timestamp()))[:8]}
    async with engine.connect() as conn:
        for table in metadata.sorted_tables:
            rows = (await conn.execute(sa.select(table))).all()
            text = "\n".join(repr(tuple(row)) for row in rows)
            for secret in secrets:
                assert secret not in text, (table.name, secret)
            if table.name.startswith("survey_"):
                for t_ in times:
                    assert t_ not in text, (table.name, t_)
        answers = [dict(r._mapping) for r in (await conn.execute(sa.text("SELECT * FROM survey_answers"))).all()]
        respondents = (await conn.execute(sa.text("SELECT * FROM survey_respondents"))).all()
    assert set(answers[0]) == {"week", "question", "choice", "platform", "organisation", "workspace", "channel",
                               "answers"}
    assert sum(a["answers"] for a in answers) == 6 and {a["channel"] for a in answers} == {"#general"}
    assert len(respondents) == 6 and all(len(r.respondent) == 64 for r in respondents)
    # Nothing the two tables share could join them: no column of one holds a value of the other.
    answer_values = {str(v) for a in answers for v in a.values()}
    assert not answer_values & {str(v) for r in respondents for v in (r.respondent, r.sealed)}


async def test_forget_me_takes_the_hashes_and_leaves_the_counts(kodo, engine, stores, clock):
    import sqlalchemy as sa

    chat = Conversation(kodo, "u1")
    for who in ("u1", "u2"):
        await answer(chat, who, 2)
    await chat.type("/as u1")
    await chat.type("/kodo forget-me")
    async with engine.connect() as conn:
        assert await conn.scalar(sa.text("SELECT count(*) FROM survey_respondents")) == 1
        assert await conn.scalar(sa.text("SELECT sum(answers) FROM survey_answers")) == 2
    [entry] = [e async for e in stores.audit.audit_entries() if e.action == "forget-me"]
    assert entry.detail["survey_respondents"] == 1


async def test_presses_at_once_count_each_person_once(kodo, tokyo, clock, engine):
    """Many people at once share the group commit; one person's presses at once still count once."""
    import asyncio

    import sqlalchemy as sa

    from adapters.console import ConsoleDirectory
    from bot.context import Context

    q = tokyo.survey_for_week(clock.now().date(), "ja")

    def press(who: str, choice: int):
        ctx = Context("console", who, "#general", ConsoleDirectory(), workspace="console", visibility="public")
        return kodo.press(ctx, "survey:answer", f"2026-W50|{q.id}|{choice}")

    await asyncio.gather(*(press(f"p{i}", i % 2 + 1) for i in range(40)),
                         *(press("same", n) for n in (1, 2, 3, 1, 2, 3)))
    async with engine.connect() as conn:
        per = dict((await conn.execute(sa.text("SELECT choice, sum(answers) FROM survey_answers GROUP BY choice")))
                   .all())
        assert await conn.scalar(sa.text("SELECT count(*) FROM survey_respondents")) == 41
    assert sum(per.values()) == 41 and per[1] + per[2] >= 40


async def test_posted_on_the_weeks_first_working_day_once_per_channel_and_never_without_the_key(
        kodo, tokyo, stores, engine, clock):
    from datetime import date, timedelta

    from scheduler import jobs
    from storage.claims import ClaimStore
    from tests.fakes.messenger import RecordingMessenger

    chat = Conversation(kodo, "admin", "en")
    assert "pulse survey question on Mondays (or the next working day) at 10:00" in await chat.type(
        "/kodo subscribe survey ja")
    await stores.subscriptions.subscribe(Subscription("slack", "C1", "survey", "en"))
    messenger = RecordingMessenger(clock=clock)
    replicas = [jobs.Deps(kodo, ClaimStore(engine), {"slack": messenger}) for _ in range(2)]
    off = Kodo(tokyo, stores, clock, Settings(), kpis=kodo.kpis)  # the same database, no key
    day = date(2026, 12, 28)
    while day <= date(2027, 1, 19):  # 28 Dec works; 1-3 Jan are closed, 11 Jan is 成人の日
        for hhmm in ("09:59", "10:00", "10:30"):
            clock.set(f"{day.isoformat()}T{hhmm}:00+09:00")
            for deps in (*replicas, jobs.Deps(off, ClaimStore(engine), {"slack": messenger})):
                await jobs.run(deps, clock.now())
        day += timedelta(days=1)
    posted = [(when.astimezone(kodo.tz).strftime("%m-%d %H:%M"), channel) for (channel, _, text), when
              in zip(messenger.posts, messenger.sent_at) if "pulse survey" in text]
    assert posted == [("12-28 10:00", "C1"), ("01-04 10:00", "C1"), ("01-12 10:00", "C1"), ("01-18 10:00", "C1")]
    q = tokyo.survey_for_week(date(2027, 1, 12), "en")
    assert q.question in messenger.posts[2][2] and "Answered so far" not in messenger.posts[2][2]
    assert (await jobs.run(jobs.Deps(off, ClaimStore(engine), {"slack": messenger}),
                           clock.now())) == []  # nothing scheduled without the key


def test_doctor_says_why_the_survey_is_off():
    from bot.features.survey import feature

    [line] = feature.doctor(Settings())
    assert line.line().startswith("warn survey: KODO_SECRET_KEY is not set, so the pulse survey is off")
    [line] = feature.doctor(Settings(secret_keys=(KEY,)))
    assert line.line() == "ok   survey: on: posted on the week's first working day at 10:00 to channels subscribed " \
                          "to survey"


async def test_a_workspace_is_withheld_when_it_could_be_worked_out_from_the_others(kodo, tokyo, clock):
    """T_C's two answers are withheld, so the smallest shown workspace (T_A) is too: otherwise the
    whole minus T_A and T_B would give T_C away. T_B stays shown: what is withheld is 7 people."""
    from adapters.console import ConsoleDirectory
    from bot import kpi
    from bot.context import Context

    q = tokyo.survey_for_week(clock.now().date(), "ja")
    for people, workspace, choice in ((5, "T_A", 1), (6, "T_B", 2), (2, "T_C", 3)):
        for i in range(people):
            ctx = Context("slack", f"U_{i}", "C1", ConsoleDirectory(), workspace=workspace, visibility="public")
            await kodo.press(ctx, "survey:answer", f"2026-W50|{q.id}|{choice}")
    clock.set(NEXT_MONDAY)

    async def survey(**scope):
        found = await kpi.compute(kodo.kpis, tokyo, kodo.tz, clock.now(), 1, kpi.Scope(**scope), 5, kodo.figures())
        return kpi.to_json(found, tokyo, "ja")["survey"]

    assert (await survey())["results"] == {"1": 5, "2": 6, "3": 2, "4": 0, "5": 0}
    assert (await survey())["respondents"] == 13
    for workspace in ("T_A", "T_C"):
        assert (await survey(workspace=workspace))["results"] is None
        assert (await survey(workspace=workspace))["respondents"] is None
    assert (await survey(workspace="T_B"))["results"] == {"1": 0, "2": 6, "3": 0, "4": 0, "5": 0}


async def test_kodo_survey_prints_a_closed_weeks_results_and_kodo_kpi_carries_the_survey(kodo, tokyo, clock, db_url,
                                                                                      monkeypatch, capsys):
    import asyncio
    import json

    from bot.cli import main

    clock.set("2026-12-01T10:00:00+09:00")  # 2026-W49, closed by the time anyone runs this
    q = tokyo.survey_for_week(clock.now().date(), "ja")
    chat = Conversation(kodo, "u1")
    for i, choice in enumerate((1, 2, 2, 3, 5), 1):
        await answer(chat, f"u{i}", choice)
    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("KODO_SECRET_KEY", KEY)

    assert await asyncio.to_thread(main, ["survey", "--week", "2026-W49"]) == 0
    printed = capsys.readouterr().out
    assert q.question in printed and "1) よくあった" in printed.replace(q.choices[0], "よくあった")
    assert f"{q.choices[1]}：2人" in printed and "回答者：5人" in printed and "[c" not in printed

    assert await asyncio.to_thread(main, ["survey", "--week", "2099-W01"]) == 2
    assert "has not started yet" in capsys.readouterr().err
    assert await asyncio.to_thread(main, ["kpi", "--weeks", "1"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert set(found["survey"]) >= {"week", "question", "respondents", "results"}
    assert set(found["survey_open"]) == {"week", "respondents"}
    monkeypatch.delenv("KODO_SECRET_KEY")
    assert await asyncio.to_thread(main, ["survey", "--post"]) == 1
    assert "the pulse survey is off: set KODO_SECRET_KEY" in capsys.readouterr().err
