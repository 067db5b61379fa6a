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
    "slack.install.busy": {
        "ja": "現在、使用待ちのインストール用リンクが多すぎます。数分後にもう一度お試しください。",
        "en": "Too many install links are waiting to be used right now. Please try again in a few minutes.",
    },
    "slack.install.again": {"ja": "最初からやり直してください：{link}", "en": "Please start again: {link}"},
    "slack.install.link": {"ja": "Kodo を Slack に追加する", "en": "Add Kodo to Slack"},
    "slack.not_installed": {
        "ja": "Kodo はこのワークスペースにインストールされていません。ワークスペースの管理者に追加を依頼してください。",
        "en": "Kodo is not installed in this workspace. Please ask a workspace admin to add it.",
    },
}
