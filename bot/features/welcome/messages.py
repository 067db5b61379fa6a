"""What the welcome says."""

MESSAGES: dict[str, dict[str, str]] = {
    "welcome.title": {"ja": "ようこそ！", "en": "Welcome!"},
    "welcome.what": {
        "ja": "私は Kodo です。私たちの行動規範「{name}」を、毎日のチャットの中で身近にするお手伝いをしています。"
              "行動規範は、よりよいサービスを届けるために一人ひとりが大切にする10の原則です。",
        "en": "I'm Kodo. I help keep our code of conduct, “{name}”, close at hand in everyday chat: ten "
              "principles each of us lives by to deliver better services.",
    },
    "welcome.principles": {"ja": "10の原則", "en": "The ten principles"},
    "welcome.line": {"ja": "#{number} {title}", "en": "#{number} {title}"},
    "welcome.more": {
        "ja": "原則の全文は {look_up} のように番号を付けて読めます。仲間の実践を見つけたら{recognise}で称えましょう。使い方の一覧は {help} で。",
        "en": "Read any principle in full by its number, as in {look_up}. When you see a colleague living one, recognise them "
              "with {recognise}. Everything I can do: {help}",
    },
    "welcome.start": {"ja": "まずはこちらから：", "en": "Where to start:"},
    "welcome.tip": {"ja": "今日のヒントを読む", "en": "Read today's tip"},
    "welcome.quiz": {"ja": "クイズに挑戦する", "en": "Take a quiz question"},
    "welcome.team": {
        "ja": "こんにちは、Kodo です。行動規範「{name}」を、このチームの毎日のチャットで身近にするお手伝いをします。"
              "「{principles}」で10の原則を、「{help}」で使い方を確認できます。管理者は「{subscribe}」で、毎朝のヒントをこのチャネルに届けられます。",
        "en": "Hello, I'm Kodo. I help keep our code of conduct, “{name}”, close at hand in this team's chat. "
              "{principles} lists the ten principles and {help} shows what I can do. An admin can have a tip "
              "posted in this channel every working morning with {subscribe}.",
    },
}
