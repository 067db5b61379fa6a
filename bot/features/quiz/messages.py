"""What the quiz says."""

MESSAGES: dict[str, dict[str, str]] = {
    "quiz.title": {"ja": "クイズ：#{number} {title}", "en": "Quiz: #{number} {title}"},
    "quiz.tip": {"ja": "クイズ：{question}", "en": "Quiz: {question}"},
    "quiz.right": {"ja": "正解です！", "en": "Right!"},
    "quiz.wrong": {"ja": "残念、不正解です。", "en": "Not quite."},
    "quiz.yours": {"ja": "あなたの答え：{choice}", "en": "Your answer: {choice}"},
    "quiz.answer": {"ja": "正解：{choice}", "en": "The right answer: {choice}"},
    "quiz.again": {
        "ja": "この問題にはもう答えています。最初の答えがそのまま記録されています。",
        "en": "You've answered this question already; your first answer stands.",
    },
    "quiz.more": {"ja": "次の問題は {command} で。", "en": "Another question: {command}"},
    "quiz.all": {
        "ja": "クイズの{count}問すべてに答えました。原則の全文は {look_up} で読み返せます。",
        "en": "You've answered all {count} quiz questions. Read the principles again with {look_up}.",
    },
    "quiz.none": {"ja": "このコンテンツにはクイズがありません。", "en": "This content has no quiz."},
    "quiz.range": {
        "ja": "原則は1〜{size}番です。{command} でどの原則からでも出題します。",
        "en": "Principles are numbered 1 to {size}. {command} asks about any of them.",
    },
    "quiz.summary": {
        "ja": "クイズ：{answered}問回答、{right}問正解、連続{streak}日",
        "en": "Quiz: {answered} answered, {right} right, streak {streak}",
    },
    "help.quiz": {"ja": "行動規範のクイズに答える（原則の番号も指定できます）",
                  "en": "take a quiz question on the principles (or on principle N)"},
}
