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
    "tip.none.weekend": {
        "ja": "{date}は週末のため、行動規範のヒントの配信はありません。",
        "en": "{date} falls on a weekend, so no tip is scheduled.",
    },
    "tip.none.holiday": {
        "ja": "{date}は祝日（{name}）のため、行動規範のヒントの配信はありません。",
        "en": "{date} is a public holiday ({name}), so no tip is scheduled.",
    },
    "tip.none.year_end": {
        "ja": "{date}は年末年始の休日（12月29日〜1月3日）のため、行動規範のヒントの配信はありません。",
        "en": "{date} falls in the year-end and New Year holidays (29 December to 3 January), so no tip is scheduled.",
    },
    "tip.none.closed": {
        "ja": "{date}は休業日に定められているため、行動規範のヒントの配信はありません。",
        "en": "{date} is set as a closed day, so no tip is scheduled.",
    },
}
