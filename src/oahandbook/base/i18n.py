"""User-facing messages: Simplified Chinese first, English with ``--lang en``.

Messages live in one catalogue so a missing translation is caught by a test, not by a user.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Literal

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

# A context variable, so that checkers in different threads (or tasks) can speak different languages.
_current: ContextVar[Lang] = ContextVar("oahandbook_lang", default="zh")


def set_lang(lang: Lang) -> None:
    _current.set(lang)


def get_lang() -> Lang:
    return _current.get()


@contextmanager
def using_lang(lang: Lang) -> Iterator[None]:
    """Messages in ``lang`` inside the block (and in this thread or task only)."""
    token = _current.set(lang)
    try:
        yield
    finally:
        _current.reset(token)


def pick(text: dict[str, str] | object, lang: Lang | None = None) -> str:
    """Return the ``lang`` side of a bilingual ``{zh, en}`` value (a dict or a model)."""
    lang = lang or _current.get()
    if isinstance(text, dict):
        return text.get(lang) or text.get("zh") or ""
    return getattr(text, lang, None) or getattr(text, "zh", "")


def t(key: str, /, lang: Lang | None = None, **args: object) -> str:
    entry = CATALOGUE[key]
    return entry[lang or _current.get()].format(**args)


# Words for the data's enumerations, shared by every output (text, show, rules, reviews).
SEVERITY_WORDS = {
    "error": {"zh": "错误", "en": "error"},
    "warning": {"zh": "警告", "en": "warning"},
    "suggestion": {"zh": "提示", "en": "suggestion"},  # worth a look, not a problem (Vale's level)
}
# Lowest first: ``--min-severity`` shows a finding when its level is at or above the minimum.
SEVERITIES = ("suggestion", "warning", "error")
SEVERITY_RANK = {severity: rank for rank, severity in enumerate(SEVERITIES)}
STATUS_WORDS = {
    "automated": {"zh": "自动", "en": "automated"},
    "partial": {"zh": "部分自动", "en": "partial"},
    "manual": {"zh": "人工", "en": "manual"},
}

CATALOGUE: dict[str, dict[str, str]] = {
    # --- reading files
    "io.not_found": {"zh": "文件不存在", "en": "file does not exist"},
    "io.is_dir": {"zh": "这是一个目录，需要文件", "en": "this is a directory; a file was expected"},
    "io.unreadable": {"zh": "无法读取文件：{error}", "en": "cannot read the file: {error}"},
    "io.too_large": {
        "zh": "文件过大（{size} 字节，上限 {limit} 字节）；请拆分文件或检查是否选错了文件",
        "en": "file too large ({size} bytes, limit {limit}); split it or check it is the right file",
    },
    "io.binary": {
        "zh": "这是二进制文件（含 NUL 字节），不是文本；请只检查 Markdown 或 YAML 文件",
        "en": "binary file (contains NUL bytes), not text; check only Markdown or YAML files",
    },
    "io.not_utf8": {
        "zh": "文件不是 UTF-8 编码（第 {line} 行第 {column} 列字节 0x{byte:02X}）{hint}；请在编辑器中以 UTF-8 重新保存",
        "en": "file is not UTF-8 (byte 0x{byte:02X} at line {line}, column {column}){hint}; save it again as UTF-8",
    },
    "io.gbk_hint": {"zh": "，看起来是 GBK/GB18030 编码", "en": ", it looks like GBK/GB18030"},
    "io.empty": {"zh": "文件是空的", "en": "the file is empty"},
    "io.not_regular": {
        "zh": "这不是普通文件（管道、设备或套接字），不会读取",
        "en": "not a regular file (a pipe, device or socket); it is not read",
    },
    "io.utf16": {
        "zh": "文件是 UTF-16 编码（Windows 记事本的“Unicode”）；请在编辑器中另存为 UTF-8",
        "en": "the file is UTF-16 (Windows Notepad's 'Unicode'); save it again as UTF-8",
    },
    "io.cannot_write": {"zh": "无法写入 {path}：{error}", "en": "cannot write {path}: {error}"},
    "config.lexicon_outside": {
        "zh": "词表必须放在本仓库内（与 .oahandbook.yaml 同一目录或其子目录），以免读取机器上的其他文件；请把词表复制到仓库里再写相对路径",
        "en": "a lexicon must live inside this repository (the folder of .oahandbook.yaml or below it), so that no other file on the machine is read; copy it into the repository and give its relative path",
    },
    "config.lexicon_unusable": {
        "zh": "词表 {name} 无法使用（问题见下）；改正词表后再检查",
        "en": "the lexicon {name} cannot be used (its problems follow); fix it and check again",
    },
    "io.more_problems": {
        "zh": "……另有 {count} 个问题未列出；请先改正上面的问题，再重新检查",
        "en": "… and {count} more problems not listed; fix the ones above first, then check again",
    },
    "io.too_deep": {
        "zh": "内容嵌套过深，无法读取；文件可能是恶意构造的",
        "en": "input nests too deeply to be read; the file may be crafted",
    },
    # --- drafts in other formats (Word, HTML) and formats that cannot be read
    "fmt.docx_ole": {
        "zh": "这是旧版 Word（.doc）、WPS（.wps）或加了密码的文档，不是 .docx；请在 Word 或 WPS 中“另存为” .docx（不设密码）后再检查",
        "en": "this is an old Word (.doc), WPS (.wps) or password-protected document, not a .docx; save it as .docx (without a password) in Word or WPS and check that",
    },
    "fmt.docx_not_zip": {
        "zh": "不是 Word 文档（.docx 文件应是 zip 压缩包）；文件可能已损坏，或只是改了扩展名",
        "en": "not a Word document (a .docx file is a zip archive); the file may be damaged, or only renamed",
    },
    "fmt.docx_corrupt": {
        "zh": "无法读取这个 Word 文档（{error}）；文件可能已损坏，请在 Word 或 WPS 中打开并重新保存为 .docx",
        "en": "cannot read this Word document ({error}); it may be damaged: open it in Word or WPS and save it again as .docx",
    },
    "fmt.docx_parts": {
        "zh": "Word 文档由 {count} 个部分组成，超过上限 {limit}；这不像一篇文章，文件可能是恶意构造的",
        "en": "the Word document has {count} parts, more than the limit of {limit}; this is no article, and may be a crafted file",
    },
    "fmt.docx_unpacked": {
        "zh": "Word 文档解压后有 {size} 字节，超过上限 {limit} 字节；请删去大图片或视频后再检查，或确认文件不是恶意构造的压缩包",
        "en": "the Word document unpacks to {size} bytes, more than the limit of {limit}; remove large pictures or videos, or make sure it is not a crafted archive",
    },
    "fmt.docx_text": {
        "zh": "Word 文档（.docx）是二进制文件，只能按文件检查，不能作为文本传入",
        "en": "a Word document (.docx) is binary: check it as a file, not as text",
    },
    "fmt.too_long": {
        "zh": "转换出的正文有 {size} 个字符，超过上限 {limit}；请确认选对了文件",
        "en": "the converted text has {size} characters, more than the limit of {limit}; check it is the right file",
    },
    "fmt.html_tags": {
        "zh": "HTML 标签超过 {limit} 个；这不像一篇文章，请只保存文章页面本身",
        "en": "more than {limit} HTML tags; this is no article: save the article page alone",
    },
    "skip.word_old": {
        "zh": "旧版 Word/WPS 格式无法检查；请另存为 .docx",
        "en": "old Word/WPS format, cannot be checked; save it as .docx",
    },
    "skip.save_docx": {
        "zh": "这种文档格式无法检查；请另存为 .docx 或 Markdown（.md）",
        "en": "this document format cannot be checked; save it as .docx or Markdown (.md)",
    },
    "skip.pdf": {
        "zh": "PDF 无法检查；请检查它的源文件（.docx 或 .md）",
        "en": "PDF cannot be checked; check its source (.docx or .md) instead",
    },
    "skip.txt": {
        "zh": "纯文本没有标题、作者等信息；请改成 .md 并加上前置元数据，或用 --kind article 把它当作 Markdown 检查",
        "en": "plain text has no title, author or other fields; rename it to .md with front matter, or check it as Markdown with --kind article",
    },
    "skip.mhtml": {
        "zh": "MHTML 网页存档无法检查；请在浏览器中把页面另存为“网页，仅 HTML”",
        "en": "MHTML web archives cannot be checked; save the page as 'Webpage, HTML only' in the browser",
    },
    "skip.html_page": {
        "zh": "不是公众号文章页面（没有 js_content）；要把它当作草稿检查，请维护检查配置的同事把它写进仓库根目录 .oahandbook.yaml 的 include（哪些文件是草稿），或在命令行中直接指明它",
        "en": "not a WeChat article page (no js_content); to check it as a draft, have whoever maintains the checks add it to include (which files are drafts) in .oahandbook.yaml at the repository root, or name it on the command line",
    },
    "skip.no_front_matter": {
        "zh": "不是草稿（第一行不是 ---，没有前置元数据），未检查；要把它当作草稿检查，请加上前置元数据，或请维护检查配置的同事在仓库根目录 .oahandbook.yaml 的 include（哪些文件是草稿）中写明草稿所在的文件夹，或加 --kind article",
        "en": "not a draft (its first line is not ---: no front matter), not checked; to check it as a draft, give it a front matter, have whoever maintains the checks name the drafts' folder in include (which files are drafts) in .oahandbook.yaml at the repository root, or add --kind article",
    },
    "skip.hidden_folder": {
        "zh": "不是草稿（在隐藏文件夹中，例如 .github/ 中的模板），未检查；要把它当作草稿检查，请维护检查配置的同事把它写进仓库根目录 .oahandbook.yaml 的 include（哪些文件是草稿），或加 --kind article",
        "en": "not a draft (in a hidden folder, such as .github's templates), not checked; to check it as a draft, have whoever maintains the checks name it in include (which files are drafts) in .oahandbook.yaml at the repository root, or add --kind article",
    },
    "skip.not_included": {
        "zh": "不是草稿（不在配置的 include 中），未检查；include 是仓库根目录 .oahandbook.yaml 中列出哪些文件是草稿的设置，要把它当作草稿检查，请维护检查配置的同事把它加入 include，或加 --kind article",
        "en": "not a draft (the config's include does not name it), not checked; include, in .oahandbook.yaml at the repository root, lists which files are drafts: to check it as a draft, have whoever maintains the checks add it there, or add --kind article",
    },
    "init.not_dir": {"zh": "{path}：不是文件夹", "en": "{path}: not a folder"},
    "init.empty_glob": {
        "zh": "--drafts 需要一个通配符，例如 --drafts 'drafts/**'",
        "en": "--drafts takes a glob, e.g. --drafts 'drafts/**'",
    },
    "init.not_git": {
        "zh": "注意：{path} 不是 git 仓库的根目录；pre-commit 钩子只在 git 仓库中运行（先运行 git init）",
        "en": "note: {path} is not the root of a git repository; pre-commit hooks run only in one (run git init first)",
    },
    "init.config_written": {"zh": "已写入 {path}（{drafts}）", "en": "wrote {path} ({drafts})"},
    "init.drafts_front_matter": {
        "zh": "草稿：第一行是 --- 的 Markdown 文件",
        "en": "drafts: Markdown files whose first line is ---",
    },
    "init.drafts_glob": {"zh": "草稿：{glob}", "en": "drafts: {glob}"},
    "init.config_kept": {"zh": "{path} 已存在，未改动", "en": "{path} exists, left as it is"},
    "init.drafts_not_written": {
        "zh": '要只把 {glob} 当作草稿，请在其中写 include: ["{glob}"]',
        "en": 'to take {glob} as the drafts, write include: ["{glob}"] in it',
    },
    "init.precommit_written": {
        "zh": "已写入 {path}（钩子 oahandbook-article、oahandbook-account）",
        "en": "wrote {path} (hooks oahandbook-article, oahandbook-account)",
    },
    "init.precommit_has_hooks": {
        "zh": "{path} 已有 oahandbook 的钩子，未改动",
        "en": "{path} already has oahandbook's hooks, left as it is",
    },
    "init.precommit_kept": {
        "zh": "{path} 已存在，未改动；请把下面几行加到其中的 repos: 下：",
        "en": "{path} exists and is left as it is; add these lines under its repos:",
    },
    "init.next": {
        "zh": "下一步：\n  pip install pre-commit && pre-commit install   # 以后每次提交前自动检查\n"
        "  oahandbook check                                # 现在检查全部草稿和账号档案",
        "en": "Next:\n  pip install pre-commit && pre-commit install   # check before every commit from now on\n"
        "  oahandbook check                                # check every draft and account file now",
    },
    "skip.unsupported": {
        "zh": "无法检查这个文件：{reason}",
        "en": "this file cannot be checked: {reason}",
    },
    # --- YAML (base/yamlio.py, base/yamlhints.py): name keys and positions, never values
    "yaml.syntax": {
        "zh": "YAML 语法错误：{explanation}（{detail}）",
        "en": "YAML syntax error: {explanation} ({detail})",
    },
    "yaml.mistake": {"zh": "YAML 写法有误：{explanation}", "en": "YAML mistake: {explanation}"},
    "yaml.multi_doc": {
        "zh": "文件中有多个 YAML 文档（---）；只需要一个",
        "en": "the file holds more than one YAML document (---); one was expected",
    },
    "yaml.empty": {"zh": "YAML 文档是空的", "en": "the YAML document is empty"},
    "yaml.key.named": {"zh": "键“{key}”", "en": "the key '{key}'"},
    "yaml.key.unnamed": {"zh": "这个键", "en": "this key"},
    "yaml.value.named": {"zh": "“{key}”的值", "en": "the value of '{key}'"},
    "yaml.value.unnamed": {"zh": "这个值", "en": "this value"},
    "yaml.word.key": {"zh": "键", "en": "key"},
    "yaml.word.value": {"zh": "值", "en": "value"},
    "yaml.space.ideographic": {"zh": "全角空格（U+3000）", "en": "a full-width space (U+3000)"},
    "yaml.space.nbsp": {"zh": "不换行空格（U+00A0）", "en": "a no-break space (U+00A0)"},
    "yaml.what.list": {"zh": "列表", "en": "list"},
    "yaml.what.map": {"zh": "映射", "en": "mapping"},
    "yaml.number.octal": {"zh": "八进制数（0123 读成 83）", "en": "an octal number (0123 becomes 83)"},
    "yaml.number.base60": {"zh": "六十进制数（1:20 读成 80）", "en": "a base-60 number (1:20 becomes 80)"},
    "yaml.slip.full_width_colon": {
        "zh": "{key}后面是全角冒号“：”，YAML 只认半角冒号“:”，所以把整行读成了一段文字；"
        "请改成半角冒号加一个空格：{fix}",
        "en": "{key} is followed by a full-width colon '：', but YAML only knows the ASCII colon ':', "
        "so it reads the whole line as text; write an ASCII colon and a space: {fix}",
    },
    "yaml.slip.missing_space": {
        "zh": "{key}的冒号后面少了空格，YAML 把整行读成了一段文字；请在冒号后加一个空格：{fix}",
        "en": "there is no space after the colon of {key}, so YAML reads the whole line as text; "
        "put a space after the colon: {fix}",
    },
    "yaml.slip.colon_in_value": {
        "zh": "{key}的值里有“冒号加空格”，YAML 把它当成了又一个键；请给整个值加上引号：{fix}，"
        "或把值里的冒号改成全角“：”",
        "en": "the value of {key} holds a colon followed by a space, which YAML reads as another key; "
        "put the whole value in quotes: {fix}, or write that colon full-width '：'",
    },
    "yaml.slip.over_indented": {
        "zh": "这一行比第 {line} 行缩进得更深，YAML 把它读成了那一行的值的续行，而续行里不能有“冒号加空格”；"
        "如果它是同一级的键，请与第 {line} 行的键左对齐；如果它属于那一行的值，请把整个值写在一行并加上引号",
        "en": "this line is indented deeper than line {line}, so YAML reads it as a continuation of that "
        "line's value, where a colon followed by a space is not allowed; if it is a key of the same "
        "level, align it with the key on line {line}; if it belongs to that value, write the value on "
        "one line in quotes",
    },
    "yaml.slip.no_colon": {
        "zh": "这一行既不是“键: 值”，也不是上一行的值的续行（没有半角冒号“:”）；请写成 {fix}，"
        "或把它缩进，作为上一行的值的续行",
        "en": "this line is neither 'key: value' nor a continuation of the value above (it has no ASCII "
        "colon ':'); write {fix}, or indent it to continue the value above",
    },
    "yaml.slip.tab": {
        "zh": "这里用了 Tab 缩进，YAML 只允许用空格缩进；请把 Tab 换成空格，与同一级的行对齐（通常每级两个空格）",
        "en": "a tab is used for indentation here, and YAML allows only spaces; replace it with spaces, "
        "aligned with the lines of the same level (usually two per level)",
    },
    "yaml.slip.odd_space": {
        "zh": "这一行用{space}缩进，YAML 只认半角空格，会把它当成键的一部分；请删掉它，改用半角空格缩进（通常每级两个）",
        "en": "this line is indented with {space}, which YAML takes as part of the key, as it only counts "
        "ASCII spaces; delete it and indent with ASCII spaces (usually two per level)",
    },
    "yaml.slip.unclosed_quote": {
        "zh": "这里开始的引号 {quote} 没有闭合，YAML 把后面的内容都读进了这个值；请在这个值的末尾补上 {quote}",
        "en": "the quote {quote} opened here is never closed, so YAML reads what follows into this value; "
        "end the value with {quote}",
    },
    "yaml.slip.chinese_close": {
        "zh": "这里开始的英文引号 {quote} 以中文引号 {close} 结尾，YAML 不把中文引号当作引号，所以引号没有闭合；"
        "请把结尾的 {close} 改成 {quote}",
        "en": "the ASCII quote {quote} opened here ends with the Chinese quote {close}, which YAML does not "
        "count as a quote, so it is never closed; replace the closing {close} with {quote}",
    },
    "yaml.slip.closed_early": {
        "zh": "这个值以 {open} 开头，YAML 读到 {close} 就认为值结束了，读不懂后面的文字；请把整个值放进引号：{fix}，"
        "或改用中文的【】和“”",
        "en": "this value starts with {open}, so YAML ends it at {close} and cannot read the text after it; "
        "put the whole value in quotes: {fix}, or use Chinese 【】 and “” instead",
    },
    "yaml.slip.escape": {
        "zh": "双引号里的反斜杠“\\”开始一个转义（例如 \\n 表示换行），这里的转义无效；"
        "要写反斜杠本身，请写两个反斜杠，或改用单引号：{fix}",
        "en": "in double quotes a backslash starts an escape (\\n is a line break), and this one is not "
        "valid; write two backslashes for one, or use single quotes: {fix}",
    },
    "yaml.slip.list_indent": {
        "zh": "这个列表项的“-”与第 {line} 行的列表项没有对齐（那里在第 {column} 列）；同一个列表的“-”要上下对齐",
        "en": "the '-' of this list item is not aligned with the item on line {line} (column {column}); "
        "the items of one list start in the same column",
    },
    "yaml.slip.not_an_item": {
        "zh": "这一行与第 {line} 行的列表项缩进相同，却不以“- ”开头；列表的每一项都要以“- ”开头，"
        "如果它属于上一级，请减少缩进",
        "en": "this line is indented like the list item on line {line} but does not start with '- '; "
        "start it with '- ', or indent it less if it belongs to the level above",
    },
    "yaml.slip.item_after_key": {
        "zh": "列表项不能和{key}写在同一行；请换行，把每一项写成缩进的一行：{fix}",
        "en": "a list item cannot follow {key} on the same line; put each item on its own indented line: {fix}",
    },
    "yaml.slip.misaligned_key": {
        "zh": "这个键与上面的键没有对齐（第 {line} 行的键在第 {column} 列）；同一级的键要左对齐",
        "en": "this key is not aligned with the keys above (the key on line {line} is at column {column}); "
        "keys of the same level start in the same column",
    },
    "yaml.slip.special_start": {
        "zh": "以 {char} 开头的值在 YAML 中有特殊含义，不能直接写；请给整个值加上引号：{fix}",
        "en": "a value starting with {char} means something else in YAML; put the whole value in quotes: {fix}",
    },
    "yaml.slip.block": {
        "zh": "以 {char} 开头的值表示下面几行是一段文字，{char} 后面不能再写内容；"
        "请把文字写在下一行并缩进，或给整个值加上引号：{fix}",
        "en": "a value starting with {char} means the lines below hold the text, and nothing may follow "
        "{char}; write the text on the next lines, indented, or put the whole value in quotes: {fix}",
    },
    "yaml.slip.anchor": {
        "zh": "以“&”开头的值是 YAML 锚点，本工具不接受；如果这是文字（例如密码），请给整个值加上引号：{fix}；"
        "如果是锚点，请直接写出内容",
        "en": "a value starting with '&' is a YAML anchor, which is not accepted; if it is text (a "
        "password, say), put the whole value in quotes: {fix}; if it is an anchor, write the content out",
    },
    "yaml.slip.alias": {
        "zh": "以“*”开头的值是 YAML 别名（引用别处的内容），本工具不接受；如果这是文字（例如密码），"
        "请给整个值加上引号：{fix}；如果是别名，请直接写出内容",
        "en": "a value starting with '*' is a YAML alias (a reference to other content), which is not "
        "accepted; if it is text (a password, say), put the whole value in quotes: {fix}; if it is an "
        "alias, write the content out",
    },
    "yaml.slip.tag": {
        "zh": "以“!”开头的值是 YAML 类型标签，本工具不接受；如果这是文字（例如密码），请给整个值加上引号：{fix}",
        "en": "a value starting with '!' is a YAML tag, which is not accepted; if it is text (a password, "
        "say), put the whole value in quotes: {fix}",
    },
    "yaml.slip.flow_unclosed": {
        "zh": "这里的 {open} 开始了一个{what}，但没有以 {close} 正确结束；如果这是文字，请给整个值加上引号：{fix}；"
        "如果是{what}，请检查逗号和 {close}",
        "en": "the {open} here starts a {what} that is not properly closed with {close}; if this is text, put "
        "the whole value in quotes: {fix}; if it is a {what}, check its commas and the {close}",
    },
    "yaml.slip.control_char": {
        "zh": "这里有一个看不见的控制字符（{code}），YAML 不允许；请删掉它（常见于从网页或 Word 复制的文字）",
        "en": "there is an invisible control character ({code}) here, which YAML does not allow; delete it "
        "(it often comes with text copied from web pages or Word)",
    },
    "yaml.slip.line_separator": {
        "zh": "这里有一个看不见的换行符（{code}），编辑器里看不出来，YAML 却在这里换了行；请删掉它（常见于从网页复制的文字）",
        "en": "there is an invisible line separator ({code}) here: editors do not show it, but YAML starts a "
        "new line at it; delete it (it often comes with text copied from web pages)",
    },
    "yaml.slip.general": {
        "zh": "YAML 从这里读不下去；请检查这一行和上一行的缩进（只用半角空格）、冒号（半角冒号加空格）和引号（成对出现）",
        "en": "YAML cannot read on from here; check the indentation (ASCII spaces only), colons (an ASCII "
        "colon and a space) and quotes (in pairs) on this line and the one above",
    },
    "yaml.duplicate_key": {
        "zh": "{key}重复了（第 {first_line} 行已经出现过）；YAML 会静默保留后一个，请删除其中一个",
        "en": "{key} appears twice (first on line {first_line}); YAML would silently keep the last one: "
        "remove one of them",
    },
    "yaml.merge": {
        "zh": "不支持 YAML 合并键（<<）；请直接写出内容",
        "en": "YAML merge keys (<<) are not accepted; write the content out",
    },
    "yaml.tag_refused": {
        "zh": "{value}用了 YAML 类型标签 {tag}，本工具不接受；请删掉 {tag}，直接写出内容（文字请加引号）",
        "en": "{value} carries the YAML tag {tag}, which is not accepted; remove {tag} and write the "
        "content out (quote text)",
    },
    "yaml.bad_tagged_value": {
        "zh": "{value}不能按 {tag} 读取；请删掉 {tag}，写成{expected}，如果是文字请加引号",
        "en": "{value} cannot be read as {tag}; remove {tag} and write {expected}, or quote it if it is text",
    },
    "yaml.bad_date": {
        "zh": "{value}看起来是日期，但日历上没有这一天；请写成真实存在的日期 YYYY-MM-DD，如果是文字请加引号",
        "en": "{value} looks like a date, but there is no such day; write a real date as YYYY-MM-DD, or "
        "quote it if it is text",
    },
    "yaml.bad_value": {
        "zh": "{value}无法读取；如果是文字请加引号",
        "en": "{value} cannot be read; quote it if it is text",
    },
    "yaml.ambiguous_bool": {
        "zh": "{value}在 YAML 1.1 中会被读成布尔值 {as_bool}；如果是布尔值请写 true 或 false，如果是文字请加引号：{fix}",
        "en": "{value} is read as the boolean {as_bool} by YAML 1.1; write true or false for a boolean, "
        "or quote it for text: {fix}",
    },
    "yaml.ambiguous_number": {
        "zh": "{value}在 YAML 1.1 中会被读成{how}，而不是原样的文字；如果是文字（编号、密码、时间），请加引号：{fix}",
        "en": "{value} is read by YAML 1.1 as {how}, not as the text written; if it is text (a number "
        "code, a password, a time), quote it: {fix}",
    },
    "yaml.key_type": {
        "zh": "键必须是文字，这里是 {kind}；请给键加引号",
        "en": "keys must be text, this one is {kind}; quote the key",
    },
    "yaml.too_deep": {
        "zh": "YAML 嵌套过深（超过 {limit} 层）",
        "en": "YAML nesting is too deep (more than {limit} levels)",
    },
    "yaml.too_many_nodes": {
        "zh": "YAML 节点过多（超过 {limit} 个）；这不像是一个正常的数据文件",
        "en": "too many YAML nodes (more than {limit}); this does not look like a normal data file",
    },
    # --- validation
    "val.missing": {"zh": "缺少必填字段 “{field}”", "en": "missing required field '{field}'"},
    "val.extra": {
        "zh": "未知字段 “{field}”{suggest}；允许的字段：{allowed}",
        "en": "unknown field '{field}'{suggest}; allowed fields: {allowed}",
    },
    "val.extra_unnamed": {
        "zh": "一个未知字段{suggest}；允许的字段：{allowed}",
        "en": "an unknown field{suggest}; allowed fields: {allowed}",
    },
    "val.suggest": {"zh": "（是否想写 “{name}”？）", "en": " (did you mean '{name}'?)"},
    "val.type": {
        "zh": "类型错误：需要{expected}，实际是{got}{written}{hint}",
        "en": "wrong type: expected {expected}, got {got}{written}{hint}",
    },
    "val.quote_hint": {
        "zh": "；如果这是文字，请加引号",
        "en": "; if this is text, put it in quotes",
    },
    "val.written_as": {"zh": "（原文写作 {written}）", "en": " (written {written})"},
    "val.choice": {
        "zh": "取值无效；可选值：{expected}",
        "en": "invalid value; expected one of: {expected}",
    },
    "val.other": {"zh": "{msg}", "en": "{msg}"},
    "val.too_short_text": {
        "zh": "不能为空（至少 {min_length} 个字符）",
        "en": "must not be empty (at least {min_length} characters)",
    },
    "val.too_short_list": {"zh": "至少需要 {min_length} 项", "en": "needs at least {min_length} item(s)"},
    "val.pattern": {"zh": "格式不对，应符合 {pattern}", "en": "wrong form; expected to match {pattern}"},
    "val.greater_than": {"zh": "必须大于 {gt}", "en": "must be greater than {gt}"},
    "val.greater_equal": {"zh": "必须不小于 {ge}", "en": "must be at least {ge}"},
    "what.rule": {"zh": "规则", "en": "rule"},
    "what.fact": {"zh": "平台事实或单位政策", "en": "platform fact or policy"},
    "what.clause": {"zh": "条款", "en": "clause"},
    "what.reference": {"zh": "参考依据", "en": "reference"},
    "what.lexicon": {"zh": "词表", "en": "lexicon"},
    "what.check type": {"zh": "检查类型", "en": "check type"},
    "cli.data_summary": {
        "zh": "{root}：{clauses} 个条款，{rules} 条规则，{lexicons} 个词表，{facts} 项平台事实和政策",
        "en": "{root}: {clauses} clauses, {rules} rules, {lexicons} lexicons, {facts} facts",
    },
    "val.ref": {
        "zh": "{what} “{value}” 不存在{suggest}",
        "en": "{what} '{value}' does not exist{suggest}",
    },
    "val.ref_unnamed": {
        "zh": "没有这样的{what}{suggest}",
        "en": "no such {what}{suggest}",
    },
    "config.lexicon_missing": {
        "zh": "词表文件不存在；路径相对于 .oahandbook.yaml 所在的目录，请检查文件名",
        "en": "the lexicon file does not exist; the path is relative to the folder of .oahandbook.yaml, check the name",
    },
    "config.policy_range": {
        "zh": "{fact} 应是 {low} 到 {high} 之间的整数（单位：{unit}）",
        "en": "{fact} must be a whole number from {low} to {high} ({unit})",
    },
    "config.policy_not_number": {
        "zh": "{fact} 不是一个数，不能在 policy 下改写",
        "en": "{fact} is not a number and cannot be set under policy",
    },
    "unit.days": {"zh": "天", "en": "days"},
    "unit.hours": {"zh": "小时", "en": "hours"},
    "unit.count": {"zh": "个", "en": "items"},
    "unit.characters": {"zh": "字符", "en": "characters"},
    "unit.bytes": {"zh": "字节", "en": "bytes"},
    "unit.width": {"zh": "显示宽度，一个汉字计 2", "en": "display width, a Chinese character counting 2"},
    # --- types, for val.type
    "type.string": {"zh": "文字", "en": "text"},
    "type.int": {"zh": "整数", "en": "an integer"},
    "type.float": {"zh": "数字", "en": "a number"},
    "type.bool": {"zh": "布尔值（true/false）", "en": "a boolean (true/false)"},
    "type.date": {"zh": "日期（YYYY-MM-DD）", "en": "a date (YYYY-MM-DD)"},
    "type.list": {"zh": "列表", "en": "a list"},
    "type.dict": {"zh": "映射（键: 值）", "en": "a mapping (key: value)"},
    "type.null": {"zh": "空值", "en": "null"},
    # --- command line
    "cli.summary_clean": {
        "zh": "检查了 {files} 个文件，没有发现问题。",
        "en": "{files} file(s) checked, no problems found.",
    },
    "cli.data_ok": {"zh": "数据有效：{what}", "en": "data is valid: {what}"},
    "cli.unknown_id": {
        "zh": "没有编号为 “{id}” 的条款或规则{suggest}；用 `oahandbook rules` 查看全部",
        "en": "no clause or rule with ID '{id}'{suggest}; run `oahandbook rules` to list them",
    },
    "cli.usage_error": {"zh": "用法错误：{msg}", "en": "usage error: {msg}"},
    "cli.help_hint": {"zh": "运行 `{prog} --help` 查看全部选项", "en": "run `{prog} --help` to see every option"},
    "cli.output_is_input": {
        "zh": "{option} {path} 是本次要读取的文件，写入会覆盖它；请换一个文件名",
        "en": "{option} {path} is one of the files this run reads, and writing there would overwrite it; "
        "choose another file",
    },
    "cli.not_date": {"zh": "不是日期（应写成 YYYY-MM-DD）：{value!r}", "en": "not a date (YYYY-MM-DD): {value!r}"},
    "cli.not_whole_number": {"zh": "不是整数：{value!r}", "en": "not a whole number: {value!r}"},
    "cli.jobs_range": {"zh": "--jobs 取 0（全部核心）或更大的数", "en": "--jobs takes 0 (all cores) or more"},
    "cli.unknown_rules": {
        "zh": "没有这样的规则：{words}；规则代码和规则名见 `oahandbook rules`",
        "en": "no such rule: {words}; `oahandbook rules` lists the codes and names",
    },
    "cli.ignore_protected": {
        "zh": "{codes} 保护个人信息或密钥，不能忽略（--select 也总会包括它们）",
        "en": "{codes} protect personal data or secrets and cannot be ignored (--select always includes them too)",
    },
    "cli.no_stdin": {"zh": "没有标准输入可读", "en": "there is no standard input to read"},
    "cli.stdin_kind": {
        "zh": "无法从文件名 {name} 判断是草稿还是账号档案；请用 --kind article 或 --kind account 指明",
        "en": "the name {name} does not tell whether this is a draft or an account file; say which with --kind article or --kind account",
    },
    "cli.fixed": {
        "zh": "已自动修改 {count} 处问题（{files} 个文件）。",
        "en": "{count} finding(s) fixed in {files} file(s).",
    },
    "cli.would_fix": {
        "zh": "可自动修改 {count} 处问题（{files} 个文件）；加 --fix 写入文件。",
        "en": "{count} finding(s) in {files} file(s) can be fixed; --fix writes the changes.",
    },
    "cli.nothing_to_fix": {"zh": "没有可以自动修改的问题。", "en": "nothing to fix automatically."},
    "cli.schema_stale": {
        "zh": "{path} 已过期，请运行 `{command}`",
        "en": "{path} is out of date, run `{command}`",
    },
    "cli.schema_written": {"zh": "已写入 {path}", "en": "wrote {path}"},
    "cli.schema_ok": {"zh": "{count} 个 JSON Schema 均为最新", "en": "{count} JSON Schema(s) up to date"},
}
