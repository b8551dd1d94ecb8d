"""Bar charts as inline SVG, drawn by matplotlib (the ``audit`` extra), for the audit report.

Why matplotlib: it is the most widely used and best maintained plotting library in Python
(NumFOCUS, a release every few months), renders SVG without a browser, a display or any
network, and its SVG backend can leave text as text (``svg.fonttype: none``), so the reader's
own fonts draw the Chinese labels: no font file needs to be shipped and nothing is fetched.
Its output is made byte-stable (a fixed hash salt per chart, no date in the metadata), so the
same counts always give the same report.

Everything a browser would treat as an outside reference is removed from the SVG (the XML
prolog, the DTD, the namespace declarations, which an inline ``<svg>`` in HTML does not need).
"""

from __future__ import annotations

import io
import re
import unicodedata
import warnings
from collections.abc import Sequence

FONTS = [
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "PingFang SC",
    "Microsoft YaHei",
    "WenQuanYi Micro Hei",
    "DejaVu Sans",
    "Arial",
]
_FONT_SIZE = 9.0
_LABEL_EMS = 22.0


def available() -> bool:
    """Whether matplotlib is installed (``pip install 'oahandbook[audit]'``)."""
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return False
    return True


def _width_em(text: str) -> float:
    """Rough width of ``text`` in ems: the fonts that draw it are the reader's, not ours."""
    return sum(1.0 if unicodedata.east_asian_width(ch) in "WF" else 0.6 for ch in text)


def short(label: str, limit: float = _LABEL_EMS) -> str:
    """``label`` cut to about ``limit`` ems (a CJK character is one, a Latin letter about 0.6)."""
    if _width_em(label) <= limit:
        return label
    while label and _width_em(label) > limit - 1:
        label = label[:-1]
    return label.rstrip() + "…"


def bars(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[int], str]],
    *,
    title: str,
    salt: str,
    horizontal: bool = False,
) -> str:
    """Stacked bars, one per label; ``series`` is (name, values, colour) bottom to top (or
    left to right). Returns an ``<svg>`` element to put inline in HTML."""
    import matplotlib
    from matplotlib.figure import Figure

    labels = [short(label) for label in labels]
    rc = {
        "svg.fonttype": "none",
        "svg.hashsalt": f"oahandbook-{salt}",
        "font.family": ["sans-serif"],
        "font.sans-serif": FONTS,
        "font.size": _FONT_SIZE,
        "axes.spines.top": False,
        "axes.spines.right": False,
    }
    with matplotlib.rc_context(rc), warnings.catch_warnings():
        # Layout is measured with DejaVu Sans, which has no CJK glyphs: matplotlib says so for
        # every character, but the browser draws them with the fonts named above.
        warnings.simplefilter("ignore", UserWarning)
        count = max(1, len(labels))
        if horizontal:
            label_pt = max([_width_em(label) for label in labels] or [1]) * _FONT_SIZE + 14
            height = 0.9 + 0.28 * count
            fig = Figure(figsize=(8, height))
            fig.subplots_adjust(
                left=min(0.5, label_pt / (8 * 72)), right=0.97, top=1 - 0.45 / height, bottom=0.45 / height
            )
        else:
            fig = Figure(figsize=(8, 3.2))
            fig.subplots_adjust(left=0.08, right=0.98, top=0.88, bottom=0.28 if count > 12 else 0.18)
        ax = fig.add_subplot()
        positions = list(range(count))
        base = [0] * count
        for name, values, colour in series:
            values = list(values) or [0]
            if horizontal:
                ax.barh(positions, values, left=base, color=colour, label=name, height=0.7)
            else:
                ax.bar(positions, values, bottom=base, color=colour, label=name, width=0.75)
            base = [b + v for b, v in zip(base, values, strict=True)]
        if horizontal:
            ax.set_yticks(positions, labels or [""])
            ax.invert_yaxis()  # the first label on top
            ax.xaxis.get_major_locator().set_params(integer=True)
        else:
            ax.set_xticks(
                positions, labels or [""], rotation=45 if count > 12 else 0, ha="right" if count > 12 else "center"
            )
            ax.yaxis.get_major_locator().set_params(integer=True)
        ax.set_title(title, loc="left", fontsize=_FONT_SIZE + 1)
        if len(series) > 1:  # above the plot, beside the title: never over a bar
            ax.legend(
                frameon=False,
                fontsize=_FONT_SIZE - 1,
                loc="lower right",
                bbox_to_anchor=(1.0, 1.0),
                ncol=len(series),
                borderaxespad=0.2,
            )
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    return _inline(buffer.getvalue(), title)


_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)
_NAMESPACES = re.compile(r'\s+xmlns(?::\w+)?="[^"]*"')
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)


def _inline(svg: str, title: str) -> str:
    from html import escape

    svg = _METADATA.sub("", _NAMESPACES.sub("", _PROLOG.sub("", svg, count=1)))
    label = escape(title, quote=True)
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1).strip()
