"""The monthly awards' sentences."""

MESSAGES: dict[str, dict[str, str]] = {
    "kind.awards": {"ja": "月間表彰", "en": "monthly awards"},
    "subscribe.awards": {
        "ja": "このチャンネルに、毎月最初の開庁日の{time}に月間表彰を届けます（{language}）。",
        "en": "This channel will get the monthly awards on the first working day of each month at {time} "
              "({language}).",
    },
    "awards.title": {"ja": "{month}の行動規範アワード", "en": "Code of conduct awards for {month}"},
    "awards.intro": {
        "ja": "原則ごとに、{month}にもっとも多くの仲間から称えられたエピソードを表彰します。",
        "en": "For each principle, the episode that the most colleagues recognised in {month}.",
    },
    "awards.award": {"ja": "🏆 {award}（{badge}#{number} {title}）", "en": "🏆 {award} ({badge}#{number} {title})"},
    "awards.winner": {"ja": "{receiver}さん：{count}人が称えました", "en": "{receiver}: recognised by {count} people"},
    "awards.winner.one": {"ja": "{receiver}さん：1人が称えました", "en": "{receiver}: recognised by one person"},
    "awards.unnamed": {"ja": "{count}人が称えたエピソード", "en": "An episode recognised by {count} people"},
    "awards.unnamed.one": {"ja": "1人が称えたエピソード", "en": "An episode recognised by one person"},
    "awards.reason": {"ja": "「{reason}」", "en": "“{reason}”"},
    "awards.rule": {
        "ja": "同じ人が同じ原則で2か月続けて表彰されることはありません（次に多く称えられたエピソードが選ばれます）。",
        "en": "Nobody wins the same principle two months running: the next most recognised episode wins instead.",
    },
    "awards.proposals": {
        "ja": "{month}に回答した改善提案：{count}件（提案から回答までの開庁日数の中央値：{days}日）",
        "en": "Improvement proposals answered in {month}: {count} (a median of {days} working days from proposal "
              "to answer)",
    },
    "awards.proposals.none": {
        "ja": "{month}に回答した改善提案はありませんでした。",
        "en": "No improvement proposals were answered in {month}.",
    },
    "awards.none": {
        "ja": "{month}は表彰できるエピソードがありませんでした。仲間の実践を見つけたら、{recognise}で称えましょう。",
        "en": "There were no episodes to award in {month}. When you see a colleague living a principle, "
              "recognise them with {recognise}.",
    },
}
