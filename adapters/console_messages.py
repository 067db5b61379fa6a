"""The console's own sentences: its console-only commands."""

MESSAGES: dict[str, dict[str, str]] = {
    "console.help": {
        "ja": "コンソール専用：/as 名前（別の人として話す）、/react 番号 絵文字、/unreact 番号 絵文字、"
              "/tip [日付]、/roundup [週]、/help",
        "en": "Console only: /as NAME (act as someone else), /react N EMOJI, /unreact N EMOJI, "
              "/tip [DATE], /roundup [WEEK], /help",
    },
    "console.no_message": {"ja": "[{number}]というメッセージはありません。", "en": "There is no message [{number}]."},
    "console.as.usage": {"ja": "使い方：/as 名前（その人として話します）", "en": "Usage: /as NAME (speak as that person)"},
    "console.as.bot": {
        "ja": "{name}はボットなので、その名前では話せません。",
        "en": "{name} is a bot: you can't speak as it.",
    },
    "console.react.usage": {
        "ja": "使い方：/react 番号 絵文字（例：/react 2 kodo3）",
        "en": "Usage: /react N EMOJI (for example: /react 2 kodo3)",
    },
    "console.bad_date": {
        "ja": "日付は 2026-01-05 のように指定してください（「{text}」は読めませんでした）。",
        "en": "Give the date like 2026-01-05 (“{text}” isn't one).",
    },
    "console.bad_week": {
        "ja": "週は 2026-W01 のように指定してください（「{text}」は読めませんでした）。",
        "en": "Give the week like 2026-W01 (“{text}” isn't one).",
    },
}
