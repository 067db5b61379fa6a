"""The core's own sentences: how each platform does things (``bot/howto.py``), help, errors, dates,
language names. Every feature keeps its sentences beside it (``bot/features/<name>/messages.py``) and
every adapter beside it; ``bot.i18n`` merges them into one catalogue and refuses a key claimed twice.
A test checks that every key has both languages with the same placeholders."""

MESSAGES: dict[str, dict[str, str]] = {
    "how.recognise.slack": {"ja": ":{emoji}: のリアクション", "en": "a :{emoji}: reaction"},
    "how.recognise.teams": {
        "ja": "そのメッセージの「…」メニューにある「称賛を贈る」",
        "en": "“Give kudos” in their message’s … menu",
    },
    "how.recognise.console": {"ja": "「/kudos @名前 {number}」", "en": "/kudos @name {number}"},
    "how.recognise_any.slack": {
        "ja": ":kodo1: 〜 :kodo10: のリアクション",
        "en": "a reaction from :kodo1: to :kodo10:",
    },
    "how.recognise_any.teams": {
        "ja": "そのメッセージの「…」メニューにある「称賛を贈る」",
        "en": "“Give kudos” in their message’s … menu",
    },
    "how.recognise_any.console": {"ja": "「/kudos @名前 番号」", "en": "/kudos @name NUMBER"},
    "how.recognise_message.slack": {"ja": ":kodo1: 〜 :kodo10: のリアクション", "en": "React with :kodo1: … :kodo10:"},
    "how.recognise_message.teams": {
        "ja": "メッセージの「…」メニュー →「称賛を贈る」",
        "en": "“Give kudos” in a message’s … menu",
    },
    "how.recognise_message.console": {"ja": "/react 番号 kodo1〜kodo10", "en": "/react N kodo1 … kodo10"},
    "admin.only": {
        "ja": "このコマンドは管理者だけが使えます。必要なときは管理者に依頼してください。",
        "en": "Only admins can do that. Please ask one of your admins.",
    },
    "lang.name.ja": {"ja": "日本語", "en": "Japanese"},
    "lang.name.en": {"ja": "英語", "en": "English"},
    "help.title": {"ja": "Kodo の使い方", "en": "How to use Kodo"},
    "help.unknown": {"ja": "「{words}」はわかりませんでした。", "en": "I didn't understand “{words}”."},
    "help.line": {"ja": "{command} — {what}", "en": "{command} — {what}"},
    "help.help": {"ja": "このヘルプ", "en": "this help"},
    "too_long": {
        "ja": "メッセージが長すぎます（{length}文字）。{max}文字以内で送ってください。",
        "en": "That message is too long ({length} characters). Please keep it to {max} characters or fewer.",
    },
    "error.internal": {
        "ja": "申し訳ありません。うまく処理できませんでした。少し時間をおいて、もう一度お試しください。",
        "en": "Sorry, something went wrong on my side. Please try again in a moment.",
    },
    "error.unavailable": {
        "ja": "申し訳ありません。ただいま一時的に応答できません。少し時間をおいて、もう一度お試しください。",
        "en": "Sorry, I can't answer just now. Please try again in a moment.",
    },
    "date": {"ja": "{year}年{month}月{day}日（{weekday}）", "en": "{weekday} {day} {month} {year}"},
    "date.short": {"ja": "{month}月{day}日", "en": "{day} {month}"},
    "date.long": {"ja": "{year}年{month}月{day}日", "en": "{day} {month} {year}"},
    "date.month": {"ja": "{year}年{month}月", "en": "{month} {year}"},
    "someone": {"ja": "○○", "en": "someone"},
    "press.unavailable": {
        "ja": "申し訳ありません。この選択肢はもう受け付けていません。受付が終了したか、Kodo 以外が表示した選択肢の可能性があります。",
        "en": "Sorry, this choice is no longer available. It may have closed, or it wasn't offered by Kodo.",
    },
    "breakdown.fewer": {"ja": "{min}人未満", "en": "fewer than {min}"},
}
