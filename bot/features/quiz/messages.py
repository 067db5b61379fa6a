"""What the quiz says."""

MESSAGES: dict[str, dict[str, str]] = {
    "quiz.title": {"ja": "クイズ：#{number} {title}", "en": "Quiz: #{number} {title}"},
    "quiz.tip": {"ja": "クイズ：{question}", "en": "Quiz: {question}"},
    "quiz.right": {"ja": "正解です！", "en": "Right!"},
    "quiz.wrong": {"ja": "残念、不正解です。", "en": "Not quite."},
    "quiz.yours": {"ja": "あなたの答え：{choice}", "en": "Your answer: {choice}"},
    "quiz.answer": {"ja": "正解：{choice}", "en": "The right answer: {choice}"},
    "quiz.again": {
        "ja": "この問題にはもう答えています。最初の答えがそのまま記録されています。",
        "en": "You've answered this question already; your first answer stands.",
    },
    "quiz.more": {"ja": "次の問題は {command} で。", "en": "Another question: {command}"},
    "quiz.all": {
        "ja": "クイズの{count}問すべてに答えました。原則の全文は {look_up} で読み返せます。",
        "en": "You've answered all {count} quiz questions. Read the principles again with {look_up}.",
    },
    "quiz.none": {"ja": "このコンテンツにはクイズがありません。", "en": "This content has no quiz."},
    "quiz.range": {
        "ja": "原則は1〜{size}番です。{command} でどの原則からでも出題します。",
        "en": "Principles are numbered 1 to {size}. {command} asks about any of them.",
    },
    "quiz.summary": {
        "ja": "クイズ：{answered}問回答、{right}問正解、連続{streak}日",
        "en": "Quiz: {answered} answered, {right} right, streak {streak}",
    },
    "help.quiz": {"ja": "行動規範のクイズに答える（原則の番号も指定できます）",
                  "en": "take a quiz question on the principles (or on principle N)"},
    "dashboard.principle": {"ja": "原則", "en": "Principle"},
    "dashboard.quiz.title": {"ja": "クイズ", "en": "Quiz"},
    "dashboard.quiz.line": {
        "ja": "期間中に{people}人が延べ{answers}問に答え、正答率は{share}でした。",
        "en": "{people} people answered {answers} questions in this period; {share} of the answers were right.",
    },
    "dashboard.quiz.few": {
        "ja": "期間中に答えた人が{min}人未満のため、人数と正答率は表示しません。",
        "en": "Fewer than {min} people answered in this period, so no numbers are shown.",
    },
    "dashboard.quiz.private": {
        "ja": "誰が答えたか、誰が正解したかは表示しません（ランキングはありません）。{min}人未満の原則は「{min}人未満」と表示します。",
        "en": "Who answered, and who was right, is never shown (there is no leaderboard). A principle answered by "
              "fewer than {min} people reads “fewer than {min}”.",
    },
    "dashboard.quiz.caption": {"ja": "原則ごとのクイズの回答者数", "en": "People who answered each principle's quiz"},
    "dashboard.quiz.people": {"ja": "答えた人", "en": "People"},
    "dashboard.quiz.answers": {"ja": "回答数", "en": "Answers"},
    "dashboard.quiz.share": {"ja": "正答率", "en": "Right"},
    "dashboard.funnel.title": {"ja": "知る → 理解する → 実践する", "en": "Knows → understands → practises"},
    "dashboard.funnel.what": {
        "ja": "原則ごとに、クイズの正答（知る）、意識調査の結果（理解する：その原則についての質問の平均、5が最も高い）、"
              "称賛（実践する）を並べています。",
        "en": "Per principle: right quiz answers (knows), the pulse survey (understands: the average of the "
              "questions on that principle, 5 the highest) and kudos (practises).",
    },
    "dashboard.funnel.invite": {
        "ja": "知られているのに、まだ実践の称賛がない原則：{principle}",
        "en": "Known, but not yet recognised in practice: {principle}",
    },
    "dashboard.funnel.caption": {"ja": "原則ごとの知る・理解する・実践する", "en": "Knows, understands and practises, per principle"},
    "dashboard.funnel.knows": {"ja": "知る（クイズの正答）", "en": "Knows (right answers)"},
    "dashboard.funnel.understands": {"ja": "理解する（意識調査）", "en": "Understands (survey)"},
    "dashboard.funnel.practises": {"ja": "実践する（称賛）", "en": "Practises (kudos)"},
    "dashboard.funnel.average": {"ja": "平均{average}（{people}人）", "en": "{average} on average ({people} people)"},
    "dashboard.funnel.answered": {"ja": "{people}人が回答", "en": "{people} people answered"},
    "roundup.quiz": {"ja": "今週のクイズ", "en": "This week's quiz"},
    "roundup.quiz.line": {"ja": "{people}人が答え、正答率は{share}でした。", "en": "{people} people answered; {share} of the answers were right."},
    "roundup.quiz.principle": {"ja": "{principle}：正答率{share}（{people}人）", "en": "{principle}: {share} right ({people} people)"},
    "roundup.quiz.few": {
        "ja": "答えた人が{min}人未満のため、人数は表示しません。",
        "en": "Fewer than {min} people answered, so no numbers are shown.",
    },
}
