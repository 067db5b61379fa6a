"""The funnel knows → understands → practises, per principle, on SQLite and PostgreSQL: its numbers
in ``kodo kpi`` (the same as ``/api/kpi``) checked against ``kodo export`` and the quiz and survey
tables; the quiz object shown only from KODO_MIN_GROUP people; the principle known but not
practised invited to, in the roundup and on the dashboard, instead of the least-practised one."""

from __future__ import annotations

import asyncio
import json
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import sqlalchemy as sa

from bot.app import Kodo
from bot.cli import main
from bot.features.quiz.ask import pool
from storage.kpi import SqlKpi
from storage.quiz import quiz_answers
from storage.survey import survey_answers
from tests.fakes.conversation import Conversation
from tests.test_survey import KEY, handle, settings, stores  # noqa: F401 (the survey's fixtures: a secret key)

TOKYO = ZoneInfo("Asia/Tokyo")
# ``kodo kpi`` and ``kodo export`` read the machine's clock: everything happens last week, which has closed.
TODAY = datetime.now(TOKYO).date()
LAST_MONDAY = datetime.combine(TODAY - timedelta(days=TODAY.weekday() + 7), time(10, 30), TOKYO)


@pytest.fixture
def kodo(tokyo, stores, clock, settings):
    clock.set(LAST_MONDAY)
    return Kodo(tokyo, stores, clock, settings, kpis=SqlKpi(stores.db.engine, tokyo.id, now=clock.now))


async def quiz(chat: Conversation, who: str, principle: int, right: bool) -> None:
    await chat.type(f"/as {who}")
    shown = await chat.type(f"/kodo quiz {principle}")
    [q] = [q for q in pool(chat.session.kodo.pack) if q.principle == principle and q.question in shown]
    await chat.type(f"/pick {handle(shown)} {q.answer if right else q.answer % len(q.choices) + 1}")


async def kodo_cli(*argv: str) -> int:
    return await asyncio.to_thread(main, list(argv))


async def test_the_funnel_agrees_with_the_export_and_the_quiz_and_survey_tables(kodo, tokyo, engine, db_url,
                                                                               monkeypatch, capsys):
    chat = Conversation(kodo, "p0")
    survey_q = tokyo.survey_for_week(LAST_MONDAY.date(), "ja")
    understood = survey_q.principle
    known = next(n for n in range(1, 11) if n != understood)  # known from the quiz, never practised
    for i in range(6):  # six people answer the week's survey and the quiz on both principles
        await chat.type(f"/as p{i}")
        shown = await chat.type("/kodo survey")
        await chat.type(f"/pick {handle(shown)} {1 + i % 3}")
        await quiz(chat, f"p{i}", understood, right=i < 4)
        await quiz(chat, f"p{i}", known, right=True)
    for giver, receiver, principle in (("p0", "p1", understood), ("p1", "p2", understood), ("p2", "p3", 7 if known != 7 else 8)):
        await chat.type(f"/as {giver}", f"/kudos @{receiver} {principle} よい実践でした")

    monkeypatch.setenv("DATABASE_URL", db_url)
    monkeypatch.setenv("KODO_SECRET_KEY", KEY)
    assert await kodo_cli("kpi", "--weeks", "2", "--format", "json") == 0
    kpis = json.loads(capsys.readouterr().out)
    assert await kodo_cli("export", "--format", "json") == 0
    exported = json.loads(capsys.readouterr().out)
    async with engine.connect() as conn:
        right = dict((await conn.execute(sa.select(quiz_answers.c.principle, sa.func.count()).where(
            quiz_answers.c.correct).group_by(quiz_answers.c.principle))).all())
        counted = dict((await conn.execute(sa.select(survey_answers.c.choice, sa.func.sum(survey_answers.c.answers))
                                           .where(survey_answers.c.question == survey_q.id)
                                           .group_by(survey_answers.c.choice))).all())

    funnel = kpis["funnel"]["per_principle"]
    for n in range(1, 11):
        practised = sum(1 for k in exported if k["principle"] == n and not k["revoked_at"])
        assert funnel[str(n)]["practises"] == practised == kpis["principles"][n - 1]["kudos"], n
        assert funnel[str(n)]["knows"] == right.get(n, 0), n
    assert (right[understood], right[known]) == (4, 6)
    average = survey_q.average({int(c): int(a) for c, a in counted.items()})
    assert funnel[str(understood)]["understands"] == {"respondents": 6, "average": round(average, 2)}
    assert all(funnel[str(n)]["understands"] is None for n in range(1, 11) if n != understood)
    assert kpis["funnel"]["invite"] == known  # known by six, practised by nobody

    quiz_json = kpis["quiz"]
    assert (quiz_json["people"], quiz_json["answers"], quiz_json["right"]) == (6, 12, 10)
    assert quiz_json["per_principle"][str(known)] == {"people": 6, "answers": 6, "right": 6, "right_share": 1.0}


async def test_the_roundup_invites_to_the_principle_known_but_not_practised(kodo, tokyo):
    chat = Conversation(kodo, "p0")
    for i in range(5):
        await quiz(chat, f"p{i}", 4, right=True)
    await chat.type("/as p0", "/kudos @p1 1 ありがとう")
    roundup = await chat.type("/roundup")
    p4 = tokyo.principle(4, "ja")
    assert f"#4 {p4.title}" in roundup.split("もっと実践したい原則")[1]  # not #2, the least-practised by number
    assert "今週のクイズ" in roundup and "5人が答え、正答率は100%でした。" in roundup


async def test_quiz_participation_below_min_group_shows_no_numbers(kodo, tokyo):
    chat = Conversation(kodo, "p0")
    for i in range(3):
        await quiz(chat, f"p{i}", 2, right=True)
    roundup = await chat.type("/roundup")
    assert "答えた人が5人未満のため、人数は表示しません。" in roundup and "3人" not in roundup
    assert "もっと実践したい原則" in roundup and f"#1 {tokyo.principle(1, 'ja').title}" in roundup.split("もっと実践したい原則")[1]


async def test_the_dashboard_shows_the_quiz_and_the_funnel_with_their_tables(kodo, tokyo, clock, db_url):
    from tests.test_dashboard_api import TOKEN, serving
    from tests.test_kpi import NOW

    clock.set(NOW - timedelta(hours=1))
    chat = Conversation(kodo, "p0")
    for i in range(5):
        await quiz(chat, f"p{i}", 6, right=i < 3)
    await chat.type("/as p0", "/kudos @p1 1 ありがとう")
    async with serving(db_url, dashboard_token=TOKEN, secret_keys=(KEY,)) as client:
        page = await (await client.get("/dashboard?weeks=4&lang=en", headers={"Authorization": f"Bearer {TOKEN}"})).text()
        api = await (await client.get("/api/kpi?weeks=4", headers={"Authorization": f"Bearer {TOKEN}"})).json()
    assert 'data-figures="quiz"' in page and 'data-figures="funnel"' in page
    assert "5 people answered 5 questions in this period; 60% of the answers were right." in page
    assert "<th scope=\"col\">Knows (right answers)</th><th scope=\"col\">Understands (survey)</th>" in page
    p6 = tokyo.principle(6, "en")
    assert f"Known, but not yet recognised in practice: #6 {p6.title}" in page
    assert f"<th scope=\"row\">#6 {p6.title}</th><td>3</td><td>—</td><td>0</td>" in page
    invitation = page.split('data-kpi="least"')[1].split("</p>")[0]
    assert f"#6" in invitation and "#2" not in invitation  # not the least-practised by number
    assert api["quiz"]["per_principle"]["6"] == {"people": 5, "answers": 5, "right": 3, "right_share": 0.6}
    assert api["funnel"]["per_principle"]["6"] == {"knows": 3, "understands": None, "practises": 0}
    assert api["funnel"]["invite"] == 6
