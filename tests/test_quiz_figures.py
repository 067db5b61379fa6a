"""The quiz's numbers, on SQLite and PostgreSQL: participation per principle over the chosen weeks,
only from KODO_MIN_GROUP people, never recoverable by subtracting the principles shown from the
total, and only what happened in the asked scope (a workspace counts its own answers)."""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.features.quiz.figures import NOBODY, quiz_figures
from bot.features.quiz.store import Answer, Tally
from bot.kpi import Scope

START = datetime.fromisoformat("2026-11-23T00:00:00+09:00")
END = START + timedelta(weeks=1)
AT = datetime.fromisoformat("2026-11-24T10:00:00+09:00")


async def answer(stores, user: str, question: str, principle: int, right: bool, workspace: str = "T1",
                 at: datetime = AT) -> None:
    await stores.quiz.answer(Answer("slack", user, "tokyo", question, principle, 1 if right else 2, right, at,
                                    at.date(), workspace, None, "C1"))


async def test_participation_per_principle_from_min_group_people(stores):
    for n in range(6):
        await answer(stores, f"U{n}", "customer-who-first", 1, right=n < 4)
        await answer(stores, f"U{n}", "customer-priorities", 1, right=True)
    for n in range(6, 11):
        await answer(stores, f"U{n}", "simple-existing-first", 2, right=n % 2 == 0)
    await answer(stores, "U0", "old", 4, True, at=START - timedelta(seconds=1))  # the week before
    figures = await quiz_figures(stores.quiz, "tokyo", 10, START, END, Scope(), 5)
    assert (figures.people, figures.answers, figures.right) == (11, 17, 13)
    assert figures.per_principle[1] == Tally(6, 12, 10) and figures.per_principle[2] == Tally(5, 5, 3)
    assert figures.per_principle[3] == NOBODY and figures.right_share(1) == 0.833
    assert figures.to_json()["per_principle"]["2"] == {"people": 5, "answers": 5, "right": 3, "right_share": 0.6}

    await answer(stores, "U20", "inclusive-who", 3, True)  # one person alone on #3
    figures = await quiz_figures(stores.quiz, "tokyo", 10, START, END, Scope(), 5)
    # #3 is withheld, and so is #2 (the smallest shown), or the total minus #1 and #2 would give #3 away.
    assert figures.per_principle[3] is None and figures.per_principle[2] is None
    assert figures.per_principle[1] == Tally(6, 12, 10) and figures.people == 12

    few = await quiz_figures(stores.quiz, "tokyo", 10, START, END, Scope(), 13)
    assert (few.people, few.answers, few.right) == (None, None, None)
    assert all(t is None or t == NOBODY for t in few.per_principle.values())


async def test_a_workspace_counts_its_own_answers_alone(stores):
    for n in range(5):
        await answer(stores, f"UA{n}", "customer-who-first", 1, True, workspace="T_A")
        await answer(stores, f"UB{n}", "customer-who-first", 1, False, workspace="T_B")
    a = await quiz_figures(stores.quiz, "tokyo", 10, START, END, Scope(platform="slack", workspace="T_A"), 5)
    assert (a.people, a.answers, a.right) == (5, 5, 5)
    everyone = await quiz_figures(stores.quiz, "tokyo", 10, START, END, Scope(), 5)
    assert (everyone.people, everyone.answers, everyone.right) == (10, 10, 5)
