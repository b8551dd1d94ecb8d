"""CSV, one row per item, as Excel and WPS open it: UTF-8 with a byte-order mark, CRLF lines."""

from __future__ import annotations

import csv
import io

from oahandbook.base.i18n import Lang
from oahandbook.checklists.rows import header, item_row
from oahandbook.data.bundle import Bundle
from oahandbook.data.checklists import Checklist

BOM = "\ufeff"  # without it Excel reads UTF-8 as the system code page and garbles the Chinese


def render_checklist(checklist: Checklist, bundle: Bundle, lang: Lang, base: str | None = None) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(header(lang))
    for item in checklist.items:
        writer.writerow(item_row(item, bundle, lang, base).cells(lang))
    return (BOM + out.getvalue()).encode("utf-8")
