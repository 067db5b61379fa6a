"""Teams' own sentences: the Give kudos dialog and the app package (commands describe themselves in
their features)."""

MESSAGES: dict[str, dict[str, str]] = {
    "teams.task.title": {"ja": "称賛を贈る", "en": "Give kudos"},
    "teams.task.intro": {"ja": "{author}さんのこのメッセージを称えます。", "en": "Recognise {author} for this message."},
    "teams.task.principle": {"ja": "実践していた原則", "en": "The principle they lived"},
    "teams.task.reason": {"ja": "理由（任意）", "en": "Why (optional)"},
    "teams.task.placeholder": {"ja": "どんなところが良かったですか？", "en": "What was great about it?"},
    "teams.task.submit": {"ja": "贈る", "en": "Give kudos"},
    "teams.task.required": {"ja": "原則を選んでください。", "en": "Please choose a principle."},
    "teams.choices.go": {"ja": "決定", "en": "OK"},
    "teams.choices.required": {"ja": "選んでから押してください。", "en": "Choose one first."},
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
    "teams.manifest.help": {"ja": "Kodo にできることの一覧", "en": "Everything Kodo understands"},
    "teams.manifest.action": {
        "ja": "このメッセージの投稿者を、実践した原則とともに称えます",
        "en": "Recognise the author of this message for living a principle",
    },
}
