"""The daily tip's sentences."""

MESSAGES: dict[str, dict[str, str]] = {
    "subscribe.tips": {
        "ja": "このチャンネルに、平日（祝日を除く）の{time}に行動規範のヒントを届けます（{language}）。",
        "en": "This channel will get a principle tip at {time} on working days ({language}).",
    },
    "kind.tips": {"ja": "行動規範のヒント", "en": "daily tips"},
    "tip.title": {"ja": "今日の行動規範：{badge}#{number} {title}", "en": "Today's principle: {badge}#{number} {title}"},
    "tip.title.dated": {
        "ja": "{date}の行動規範：{badge}#{number} {title}",
        "en": "Principle for {date}: {badge}#{number} {title}",
    },
    "tip.more": {"ja": "全文は {look_up} で読めます。", "en": "Read it in full: {look_up}"},
    "tip.none": {
        "ja": "{date}は閉庁日（土日・祝日・年末年始・休業日）のため、行動規範のヒントの配信はありません。",
        "en": "{date} is not a working day (a weekend, public holiday, year-end holiday or closed day), "
              "so no tip is scheduled.",
    },
}
