"""What the pulse survey says."""

MESSAGES: dict[str, dict[str, str]] = {
    "kind.survey": {"ja": "週1回の意識調査", "en": "weekly pulse surveys"},
    "subscribe.survey": {
        "ja": "このチャンネルに、毎週月曜（休みの日なら次の平日）の{time}に意識調査の質問を届けます（{language}）。",
        "en": "This channel will get the pulse survey question on Mondays (or the next working day) at {time} "
              "({language}).",
    },
    "survey.title": {"ja": "今週の意識調査（{start}〜{end}）", "en": "This week's pulse survey ({start} – {end})"},
    "survey.title.week": {"ja": "{start}の週の意識調査", "en": "Pulse survey for the week of {start}"},
    "survey.about": {
        "ja": "行動規範 #{number}「{title}」から",
        "en": "From principle #{number}, “{title}”",
    },
    "survey.anonymous": {
        "ja": "回答は匿名で数えます。今週中なら何度でも選び直せて、1人1回と数えます。"
              "結果は週が明けてから、回答が{min}人以上のときにお知らせします。",
        "en": "Answers are counted anonymously. You can change yours until the week ends; each person counts once. "
              "Results are shared after the week closes, once at least {min} people have answered.",
    },
    "survey.respondents": {"ja": "今週の回答：{count}人", "en": "Answered so far this week: {count}"},
    "survey.respondents.one": {"ja": "今週の回答：1人", "en": "Answered so far this week: 1 person"},
    "survey.respondents.none": {"ja": "今週はまだ回答がありません。", "en": "Nobody has answered yet this week."},
    "survey.answered": {"ja": "回答しました：「{choice}」", "en": "Thank you. Your answer: “{choice}”"},
    "survey.changed": {
        "ja": "回答を「{before}」から「{choice}」に変えました。",
        "en": "Your answer is now “{choice}” (it was “{before}”).",
    },
    "survey.same": {"ja": "すでに「{choice}」と回答しています。", "en": "You have already answered “{choice}”."},
    "survey.change_hint": {
        "ja": "週が終わるまでは、別の選択肢を選べば回答を変えられます。",
        "en": "Until the week ends, choose another option to change your answer.",
    },
    "survey.closed": {
        "ja": "この週の意識調査は締め切りました。今週の質問は {survey} で見られます。",
        "en": "That week's pulse survey has closed. This week's question: {survey}",
    },
    "survey.off": {
        "ja": "意識調査は使えません。管理者が KODO_SECRET_KEY を設定すると使えるようになります"
              "（回答者を匿名のまま1人1回と数えるための鍵です）。",
        "en": "The pulse survey is off: it needs KODO_SECRET_KEY, which an administrator sets (the key that "
              "counts each person once while keeping them anonymous).",
    },
    "survey.none": {
        "ja": "このコンテンツパックには意識調査の質問がありません。",
        "en": "This content pack has no pulse survey questions.",
    },
    "survey.results.title": {"ja": "{start}の週の意識調査の結果", "en": "Pulse survey results, week of {start}"},
    "survey.results.last": {"ja": "先週の意識調査の結果", "en": "Last week's pulse survey"},
    "survey.results.count": {"ja": "{choice}：{count}人", "en": "{choice}: {count}"},
    "survey.results.respondents": {"ja": "回答者：{count}人", "en": "Respondents: {count}"},
    "survey.results.average": {
        "ja": "平均：{average}（5段階、5が最も高い）",
        "en": "Average: {average} on a scale of 1 to 5 (5 is the highest)",
    },
    "survey.results.fewer": {
        "ja": "回答者が{min}人未満のため、結果はお知らせしません。",
        "en": "Fewer than {min} people answered, so no results are shown.",
    },
    "survey.results.withheld": {
        "ja": "この範囲の回答者は{min}人未満のため（ほかの範囲との差し引きで分かる場合も含む）、結果はお知らせしません。",
        "en": "Fewer than {min} people answered here (or their answers could be worked out from other figures), "
              "so no results are shown.",
    },
    "survey.results.gone": {
        "ja": "（この質問はコンテンツパックから外れました：{id}）",
        "en": "(this question has left the content pack: {id})",
    },
    "survey.open": {
        "ja": "この週はまだ回答を受け付けています（回答：{count}人）。結果は週が明けてからです。",
        "en": "This week is still open ({count} answered so far); results come once it closes.",
    },
    "help.survey": {"ja": "今週の意識調査に匿名で答える", "en": "answer this week's pulse survey, anonymously"},
    "teams.manifest.survey": {
        "ja": "「survey」：今週の意識調査に匿名で答える",
        "en": "“survey”: answer this week's pulse survey, anonymously",
    },
    "dashboard.survey.title": {"ja": "意識調査", "en": "Pulse survey"},
    "dashboard.survey.closed": {
        "ja": "{week}（{start}の週）の質問：{question}",
        "en": "{week} (week of {start}): {question}",
    },
    "dashboard.survey.respondents": {"ja": "回答者：{count}人", "en": "Respondents: {count}"},
    "dashboard.survey.none": {"ja": "この週の回答はありませんでした。", "en": "Nobody answered that week."},
    "dashboard.survey.open": {
        "ja": "今週（{week}）の回答者：{count}人。結果は週が明けてから表示します。",
        "en": "This week ({week}): {count} answered so far. Results are shown once the week closes.",
    },
    "dashboard.survey.open.withheld": {
        "ja": "今週（{week}）の回答は受付中です。結果は週が明けてから表示します。",
        "en": "This week ({week}) is open; results are shown once it closes.",
    },
    "dashboard.survey.caption": {"ja": "選択肢ごとの回答数", "en": "Answers per choice"},
    "dashboard.survey.choice": {"ja": "選択肢", "en": "Choice"},
    "dashboard.survey.answers": {"ja": "回答数", "en": "Answers"},
    "dashboard.survey.off": {
        "ja": "意識調査はオフです（KODO_SECRET_KEY が未設定）。",
        "en": "The pulse survey is off (KODO_SECRET_KEY is not set).",
    },
    "dashboard.survey.anonymous": {
        "ja": "意識調査の回答は、週・質問・選択肢・回答したチャンネルごとの人数としてだけ保存します。"
              "回答したかどうかは KODO_SECRET_KEY による鍵付きハッシュで別に保存し、両者を結びつけることはできません"
              "（データベースと鍵の両方を持つ人だけが結びつけられます）。",
        "en": "Survey answers are stored only as counts per week, question, choice and channel. Who has answered is "
              "a keyed hash (KODO_SECRET_KEY) kept apart, so the two cannot be joined (only someone holding both "
              "the database and the key could).",
    },
}
