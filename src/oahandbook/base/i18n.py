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
        "zh": "不是公众号文章页面（没有 js_content）；要把它当作草稿检查，请把它加入配置的 include，或在命令行中直接指明",
        "en": "not a WeChat article page (no js_content); to check it as a draft, add it to include in the config or name it on the command line",
    },
    "skip.unsupported": {
        "zh": "无法检查这个文件：{reason}",
        "en": "this file cannot be checked: {reason}",
    },
    # --- YAML
    "yaml.syntax": {
        "zh": "YAML 语法错误：{problem}{context}；请检查缩进、冒号和引号",
        "en": "YAML syntax error: {problem}{context}; check indentation, colons and quotes",
    },
    "yaml.multi_doc": {
        "zh": "文件中有多个 YAML 文档（---）；只需要一个",
        "en": "the file holds more than one YAML document (---); one was expected",
    },
    "yaml.empty": {"zh": "YAML 文档是空的", "en": "the YAML document is empty"},
    "yaml.duplicate_key": {
        "zh": "重复的键 “{key}”（第 {first_line} 行已经出现过）；YAML 会静默保留后者，请删除其中一个",
        "en": "duplicate key '{key}' (already at line {first_line}); YAML would silently keep "
        "the last one; remove one of them",
    },
    "yaml.alias": {
        "zh": "不支持 YAML 别名（*{name}）；请直接写出内容",
        "en": "YAML aliases (*{name}) are not accepted; write the content out",
    },
    "yaml.anchor": {
        "zh": "不支持 YAML 锚点（&{name}）；请直接写出内容",
        "en": "YAML anchors (&{name}) are not accepted; write the content out",
    },
    "yaml.merge": {
        "zh": "不支持 YAML 合并键（<<）；请直接写出内容",
        "en": "YAML merge keys (<<) are not accepted; write the content out",
    },
    "yaml.ambiguous_bool": {
        "zh": "“{value}” 在 YAML 1.1 中会被读成布尔值 {as_bool}；"
        '如果是布尔值请写 true 或 false，如果是文字请加引号："{value}"',
        "en": "'{value}' is read as the boolean {as_bool} by YAML 1.1; write true or false for a "
        'boolean, or quote it ("{value}") for text',
    },
    "yaml.ambiguous_number": {
        "zh": '“{value}” 在 YAML 1.1 中会被读成数字 {as_number}；如果是文字请加引号："{value}"',
        "en": "'{value}' is read as the number {as_number} by YAML 1.1; quote it (\"{value}\") if it is text",
    },
    "yaml.bad_value": {
        "zh": "“{value}” 无法读取（{error}）；日期请写成真实存在的 YYYY-MM-DD，文字请加引号",
        "en": "'{value}' cannot be read ({error}); write a real date as YYYY-MM-DD, or quote text",
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
    "val.suggest": {"zh": "（是否想写 “{name}”？）", "en": " (did you mean '{name}'?)"},
    "val.type": {
        "zh": "类型错误：需要{expected}，实际是{got} {value}{hint}",
        "en": "wrong type: expected {expected}, got {got} {value}{hint}",
    },
    "val.quote_hint": {
        "zh": "；如果这是文字，请加引号",
        "en": "; if this is text, put it in quotes",
    },
    "val.written_as": {"zh": "（原文写作 {written}）", "en": " (written {written})"},
    "val.choice": {
        "zh": "取值 {value} 无效；可选值：{expected}",
        "en": "invalid value {value}; expected one of: {expected}",
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
    "cli.schema_stale": {
        "zh": "{path} 已过期，请运行 `{command}`",
        "en": "{path} is out of date, run `{command}`",
    },
    "cli.schema_written": {"zh": "已写入 {path}", "en": "wrote {path}"},
    "cli.schema_ok": {"zh": "{count} 个 JSON Schema 均为最新", "en": "{count} JSON Schema(s) up to date"},
}
