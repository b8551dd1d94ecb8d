"""The site's own words, in both languages (the data brings its own bilingual text)."""

from __future__ import annotations

from oahandbook.base.i18n import Lang

LABELS: dict[str, dict[str, str]] = {
    # document control
    "doc.number": {"zh": "文件编号", "en": "Document number"},
    "doc.title": {"zh": "文件名称", "en": "Title"},
    "doc.version": {"zh": "版本", "en": "Version"},
    "doc.effective": {"zh": "生效日期", "en": "Effective date"},
    "doc.department": {"zh": "发布部门", "en": "Issuing department"},
    "doc.approver": {"zh": "批准", "en": "Approved by"},
    "doc.review_cycle": {"zh": "复审周期", "en": "Review cycle"},
    "doc.months": {"zh": "{n} 个月", "en": "{n} months"},
    "doc.next_review": {"zh": "下次复审", "en": "Next review"},
    "doc.control": {"zh": "文件控制", "en": "Document control"},
    # regulation page
    "reg.how_to_read": {"zh": "如何阅读本页", "en": "How to read this page"},
    "reg.how_to_read.body": {
        "zh": "每个条款先给出**制度原文**（制度本身的文字，一字未改），再给出**手册指引**（本手册对条款在公众号运营中如何落实的说明，不是制度的一部分）。"
        "状态标记说明条款由检查工具自动检查的程度：**自动检查**、**部分自动检查**（其余由人按检查清单判断）或**人工检查**。"
        "每个条款的链接地址由条款编号生成，长期不变，例如 OA-2.3.1 的地址以 `#oa-2-3-1` 结尾。",
        "en": "Each clause shows the **regulation text** first (the regulation's own words in Chinese, unchanged), "
        "then an **English translation** (for reference only; the Chinese text prevails), then the handbook's "
        "**guidance** (how the clause is put into practice; not part of the regulation). The status badge says how "
        "far the checkers automate the clause: **automated**, **partly automated** (the rest is judged by a person "
        "with the checklists) or **manual**. Each clause's address is derived from its ID and does not change: "
        "OA-2.3.1 ends in `#oa-2-3-1`.",
    },
    "reg.text": {"zh": "制度原文", "en": "Regulation text (original, Chinese)"},
    "reg.translation": {
        "zh": "英文译文（仅供参考，以中文原文为准）",
        "en": "English translation (for reference; the Chinese text prevails)",
    },
    "reg.guidance": {"zh": "手册指引", "en": "Handbook guidance"},
    "reg.clause": {"zh": "条款", "en": "Clause"},
    "reg.section": {"zh": "章节", "en": "Section"},
    "reg.since": {"zh": "自 {version} 版起", "en": "since version {version}"},
    "reg.source_number": {"zh": "原文编号", "en": "numbered in the Chinese text"},
    "reg.rules": {"zh": "自动检查规则", "en": "Rules that check it"},
    "reg.no_rules": {"zh": "没有规则自动检查本条款。", "en": "No rule checks this clause automatically."},
    "reg.checklist_items": {"zh": "检查清单项", "en": "Checklist items"},
    "reg.references": {"zh": "依据", "en": "References"},
    "reg.articles": {"zh": "{articles}", "en": "{articles}"},
    "status.automated": {"zh": "自动检查", "en": "Automated"},
    "status.partial": {"zh": "部分自动检查", "en": "Partly automated"},
    "status.manual": {"zh": "人工检查", "en": "Manual"},
    # rules
    "rules.title": {"zh": "检查规则", "en": "Rules"},
    "rules.intro": {
        "zh": "检查工具的每条规则都服务于制度的一个条款。共 {count} 条规则。点击代码查看规则说明和示例；可按类别、严重性和检查对象筛选。",
        "en": "Each rule of the checkers serves one clause of the regulation. {count} rules in all. Click a code for "
        "the rule's explanation and examples; filter by family, severity and target.",
    },
    "rules.code": {"zh": "代码", "en": "Code"},
    "rules.name": {"zh": "名称", "en": "Name"},
    "rules.rule_title": {"zh": "规则", "en": "Rule"},
    "rules.family": {"zh": "类别", "en": "Family"},
    "rules.severity": {"zh": "严重性", "en": "Severity"},
    "rules.target": {"zh": "检查对象", "en": "Target"},
    "rules.clause": {"zh": "条款", "en": "Clause"},
    "rules.since": {"zh": "起始版本", "en": "Since"},
    "rules.waivable": {"zh": "可豁免", "en": "Waivable"},
    "rules.aliases": {"zh": "别名", "en": "Aliases"},
    "rules.check": {"zh": "检查类型", "en": "Check type"},
    "rules.all": {"zh": "全部", "en": "All"},
    "rules.filter": {"zh": "筛选", "en": "Filter"},
    "rules.none": {"zh": "尚无规则。", "en": "No rules yet."},
    "rules.deprecated": {"zh": "已停用", "en": "Deprecated"},
    "rules.deprecated.body": {
        "zh": "本规则自 {version} 版起停用。{replaced}",
        "en": "This rule is deprecated since version {version}. {replaced}",
    },
    "rules.replaced_by": {"zh": "请改用 {codes}。", "en": "Use {codes} instead."},
    "severity.error": {"zh": "错误", "en": "Error"},
    "severity.warning": {"zh": "警告", "en": "Warning"},
    "severity.suggestion": {"zh": "提示", "en": "Suggestion"},
    "target.article": {"zh": "草稿", "en": "Draft"},
    "target.account": {"zh": "账号档案", "en": "Account file"},
    "yes": {"zh": "是", "en": "Yes"},
    "no": {"zh": "否", "en": "No"},
    "rule.what": {"zh": "检查什么", "en": "What it does"},
    "rule.what.body": {
        "zh": "检查{target}中的问题：{title}。发现问题时报告：",
        "en": "Checks {target_lc}s for: {title}. When it finds one, it reports:",
    },
    "rule.what.sample": {
        "zh": "以上数值和引用的文字是示例；实际报告写出在文件中发现的内容。",
        "en": "The values and quoted words above are examples; a report shows what it found in the file.",
    },
    "rule.why": {"zh": "为什么重要", "en": "Why it matters"},
    "rule.levels": {"zh": "怎样判断级别", "en": "How the level is decided"},
    "rule.levels.intro": {
        "zh": "词语在标题、摘要和正文中按规范化形式匹配（全半角、大小写、繁简、异体字、字间插入的符号和空格、重复字、拼音和列出的谐音字都不影响识别）。每条结果都写明是什么决定了它的级别。",
        "en": "Terms are matched in the title, digest and body on a normal form (width, case, Traditional and variant characters, symbols and spaces inserted between characters, repeated characters, pinyin and listed homophones do not hide them). Each finding says what decided its level.",
    },
    "rule.levels.objects": {
        "zh": "对象：词表 {categories} 中的 {count} 个词语或模式；单独出现时按每个词语自己的级别报告（标为“仅在组合中”的不单独报告）。",
        "en": "Objects: {count} terms or patterns of the lexicon {categories}; on its own each is reported at its own level (those marked 'only in combination' are not reported alone).",
    },
    "rule.levels.any": {"zh": "任一对象", "en": "any object"},
    "rule.levels.combine": {
        "zh": "组合：{objects} 与 {partners} 在同一句中、相距不超过 {window} 个字（顺序不限）时为 {level}。",
        "en": "Combination: {objects} with {partners} in the same sentence, at most {window} characters apart (either order), is {level}.",
    },
    "rule.levels.lower": {
        "zh": "降低：附近（或标题中）有新闻、宣传、法院、历史等语境词时，降为提示；同时附近还有销售迹象时为警告。",
        "en": "Lowered: context words of news, publicity, courts or history nearby (or in the title) make it a suggestion; a warning if sales markers are nearby too.",
    },
    "rule.levels.raise": {
        "zh": "升高：附近有销售或联系方式的迹象时，单独出现的对象升高一级。",
        "en": "Raised: sales or contact markers nearby raise an object found on its own by one level.",
    },
    "rule.levels.partners": {"zh": "组合中的意图词", "en": "Partners in combinations"},
    "rule.levels.lower_markers": {"zh": "降低级别的语境词", "en": "Context words that lower the level"},
    "rule.levels.raise_markers": {"zh": "升高级别的语境词", "en": "Context words that raise the level"},
    "rule.example": {"zh": "示例", "en": "Example"},
    "rule.example.intro": {
        "zh": "“不合格”示例会被本规则报告，“合格”示例不会。这些示例就是检查工具的测试用例：测试逐一运行它们。",
        "en": "The failing examples are reported by this rule; the passing ones are not. These examples are the "
        "checkers' test cases: the tests run every one of them.",
    },
    "rule.fail": {"zh": "不合格", "en": "Fails"},
    "rule.pass": {"zh": "合格", "en": "Passes"},
    "rule.expect": {"zh": "报告位置", "en": "Reported at"},
    "rule.expect.at": {"zh": "第 {line} 行", "en": "line {line}"},
    "rule.expect.col": {"zh": "第 {line} 行第 {column} 列", "en": "line {line}, column {column}"},
    "rule.config": {"zh": "检查时使用的配置", "en": "Checked with this configuration"},
    "rule.today": {
        "zh": "检查日期固定为 {date}（`--today {date}`）。",
        "en": "Checked as of {date} (`--today {date}`).",
    },
    "rule.files": {"zh": "检查时同一目录下还有：{files}。", "en": "Checked with these files beside it: {files}."},
    "rule.fix": {"zh": "应当怎样写", "en": "What to write instead"},
    "rule.waiver": {"zh": "豁免", "en": "Waivers"},
    "rule.waivable.yes": {
        "zh": "确有正当理由时，可以在相关行之前加豁免注释并写明理由：",
        "en": "When there is a good reason, waive it with a comment before the line, giving the reason:",
    },
    "rule.waivable.no": {
        "zh": "本规则**不可豁免**：豁免注释对它无效。",
        "en": "This rule **cannot be waived**: waiver comments do not apply to it.",
    },
    "rule.reason": {"zh": "理由", "en": "reason"},
    "rule.clause_text": {"zh": "依据的条款", "en": "The clause it serves"},
    # checklists
    "cl.title": {"zh": "检查清单", "en": "Checklists"},
    "cl.intro": {
        "zh": "检查清单把制度落实为逐项可核对的检查项。标为“自动”的项由检查工具的规则回答，其余由人判断。"
        "下列文件由同一份数据生成，可导入表格、议题跟踪或合规工具。",
        "en": "The checklists turn the regulation into items to tick. Items marked automated are answered by the "
        "checkers' rules; a person judges the rest. The files below are generated from the same data and can be "
        "imported into spreadsheets, issue trackers or compliance tools.",
    },
    "cl.downloads": {"zh": "下载", "en": "Downloads"},
    "cl.file": {"zh": "文件", "en": "File"},
    "cl.task_lists": {
        "zh": "任务列表（复制到议题或合并请求）",
        "en": "Task lists (copy into an issue or merge request)",
    },
    "cl.task_lists.intro": {
        "zh": "每份检查清单的 Markdown 任务列表：展开后用代码块右上角的按钮复制，粘贴到议题或合并请求中逐项勾选。",
        "en": "Each checklist as a Markdown task list: open one and copy it with the button at the code block's "
        "top right, then paste it into an issue or merge request and tick the items.",
    },
    "cl.format": {"zh": "格式", "en": "Format"},
    "cl.no_files": {
        "zh": "检查清单文件尚未生成（运行 `oahandbook checklist --write`）。",
        "en": "The checklist files have not been generated yet (run `oahandbook checklist --write`).",
    },
    "cl.none": {"zh": "尚无检查清单数据。", "en": "No checklist data yet."},
    "cl.audience": {"zh": "适用对象", "en": "Audience"},
    "cl.when": {"zh": "时机", "en": "When"},
    "cl.id": {"zh": "编号", "en": "ID"},
    "cl.verify": {"zh": "核对内容", "en": "What to verify"},
    "cl.how": {"zh": "核对方法", "en": "How to verify"},
    "cl.by": {"zh": "判断方式", "en": "Answered by"},
    "cl.person": {"zh": "人工判断", "en": "A person"},
    "cl.automated": {"zh": "自动：{codes}", "en": "Automated: {codes}"},
    "format.md": {
        "zh": "Markdown 任务列表（可粘贴到议题或合并请求）",
        "en": "Markdown task list (paste into an issue or merge request)",
    },
    "format.csv": {
        "zh": "CSV（UTF-8 带 BOM，Excel 和 WPS 可直接打开）",
        "en": "CSV (UTF-8 with BOM; opens in Excel and WPS)",
    },
    "format.xlsx": {"zh": "Excel 工作簿（含结果下拉选项）", "en": "Excel workbook (with a result drop-down)"},
    "format.json": {"zh": "JSON", "en": "JSON"},
    "format.schema": {"zh": "JSON Schema（JSON 文件的结构）", "en": "JSON Schema (the shape of the JSON file)"},
    "format.oscal": {"zh": "OSCAL 目录（JSON，供合规工具导入）", "en": "OSCAL catalog (JSON, for compliance tools)"},
    # changelog
    "log.title": {"zh": "变更记录", "en": "Changelog"},
    "log.intro": {
        "zh": "制度每个版本的变更，逐条款列出。当前版本：{version}。",
        "en": "What changed in each version of the regulation, clause by clause. Current version: {version}.",
    },
    "log.date": {"zh": "发布日期", "en": "Released"},
    "log.clause": {"zh": "条款", "en": "Clause"},
    "log.kind": {"zh": "变更", "en": "Change"},
    "log.note": {"zh": "说明", "en": "Note"},
    "log.no_changes": {"zh": "本版本没有逐条款的变更。", "en": "No clause-level changes in this version."},
    "kind.added": {"zh": "新增", "en": "Added"},
    "kind.amended": {"zh": "修订", "en": "Amended"},
    "kind.removed": {"zh": "删除", "en": "Removed"},
    "kind.renumbered": {"zh": "重新编号", "en": "Renumbered"},
    # platform facts
    "pf.fact": {"zh": "项目", "en": "Limit"},
    "pf.value": {"zh": "取值", "en": "Value"},
    "pf.source": {"zh": "来源", "en": "Source"},
    "pf.checked": {"zh": "核对于 {date}", "en": "checked {date}"},
    "pf.alternatives": {"zh": "其他来源", "en": "Other sources"},
    "pf.policy": {
        "zh": "本单位默认值（可在 .oahandbook.yaml 中覆盖）",
        "en": "Organisational defaults (override in .oahandbook.yaml)",
    },
    "unit.characters": {"zh": "{value} 字", "en": "{value} characters"},
    "unit.bytes": {"zh": "{value} 字节", "en": "{value} bytes"},
    "unit.count": {"zh": "{value} 个", "en": "{value}"},
    "unit.days": {"zh": "{value} 天", "en": "{value} days"},
    "unit.hours": {"zh": "{value} 小时", "en": "{value} hours"},
    "unit.formats": {"zh": "{value}", "en": "{value}"},
    "unit.width": {"zh": "宽度 {value}", "en": "width {value}"},
    # roles
    "roles.permission": {"zh": "权限", "en": "Permission"},
    "roles.limit": {"zh": "人数上限", "en": "At most"},
    "roles.allowed": {"zh": "允许", "en": "allowed"},
    "roles.denied": {"zh": "不允许", "en": "not allowed"},
    "roles.admin_only": {"zh": "仅限管理员的原因", "en": "Why only the administrator"},
    "roles.none": {"zh": "角色与权限数据尚未提供。", "en": "The role and permission data is not available yet."},
    # model field tables
    "fields.field": {"zh": "字段", "en": "Field"},
    "fields.type": {"zh": "类型", "en": "Type"},
    "fields.required": {"zh": "必填", "en": "Required"},
    "fields.description": {"zh": "说明", "en": "Description"},
    # glossary
    "gl.term": {"zh": "术语", "en": "Term"},
    "gl.definition": {"zh": "释义", "en": "Definition"},
    "gl.other": {"zh": "英文", "en": "Chinese"},
    # site
    "site.name": {"zh": "公众号管理运营手册", "en": "Official Account Operations Handbook"},
    "site.description": {
        "zh": "公众号管理运营管理制度：条款、指引、检查规则与检查清单",
        "en": "The Official Account regulation: clauses, guidance, rules and checklists",
    },
    "site.copyright": {"zh": "品牌与新媒体部 · 内部资料", "en": "Brand and New Media Department · internal"},
    "site.palette.default": {"zh": "切换到深色模式", "en": "Switch to dark mode"},
    "site.palette.slate": {"zh": "切换到浅色模式", "en": "Switch to light mode"},
    # print page
    "print.title": {"zh": "打印版", "en": "Printable version"},
    "print.sign": {"zh": "签批", "en": "Sign-off"},
    "print.toc": {"zh": "目录", "en": "Contents"},
    "print.subtitle": {"zh": "手册打印版", "en": "Handbook, printable edition"},
    "print.role": {"zh": "环节", "en": "Step"},
    "print.name": {"zh": "姓名", "en": "Name"},
    "print.signature": {"zh": "签字", "en": "Signature"},
    "print.date": {"zh": "日期", "en": "Date"},
    "print.drafted": {"zh": "编制", "en": "Drafted"},
    "print.reviewed": {"zh": "审核", "en": "Reviewed"},
    "print.approved": {"zh": "批准", "en": "Approved"},
    # generic
    "updated": {"zh": "最后更新", "en": "Last updated"},
}


def label(key: str, lang: Lang, **args: object) -> str:
    text = LABELS[key][lang]
    return text.format(**args) if args else text
