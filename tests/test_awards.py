"""The monthly awards, recognised in the console and posted by the scheduler: who wins, ties, nobody
twice running, people who may not be named, and ``kodo awards``."""

from __future__ import annotations

from datetime import date

from bot.features.awards.choose import choose, month_before
from bot.features.awards.store import Candidate
from bot.i18n import t
from bot.replies import at_mentions
from bot.schedule import MONTH, first_working_day
from scheduler import jobs
from storage.claims import ClaimStore
from tests.fakes.conversation import Conversation
from tests.fakes.messenger import RecordingMessenger


class Month:
    """A console session in which people write messages and recognise them."""

    def __init__(self, kodo, clock):
        self.kodo, self.clock = kodo, clock
        self.chat = Conversation(kodo, "admin")

    async def say(self, author: str, text: str, day: str) -> int:
        self.clock.set(f"{day}T10:00:00+09:00")
        await self.chat.type(f"/as {author}", text)
        return len(self.chat.session.messages)

    async def recognise(self, n: int, principle: int, *givers: str, reason: str | None = None, day: str | None = None):
        if day:
            self.clock.set(f"{day}T11:00:00+09:00")
        session = self.chat.session
        for giver in givers:
            await self.chat.type(f"/as {giver}")
            if reason:
                await self.kodo.give(session._ctx(), session.messages[n - 1].author, principle, reason, "shortcut",
                                     message=f"{session.session}:{n}")
            else:
                await self.chat.type(f"/react {n} kodo{principle}")
        self.chat.pop()


async def post(kodo, engine, clock, when: str, messenger: RecordingMessenger) -> list[str]:
    clock.set(when)
    before = len(messenger.posts)
    await jobs.run(jobs.Deps(kodo, ClaimStore(engine), {"console": messenger}), clock.now())
    return [at_mentions(text) for _, _, text in messenger.posts[before:]]


async def test_the_most_givers_win_ties_go_to_reasons_then_the_earlier_and_nobody_wins_twice_running(
        kodo, engine, clock):
    m = Month(kodo, clock)
    await m.chat.type("/as admin", "/kodo subscribe awards")
    # Principle 3: bob's and erin's messages are recognised by three people each; erin's with a reason.
    bob = await m.say("bob", "窓口の案内を多言語にしました", "2026-11-05")
    await m.recognise(bob, 3, "alice", "carol", "dave")
    erin = await m.say("erin", "手話通訳の予約をオンラインにしました", "2026-11-06")
    await m.recognise(erin, 3, "alice", "carol")
    await m.recognise(erin, 3, "dave", reason="<@ivan> さんと一緒に、誰でも予約できるようにしてくれた")
    frank = await m.say("frank", "点字の案内を作りました", "2026-11-04")
    await m.recognise(frank, 3, "alice", "carol")
    # Principle 1: a tie of two givers and no reasons: gina's, the earlier, wins.
    hana = await m.say("hana", "利用者アンケートを読み込みました", "2026-11-12")
    await m.recognise(hana, 1, "alice", "bob")
    gina = await m.say("gina", "来庁者の動線を見直しました", "2026-11-10")
    await m.recognise(gina, 1, "alice", "bob")
    # Principle 2: ivan's episode has most givers, but ivan left the rankings; kim used forget-me.
    ivan = await m.say("ivan", "データを公開しました", "2026-11-16")
    await m.recognise(ivan, 2, "alice", "bob", "carol", "dave")
    kim = await m.say("kim", "申請を一本化しました", "2026-11-17")
    await m.recognise(kim, 2, "alice", "bob", "carol")
    jun = await m.say("jun", "オープンデータのカタログを整えました", "2026-11-18")
    await m.recognise(jun, 2, "alice")
    await m.chat.type("/as ivan", "/kodo ranking off")
    await kodo.stores.me.forget_user("console", "kim")
    # Last month's awards are no business of November's.
    await m.recognise(await m.say("bob", "十月のこと", "2026-10-20"), 4, "alice", "carol", day="2026-10-20")

    console = RecordingMessenger(platform="console")
    assert await post(kodo, engine, clock, "2026-11-30T12:00:00+09:00", console) == []  # not yet
    [december] = await post(kodo, engine, clock, "2026-12-01T10:00:00+09:00", console)
    assert december.startswith("■ 2026年11月の行動規範アワード")
    awards = {n: kodo.pack.award(n, "ja") for n in (1, 2, 3, 4)}
    block = lambda n: december[december.index(awards[n]):].split("🏆")[0]  # noqa: E731
    assert "@erinさん：3人が称えました" in block(3) and "誰でも予約できるようにしてくれた" in block(3)
    assert "@ivan" not in december and t("someone", "ja") in block(3)  # ivan is never named, not even in words
    assert "@ginaさん：2人が称えました" in block(1)
    assert "@junさん：1人が称えました" in block(2) and "kim" not in december and "anon:" not in december
    assert awards[4] not in december  # October's kudos
    assert await post(kodo, engine, clock, "2026-12-01T10:30:00+09:00", console) == []  # once per month

    # December: erin's new episode is the most recognised again, but erin won #3 last month here.
    erin2 = await m.say("erin", "窓口の椅子を増やしました", "2026-12-08")
    await m.recognise(erin2, 3, "alice", "bob", "carol", "dave")
    bob2 = await m.say("bob", "筆談ボードを置きました", "2026-12-09")
    await m.recognise(bob2, 3, "alice", "carol")
    gina2 = await m.say("gina", "案内表示を大きくしました", "2026-12-10")
    await m.recognise(gina2, 1, "alice")
    assert await post(kodo, engine, clock, "2027-01-01T10:00:00+09:00", console) == []  # closed: new year
    [january] = await post(kodo, engine, clock, "2027-01-04T10:00:00+09:00", console)
    assert january.startswith("■ 2026年12月の行動規範アワード")
    assert "@bobさん：2人が称えました" in january and "@erin" not in january
    assert "@ginaさん" not in january  # gina won #1 in November and had the only #1 episode
    assert t("awards.rule", "ja") in january


async def test_an_empty_month_says_so(kodo, engine, clock):
    await Conversation(kodo, "admin").type("/kodo subscribe awards en")
    [post_] = await post(kodo, engine, clock, "2026-12-01T10:00:00+09:00", RecordingMessenger(platform="console"))
    assert post_.startswith("■ Code of conduct awards for November 2026")
    assert "There were no episodes to award in November 2026" in post_


def test_choosing_is_most_givers_then_reasons_then_the_earlier_then_not_last_months_winner():
    from datetime import datetime, timezone

    at = lambda day: datetime(2026, 11, day, tzinfo=timezone.utc)  # noqa: E731
    c = [Candidate("slack", "m1", 3, "bob", 3, 0, at(1)), Candidate("slack", "m2", 3, "erin", 3, 1, at(2)),
         Candidate("slack", "m3", 3, "frank", 4, 0, at(3)), Candidate("slack", "m4", 1, "gina", 2, 0, at(5)),
         Candidate("slack", "m5", 1, "hana", 2, 0, at(4))]
    assert [(w.principle, w.receiver) for w in choose(c)] == [(1, "hana"), (3, "frank")]
    assert [(w.principle, w.receiver) for w in choose(c, {3: "frank", 1: "hana"})] == [(1, "gina"), (3, "erin")]
    assert [(w.principle, w.receiver) for w in choose(c[:2])] == [(3, "erin")]


def test_the_first_working_day_of_a_month_skips_weekends_and_holidays():
    on = first_working_day(MONTH)
    assert [d for d in (date(2027, 1, n) for n in range(1, 8)) if on(d, frozenset())] == [date(2027, 1, 4)]
    assert on(date(2026, 12, 1), frozenset()) and not on(date(2026, 12, 2), frozenset())
    assert on(date(2026, 12, 2), frozenset({date(2026, 12, 1)}))
    assert month_before(date(2027, 1, 1)) == date(2026, 12, 1)


def test_kodo_awards_and_kodo_casebook_on_the_command_line(tmp_path):
    import json
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from tests.test_cli import kodo

    env = {"DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/kodo.db", "KODO_ADMINS": "admin"}
    script = ("/as alice\n/kudos @bob 3 誰でも読める手順書にしてくれた <!channel>\n/as admin\n/pick c1 1\n"
              "/as bob\n/pick c2 1\n/as carol\n/kudos @dave 1 ありがとう\n")
    session = kodo("console", stdin=script, env=env, cwd=tmp_path)
    assert session.returncode == 0 and "優良事例集で公開しました" in session.stdout, session.stdout + session.stderr

    month = datetime.now(ZoneInfo("Asia/Tokyo")).strftime("%Y-%m")
    printed = kodo("awards", "--month", month, env=env, cwd=tmp_path)
    assert printed.returncode == 0, printed.stderr
    assert "@bobさん：1人が称えました" in printed.stdout and "@daveさん：1人が称えました" in printed.stdout
    assert kodo("awards", "--month", month, "--post", env=env, cwd=tmp_path).returncode == 2  # not over yet
    assert "has not ended" in kodo("awards", "--month", "2999-01", env=env, cwd=tmp_path).stderr
    assert "month must look like" in kodo("awards", "--month", "May", env=env, cwd=tmp_path).stderr

    [case] = json.loads(kodo("casebook", "--format", "json", env=env, cwd=tmp_path).stdout)
    assert (case["receiver"], case["principle"], case["givers"]) == ("bob", 3, 1)
    assert case["reasons"] == ["誰でも読める手順書にしてくれた <!channel>"]  # as typed: a renderer escapes it
    md = kodo("casebook", env=env, cwd=tmp_path).stdout
    assert md.startswith("# 優良事例集") and "### @bobさん（" in md and "alice" not in md and "dave" not in md
    assert "> 誰でも読める手順書にしてくれた \\<\\!channel\\>\n" in md
    assert kodo("casebook", "--since", "2999-01-01", "--format", "md", env=env, cwd=tmp_path).stdout == (
        "# 優良事例集\n\n公開されたエピソードはまだありません。\n")


async def test_with_ranking_off_the_awards_name_nobody(kodo, engine, clock):
    from dataclasses import replace

    from bot.app import Kodo

    m = Month(kodo, clock)
    await m.chat.type("/as admin", "/kodo subscribe awards")
    await m.recognise(await m.say("bob", "窓口の案内を多言語にしました", "2026-11-05"), 3, "alice", "carol",
                      reason="案内が <@dave> さんにも伝わった")
    unranked = Kodo(kodo.pack, kodo.stores, clock, replace(kodo.settings, ranking=False), kpis=kodo.kpis)
    [post_] = await post(unranked, engine, clock, "2026-12-01T10:00:00+09:00", RecordingMessenger(platform="console"))
    assert "2人が称えたエピソード" in post_ and "@bob" not in post_
    assert "案内が @dave さんにも伝わった" in post_  # the reasons stay, mentions as names (dave did not opt out)


async def test_the_monthly_post_says_how_many_proposals_were_answered_and_how_fast(kodo, engine, clock):
    m = Month(kodo, clock)
    await m.chat.type("/as admin", "/kodo subscribe awards")
    clock.set("2026-11-02T10:00:00+09:00")  # Monday; the 3rd is a public holiday
    said = await m.chat.type("/as bob", "/kodo propose 3 窓口で手話通訳を予約できるようにしたい")
    assert "#1" in said, said
    clock.set("2026-11-05T10:00:00+09:00")
    await m.chat.type("/as admin", "/kodo proposal 1 reviewing")
    await m.recognise(await m.say("bob", "予約フォームを作りました", "2026-11-10"), 3, "alice")
    [december] = await post(kodo, engine, clock, "2026-12-01T10:00:00+09:00", RecordingMessenger(platform="console"))
    assert "2026年11月に回答した改善提案：1件（提案から回答までの開庁日数の中央値：2日）" in december
    [january] = await post(kodo, engine, clock, "2027-01-04T10:00:00+09:00", RecordingMessenger(platform="console"))
    assert "2026年12月に回答した改善提案はありませんでした。" in january
