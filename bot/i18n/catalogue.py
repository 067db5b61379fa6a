"""Every sentence Kodo says, in Japanese first and English second. One place, so both stay in step:
a test checks that each key has both languages with the same placeholders."""

MESSAGES: dict[str, dict[str, str]] = {
    # --- principles ---------------------------------------------------------------------------
    "list.title": {"ja": "{pack}", "en": "{pack}"},
    "list.hint": {
        "ja": "全文は番号で（/principle 3）、キーワードでも探せます（/principle 顧客）。",
        "en": "Read one in full by number (/principle 3) or search by keyword (/principle customer).",
    },
    "principle.heading": {"ja": "#{number} {title}", "en": "#{number} {title}"},
    "principle.background": {"ja": "① 背景", "en": "① Why it matters"},
    "principle.behaviours": {"ja": "② 具体的な行動原則", "en": "② What we do"},
    "principle.examples": {"ja": "例えば", "en": "For example"},
    "principle.systems": {"ja": "③ 関連する仕組みや制度", "en": "③ Systems that support it"},
    "principle.do_not": {"ja": "やってほしくないこと: {text}", "en": "Please don't: {text}"},
    "principle.footer": {
        "ja": "この原則を実践している仲間を見つけたら、:{emoji}: でリアクションして称えましょう。",
        "en": "Seen a colleague living this? React with :{emoji}: to recognise them.",
    },
    "principle.out_of_range": {
        "ja": "{number} 番の原則はありません。番号は 1〜{size} です。",
        "en": "There is no principle {number}. The numbers run from 1 to {size}.",
    },
    "search.title": {"ja": "「{query}」に関係する原則", "en": "Principles about “{query}”"},
    "search.none": {
        "ja": "「{query}」に合う原則は見つかりませんでした。別のことばか、番号（/principle 3）で探してみてください。",
        "en": "Nothing matched “{query}”. Try another word, or a number (/principle 3).",
    },
    # --- kudos --------------------------------------------------------------------------------
    "kudos.usage": {
        "ja": "使い方: /kudos @相手 番号 理由　（例: /kudos @bob 3 だれでも使えるフォームにしてくれた）",
        "en": "Usage: /kudos @someone NUMBER reason   (e.g. /kudos @bob 3 made the form work for everyone)",
    },
    "kudos.no_receiver": {"ja": "だれを称えるか、@で指定してください。", "en": "Say who you are recognising with an @mention."},
    "kudos.no_principle": {
        "ja": "どの原則の実践か、番号（1〜{size}）で指定してください。",
        "en": "Say which principle they lived, as a number from 1 to {size}.",
    },
    "kudos.self": {
        "ja": "自分自身に称賛は贈れません。すてきな行動をしている仲間を見つけたら、ぜひその人に贈ってください。",
        "en": "You can't give kudos to yourself. Spot a colleague doing something great and send it their way!",
    },
    "kudos.bot": {"ja": "ボットには称賛を贈れません。", "en": "Bots don't collect kudos."},
    "kudos.limit": {
        "ja": "今日はすでに {limit} 件の称賛を贈りました（1日 {limit} 件まで）。この称賛は記録していません。また明日どうぞ。",
        "en": "You have already given {limit} kudos today (the limit is {limit} a day), so this one was not "
              "recorded. Try again tomorrow.",
    },
    "kudos.reason_too_long": {
        "ja": "理由は {max} 文字までです（いまは {length} 文字）。短くしてもう一度送ってください。",
        "en": "The reason can be at most {max} characters (yours has {length}). Please shorten it and send again.",
    },
    "kudos.posted": {
        "ja": "{giver} さんが {receiver} さんを称えました　:{emoji}: #{number} {title}",
        "en": "{giver} recognised {receiver} for :{emoji}: #{number} {title}",
    },
    "kudos.reason": {"ja": "「{reason}」", "en": "“{reason}”"},
    "kudos.dm": {
        "ja": "{giver} さんから称賛が届きました　:{emoji}: #{number} {title}",
        "en": "{giver} sent you kudos for :{emoji}: #{number} {title}",
    },
    "kudos.dm_more": {
        "ja": "ほかに {count} 件の称賛が届いています。すべて /kodo me で確かめられます。",
        "en": "…and {count} more kudos. /kodo me shows them all.",
    },
    "kudos.recorded": {
        "ja": "{receiver} さんへの称賛（#{number} {title}）を記録しました。",
        "en": "Kudos to {receiver} for #{number} {title} recorded.",
    },
    "kudos.remaining": {"ja": "今日はあと {remaining} 件贈れます。", "en": "You can give {remaining} more today."},
    "kudos.duplicate": {
        "ja": "この称賛はすでに記録されています。",
        "en": "That kudos is already recorded.",
    },
    "kudos.revoked": {
        "ja": "{receiver} さんへの称賛（#{number}）を取り消しました。",
        "en": "Your kudos to {receiver} for #{number} was withdrawn.",
    },
    # --- me, settings -------------------------------------------------------------------------
    "me.title": {"ja": "あなたの称賛", "en": "Your kudos"},
    "me.given": {"ja": "贈った称賛: {count} 件", "en": "Given: {count}"},
    "me.received": {"ja": "受け取った称賛: {count} 件", "en": "Received: {count}"},
    "me.line": {"ja": "#{number} {title}: {count} 件", "en": "#{number} {title}: {count}"},
    "me.today": {"ja": "今日贈った数: {count} / {limit}", "en": "Given today: {count} of {limit}"},
    "me.today_unlimited": {"ja": "今日贈った数: {count}", "en": "Given today: {count}"},
    "me.ranking_off": {
        "ja": "ランキングには参加していません（/kodo ranking on で参加）。",
        "en": "You are not in the rankings (/kodo ranking on to rejoin).",
    },
    "me.none": {
        "ja": "まだ称賛の記録がありません。仲間の良い行動を見つけたら :kodo1: 〜 :kodo10: でリアクションしてみましょう。",
        "en": "No kudos yet. When you see a colleague living a principle, react with :kodo1: to :kodo10:.",
    },
    "ranking.off": {
        "ja": "週のまとめのランキングから外れました。称賛そのものは引き続き記録されます。",
        "en": "You're out of the weekly rankings. Kudos you receive are still recorded.",
    },
    "ranking.on": {"ja": "週のまとめのランキングに参加します。", "en": "You're back in the weekly rankings."},
    "ranking.usage": {"ja": "使い方: /kodo ranking off または /kodo ranking on", "en": "Usage: /kodo ranking off or /kodo ranking on"},
    "lang.set": {"ja": "これからは日本語でお返事します。", "en": "I'll reply in English from now on."},
    "lang.usage": {"ja": "使い方: /kodo lang ja または /kodo lang en", "en": "Usage: /kodo lang ja or /kodo lang en"},
    "forget.done": {
        "ja": "{count} 件の記録からあなたの識別情報を削除し、設定を消去しました。称賛の件数は匿名のまま残ります。",
        "en": "Your identity was removed from {count} records and your settings were deleted. "
              "The kudos still count, anonymously.",
    },
    "admin.only": {
        "ja": "このコマンドは管理者だけが使えます。必要なときは管理者に依頼してください。",
        "en": "Only admins can do that. Please ask one of your admins.",
    },
    "subscribe.usage": {
        "ja": "使い方: /kodo subscribe tips|roundup [ja|en]、/kodo unsubscribe tips|roundup",
        "en": "Usage: /kodo subscribe tips|roundup [ja|en], /kodo unsubscribe tips|roundup",
    },
    "subscribe.tips": {
        "ja": "このチャンネルに平日の朝9時、今日の行動規範を届けます（{language}）。",
        "en": "This channel will get a principle tip every working day at 9:00 ({language}).",
    },
    "subscribe.roundup": {
        "ja": "このチャンネルに毎週金曜17時、称賛のまとめを届けます（{language}）。",
        "en": "This channel will get the weekly kudos roundup every Friday at 17:00 ({language}).",
    },
    "unsubscribe.done": {"ja": "このチャンネルへの {kind} の配信を止めました。", "en": "This channel will no longer get {kind}."},
    "unsubscribe.none": {"ja": "このチャンネルは {kind} を購読していません。", "en": "This channel was not subscribed to {kind}."},
    "kind.tips": {"ja": "今日の行動規範", "en": "daily tips"},
    "kind.roundup": {"ja": "週のまとめ", "en": "weekly roundups"},
    "lang.name.ja": {"ja": "日本語", "en": "Japanese"},
    "lang.name.en": {"ja": "英語", "en": "English"},
    # --- help and errors ----------------------------------------------------------------------
    "help.title": {"ja": "Kodo の使い方", "en": "How to use Kodo"},
    "help.unknown": {"ja": "「{words}」はわかりませんでした。", "en": "I didn't understand “{words}”."},
    "help.lines": {
        "ja": "/principle — 原則の一覧\n"
              "/principle 3 — 原則の全文（３、#3、三 でも）\n"
              "/principle キーワード — 原則を探す\n"
              "/kudos @相手 番号 理由 — 仲間を称える\n"
              ":kodo1: 〜 :kodo10: のリアクション — メッセージを称える\n"
              "/kodo me — 贈った・受け取った称賛\n"
              "/kodo ranking off|on — ランキングから外れる／戻る\n"
              "/kodo lang ja|en — 言語を切り替える\n"
              "/kodo forget-me — 自分の識別情報を消す\n"
              "/kodo subscribe tips|roundup [ja|en] — このチャンネルに配信（管理者）\n"
              "/kodo unsubscribe tips|roundup — 配信を止める（管理者）\n"
              "/kodo help — このヘルプ",
        "en": "/principle — list the principles\n"
              "/principle 3 — one principle in full (also ３, #3, 三)\n"
              "/principle KEYWORD — find principles\n"
              "/kudos @someone NUMBER reason — recognise a colleague\n"
              "React with :kodo1: … :kodo10: — recognise a message\n"
              "/kodo me — kudos you gave and received\n"
              "/kodo ranking off|on — leave or rejoin the rankings\n"
              "/kodo lang ja|en — switch language\n"
              "/kodo forget-me — remove your identity from Kodo\n"
              "/kodo subscribe tips|roundup [ja|en] — post here (admins)\n"
              "/kodo unsubscribe tips|roundup — stop posting here (admins)\n"
              "/kodo help — this help",
    },
    "too_long": {
        "ja": "メッセージが長すぎます（{length} 文字）。{max} 文字以内で送ってください。",
        "en": "That message is too long ({length} characters). Please keep it under {max}.",
    },
    "error.internal": {
        "ja": "すみません、うまく処理できませんでした。少し待ってもう一度お試しください。",
        "en": "Sorry, something went wrong on my side. Please try again in a moment.",
    },
    "error.unavailable": {
        "ja": "すみません、ただいま一時的にご利用いただけません。少し時間をおいて、もう一度お試しください。",
        "en": "Sorry, I'm briefly unavailable. Please try again in a moment.",
    },
    # --- tips and roundups --------------------------------------------------------------------
    "tip.title": {"ja": "今日の行動規範　:{emoji}: #{number} {title}", "en": "Today's principle  :{emoji}: #{number} {title}"},
    "tip.more": {"ja": "全文は /principle {number} で。", "en": "Read it in full: /principle {number}"},
    "tip.none": {
        "ja": "{date} は土日・祝日のため、今日の行動規範の配信はありません。",
        "en": "{date} is a weekend or a Japanese public holiday: no tip is scheduled.",
    },
    "roundup.title": {"ja": "今週の称賛まとめ（{start}〜{end}）", "en": "This week's kudos ({start} – {end})"},
    "roundup.total": {"ja": "称賛は全部で {total} 件。", "en": "{total} kudos in all."},
    "roundup.change": {
        "ja": "先週より {delta} 件（先週は {last} 件）。",
        "en": "{delta} on last week ({last} then).",
    },
    "roundup.per_principle": {"ja": "原則ごとの称賛", "en": "Kudos per principle"},
    "roundup.count": {"ja": ":{emoji}: #{number} {title}: {count} 件", "en": ":{emoji}: #{number} {title}: {count}"},
    "roundup.top": {"ja": "たくさん称えられた人", "en": "Most recognised"},
    "roundup.top_line": {"ja": "{who} さん: {count} 件", "en": "{who}: {count}"},
    "roundup.episodes": {"ja": "今週のエピソード", "en": "Stories of the week"},
    "roundup.episode": {
        "ja": "{giver} さん → {receiver} さん　#{number}「{reason}」",
        "en": "{giver} → {receiver}  #{number} “{reason}”",
    },
    "roundup.why.many": {"ja": "{count} 人が称えたメッセージ", "en": "recognised by {count} people"},
    "roundup.why.rare": {"ja": "今週少なかった #{number} の実践", "en": "a rare example of #{number} this week"},
    "roundup.why.reason": {"ja": "理由が具体的な称賛", "en": "a well-told reason"},
    "roundup.link": {"ja": "元のメッセージ: {link}", "en": "Original message: {link}"},
    "roundup.least": {"ja": "来週もっと実践したい原則", "en": "Let's practise more next week"},
    "roundup.invite": {
        "ja": ":{emoji}: #{number} {title} — 今週は {count} 件でした。実践している仲間を見つけたら :{emoji}: で称えましょう。",
        "en": ":{emoji}: #{number} {title}: only {count} this week. When you see someone living it, "
              "react with :{emoji}:.",
    },
    "roundup.empty": {
        "ja": "今週はまだ称賛がありません。仲間の良い行動に :kodo1: 〜 :kodo10: でリアクションしてみましょう。",
        "en": "No kudos yet this week. React with :kodo1: … :kodo10: when a colleague lives a principle.",
    },
    # --- teams --------------------------------------------------------------------------------
    "teams.task.title": {"ja": "称賛を贈る", "en": "Give kudos"},
    "teams.task.intro": {"ja": "{author} さんのメッセージを称えます。", "en": "Recognise {author} for this message."},
    "teams.task.principle": {"ja": "実践している原則", "en": "The principle they lived"},
    "teams.task.reason": {"ja": "理由（任意）", "en": "Why (optional)"},
    "teams.task.placeholder": {"ja": "どんなところが良かったか", "en": "What was great about it"},
    "teams.task.submit": {"ja": "贈る", "en": "Give"},
    # --- Slack structure (modal, manifest) ---------------------------------------------------
    "slack.modal.title": {"ja": "称賛を送る", "en": "Give kudos"},
    "slack.modal.submit": {"ja": "送る", "en": "Send"},
    "slack.modal.close": {"ja": "キャンセル", "en": "Cancel"},
    "slack.modal.to": {"ja": "{receiver} さんのこのメッセージを称えます。", "en": "Recognise {receiver} for this message."},
    "slack.modal.principle": {"ja": "実践していた原則", "en": "The principle they lived"},
    "slack.modal.pick": {"ja": "原則を選ぶ", "en": "Choose a principle"},
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
    "slack.manifest.shortcut": {"ja": "称賛を送る", "en": "Give kudos"},
    "slack.manifest.shortcut_description": {
        "ja": "このメッセージの投稿者を、実践した原則とともに称えます",
        "en": "Recognise this message's author for a principle they lived",
    },
    # --- console ------------------------------------------------------------------------------
    "console.help": {
        "ja": "コンソール専用: /as 名前（別の人として話す）、/react 番号 絵文字、/unreact 番号 絵文字、/tip、/roundup、/help",
        "en": "Console only: /as NAME (act as someone else), /react N EMOJI, /unreact N EMOJI, /tip, /roundup, /help",
    },
    "console.no_message": {"ja": "[{number}] というメッセージはありません。", "en": "There is no message [{number}]."},
}
