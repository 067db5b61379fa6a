"""What ``/kodo me``, ``ranking``, ``lang`` and ``forget-me`` say."""

MESSAGES: dict[str, dict[str, str]] = {
    "me.title": {"ja": "あなたの称賛", "en": "Your kudos"},
    "me.given": {"ja": "贈った称賛：{count}件", "en": "Given: {count}"},
    "me.received": {"ja": "受け取った称賛：{count}件", "en": "Received: {count}"},
    "me.line": {"ja": "#{number} {title}：{count}件", "en": "#{number} {title}: {count}"},
    "me.today": {"ja": "今日贈った称賛：{count}件（1日{limit}件まで）", "en": "Given today: {count} of {limit}"},
    "me.today_unlimited": {"ja": "今日贈った称賛：{count}件", "en": "Given today: {count}"},
    "me.ranking_off": {
        "ja": "週間まとめのランキングには参加していません（{command} で参加できます）。",
        "en": "You're not in the weekly rankings ({command} to rejoin).",
    },
    "me.none": {
        "ja": "まだ称賛の記録がありません。原則を実践している仲間を見つけたら、{recognise}で称えてみましょう。",
        "en": "No kudos yet. When you see a colleague living a principle, recognise them with {recognise}.",
    },
    "ranking.off": {
        "ja": "週間まとめのランキングから外れました。受け取った称賛はこれまでどおり記録されます。",
        "en": "You're out of the weekly rankings. Kudos you receive are still recorded.",
    },
    "ranking.on": {"ja": "週間まとめのランキングに参加します。", "en": "You're back in the weekly rankings."},
    "ranking.usage": {"ja": "使い方：{off} または {on}", "en": "Usage: {off} or {on}"},
    "ranking.none": {
        "ja": "この組織では、週間まとめで人のランキングを出していません。",
        "en": "Your organisation doesn't rank anyone in the weekly roundups.",
    },
    "ranking.none.off": {
        "ja": "この組織では、週間まとめで人のランキングを出していません。今後ランキングを出すことになっても、あなたは載らないよう"
              "記録しました。",
        "en": "Your organisation doesn't rank anyone in the weekly roundups. I've noted that you'd rather stay out "
              "if it ever does.",
    },
    "ranking.none.on": {
        "ja": "この組織では、週間まとめで人のランキングを出していません。今後ランキングを出すことになったら、あなたも載ります。",
        "en": "Your organisation doesn't rank anyone in the weekly roundups. If it ever does, you'll be included.",
    },
    "lang.set": {"ja": "これからは日本語でお返事します。", "en": "I'll reply in English from now on."},
    "lang.usage": {"ja": "使い方：{ja} または {en}", "en": "Usage: {ja} or {en}"},
    "lang.unknown": {
        "ja": "「{asked}」は選べません。選べる言語は日本語（{ja}）と英語（{en}）です。",
        "en": "“{asked}” isn't a language I can use. You can choose Japanese ({ja}) or English ({en}).",
    },
    "forget.done": {
        "ja": "{count}件の称賛からあなたの識別情報を削除し、設定も消去しました。称賛の件数は匿名のまま残ります。",
        "en": "Your identity was removed from {count} kudos and your settings were deleted. "
              "Those kudos still count, anonymously.",
    },
    "forget.done.one": {
        "ja": "1件の称賛からあなたの識別情報を削除し、設定も消去しました。称賛の件数は匿名のまま残ります。",
        "en": "Your identity was removed from the one kudos that named you, and your settings were deleted. "
              "It still counts, anonymously.",
    },
    "forget.done.none": {
        "ja": "あなたが関わった称賛の記録はありませんでした。設定などKodoが覚えていたことは消去しました。",
        "en": "No kudos named you. Your settings and anything else Kodo knew about you were deleted.",
    },
    "help.me": {"ja": "贈った称賛・受け取った称賛", "en": "the kudos you gave and received"},
    "help.ranking": {"ja": "ランキングから外れる／戻る", "en": "leave or rejoin the rankings"},
    "help.lang": {"ja": "言語を切り替える", "en": "switch language"},
    "help.forget": {"ja": "あなたの識別情報を消す", "en": "remove your identity from Kodo"},
    "teams.manifest.me": {"ja": "贈った称賛・受け取った称賛を原則ごとに", "en": "The kudos you gave and received, per principle"},
    "teams.manifest.ranking": {"ja": "「ranking off|on」：週間ランキングから外れる／戻る", "en": "“ranking off|on”: leave or rejoin the weekly rankings"},
    "teams.manifest.lang": {"ja": "「lang ja|en」：言語を切り替える", "en": "“lang ja|en”: switch language"},
    "teams.manifest.forget": {"ja": "Kodo に記録されたあなたの識別情報を消す", "en": "Remove your identity from everything Kodo stored"},
}
