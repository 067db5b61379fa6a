"""The casebook's sentences."""

MESSAGES: dict[str, dict[str, str]] = {
    "casebook.nominate": {"ja": "優良事例として紹介する", "en": "Feature as good practice"},
    "casebook.nominate.describe": {
        "ja": "（管理者）このメッセージを優良事例として推薦し、称えられた本人に公開してよいかを確認します",
        "en": "(admins) Feature this message as good practice; its author is asked whether to publish it",
    },
    "casebook.ask.givers": {
        "ja": "あなたのメッセージが{count}人の仲間から称えられました（{badge}#{number} {title}）。"
              "このエピソードを優良事例集（ケースブック）で紹介してもよいですか？",
        "en": "{count} colleagues recognised your message ({badge}#{number} {title}). May this episode appear in "
              "the good-practice casebook?",
    },
    "casebook.ask.nominated": {
        "ja": "あなたが称えられたエピソード（{badge}#{number} {title}）が、優良事例として推薦されました。"
              "優良事例集（ケースブック）で紹介してもよいですか？",
        "en": "An episode you were recognised for ({badge}#{number} {title}) was nominated as good practice. "
              "May it appear in the good-practice casebook?",
    },
    "casebook.ask.note": {
        "ja": "公開すると、贈った人の名前は伏せて、称賛の理由とあなたの名前が載ります。公開しなくても称賛はそのまま残ります。"
              "公開したあとでも取り下げられます。",
        "en": "If you publish it, the reasons appear with your name and without the names of those who gave them. "
              "If you don't, your kudos stay as they are. You can withdraw it later.",
    },
    "casebook.publish": {"ja": "公開する", "en": "Publish"},
    "casebook.keep": {"ja": "公開しない", "en": "Keep private"},
    "casebook.withdraw": {"ja": "取り下げる", "en": "Withdraw"},
    "casebook.published": {
        "ja": "優良事例集で公開しました（{badge}#{number} {title}）。取り下げたいときは、下のボタンを押してください。",
        "en": "Published in the casebook ({badge}#{number} {title}). To withdraw it, use the choice below.",
    },
    "casebook.kept": {
        "ja": "公開しないことにしました（{badge}#{number} {title}）。気が変わったら、下のボタンで公開できます。",
        "en": "Kept private ({badge}#{number} {title}). If you change your mind, you can publish it below.",
    },
    "casebook.admins_only": {
        "ja": "優良事例の推薦は管理者だけができます。",
        "en": "Only admins can feature an episode as good practice.",
    },
    "casebook.no_episode": {
        "ja": "このメッセージには称賛がないため、優良事例として推薦できません。",
        "en": "This message has no kudos, so it can't be featured as good practice.",
    },
    "casebook.not_public": {
        "ja": "優良事例集に載せられるのは、公開チャンネルで称えられたエピソードだけです。",
        "en": "Only episodes from public channels can enter the casebook.",
    },
    "casebook.no_reason": {
        "ja": "理由の書かれた称賛がないため、優良事例として推薦できません。",
        "en": "None of its kudos has a reason, so it can't be featured as good practice.",
    },
    "casebook.already": {
        "ja": "このエピソードはすでに優良事例集に入っています（{status}）。",
        "en": "This episode is in the casebook already ({status}).",
    },
    "casebook.status.asked": {"ja": "本人の確認待ち", "en": "waiting for the receiver's answer"},
    "casebook.status.published": {"ja": "公開中", "en": "published"},
    "casebook.status.private": {"ja": "本人の希望で非公開", "en": "kept private by the receiver"},
    "casebook.nominated": {
        "ja": "優良事例として推薦しました。{receiver}さんに、公開してよいかを個別に確認しています。",
        "en": "Featured as good practice. {receiver} is being asked privately whether to publish it.",
    },
    "casebook.title": {"ja": "優良事例集", "en": "Good-practice casebook"},
    "casebook.empty": {"ja": "公開されたエピソードはまだありません。", "en": "No episodes have been published yet."},
    "casebook.case": {
        "ja": "{receiver}さん（{day}、{count}人が称えました）",
        "en": "{receiver} ({day}, recognised by {count} people)",
    },
    "casebook.case.one": {
        "ja": "{receiver}さん（{day}、1人が称えました）",
        "en": "{receiver} ({day}, recognised by one person)",
    },
    "dashboard.casebook.title": {"ja": "優良事例集", "en": "Good-practice casebook"},
    "dashboard.casebook.lines": {
        "ja": "この期間に本人の同意を得て公開されたエピソード：{count}件（原則ごと）。贈った人の名前は載せません。",
        "en": "Episodes published with their receiver's consent in this period: {count}, by principle. "
              "Those who gave them are never named.",
    },
    "dashboard.casebook.caption": {"ja": "原則ごとの公開エピソード数", "en": "Published episodes per principle"},
    "dashboard.casebook.principle": {"ja": "原則", "en": "Principle"},
    "dashboard.casebook.episodes": {"ja": "エピソード", "en": "Episodes"},
    "dashboard.casebook.case": {
        "ja": "#{number} {receiver}さん（{count}人が称えました）",
        "en": "#{number} {receiver} (recognised by {count} people)",
    },
    "dashboard.casebook.reason": {"ja": "「{reason}」", "en": ": “{reason}”"},
    "help.feature": {
        "ja": "（管理者）メッセージを優良事例として推薦する",
        "en": "(admins) feature a message as good practice",
    },
}
