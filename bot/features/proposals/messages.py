"""What proposals say: the card, the answers to the commands and presses, the admins' digest."""

MESSAGES: dict[str, dict[str, str]] = {
    "proposal.args": {"ja": "[原則の番号] 提案の内容", "en": "[principle number] your proposal"},
    "proposal.status_args": {"ja": "番号 状態 [メモ]", "en": "ID STATUS [note]"},
    "help.propose": {"ja": "改善を提案する（チャンネルに投稿され、みんなが応援できます）",
                     "en": "propose an improvement (posted here for everyone to support)"},
    "help.proposals": {"ja": "検討待ちの提案の一覧", "en": "the open proposals"},
    "help.proposal": {"ja": "提案の状態を変える（管理者。不採用にはメモが必要）",
                      "en": "change a proposal's status (admins; a decline needs a note)"},
    "proposal.usage": {
        "ja": "使い方：{usage}（例：{example}）",
        "en": "Usage: {usage} (for example {example})",
    },
    "proposal.example": {"ja": "3 窓口の案内表示を多言語にする", "en": "3 Put the counter signs in several languages"},
    "proposal.too_long": {
        "ja": "提案は{max}文字までです（いまは{length}文字）。要点を短くまとめてください。",
        "en": "A proposal can be up to {max} characters (this one has {length}). Please keep it short.",
    },
    "proposal.no_principle": {
        "ja": "原則の番号は1から{size}までです。番号なしでも提案できます。",
        "en": "Principle numbers go from 1 to {size}. You can also propose without one.",
    },
    # The card
    "proposal.title": {"ja": "改善提案 #{id}", "en": "Improvement proposal #{id}"},
    "proposal.about": {"ja": "原則{number}「{title}」", "en": "Principle {number}: {title}"},
    "proposal.about.none": {"ja": "原則の指定なし", "en": "No principle named"},
    "proposal.meta": {"ja": "{about}・提案者：{proposer}", "en": "{about} · proposed by {proposer}"},
    "proposal.state": {"ja": "状態：{status}・応援 {supporters}人", "en": "Status: {status} · {supporters} supporting"},
    "proposal.note": {"ja": "メモ：{note}", "en": "Note: {note}"},
    "proposal.hidden": {
        "ja": "（内容は、提案されたチャンネルで読めます）",
        "en": "(Its words can be read where it was proposed.)",
    },
    "proposal.support": {"ja": "応援する", "en": "Support"},
    "proposal.support_prompt": {"ja": "いい提案だと思ったら応援しましょう。", "en": "Like it? Show your support."},
    "proposal.admin_prompt": {"ja": "管理者：状態を変える", "en": "Admins: change the status"},
    "proposal.status.new": {"ja": "新規", "en": "new"},
    "proposal.status.reviewing": {"ja": "検討中", "en": "reviewing"},
    "proposal.status.adopted": {"ja": "採用", "en": "adopted"},
    "proposal.status.declined": {"ja": "不採用", "en": "declined"},
    "proposal.to.reviewing": {"ja": "検討中にする", "en": "Start reviewing"},
    "proposal.to.adopted": {"ja": "採用する", "en": "Adopt"},
    "proposal.to.declined": {"ja": "不採用にする", "en": "Decline"},
    # Proposing
    "proposal.posted": {
        "ja": "提案 #{id} をこのチャンネルに投稿しました。管理者が検討し、結果はあなたにお知らせします。",
        "en": "Your proposal #{id} is posted here. The admins will review it, and you will hear how it goes.",
    },
    "proposal.whistleblowing": {
        "ja": "不正や法令違反の通報は、公開の提案ではなく公益通報窓口へ。",
        "en": "Reports of wrongdoing belong in the official whistleblowing channel (公益通報窓口), not in a public proposal.",
    },
    "proposal.whistleblowing.link": {
        "ja": "不正や法令違反の通報は、公開の提案ではなく公益通報窓口へ：{url}",
        "en": "Reports of wrongdoing belong in the official whistleblowing channel (公益通報窓口), not in a public "
              "proposal: {url}",
    },
    # Supporting
    "proposal.supported": {"ja": "提案 #{id} を応援しました。", "en": "You support proposal #{id}."},
    "proposal.supported.again": {
        "ja": "提案 #{id} はすでに応援しています。応援は1人1回です。",
        "en": "You already support proposal #{id}. Everyone supports once.",
    },
    "proposal.supported.own": {
        "ja": "自分の提案は応援できません。ほかの人の応援を待ちましょう。",
        "en": "You can't support your own proposal; let others show theirs.",
    },
    "proposal.supported.closed": {
        "ja": "提案 #{id} はすでに「{status}」に決まっています。",
        "en": "Proposal #{id} has been decided already: {status}.",
    },
    # Listing
    "proposal.list.title": {"ja": "検討待ちの提案", "en": "Open proposals"},
    "proposal.list.none": {
        "ja": "検討待ちの提案はありません。{propose}で提案できます。",
        "en": "There are no open proposals. Propose one with {propose}.",
    },
    "proposal.list.line": {
        "ja": "#{id}・{about}・{status}・応援 {supporters}人・{age}",
        "en": "#{id} · {about} · {status} · {supporters} supporting · {age}",
    },
    "proposal.age.today": {"ja": "今日", "en": "today"},
    "proposal.age.one": {"ja": "1日前", "en": "1 day ago"},
    "proposal.age": {"ja": "{days}日前", "en": "{days} days ago"},
    # Changing
    "proposal.missing": {"ja": "提案 #{id} は見つかりません。{list}で一覧を見られます。",
                         "en": "There is no proposal #{id}. {list} lists them."},
    "proposal.change_usage": {
        "ja": "使い方：{usage}。状態は reviewing（検討中）、adopted（採用）、declined（不採用）のいずれかです。",
        "en": "Usage: {usage}. The status is reviewing, adopted or declined.",
    },
    "proposal.decline_note": {
        "ja": "不採用にするときは、提案者に理由を伝えるメモを添えてください：{usage}",
        "en": "A decline needs a note that tells the proposer why: {usage}",
    },
    "proposal.adopt_principle": {
        "ja": "提案 #{id} には原則の番号がありません。採用の称賛をどの原則にするか添えてください：{usage}",
        "en": "Proposal #{id} names no principle. Say which principle its adoption recognises: {usage}",
    },
    "proposal.same": {"ja": "提案 #{id} はすでに「{status}」です。", "en": "Proposal #{id} is already {status}."},
    "proposal.final": {
        "ja": "提案 #{id} はすでに「{status}」に決まっているため、変更できません。",
        "en": "Proposal #{id} has been decided already ({status}) and can't change.",
    },
    "proposal.changed": {"ja": "提案 #{id} を「{status}」にしました。", "en": "Proposal #{id} is now {status}."},
    "proposal.changed.kudos": {
        "ja": "提案者には、原則{number}の称賛がKodoから贈られました。",
        "en": "Its proposer received a kudos for principle {number} from Kodo.",
    },
    "proposal.thread": {"ja": "この提案は「{status}」になりました。", "en": "This proposal is now {status}."},
    "proposal.dm": {
        "ja": "あなたの提案 #{id} は「{status}」になりました。",
        "en": "Your proposal #{id} is now {status}.",
    },
    "proposal.dm.adopted": {
        "ja": "採用おめでとうございます。原則{number}「{title}」の称賛として記録されました。",
        "en": "Congratulations! It counts as a kudos for principle {number}, {title}.",
    },
    "proposal.dm.quote": {"ja": "提案：{text}", "en": "Your proposal: {text}"},
    # The draft form (Slack's message shortcut, Teams' message action)
    "proposal.form.title": {"ja": "改善を提案", "en": "Propose an improvement"},
    "proposal.form.describe": {
        "ja": "このメッセージをもとに改善を提案します（下書きを編集して投稿）",
        "en": "Turn this message into an improvement proposal (edit the draft, then post)",
    },
    "proposal.form.submit": {"ja": "投稿する", "en": "Post"},
    "proposal.form.principle": {"ja": "関係する原則（任意）", "en": "Principle (optional)"},
    "proposal.form.pick": {"ja": "原則を選ぶ", "en": "Choose a principle"},
    "proposal.form.text": {"ja": "提案の内容", "en": "Your proposal"},
    "proposal.form.where": {
        "ja": "提案はこのチャンネルに投稿され、みんなが応援できます。",
        "en": "It will be posted in this channel for everyone to support.",
    },
    "proposal.form.missing": {"ja": "提案の内容を書いてください。", "en": "Please write your proposal."},
    # The dashboard (見える化)
    "dashboard.proposals.title": {"ja": "改善提案（提案活動）", "en": "Improvement proposals"},
    "dashboard.proposals.lines": {
        "ja": "週ごとの提案の数。提案・応援・回答・採用は、原則ごとに /api/kpi の proposals にもあります。",
        "en": "Proposals made each week. Made, supported, answered and adopted, per principle too, are in "
              "/api/kpi under proposals.",
    },
    "dashboard.proposals.summary": {
        "ja": "この期間：提案 {made}件・応援 {supported}件・回答 {answered}件（{median}）・採用 {adopted}件",
        "en": "In this period: {made} made, {supported} supports, {answered} answered ({median}), {adopted} adopted",
    },
    "dashboard.proposals.median": {"ja": "回答までの中央値 {days}営業日", "en": "a median of {days} working days to an answer"},
    "dashboard.proposals.median.none": {"ja": "回答はまだありません", "en": "none answered yet"},
    "dashboard.proposals.caption": {"ja": "週ごとの提案の数", "en": "Proposals made per week"},
    "dashboard.proposals.week": {"ja": "週", "en": "Week"},
    "dashboard.proposals.made": {"ja": "提案", "en": "Made"},
    "dashboard.proposals.by_principle": {"ja": "原則ごとの採用", "en": "Adopted proposals by principle"},
    "dashboard.proposals.by_principle.lines": {
        "ja": "この期間に採用された提案の数（採用は、その原則の称賛としても数えます）。",
        "en": "Proposals adopted in this period (each adoption also counts as a kudos for its principle).",
    },
    "dashboard.proposals.by_principle.caption": {"ja": "原則ごとの採用された提案の数",
                                                 "en": "Proposals adopted per principle"},
    "dashboard.proposals.principle": {"ja": "原則", "en": "Principle"},
    "dashboard.proposals.adopted": {"ja": "採用", "en": "Adopted"},
    # The admins' digest
    "proposal.digest.title": {"ja": "回答を待っている提案", "en": "Proposals waiting for an answer"},
    "proposal.digest.intro": {
        "ja": "次の提案は、{days}営業日以上「新規」のままです。検討を始めるか、結果を伝えてください。",
        "en": "These proposals have been new for {days} working days or more. Please start reviewing or answer them.",
    },
    "proposal.digest.line": {
        "ja": "#{id}・{about}・応援 {supporters}人・{made}に提案：{text}",
        "en": "#{id} · {about} · {supporters} supporting · proposed {made}: {text}",
    },
    "proposal.digest.how": {"ja": "状態を変える：{usage}", "en": "To change a status: {usage}"},
}
