"""Slack's own sentences: the kudos modal and the app manifest (commands describe themselves in
their features)."""

MESSAGES: dict[str, dict[str, str]] = {
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
    "slack.manifest.kodo": {"ja": "自分の称賛・設定・ヘルプ", "en": "Your kudos, settings and help"},
    "slack.manifest.shortcut": {"ja": "称賛を贈る", "en": "Give kudos"},
    "slack.manifest.shortcut_description": {
        "ja": "このメッセージの投稿者を、実践した原則とともに称えます",
        "en": "Recognise this message's author for a principle they lived",
    },
}
