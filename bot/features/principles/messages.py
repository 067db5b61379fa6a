"""Principles' sentences: the list, one in full, search, and their help and menu lines."""

MESSAGES: dict[str, dict[str, str]] = {
    "list.title": {"ja": "{pack}", "en": "{pack}"},
    "list.hint": {
        "ja": "全文は番号で（{look_up}）、キーワードでも探せます（{search}）。",
        "en": "Read one in full by its number ({look_up}) or search by keyword ({search}).",
    },
    "list.pick": {"ja": "全文を読む原則を選んでください", "en": "Choose a principle to read in full"},
    "list.another": {"ja": "ほかの原則も読む", "en": "Read another principle"},
    "principle.heading": {"ja": "#{number} {title}", "en": "#{number} {title}"},
    "principle.background": {"ja": "① 背景", "en": "① Why it matters"},
    "principle.behaviours": {"ja": "② 具体的な行動原則", "en": "② What we do"},
    "principle.examples": {"ja": "具体例", "en": "Examples"},
    "principle.systems": {"ja": "③ 関連する仕組みや制度", "en": "③ Systems that support it"},
    "principle.do_not": {"ja": "（参考）望ましくない行動", "en": "What to avoid"},
    "principle.footer": {
        "ja": "この原則を実践している仲間を見つけたら、{recognise}で称えましょう。",
        "en": "Seen a colleague living this principle? Recognise them with {recognise}.",
    },
    "principle.out_of_range": {
        "ja": "{number}番の原則はありません。番号は1〜{size}です。",
        "en": "There is no principle {number}. The numbers run from 1 to {size}.",
    },
    "search.title": {"ja": "「{query}」に関係する原則", "en": "Principles about “{query}”"},
    "search.none": {
        "ja": "「{query}」に合う原則は見つかりませんでした。別のことばか、番号（{look_up}）で探してみてください。",
        "en": "Nothing matched “{query}”. Try another word, or a number ({look_up}).",
    },
    "search.word": {"ja": "顧客", "en": "customer"},
    "help.list": {"ja": "原則の一覧", "en": "list the principles"},
    "help.show": {"ja": "原則の全文（３、#3、三 でも）", "en": "one principle in full (#3 and three work too)"},
    "help.search": {"ja": "キーワードで原則を探す", "en": "find principles by keyword"},
    "help.search.args": {"ja": "キーワード", "en": "KEYWORD"},
    "teams.manifest.principle": {
        "ja": "原則の一覧。「principle 3」で全文、「principle 顧客」で検索",
        "en": "The principles; “principle 3” shows one in full, “principle customer” searches",
    },
    "slack.manifest.principle": {"ja": "行動規範の原則を表示・検索", "en": "Show or search the principles"},
    "slack.manifest.principle_hint": {"ja": "[番号 | キーワード]", "en": "[number | keyword]"},
}
