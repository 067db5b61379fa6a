"""What ``/kodo subscribe`` and ``unsubscribe`` say (each kind names itself: ``Kind.title``)."""

MESSAGES: dict[str, dict[str, str]] = {
    "subscribe.usage": {
        "ja": "使い方：{subscribe}、{unsubscribe}",
        "en": "Usage: {subscribe}, or {unsubscribe}",
    },
    "subscribe.already": {
        "ja": "このチャンネルはすでに{kind}を購読しています（{language}）。",
        "en": "This channel is already subscribed to {kind} ({language}).",
    },
    "unsubscribe.done": {"ja": "このチャンネルへの{kind}の配信を止めました。", "en": "This channel will no longer get {kind}."},
    "unsubscribe.none": {"ja": "このチャンネルは{kind}を購読していません。", "en": "This channel isn't subscribed to {kind}."},
    "help.subscribe": {"ja": "このチャンネルに配信する（管理者）", "en": "post here (admins)"},
    "help.unsubscribe": {"ja": "配信を止める（管理者）", "en": "stop posting here (admins)"},
    "teams.manifest.subscribe": {
        "ja": "「subscribe {kinds} [ja|en]」：ヒントや週間まとめをここに配信（管理者）",
        "en": "“subscribe {kinds} [ja|en]”: post daily tips or weekly roundups here (admins)",
    },
    "teams.manifest.unsubscribe": {
        "ja": "「unsubscribe {kinds}」：ここへの配信を止める（管理者）",
        "en": "“unsubscribe {kinds}”: stop posting them here (admins)",
    },
}
