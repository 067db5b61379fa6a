"""Every sentence Kodo says, in Japanese first and English second. One place, so both stay in step:
a test checks that each key has both languages with the same placeholders."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- principles ---------------------------------------------------------------------------
    "list.title": {"ja": "{pack}", "en": "{pack}"},
    "list.hint": {
        "ja": "全文は番号で（{look_up}）、キーワードでも探せます（{search}）。",
        "en": "Read one in full by its number ({look_up}) or search by keyword ({search}).",
    },
    "list.pick": {"ja": "全文を読む原則を選んでください", "en": "Choose a principle to read in full"},
    "list.another": {"ja": "ほかの原則も読む", "en": "Read another principle"},
    "principle.heading": {"ja": "#{number} {title}", "en": "#{number} {title}"},
    "principle.background": {"ja": "① 背景", "en": "① Why it matters"},
    "principle.behaviours": {"ja": "② 具体的な行動原則", "en": "② What we do"},
    "principle.examples": {"ja": "具体例", "en": "Examples"},
    "principle.systems": {"ja": "③ 関連する仕組みや制度", "en": "③ Systems that support it"},
    "principle.do_not": {"ja": "（参考）望ましくない行動", "en": "What to avoid"},
    "principle.footer": {
        "ja": "この原則を実践している仲間を見つけたら、{recognise}で称えましょう。",
        "en": "Seen a colleague living this principle? Recognise them with {recognise}.",
    },
    "principle.out_of_range": {
        "ja": "{number}番の原則はありません。番号は1〜{size}です。",
        "en": "There is no principle {number}. The numbers run from 1 to {size}.",
    },
    "search.title": {"ja": "「{query}」に関係する原則", "en": "Principles about “{query}”"},
    "search.none": {
        "ja": "「{query}」に合う原則は見つかりませんでした。別のことばか、番号（{look_up}）で探してみてください。",
        "en": "Nothing matched “{query}”. Try another word, or a number ({look_up}).",
    },
    "search.word": {"ja": "顧客", "en": "customer"},
    # --- how each platform does things (see bot/howto.py) ---------------------------------------
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
    # --- kudos --------------------------------------------------------------------------------
    "kudos.usage": {
        "ja": "使い方：{usage}（例：{example}）",
        "en": "Usage: {usage} (for example: {example})",
    },
    "kudos.pick": {"ja": "原則を選ぶ", "en": "Choose a principle"},
    "kudos.args": {"ja": "@相手 番号 理由", "en": "@someone NUMBER reason"},
    "kudos.example": {"ja": "@bob 3 だれでも使えるフォームにしてくれた", "en": "@bob 3 made the form work for everyone"},
    "kudos.no_receiver": {"ja": "だれを称えるか、@で指定してください。", "en": "Say who you're recognising with an @mention."},
    "kudos.no_principle": {
        "ja": "どの原則を実践したのか、番号（1〜{size}）で指定してください。",
        "en": "Say which principle they lived, as a number from 1 to {size}.",
    },
    "kudos.self": {
        "ja": "自分自身には称賛を贈れません。すてきな行動をしている仲間を見つけたら、ぜひその人に贈ってください。",
        "en": "You can't give kudos to yourself. When you spot a colleague doing something great, send some their way!",
    },
    "kudos.bot": {"ja": "ボットには称賛を贈れません。", "en": "Bots don't collect kudos."},
    "kudos.own_message": {
        "ja": "自分のメッセージには称賛を贈れません。すてきな行動をしている仲間のメッセージで使ってください。",
        "en": "This is your own message, and you can't give kudos to yourself. Use this on a colleague's message.",
    },
    "kudos.bot_message": {
        "ja": "{author}はボットのため、このメッセージには称賛を贈れません。",
        "en": "{author} is a bot, and bots don't collect kudos.",
    },
    "kudos.bot_message.unnamed": {
        "ja": "ボットの投稿には称賛を贈れません。",
        "en": "This message is from a bot, and bots don't collect kudos.",
    },
    "kudos.limit": {
        "ja": "今日はすでに{limit}件の称賛を贈りました（1日{limit}件まで）。この称賛は記録していません。また明日贈ってください。",
        "en": "You've already given {limit} kudos today, the daily limit, so this one wasn't recorded. "
              "You can give more tomorrow.",
    },
    "kudos.reason_too_long": {
        "ja": "理由は{max}文字までです（いまは{length}文字）。短くしてもう一度送ってください。",
        "en": "The reason can be at most {max} characters (yours has {length}). Please shorten it and send it again.",
    },
    "kudos.posted": {
        "ja": "{giver}さんが{receiver}さんを称えました：{badge}#{number} {title}",
        "en": "{giver} recognised {receiver} for {badge}#{number} {title}",
    },
    "kudos.reason": {"ja": "「{reason}」", "en": "“{reason}”"},
    "kudos.dm": {
        "ja": "{giver}さんから称賛が届きました：{badge}#{number} {title}",
        "en": "{giver} sent you kudos for {badge}#{number} {title}",
    },
    "kudos.dm_more": {
        "ja": "ほかにも{count}件の称賛が届いています。すべて /kodo me で確かめられます。",
        "en": "…and {count} more kudos. /kodo me shows them all.",
    },
    "kudos.recorded": {
        "ja": "{receiver}さんへの称賛（#{number} {title}）を記録しました。",
        "en": "Recorded your kudos to {receiver} for #{number} {title}.",
    },
    "kudos.remaining": {"ja": "今日はあと{remaining}件贈れます。", "en": "You can give {remaining} more today."},
    "kudos.remaining.one": {"ja": "今日贈れるのはあと1件です。", "en": "You can give one more today."},
    "kudos.remaining.none": {
        "ja": "今日贈れる称賛はこれで最後です。また明日贈れます。",
        "en": "That was your last one for today. You can give more tomorrow.",
    },
    "kudos.duplicate": {
        "ja": "この称賛はすでに記録されています。",
        "en": "You've already given this kudos.",
    },
    "kudos.revoked": {
        "ja": "{receiver}さんへの称賛（#{number}）を取り消しました。",
        "en": "Withdrew your kudos to {receiver} for #{number}.",
    },
    "kudos.revoked.someone": {"ja": "称賛（#{number}）を取り消しました。", "en": "Withdrew your kudos for #{number}."},
    # --- me, settings -------------------------------------------------------------------------
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
    "admin.only": {
        "ja": "このコマンドは管理者だけが使えます。必要なときは管理者に依頼してください。",
        "en": "Only admins can do that. Please ask one of your admins.",
    },
    "subscribe.usage": {
        "ja": "使い方：{subscribe}、{unsubscribe}",
        "en": "Usage: {subscribe}, or {unsubscribe}",
    },
    "subscribe.tips": {
        "ja": "このチャンネルに、平日（祝日を除く）の{time}に行動規範のヒントを届けます（{language}）。",
        "en": "This channel will get a principle tip at {time} on working days ({language}).",
    },
    "subscribe.roundup": {
        "ja": "このチャンネルに、毎週金曜の{time}に称賛の週間まとめを届けます（{language}）。",
        "en": "This channel will get the weekly kudos roundup on Fridays at {time} ({language}).",
    },
    "subscribe.already": {
        "ja": "このチャンネルはすでに{kind}を購読しています（{language}）。",
        "en": "This channel is already subscribed to {kind} ({language}).",
    },
    "unsubscribe.done": {"ja": "このチャンネルへの{kind}の配信を止めました。", "en": "This channel will no longer get {kind}."},
    "unsubscribe.none": {"ja": "このチャンネルは{kind}を購読していません。", "en": "This channel isn't subscribed to {kind}."},
    "kind.tips": {"ja": "行動規範のヒント", "en": "daily tips"},
    "kind.roundup": {"ja": "週間まとめ", "en": "weekly roundups"},
    "lang.name.ja": {"ja": "日本語", "en": "Japanese"},
    "lang.name.en": {"ja": "英語", "en": "English"},
    # --- help and errors ----------------------------------------------------------------------
    "help.title": {"ja": "Kodo の使い方", "en": "How to use Kodo"},
    "help.unknown": {"ja": "「{words}」はわかりませんでした。", "en": "I didn't understand “{words}”."},
    "help.line": {"ja": "{command} — {what}", "en": "{command} — {what}"},
    "help.list": {"ja": "原則の一覧", "en": "list the principles"},
    "help.show": {"ja": "原則の全文（３、#3、三 でも）", "en": "one principle in full (#3 and three work too)"},
    "help.search": {"ja": "キーワードで原則を探す", "en": "find principles by keyword"},
    "help.search.args": {"ja": "キーワード", "en": "KEYWORD"},
    "help.kudos": {"ja": "仲間を称える", "en": "recognise a colleague"},
    "help.recognise": {"ja": "メッセージの投稿者を称える", "en": "recognise a message's author"},
    "help.me": {"ja": "贈った称賛・受け取った称賛", "en": "the kudos you gave and received"},
    "help.ranking": {"ja": "ランキングから外れる／戻る", "en": "leave or rejoin the rankings"},
    "help.lang": {"ja": "言語を切り替える", "en": "switch language"},
    "help.forget": {"ja": "あなたの識別情報を消す", "en": "remove your identity from Kodo"},
    "help.subscribe": {"ja": "このチャンネルに配信する（管理者）", "en": "post here (admins)"},
    "help.unsubscribe": {"ja": "配信を止める（管理者）", "en": "stop posting here (admins)"},
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
    # --- tips and roundups --------------------------------------------------------------------
    "tip.title": {"ja": "今日の行動規範：{badge}#{number} {title}", "en": "Today's principle: {badge}#{number} {title}"},
    "tip.title.dated": {
        "ja": "{date}の行動規範：{badge}#{number} {title}",
        "en": "Principle for {date}: {badge}#{number} {title}",
    },
    "tip.more": {"ja": "全文は {look_up} で読めます。", "en": "Read it in full: {look_up}"},
    "tip.none.weekend": {
        "ja": "{date}は週末のため、行動規範のヒントの配信はありません。",
        "en": "{date} falls on a weekend, so no tip is scheduled.",
    },
    "tip.none.holiday": {
        "ja": "{date}は祝日（{name}）のため、行動規範のヒントの配信はありません。",
        "en": "{date} is a public holiday ({name}), so no tip is scheduled.",
    },
    "tip.none.year_end": {
        "ja": "{date}は年末年始の休日（12月29日〜1月3日）のため、行動規範のヒントの配信はありません。",
        "en": "{date} falls in the year-end and New Year holidays (29 December to 3 January), so no tip is scheduled.",
    },
    "tip.none.closed": {
        "ja": "{date}は休業日に定められているため、行動規範のヒントの配信はありません。",
        "en": "{date} is set as a closed day, so no tip is scheduled.",
    },
    "date": {"ja": "{year}年{month}月{day}日（{weekday}）", "en": "{weekday} {day} {month} {year}"},
    "date.short": {"ja": "{month}月{day}日", "en": "{day} {month}"},
    "date.long": {"ja": "{year}年{month}月{day}日", "en": "{day} {month} {year}"},
    "roundup.title": {"ja": "今週の称賛まとめ（{start}〜{end}）", "en": "This week's kudos ({start} – {end})"},
    "roundup.title.past": {"ja": "{start}の週の称賛まとめ", "en": "Kudos for the week of {start}"},
    "roundup.total": {"ja": "称賛は全部で{total}件です。", "en": "{total} kudos in all."},
    "roundup.total.one": {"ja": "称賛は全部で1件です。", "en": "One kudos in all."},
    "roundup.change.up": {
        "ja": "前の週より{delta}件多くなりました（前の週は{last}件）。",
        "en": "That's {delta} more than the week before ({last}).",
    },
    "roundup.change.down": {
        "ja": "前の週より{delta}件少なくなりました（前の週は{last}件）。",
        "en": "That's {delta} fewer than the week before ({last}).",
    },
    "roundup.change.same": {"ja": "前の週と同じ件数です。", "en": "That's the same as the week before."},
    "roundup.change.first": {"ja": "前の週は0件でした。", "en": "The week before had none."},
    "roundup.per_principle": {"ja": "原則ごとの称賛", "en": "Kudos per principle"},
    "roundup.count": {"ja": "{badge}#{number} {title}：{count}件", "en": "{badge}#{number} {title}: {count}"},
    "roundup.top": {"ja": "多く称えられた人", "en": "Most recognised"},
    "roundup.top_line": {"ja": "{who}さん：{count}件", "en": "{who}: {count}"},
    "roundup.episodes": {"ja": "注目のエピソード", "en": "Stories worth sharing"},
    "roundup.episode": {
        "ja": "{giver}さん → {receiver}さん #{number}「{reason}」（{why}）",
        "en": "{giver} → {receiver}, #{number}: “{reason}” ({why})",
    },
    "roundup.episode.plain": {
        "ja": "{giver}さん → {receiver}さん #{number}「{reason}」",
        "en": "{giver} → {receiver}, #{number}: “{reason}”",
    },
    "roundup.why.many": {"ja": "{count}人が称えたメッセージ", "en": "recognised by {count} people"},
    "roundup.why.rare": {"ja": "実践の少ない#{number}の貴重な例", "en": "a rare example of #{number}"},
    "roundup.why.reason": {"ja": "理由が具体的な称賛", "en": "a reason told in detail"},
    "roundup.link": {"ja": "元のメッセージ：{link}", "en": "Original message: {link}"},
    "roundup.least": {"ja": "もっと実践したい原則", "en": "A principle to practise more"},
    "roundup.invite": {
        "ja": "{badge}#{number} {title}（{counted}）。実践している仲間を見つけたら、{recognise}で称えましょう。",
        "en": "{badge}#{number} {title} ({counted}). When you see someone living it, recognise them with {recognise}.",
    },
    "roundup.counted": {"ja": "{count}件", "en": "recognised {count} times"},
    "roundup.counted.one": {"ja": "1件", "en": "recognised once"},
    "roundup.counted.zero": {"ja": "0件", "en": "not recognised at all"},
    "roundup.empty": {
        "ja": "今週はまだ称賛がありません。原則を実践している仲間を見つけたら、{recognise}で称えてみましょう。",
        "en": "No kudos yet this week. When you see a colleague living a principle, recognise them with {recognise}.",
    },
    "roundup.empty.past": {"ja": "この週の称賛はありませんでした。", "en": "There were no kudos that week."},
    # --- teams --------------------------------------------------------------------------------
    "teams.task.title": {"ja": "称賛を贈る", "en": "Give kudos"},
    "teams.task.intro": {"ja": "{author}さんのこのメッセージを称えます。", "en": "Recognise {author} for this message."},
    "teams.task.principle": {"ja": "実践していた原則", "en": "The principle they lived"},
    "teams.task.reason": {"ja": "理由（任意）", "en": "Why (optional)"},
    "teams.task.placeholder": {"ja": "どんなところが良かったですか？", "en": "What was great about it?"},
    "teams.task.submit": {"ja": "贈る", "en": "Give kudos"},
    "teams.task.required": {"ja": "原則を選んでください。", "en": "Please choose a principle."},
    "teams.choices.go": {"ja": "決定", "en": "OK"},
    "teams.choices.required": {"ja": "選んでから押してください。", "en": "Choose one first."},
    # --- Teams app manifest (adapters/teams/package.py) ----------------------------------------
    "teams.manifest.name": {"ja": "Kodo：行動規範を毎日のチャットに", "en": "Kodo: your code of conduct in everyday chat"},
    "teams.manifest.short": {
        "ja": "行動規範を日々のチャットで生きたものに：原則、ヒント、称賛。",
        "en": "Keep your code of conduct alive: principles, tips and kudos.",
    },
    "teams.manifest.full": {
        "ja": "Kodo は組織の行動規範をチャットで示し、平日の朝にヒントを、金曜に称賛の週間まとめを届けます。"
              "原則を実践した仲間は「@Kodo kudos @相手 3 理由」か、メッセージの「…」メニューの「称賛を贈る」で称えられます。",
        "en": "Kodo shows your organisation's principles, posts a tip on working-day mornings and a weekly kudos "
              "roundup on Fridays, and lets colleagues recognise each other for living a principle: "
              "“@Kodo kudos @colleague 3 reason”, or “Give kudos” in any message's … menu.",
    },
    "teams.manifest.principle": {
        "ja": "原則の一覧。「principle 3」で全文、「principle 顧客」で検索",
        "en": "The principles; “principle 3” shows one in full, “principle customer” searches",
    },
    "teams.manifest.kudos": {
        "ja": "「kudos @相手 3 理由」：原則3を実践した仲間を称える",
        "en": "“kudos @colleague 3 reason”: recognise a colleague for living principle 3",
    },
    "teams.manifest.me": {"ja": "贈った称賛・受け取った称賛を原則ごとに", "en": "The kudos you gave and received, per principle"},
    "teams.manifest.ranking": {"ja": "「ranking off|on」：週間ランキングから外れる／戻る", "en": "“ranking off|on”: leave or rejoin the weekly rankings"},
    "teams.manifest.lang": {"ja": "「lang ja|en」：言語を切り替える", "en": "“lang ja|en”: switch language"},
    "teams.manifest.forget": {"ja": "Kodo に記録されたあなたの識別情報を消す", "en": "Remove your identity from everything Kodo stored"},
    "teams.manifest.subscribe": {
        "ja": "「subscribe tips|roundup [ja|en]」：ヒントや週間まとめをここに配信（管理者）",
        "en": "“subscribe tips|roundup [ja|en]”: post daily tips or weekly roundups here (admins)",
    },
    "teams.manifest.unsubscribe": {
        "ja": "「unsubscribe tips|roundup」：ここへの配信を止める（管理者）",
        "en": "“unsubscribe tips|roundup”: stop posting them here (admins)",
    },
    "teams.manifest.help": {"ja": "Kodo にできることの一覧", "en": "Everything Kodo understands"},
    "teams.manifest.action": {
        "ja": "このメッセージの投稿者を、実践した原則とともに称えます",
        "en": "Recognise the author of this message for living a principle",
    },
    # --- Slack structure (modal, manifest) ---------------------------------------------------
    "slack.modal.title": {"ja": "称賛を贈る", "en": "Give kudos"},
    "slack.modal.submit": {"ja": "贈る", "en": "Give kudos"},
    "slack.modal.close": {"ja": "キャンセル", "en": "Cancel"},
    "slack.modal.done": {"ja": "閉じる", "en": "Close"},
    "slack.modal.to": {"ja": "{receiver}さんのこのメッセージを称えます。", "en": "Recognise {receiver} for this message."},
    "slack.modal.principle": {"ja": "実践していた原則", "en": "The principle they lived"},
    "slack.modal.reason": {"ja": "理由（任意）", "en": "Why (optional)"},
    "slack.modal.missing": {"ja": "原則を選んでください。", "en": "Please choose a principle."},
    "slack.manifest.description": {
        "ja": "行動規範を日々のチャットで生きたものにします。原則の参照と、仲間への称賛。",
        "en": "Keeps your code of conduct alive in everyday chat: look up principles, recognise colleagues.",
    },
    "slack.manifest.principle": {"ja": "行動規範の原則を表示・検索", "en": "Show or search the principles"},
    "slack.manifest.principle_hint": {"ja": "[番号 | キーワード]", "en": "[number | keyword]"},
    "slack.manifest.kudos": {"ja": "仲間の原則の実践を称える", "en": "Recognise a colleague for living a principle"},
    "slack.manifest.kudos_hint": {"ja": "@相手 番号 [理由]", "en": "@someone NUMBER [reason]"},
    "slack.manifest.kodo": {"ja": "自分の称賛・設定・ヘルプ", "en": "Your kudos, settings and help"},
    "slack.manifest.kodo_hint": {
        "ja": "me | lang ja|en | ranking on|off | forget-me | subscribe tips|roundup | help",
        "en": "me | lang ja|en | ranking on|off | forget-me | subscribe tips|roundup | help",
    },
    "slack.manifest.shortcut": {"ja": "称賛を贈る", "en": "Give kudos"},
    "slack.manifest.shortcut_description": {
        "ja": "このメッセージの投稿者を、実践した原則とともに称えます",
        "en": "Recognise this message's author for a principle they lived",
    },
    # Slack distribution: the pages of the install link, and the answer to a workspace without Kodo.
    "slack.install.done.title": {"ja": "Kodo を追加しました", "en": "Kodo is installed"},
    "slack.install.done": {"ja": "{name}に Kodo を追加しました。", "en": "Kodo is now installed in {name}."},
    "slack.install.next": {
        "ja": "Slack に戻り、Kodo に参加してほしいチャンネルで /invite @Kodo と入力して招待してください。"
              "そのチャンネルで /kodo help と入力すると、使い方が表示されます。",
        "en": "Back in Slack, invite Kodo to the channels it should take part in (type /invite @Kodo there), "
              "then type /kodo help to see what it can do.",
    },
    "slack.install.failed.title": {"ja": "Kodo を追加できませんでした", "en": "Kodo could not be installed"},
    "slack.install.cancelled": {"ja": "インストールは取り消されました。", "en": "The installation was cancelled."},
    "slack.install.expired": {
        "ja": "このインストール用リンクは有効期限が切れているか、すでに使用されています。",
        "en": "This install link has expired or has already been used.",
    },
    "slack.install.failed": {
        "ja": "Slack とのやり取りを完了できませんでした。",
        "en": "Kodo could not complete the exchange with Slack.",
    },
    "slack.install.again": {"ja": "最初からやり直してください：{link}", "en": "Please start again: {link}"},
    "slack.install.link": {"ja": "Kodo を Slack に追加する", "en": "Add Kodo to Slack"},
    "slack.not_installed": {
        "ja": "Kodo はこのワークスペースにインストールされていません。ワークスペースの管理者に追加を依頼してください。",
        "en": "Kodo is not installed in this workspace. Please ask a workspace admin to add it.",
    },
    # --- console ------------------------------------------------------------------------------
    "console.help": {
        "ja": "コンソール専用：/as 名前（別の人として話す）、/react 番号 絵文字、/unreact 番号 絵文字、"
              "/pick 記号 番号（[c2] などの選択肢を選ぶ）、/tip [日付]、/roundup [週]、/help",
        "en": "Console only: /as NAME (act as someone else), /react N EMOJI, /unreact N EMOJI, "
              "/pick HANDLE N (choose from a list such as [c2]), /tip [DATE], /roundup [WEEK], /help",
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
    "console.week_not_started": {
        "ja": "{week}（{start}からの週）はまだ始まっていません。今週のこれまでのまとめは /roundup で見られます。",
        "en": "The week {week} (from {start}) hasn't started yet. /roundup shows this week so far.",
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
    # --- choices (bot/presses.py) ---------------------------------------------------------------
    "press.unavailable": {
        "ja": "申し訳ありません。この選択肢はもう受け付けていません。受付が終了したか、Kodo 以外が表示した選択肢の可能性があります。",
        "en": "Sorry, this choice is no longer available. It may have closed, or it wasn't offered by Kodo.",
    },
    # --- people's words (privacy) ---------------------------------------------------------------
    "kudos.unresolved": {
        "ja": "{platform}で{name}さんが見つからなかったため、この称賛は記録していません。「@」に続けて名前を入力し、"
              "表示される候補から相手を選んで、もう一度送ってください。",
        "en": "{platform} couldn't find {name}, so this kudos wasn't recorded. Type @ and the name, pick the "
              "person from the list {platform} shows, and send it again.",
    },
    "someone": {"ja": "○○", "en": "someone"},
    "breakdown.fewer": {"ja": "{min}人未満", "en": "fewer than {min}"},
    # --- dashboard (見える化) ------------------------------------------------------------------
    "dashboard.title": {"ja": "行動規範ダッシュボード", "en": "Code of conduct dashboard"},
    "dashboard.period": {"ja": "{start}〜{end}（{weeks}週間）", "en": "{start} – {end} ({weeks} weeks)"},
    "dashboard.period.one": {"ja": "{start}〜{end}（1週間）", "en": "{start} – {end} (one week)"},
    "dashboard.scope.all": {"ja": "組織全体", "en": "Whole organisation"},
    "dashboard.scope.some": {"ja": "絞り込み：{filters}", "en": "Filtered by {filters}"},
    "dashboard.filter": {"ja": "{name}「{value}」", "en": "{name} {value}"},
    "dashboard.skip": {"ja": "本文へ移動", "en": "Skip to the figures"},
    "dashboard.filters": {"ja": "表示条件", "en": "What to show"},
    "dashboard.weeks": {"ja": "期間", "en": "Period"},
    "dashboard.weeks_n": {"ja": "{weeks}週間", "en": "{weeks} weeks"},
    "dashboard.weeks_n.one": {"ja": "1週間", "en": "one week"},
    "dashboard.platform": {"ja": "プラットフォーム", "en": "Platform"},
    "dashboard.all": {"ja": "すべて", "en": "All"},
    "dashboard.organisation": {"ja": "組織（Enterprise Grid）", "en": "Organisation (Enterprise Grid)"},
    "dashboard.workspace": {"ja": "ワークスペース", "en": "Workspace"},
    "dashboard.channel": {"ja": "チャンネル", "en": "Channel"},
    "dashboard.apply": {"ja": "表示する", "en": "Show"},
    "dashboard.other_lang": {"ja": "English", "en": "日本語"},
    "dashboard.summary": {"ja": "この期間の概要", "en": "At a glance"},
    "dashboard.total": {"ja": "称賛の合計", "en": "Kudos in all"},
    "dashboard.this_week": {"ja": "今週の称賛（先週は{last}件）", "en": "Kudos this week (last week: {last})"},
    "dashboard.this_week.alone": {"ja": "今週の称賛", "en": "Kudos this week"},
    "dashboard.givers_week": {"ja": "今週、称賛を贈った人", "en": "People who gave kudos this week"},
    "dashboard.coverage": {"ja": "称賛のあった原則", "en": "Principles recognised"},
    "dashboard.coverage_value": {"ja": "{covered} / {size}", "en": "{covered} of {size}"},
    "dashboard.unit.kudos": {"ja": "{count}件", "en": "{count}"},
    "dashboard.unit.people": {"ja": "{count}人", "en": "{count}"},
    "dashboard.invite.title": {"ja": "もっと実践したい原則", "en": "A principle to practise more"},
    "dashboard.invite": {
        "ja": "#{number} {title}（この期間は{counted}）。実践している仲間を見つけたら、この原則で称えましょう。",
        "en": "#{number} {title} ({counted} in this period). When you see someone living it, recognise "
              "them for this principle.",
    },
    "dashboard.per_principle": {"ja": "原則ごとの称賛", "en": "Kudos per principle"},
    "dashboard.per_principle.desc": {
        "ja": "原則ごとの、期間中の称賛の合計（棒グラフ）と週ごとの推移（折れ線グラフ、左が古い週）です。",
        "en": "For each principle, the kudos in the period (bar) and week by week (line, oldest week first).",
    },
    "dashboard.chart.period_total": {"ja": "期間の合計", "en": "Period total"},
    "dashboard.chart.by_week": {"ja": "週ごと（古い週 → 新しい週）", "en": "Week by week (oldest → newest)"},
    "dashboard.participation": {"ja": "週ごとの称賛件数と参加人数", "en": "Kudos and people per week"},
    "dashboard.participation.desc": {
        "ja": "週ごとの称賛の件数（棒グラフ）、称賛を贈った人数（実線）、受けた人数（破線）です。",
        "en": "Kudos per week (bars), people who gave kudos (solid line) and people who received them "
              "(dashed line).",
    },
    "dashboard.uncovered.title": {"ja": "称賛のなかった原則", "en": "Principles nobody was recognised for"},
    "dashboard.uncovered.none": {
        "ja": "この期間、すべての原則に称賛がありました。",
        "en": "Every principle was recognised in this period.",
    },
    "dashboard.numbers": {"ja": "数値表", "en": "The numbers"},
    "dashboard.table.weeks": {"ja": "週ごとの数値", "en": "Figures per week"},
    "dashboard.table.principles": {"ja": "原則ごとの称賛（期間の合計）", "en": "Kudos per principle (the whole period)"},
    "dashboard.col.week": {"ja": "週", "en": "Week"},
    "dashboard.col.start": {"ja": "開始日", "en": "Starts on"},
    "dashboard.col.kudos": {"ja": "称賛", "en": "Kudos"},
    "dashboard.col.givers": {"ja": "贈った人数", "en": "Givers"},
    "dashboard.col.receivers": {"ja": "受けた人数", "en": "Receivers"},
    "dashboard.col.tips": {"ja": "ヒントの配信数", "en": "Tips posted"},
    "dashboard.col.principle": {"ja": "原則", "en": "Principle"},
    "dashboard.empty": {"ja": "この期間の称賛はありません。", "en": "No kudos in these weeks."},
    "dashboard.empty.shown": {
        "ja": "表示できる週には、称賛はありません。",
        "en": "No kudos in the weeks that can be shown.",
    },
    "dashboard.withheld": {"ja": "{count}人未満のため非表示", "en": "Not shown: fewer than {count} people"},
    "dashboard.withheld_note": {
        "ja": "参加者が{count}人未満の週は、個人が特定されないよう数値を表示しません（合計との差からも分からないようにしています）。",
        "en": "Weeks with fewer than {count} people are not shown, so nobody can be singled out (not even "
              "by subtracting from a total).",
    },
    "dashboard.open_data": {
        "ja": "同じ数値をオープンデータ（{json}・{csv}）として取得できます。",
        "en": "The same numbers are available as open data ({json}, {csv}).",
    },
    "dashboard.generated": {"ja": "集計日時：{at}（{tz}）", "en": "Counted at {at} ({tz})"},
    # --- GET / ----------------------------------------------------------------------------------
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
    "dashboard.privacy": {
        "ja": "このページには集計した数だけを載せており、個人の名前は表示しません。",
        "en": "This page shows counts only and never names a person.",
    },
}
