"""The weekly roundup's sentences."""

MESSAGES: dict[str, dict[str, str]] = {
    "subscribe.roundup": {
        "ja": "このチャンネルに、毎週金曜の{time}に称賛の週間まとめを届けます（{language}）。",
        "en": "This channel will get the weekly kudos roundup on Fridays at {time} ({language}).",
    },
    "kind.roundup": {"ja": "週間まとめ", "en": "weekly roundups"},
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
}
