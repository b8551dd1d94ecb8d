"""Drafts in other formats: Word documents (.docx) and HTML pages (a saved WeChat article page
included) are checked with the same rules as Markdown, and findings point at what the editor
can find (a paragraph of the document, a line and column of the page); documents that cannot
be read are listed, never skipped silently."""

from __future__ import annotations

import io
import json
import shutil
import struct
import time
import zipfile
import zlib
from pathlib import Path

import docx
import pytest
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from oahandbook import Checker
from oahandbook.commands.main import main
from sample_drafts import write

FIXTURES = Path(__file__).parent / "fixtures" / "formats"
# A saved WeChat article page: the handbook's own example serves as the fixture.
SAVED_PAGE = Path(__file__).parents[1] / "examples" / "drafts" / "saved-article.html"
SALE = "长期出售猎枪配件，量大从优，私聊。"  # PC06, an error wherever it is


def _png() -> bytes:
    """A 1×1 PNG (the cover picture of the Word drafts)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\xff\xff\xff"))
        + chunk(b"IEND", b"")
    )


def make_docx(
    path: Path,
    paragraphs: list,
    *,
    title: str = "",
    author: str = "品牌部",
    comments: str = "",
    keywords: str = "",
    picture: bool = True,
) -> docx.Document:
    """A Word document as Word saves one: properties, paragraphs (text, or (text, style)), and a
    picture at the end (the cover) unless told otherwise."""
    document = docx.Document()
    core = document.core_properties
    core.title, core.author, core.comments, core.keywords = title, author, comments, keywords
    for item in paragraphs:
        text, style = item if isinstance(item, tuple) else (item, None)
        document.add_paragraph(text, style=style)
    if picture:
        document.add_picture(io.BytesIO(_png()))
    document.save(path)
    return document


def add_hyperlink(paragraph, url: str, text: str) -> None:
    rel_id = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel_id)
    run = OxmlElement("w:r")
    text_element = OxmlElement("w:t")
    text_element.text = text
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def page(body: str, head: str = "") -> str:
    """A saved WeChat article page, small: metadata in the head, the article in #js_content."""
    return (
        "<!DOCTYPE html>\n<html>\n<head>\n"
        '<meta property="og:title" content="周末社区市集">\n'
        '<meta name="author" content="社区服务中心">\n'
        '<meta property="og:image" content="https://mmbiz.qpic.cn/mmbiz_jpg/x/0?wx_fmt=jpeg">\n'
        f"{head}</head>\n<body>\n"
        '<div class="rich_media_content" id="js_content">\n'
        f"{body}\n</div>\n</body>\n</html>\n"
    )


# --------------------------------------------------------------------------- Word


def test_word_finding_points_at_the_paragraph_and_the_character(work, capsys):
    make_docx(
        work / "稿件.docx",
        [("社区市集招募摊主", "Title"), "本周六上午九点，社区市集在中心广场举行。", "", "第二段：" + SALE],
    )
    assert main(["check", "--color", "never", "稿件.docx"]) == 1
    out = capsys.readouterr().out
    # The empty paragraph does not count; 出售 is the 7th character of the third paragraph.
    assert "稿件.docx:3:7: PC06 错误" in out, out
    assert "FM0" not in out  # title, author and cover came from the document
    assert "（第 3 段“第二段：长期出售猎枪配件，量大从优，私聊…”）" in out, out  # the paragraph's first words find it
    assert main(["check", "--format", "json", "稿件.docx"]) == 1
    [finding] = json.loads(capsys.readouterr().out)["findings"]
    assert finding["excerpt"] == "第二段：长期出售猎枪配件，量大从优，私聊…"


def test_word_author_left_as_the_default_is_missing_and_reported_at_the_properties(work, capsys):
    make_docx(work / "稿件.docx", [("社区市集招募摊主", "Title"), "本周六上午九点开市。"], author="Administrator")
    assert main(["check", "稿件.docx"]) == 1
    out = capsys.readouterr().out
    assert "稿件.docx:1:1: FM01 错误 缺少必填字段 author" in out, out
    assert "第 1 段" not in out  # a document property is in no paragraph


def test_word_title_from_the_first_heading_keeps_its_columns(work, capsys):
    long_title = "关于举办二〇二五年度社区居民秋季运动会暨邻里节系列活动报名工作的通知"
    assert len(long_title) > 32
    make_docx(work / "稿件.docx", [(long_title, "Title"), "欢迎报名。"])
    assert main(["check", "稿件.docx"]) == 1
    out = capsys.readouterr().out
    assert "稿件.docx:1:33: FM02" in out, out  # the 33rd character is the first one over the limit


def test_word_properties_give_title_digest_and_tags(work):
    make_docx(
        work / "稿件.docx", ["欢迎报名。"], title="社区市集", comments="本周六\n开市", keywords="活动；社区, 市集"
    )
    result = Checker().check_file("稿件.docx")
    assert result.kind == "article" and result.ok, result
    from oahandbook.article.formats import read_draft

    draft = read_draft(work / "稿件.docx", "稿件.docx")
    assert draft.front["title"] == "社区市集" and draft.front["digest"] == "本周六 开市"
    assert draft.front["tags"] == ["活动", "社区", "市集"]
    assert draft.front["cover"].startswith("word/media/") and draft.front["cover"].endswith(".png")


def test_word_tracked_insertions_and_tables_are_read_deletions_are_not(work, capsys):
    document = make_docx(work / "稿件.docx", [("社区市集", "Title"), "本周六开市。"], picture=False)
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "摊位"
    table.cell(0, 1).text = SALE
    inserted = document.add_paragraph("修订：")
    ins = OxmlElement("w:ins")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "出售猎枪，私聊。"
    run.append(text)
    ins.append(run)
    inserted._p.append(ins)
    document.add_picture(io.BytesIO(_png()))
    document.save(work / "稿件.docx")
    assert main(["check", "稿件.docx"]) == 1
    out = capsys.readouterr().out
    assert "稿件.docx:4:3: PC06" in out, out  # the table's second cell is paragraph 4
    assert "稿件.docx:5:4: PC06" in out, out  # a tracked insertion is text the editor will publish


def test_word_hyperlinks_are_links(work, capsys):
    document = make_docx(work / "稿件.docx", [("社区市集", "Title"), "详见："], picture=False)
    add_hyperlink(document.paragraphs[1], "https://example.com/market", "活动页面")
    document.add_picture(io.BytesIO(_png()))
    document.save(work / "稿件.docx")
    assert main(["check", "--min-severity", "suggestion", "稿件.docx"]) == 0
    assert "稿件.docx:2:4: LK01" in capsys.readouterr().out


def test_word_comment_waives_the_paragraphs_it_is_anchored_to(work, capsys):
    document = make_docx(work / "稿件.docx", [("社区市集", "Title"), "警方通报：" + SALE, SALE], picture=False)
    document.add_picture(io.BytesIO(_png()))
    document.add_comment(document.paragraphs[1].runs, text="oahandbook-disable PC06: 转述警方通报原文", author="审核")
    document.save(work / "稿件.docx")
    assert main(["check", "稿件.docx"]) == 1
    out = capsys.readouterr().out
    assert "稿件.docx:2:" not in out and "稿件.docx:3:3: PC06" in out, out


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"PK\x03\x04 damaged", "无法读取这个 Word 文档"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512), "旧版 Word（.doc）"),
        ("只是改了扩展名的文本".encode(), "不是 Word 文档"),
        (b"", "不是 Word 文档"),
    ],
)
def test_unreadable_word_documents_are_problems_naming_the_file(work, capsys, content, words):
    write(work / "坏稿.docx", content)
    make_docx(work / "好稿.docx", [("社区市集", "Title"), SALE])
    assert main(["check", "坏稿.docx", "好稿.docx"]) == 2
    captured = capsys.readouterr()
    assert "坏稿.docx:1:1: " in captured.err and words in captured.err, captured.err
    assert "好稿.docx:2:3: PC06" in captured.out  # the other file is still checked
    assert "Traceback" not in captured.err


def test_a_zip_bomb_is_refused_before_it_is_unpacked(work, capsys):
    make_docx(work / "稿件.docx", ["正文"])
    with zipfile.ZipFile(work / "稿件.docx") as original:
        parts = {name: original.read(name) for name in original.namelist()}
    parts["word/document.xml"] = b"<" + b"\x00" * (64 * 1024 * 1024)  # 64 MB of zeros pack into 64 KB
    with zipfile.ZipFile(work / "稿件.docx", "w", zipfile.ZIP_DEFLATED) as bomb:
        for name, data in parts.items():
            bomb.writestr(name, data)
    assert (work / "稿件.docx").stat().st_size < 1024 * 1024
    assert main(["check", "--lang", "en", "稿件.docx"]) == 2
    err = capsys.readouterr().err
    assert "稿件.docx:1:1: the Word document unpacks to" in err, err


def test_deeply_nested_word_xml_is_a_problem_not_a_crash(work, capsys):
    make_docx(work / "稿件.docx", ["正文"])
    with zipfile.ZipFile(work / "稿件.docx") as original:
        parts = {name: original.read(name) for name in original.namelist()}
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    nested = "<w:tbl><w:tr><w:tc>" * 2000 + "</w:tc></w:tr></w:tbl>" * 2000
    parts["word/document.xml"] = f"<w:document {w}><w:body>{nested}</w:body></w:document>".encode()
    with zipfile.ZipFile(work / "稿件.docx", "w", zipfile.ZIP_DEFLATED) as crafted:
        for name, data in parts.items():
            crafted.writestr(name, data)
    assert main(["check", "稿件.docx"]) == 2
    err = capsys.readouterr().err
    assert "稿件.docx:1:1: 无法读取这个 Word 文档" in err and "Traceback" not in err, err


def test_a_word_document_too_large_is_refused_before_reading(work, capsys, monkeypatch):
    from oahandbook.article import formats

    monkeypatch.setattr(formats, "MAX_DOCX_BYTES", 1000)
    make_docx(work / "稿件.docx", ["正文"])
    assert main(["check", "稿件.docx"]) == 2
    assert "稿件.docx:1:1: 文件过大" in capsys.readouterr().err


# --------------------------------------------------------------------------- HTML


def test_saved_wechat_page_is_checked_at_real_lines_and_columns(work, capsys):
    shutil.copy(SAVED_PAGE, work / "文章.html")
    assert main(["check", "--color", "never", "--min-severity", "suggestion", "文章.html"]) == 1
    out = capsys.readouterr().out
    assert "文章.html:45:41: PC06 错误" in out, out
    # Title, author, digest and cover come from the page's metadata; the page's scripts and the
    # account's QR-code box around the article are not the article.
    assert "FM0" not in out and "PI0" not in out and "LK01" not in out, out


def test_saved_wechat_page_fields_come_from_its_metadata(work):
    from oahandbook.article.formats import read_draft

    shutil.copy(SAVED_PAGE, work / "文章.html")
    draft = read_draft(work / "文章.html", "文章.html")
    assert draft.front == {
        "title": "周末社区市集招募摊主",
        "author": "社区服务中心",
        "digest": "本周六上午的社区市集开始招募摊主。",
        "cover": "https://mmbiz.qpic.cn/mmbiz_jpg/example/0?wx_fmt=jpeg",
    }
    assert draft.field_position("title") == (6, 40)  # og:title's content on line 6
    assert "微信扫一扫" not in draft.text and "gh_0123456789ab" not in draft.text


def test_page_without_author_reports_fm01_at_its_title_element(work, capsys):
    write(
        work / "page.html",
        '<!DOCTYPE html>\n<html>\n  <head>\n    <title>周末社区市集</title>\n    <meta property="og:image" content="cover.png">\n'
        "  </head>\n  <body>\n    <p>本周六上午九点开市。</p>\n  </body>\n</html>\n",
    )
    write(work / "cover.png", _png())
    assert main(["check", "page.html"]) == 1
    out = capsys.readouterr().out
    assert "page.html:4:5: FM01 错误 缺少必填字段 author" in out, out
    assert out.count(": FM0") == 1  # the title came from <title>, the cover from og:image beside the page
    (work / "cover.png").unlink()
    assert main(["check", "page.html"]) == 1
    assert "page.html:5:40: FM06 错误 找不到封面图片 cover.png" in capsys.readouterr().out


def test_wechat_page_title_falls_back_to_the_heading_and_the_script(work):
    from oahandbook.article.formats import parse_converted

    heading = (
        '<h1 id="activity-name">\n    <span>  市集 &amp; 旧书  </span>\n</h1><div id="js_content"><p>正文</p></div>'
    )
    assert parse_converted(heading, "a.html").front["title"] == "市集 & 旧书"
    script = "<script>var msg_title = '\\x26\\u5e02\\u96c6'.html(false);</script><div id=\"js_content\"></div>"
    draft = parse_converted(script, "a.html")
    assert draft.front["title"] == "&市集" and draft.field_position("title") == (1, 26)


@pytest.mark.parametrize(
    ("body", "column"),
    [
        ("<p>长期出售猎枪配件，量大从优，私聊。</p>", 6),
        ("<p>长期出&#21806;猎枪配件，量大从优，私聊。</p>", 6),  # a character reference is one character
        ("<p>长期<b>出售</b><span>猎枪</span>配件，量大从优，私聊。</p>", 9),
        ("<p>长期\n    出售猎枪配件，量大从优，私聊。</p>", 5),  # on the next line of the page
    ],
)
def test_page_markup_hides_no_term_and_moves_no_position(work, capsys, body, column):
    write(work / "a.html", page(body))
    assert main(["check", "a.html"]) == 1
    out = capsys.readouterr().out
    line = 10 if "\n" not in body else 11
    assert f"a.html:{line}:{column}: PC06" in out, out


def test_an_html_comment_waives_as_in_markdown(work, capsys):
    body = "<!-- oahandbook-disable-next-line PC06: 转述警方通报原文 -->\n<p>" + SALE + "</p>"
    write(work / "a.html", page(body))
    assert main(["check", "a.html"]) == 0, capsys.readouterr().out


def test_page_in_gbk_is_read_when_it_says_so(work, capsys):
    text = '<html><head><meta charset="gb2312"><title>市集</title></head><body><p>' + SALE + "</p></body></html>"
    write(work / "old.html", text.encode("gbk"))
    assert main(["check", "old.html"]) == 1
    assert "old.html:1:71: PC06" in capsys.readouterr().out


def test_page_handed_over_as_text_is_read_as_html(work):
    result = Checker().check_text(page("<p>" + SALE + "</p>"), path="a.html")
    assert [(f.code, f.line) for f in result.findings] == [("PC06", 10)]
    word = Checker().check_text("文本", path="a.docx")
    assert word.exit_code == 2 and "二进制" in word.problems[0].message


def test_hostile_pages_take_linear_time(work, capsys):
    # Python 3.11's html.parser needs minutes for the first of these; deep nesting costs nothing.
    write(work / "open.html", "<a " * 300_000)
    write(work / "deep.html", page("<div>" * 200_000 + "<p>" + SALE + "</p>"))
    started = time.monotonic()
    assert main(["check", "open.html", "deep.html"]) == 1
    assert time.monotonic() - started < 20
    out = capsys.readouterr().out
    assert "deep.html:10:1000006: PC06" in out, out


def test_too_many_tags_is_a_problem_with_a_position(work, capsys, monkeypatch):
    from oahandbook.article.formats import html

    monkeypatch.setattr(html, "MAX_TAGS", 1000)
    write(work / "tags.html", "<html><body>\n" + "<b>" * 2000 + "</body></html>")
    assert main(["check", "--lang", "en", "tags.html"]) == 2
    err = capsys.readouterr().err
    assert "tags.html:2:2995: more than 1000 HTML tags" in err, err


# --------------------------------------------------------------------------- folders


def test_folder_lists_documents_it_cannot_read_and_checks_the_others(work, capsys):
    folder = work / "稿件"
    folder.mkdir()
    make_docx(folder / "招募.docx", [("社区市集", "Title"), "本周六开市。"])
    shutil.copy(SAVED_PAGE, folder / "往期.html")
    for name in ("旧稿.doc", "扫描件.pdf", "苹果.pages", "金山.wps", "备忘.txt"):
        write(folder / name, "x")
    write(folder / "site" / "index.html", "<html><body><p>网站首页</p></body></html>")
    write(folder / "~$招募.docx", b"\x08lock")  # Word's lock file while the document is open
    write(folder / ".扫描件.pdf", "x")
    write(folder / "node_modules" / "readme.pdf", "x")
    write(folder / "logo.png", _png())
    results = {r.path.removeprefix("稿件/"): r for r in Checker().check_paths([folder])}
    assert set(results) == {
        "招募.docx",
        "往期.html",
        "旧稿.doc",
        "扫描件.pdf",
        "苹果.pages",
        "金山.wps",
        "备忘.txt",
        "site/index.html",
    }
    assert results["招募.docx"].kind == "article" and results["招募.docx"].ok
    assert [f.code for f in results["往期.html"].findings] == ["PC06"]
    skipped = {path: r.skipped for path, r in results.items() if r.kind is None}
    assert "另存为 .docx" in skipped["旧稿.doc"] and "PDF" in skipped["扫描件.pdf"]
    assert "--kind article" in skipped["备忘.txt"] and "include" in skipped["site/index.html"]
    assert all(not r.problems for r in results.values())
    assert results["旧稿.doc"].to_dict()["skipped"] == skipped["旧稿.doc"]
    assert main(["check", "稿件"]) == 1  # skipped files are no problems: the PC06 error decides


def test_skipped_reasons_follow_the_language(work):
    write(work / "a.doc", "x")
    [result] = Checker(lang="en").check_paths([work])
    assert result.skipped == "old Word/WPS format, cannot be checked; save it as .docx"


def test_include_makes_any_html_in_a_folder_a_draft(work):
    write(work / ".oahandbook.yaml", "include: ['**/*.md', 'drafts/**/*.html']\n")
    write(work / "drafts" / "a.html", "<html><head><title>市集</title></head><body><p>" + SALE + "</p></body></html>")
    write(work / "site" / "b.html", "<html><body><p>" + SALE + "</p></body></html>")
    results = {r.path: r for r in Checker.for_directory().check_paths(["."])}
    assert results["drafts/a.html"].kind == "article" and "PC06" in [f.code for f in results["drafts/a.html"].findings]
    assert results["site/b.html"].kind is None and results["site/b.html"].skipped


def test_kind_decides_what_a_file_is(work, capsys):
    write(work / "备忘.txt", "长期出售猎枪配件，量大从优，私聊。\n")
    assert main(["check", "备忘.txt"]) == 2  # named, but not a draft
    assert "纯文本" in capsys.readouterr().err
    assert main(["check", "--kind", "article", "备忘.txt"]) == 1  # read as a Markdown body
    out = capsys.readouterr().out
    assert "备忘.txt:1:3: PC06" in out and "FM01" in out
    write(work / "site" / "b.html", "<html><body><p>" + SALE + "</p></body></html>")
    [result] = Checker().check_paths(["site"], kind="article")
    assert result.kind == "article" and "PC06" in [f.code for f in result.findings]


def test_named_document_that_cannot_be_read_is_a_problem(work, capsys):
    write(work / "旧稿.doc", "x")
    assert main(["check", "旧稿.doc"]) == 2
    assert "旧稿.doc:1:1: 无法检查这个文件：旧版 Word/WPS 格式无法检查；请另存为 .docx" in capsys.readouterr().err


@pytest.mark.parametrize("handbook", ["draft-format.md", "draft-format.en.md"])
def test_web_page_drafts_shown_in_the_handbook_pass_the_checkers(handbook, work):
    """What the handbook shows as a good web page draft is one."""
    import re

    text = (Path(__file__).parent.parent / "docs" / handbook).read_text(encoding="utf-8")
    pages = re.findall(r"^```html\n(.*?)^```$", text, re.S | re.M)
    assert pages
    for index, shown in enumerate(pages):
        write(work / f"page-{index}.html", shown)
        assert main(["check", f"page-{index}.html"]) == 0, shown
