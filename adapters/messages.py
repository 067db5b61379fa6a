"""The sentences of the adapters that are one module each: the console's own commands and the page
at ``GET /`` (``adapters/home.py``)."""

MESSAGES: dict[str, dict[str, str]] = {
    "console.help": {
        "ja": "コンソール専用：/as 名前（別の人として話す）、/react 番号 絵文字、/unreact 番号 絵文字、"
              "/pick 記号 番号（[c2] などの選択肢を選ぶ）、/join 名前（新しい人が参加する）、/tip [日付]、/roundup [週]、/help",
        "en": "Console only: /as NAME (act as someone else), /react N EMOJI, /unreact N EMOJI, "
              "/pick HANDLE N (choose from a list such as [c2]), /join NAME (someone new joins), /tip [DATE], "
              "/roundup [WEEK], /help",
    },
    "console.no_message": {"ja": "[{number}]というメッセージはありません。", "en": "There is no message [{number}]."},
    "console.join.usage": {"ja": "使い方：/join 名前（その人が新しく参加します）",
                           "en": "Usage: /join NAME (that person joins)"},
    "console.as.usage": {"ja": "使い方：/as 名前（その人として話します）", "en": "Usage: /as NAME (speak as that person)"},
    "console.as.bot": {
        "ja": "{name}はボットなので、その名前では話せません。",
        "en": "{name} is a bot: you can't speak as it.",
    },
    "console.feature.usage": {
        "ja": "使い方：/kodo feature 番号（例：/kodo feature 2 で[2]のメッセージを優良事例として推薦）",
        "en": "Usage: /kodo feature N (for example: /kodo feature 2 features message [2] as good practice)",
    },
    "console.react.usage": {
        "ja": "使い方：/react 番号 絵文字（例：/react 2 kodo3）",
        "en": "Usage: /react N EMOJI (for example: /react 2 kodo3)",
    },
    "console.pick.usage": {
        "ja": "使い方：/pick 記号 番号（例：/pick c2 1）",
        "en": "Usage: /pick HANDLE NUMBER (for example: /pick c2 1)",
    },
    "console.pick.none": {"ja": "[{handle}]という選択肢はありません。", "en": "There is no choice [{handle}]."},
    "console.pick.range": {
        "ja": "[{handle}]の選択肢は1〜{count}番です。",
        "en": "Choice [{handle}] runs from 1 to {count}.",
    },
    "console.pick.not_yours": {
        "ja": "[{handle}]は{name}さんだけが選べる選択肢です。",
        "en": "Only {name} can choose from [{handle}].",
    },
    "console.bad_date": {
        "ja": "日付は 2026-01-05 のように指定してください（「{text}」は読めませんでした）。",
        "en": "Give the date like 2026-01-05 (“{text}” isn't one).",
    },
    "console.bad_week": {
        "ja": "週は 2026-W01 のように指定してください（「{text}」は読めませんでした）。",
        "en": "Give the week like 2026-W01 (“{text}” isn't one).",
    },
    "console.week_not_started": {
        "ja": "{week}（{start}からの週）はまだ始まっていません。今週のこれまでのまとめは /roundup で見られます。",
        "en": "The week {week} (from {start}) hasn't started yet. /roundup shows this week so far.",
    },
    "home.title": {"ja": "Kodo のサーバーです", "en": "This is a Kodo server"},
    "home.what": {
        "ja": "Kodo（行動）は、組織の行動規範を日々のチャットを通じて浸透させる、Slack・Microsoft Teams 向けのボットです。"
              "このサーバーは Slack や Teams から届く通知を受け取るためのもので、ブラウザーで見るページはありません。",
        "en": "Kodo is a Slack and Microsoft Teams bot that keeps an organisation's code of conduct alive in "
              "everyday chat. This server receives what Slack and Teams send it; there is nothing here to read "
              "in a browser.",
    },
    "home.where": {
        "ja": "Kodo は Slack や Teams の中でお使いください。使い方は、Slack では「/kodo help」と入力すると、"
              "Teams では Kodo に「help」と送ると表示されます。ダッシュボードは、管理者が有効にすると /dashboard "
              "で見られるようになります。",
        "en": "Use Kodo inside Slack or Teams: type /kodo help in Slack, or send Kodo \"help\" in Teams, to see "
              "what it can do. The dashboard is at /dashboard once an administrator turns it on.",
    },
    "home.health": {"ja": "サーバーとデータベースの稼働状況", "en": "whether this server and its database are up"},
}
