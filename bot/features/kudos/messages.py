"""Kudos' sentences: recognition given, refused and withdrawn, and their help and menu lines."""

MESSAGES: dict[str, dict[str, str]] = {
    "kudos.usage": {
        "ja": "使い方：{usage}（例：{example}）",
        "en": "Usage: {usage} (for example: {example})",
    },
    "kudos.args": {"ja": "@相手 番号 理由", "en": "@someone NUMBER reason"},
    "kudos.example": {"ja": "@bob 3 だれでも使えるフォームにしてくれた", "en": "@bob 3 made the form work for everyone"},
    "kudos.pick": {"ja": "原則を選ぶ", "en": "Choose a principle"},
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
    "help.kudos": {"ja": "仲間を称える", "en": "recognise a colleague"},
    "help.recognise": {"ja": "メッセージの投稿者を称える", "en": "recognise a message's author"},
    "teams.manifest.kudos": {
        "ja": "「kudos @相手 3 理由」：原則3を実践した仲間を称える",
        "en": "“kudos @colleague 3 reason”: recognise a colleague for living principle 3",
    },
    "slack.manifest.kudos": {"ja": "仲間の原則の実践を称える", "en": "Recognise a colleague for living a principle"},
    "slack.manifest.kudos_hint": {"ja": "@相手 番号 [理由]", "en": "@someone NUMBER [reason]"},
    "kudos.unresolved": {
        "ja": "{platform}で{name}さんが見つからなかったため、この称賛は記録していません。「@」に続けて名前を入力し、"
              "表示される候補から相手を選んで、もう一度送ってください。",
        "en": "{platform} couldn't find {name}, so this kudos wasn't recorded. Type @ and the name, pick the "
              "person from the list {platform} shows, and send it again.",
    },
}
