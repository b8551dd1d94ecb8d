"""Build an honest Chinese text corpus of Markdown drafts, for measuring the checker's noise.

    python3 bench/make_corpus.py NAME SOURCE [SOURCE ...] [-o DIR] [--max-bytes N]
                                 [--pack-chars N] [--para-chars N] [--include-local]

NAME is one of the corpora below; each SOURCE is a git directory (bare, or a work tree's .git,
read at HEAD) or a plain folder (an extracted archive or a checkout). The drafts are written to
DIR (default /work/corpus/NAME), one per file, named NAME-00001.md and so on, each with a front
matter of a quoted title and author (and cover: cover.png, a 1x1 PNG written beside the drafts,
unless --no-cover); a manifest (sources, commits, files used, counts, sizes) goes beside DIR as
NAME.manifest.json. Existing *.md files and cover.png in DIR are removed first.

So that the platform's structural limits do not swamp the prose findings, by default a title
longer than --title-max (32) characters becomes its first 30 characters, and a body longer than
--body-max (19,000) characters is split at paragraph ends into parts titled "...（1）",
"...（2）" (the platform takes fewer than 20,000). Authors are short source names (<= 16).

Output is deterministic: the same sources and options give byte-identical files. With
--max-bytes the documents are taken in the order of a hash of their source key (a spread-out
sample, not the first N of one folder) until the cap; a document that would pass the cap is
skipped, so smaller ones may still fill it.

Corpora (see bench/corpora.md for the sources, licences and exact rebuild commands):

  laws     LawRefBook/Laws: national laws, administrative regulations, judicial
           interpretations, departmental rules and court cases, one law per draft (local
           regulations under DLC/ only with --include-local).
  court    THUIR/LeCaRDv2: criminal judgments (query/*.json), one judgment per draft.
  medqa    Toyhom/Chinese-medical-dialogue-data: internal-medicine patient questions and
           doctors' answers (GB18030 CSV), packed per department into drafts of about
           --pack-chars characters.
  reviews  SophonPlus/ChineseNlpCorpus online_shopping_10_cats (zip of a CSV): product and
           hotel reviews, both polarities, packed per category like medqa.
  news     THUCNews subsets committed as cnews.*.txt (label TAB text), one article per draft.

Text that the source stores without paragraph breaks (court, news) is reflowed: a paragraph ends
at the first sentence end after --para-chars characters. Nothing else in the text is changed
beyond normalising line ends, dropping HTML comments (laws) and trimming whitespace.

Standard library only (Python 3.11+).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

DEFAULT_ROOT = Path("/work/corpus")
THUCNEWS_LABELS = {
    "体育", "财经", "房产", "家居", "教育", "科技", "时尚", "时政", "游戏", "娱乐",
    "彩票", "股票", "社会", "星座",
}  # fmt: skip


# ----------------------------------------------------------------------------- sources


class Source:
    """Read-only view of a git directory at HEAD, or of a plain folder."""

    def __init__(self, path: str) -> None:
        self.path = Path(path).resolve()
        if not self.path.is_dir():
            sys.exit(f"make_corpus: not a directory: {path}")
        self.git_dir = self._git_dir()
        self.commit = self._git("rev-parse", "HEAD").strip() if self.git_dir else None
        self.name = self._guess_name()
        self._files: dict[str, str] | None = None  # path -> blob id (git) or "" (folder)
        self.used: list[str] = []

    def _git_dir(self) -> Path | None:
        for cand in (self.path, self.path / ".git"):
            if (cand / "HEAD").is_file() and (cand / "objects").is_dir():
                return cand
        return None

    def _git(self, *args: str) -> str:
        assert self.git_dir is not None
        out = subprocess.run(
            ["git", "--git-dir", str(self.git_dir), "-c", "core.quotepath=off", *args],
            check=True,
            capture_output=True,
        )
        return out.stdout.decode("utf-8", "surrogateescape")

    def _guess_name(self) -> str:
        # /work/.mirror/owner+name/repo[/.git] -> owner/name
        for part in reversed(self.path.parts):
            if "+" in part and not part.startswith("."):
                owner, _, name = part.partition("+")
                return f"{owner}/{name}"
        return self.path.name

    def files(self) -> list[str]:
        if self._files is None:
            if self.git_dir:
                self._files = {}
                for rec in self._git("ls-tree", "-r", "-z", "HEAD").split("\0"):
                    if not rec:
                        continue
                    meta, _, p = rec.partition("\t")
                    mode, kind, blob = meta.split()
                    if kind == "blob" and mode != "120000":
                        self._files[p] = blob
            else:
                self._files = {
                    p.relative_to(self.path).as_posix(): ""
                    for p in self.path.rglob("*")
                    if p.is_file() and ".git" not in p.relative_to(self.path).parts
                }
        return sorted(self._files)

    def exists(self, rel: str) -> bool:
        """Listed and actually present (a snapshot may list a blob it does not hold)."""
        if rel not in self.files():
            return False
        if not self.git_dir:
            return True
        assert self._files is not None
        r = subprocess.run(
            ["git", "--git-dir", str(self.git_dir), "cat-file", "-e", self._files[rel]],
            capture_output=True,
        )
        return r.returncode == 0

    def read(self, rel: str) -> bytes:
        self.used.append(rel)
        if self.git_dir:
            assert self._files is not None
            return subprocess.run(
                ["git", "--git-dir", str(self.git_dir), "cat-file", "blob", self._files[rel]],
                check=True,
                capture_output=True,
            ).stdout
        return (self.path / rel).read_bytes()

    def describe(self) -> dict:
        return {
            "repository": self.name,
            "path": str(self.path),
            "commit": self.commit,
            "files_used": sorted(set(self.used)),
        }


# ----------------------------------------------------------------------------- text helpers


@dataclass
class Doc:
    key: str  # stable, unique: used for ordering under a cap and in the manifest
    title: str
    author: str
    body: str
    meta: dict = field(default_factory=dict)


def decode(data: bytes) -> str:
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    return data.decode("utf-8", "replace")


def clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "")
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def first_chars(text: str, n: int = 30) -> str:
    flat = re.sub(r"\s+", " ", re.sub(r"^#+\s*", "", text.strip(), flags=re.M)).strip()
    return flat[:n]


SENTENCE_END = re.compile(r"[。！？!?；;][”’」』）)\"']*")


def reflow(text: str, para_chars: int, breaks_before: tuple[str, ...] = ()) -> str:
    """Split run-on text into paragraphs at sentence ends after para_chars characters."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n|\n", text):
        block = re.sub(r"[ \t\u3000]+", lambda m: m.group(0)[:1], block.strip())
        if not block:
            continue
        if breaks_before:
            pat = "|".join(re.escape(b) for b in breaks_before)
            block = re.sub(f"(?<=[。：:；;])(?=(?:{pat}))", "\n", block)
        for piece in block.split("\n"):
            start = 0
            while start < len(piece):
                if len(piece) - start <= para_chars:
                    out.append(piece[start:])
                    break
                m = SENTENCE_END.search(piece, start + para_chars)
                end = m.end() if m else len(piece)
                out.append(piece[start:end])
                start = end
    return "\n\n".join(p.strip() for p in out if p.strip())


def pack(records: list[tuple[str, str]], pack_chars: int) -> list[tuple[int, list[tuple[str, str]]]]:
    """Group (title, text) records into runs of at least pack_chars characters of text."""
    if pack_chars <= 0:
        return [(i, [r]) for i, r in enumerate(records)]
    groups: list[tuple[int, list[tuple[str, str]]]] = []
    cur: list[tuple[str, str]] = []
    size = 0
    for rec in records:
        cur.append(rec)
        size += len(rec[1])
        if size >= pack_chars:
            groups.append((len(groups), cur))
            cur, size = [], 0
    if cur:
        groups.append((len(groups), cur))
    return groups


# ----------------------------------------------------------------------------- corpora


def build_laws(sources: list[Source], args: argparse.Namespace) -> list[Doc]:
    docs: list[Doc] = []
    for src in sources:
        for rel in src.files():
            p = PurePosixPath(rel)
            if p.suffix != ".md" or p.name in {"_index.md", "README.md", "法律法规模版.md"}:
                continue
            if len(p.parts) < 2 or p.parts[0] in {"scripts", ".github"}:
                continue
            if p.parts[0] == "DLC" and not args.include_local:
                continue
            if not src.exists(rel):
                continue
            text = clean(decode(src.read(rel)))
            text = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)  # any front matter
            text = clean(re.sub(r"<!--.*?-->", "", text, flags=re.S))
            lines = text.split("\n")
            heads: list[str] = []
            i = 0
            while i < len(lines) and (not lines[i].strip() or re.match(r"# ", lines[i])):
                if lines[i].startswith("# "):
                    heads.append(lines[i][2:].strip())
                i += 1
            body = clean("\n".join(lines[i:]))
            if not body:
                continue
            title = " ".join(heads) if heads else first_chars(body)
            docs.append(Doc(f"{src.name}:{rel}", title, "LawRefBook/Laws", body,
                            {"path": rel, "category": p.parts[0]}))  # fmt: skip
    return docs


COURT_TITLE = re.compile(r"^(.{2,80}?(?:判决书|裁定书|调解书|决定书))(?:[（(]\d{4}[）)][^，。：:]{1,30}?号)?")
COURT_BREAKS = (
    "经审理查明", "本院认为", "判决如下", "裁定如下", "公诉机关指控", "原判认定", "上述事实",
    "综上", "如不服本判决", "审判长", "书记员",
)  # fmt: skip


def build_court(sources: list[Source], args: argparse.Namespace) -> list[Doc]:
    docs: list[Doc] = []
    seen: set[str] = set()
    for src in sources:
        for rel in src.files():
            if not re.fullmatch(r"query/[^/]+\.json", rel) or not src.exists(rel):
                continue
            for n, line in enumerate(decode(src.read(rel)).splitlines()):
                if not line.strip():
                    continue
                rec = json.loads(line)
                text = (rec.get("query") or "").strip()
                ident = str(rec.get("id", f"{rel}:{n}"))
                if not text or ident in seen:
                    continue
                seen.add(ident)
                m = COURT_TITLE.match(text)
                if m:
                    title, rest = m.group(0), text[m.end() :].lstrip("：: ")
                else:
                    title, rest = first_chars(text), text
                body = reflow(rest, args.para_chars, COURT_BREAKS)
                docs.append(Doc(f"{src.name}:{rel}:{ident}", title, "中国裁判文书网",
                                body, {"path": rel, "id": ident}))  # fmt: skip
    return docs


def build_medqa(sources: list[Source], args: argparse.Namespace) -> list[Doc]:
    by_dept: dict[str, list[tuple[str, str]]] = {}
    seen: set[tuple[str, str, str]] = set()
    for src in sources:
        for rel in src.files():
            if not rel.endswith(".csv") or not src.exists(rel):
                continue
            rows = csv.reader(io.StringIO(decode(src.read(rel))))
            header = next(rows, None)
            if not header or [h.strip().lower() for h in header[:4]] != [
                "department", "title", "ask", "answer",
            ]:  # fmt: skip
                continue
            for row in rows:
                if len(row) < 4:
                    continue
                dept, title, ask, answer = (clean(x) for x in row[:4])
                if not (title and answer) or (title, ask, answer) in seen:
                    continue
                seen.add((title, ask, answer))
                text = (f"问：{ask}\n\n" if ask else "") + f"答：{answer}"
                by_dept.setdefault(dept or "未分科", []).append((title, text))
    docs: list[Doc] = []
    for dept in sorted(by_dept):
        for i, group in pack(by_dept[dept], args.pack_chars):
            body = "\n\n".join(f"## {t}\n\n{x}" for t, x in group)
            docs.append(Doc(f"medqa:{dept}:{i:05d}", group[0][0],
                            "中文医疗问答数据集", body,
                            {"department": dept, "records": len(group)}))  # fmt: skip
    return docs


def build_reviews(sources: list[Source], args: argparse.Namespace) -> list[Doc]:
    by_cat: dict[str, list[tuple[str, str]]] = {}
    seen: set[str] = set()

    def take(data: str) -> None:
        rows = csv.reader(io.StringIO(data))
        header = next(rows, None)
        if not header or [h.strip() for h in header[:3]] != ["cat", "label", "review"]:
            return
        for row in rows:
            if len(row) < 3:
                continue
            cat, text = row[0].strip(), clean(row[2])
            if not text or text in seen:
                continue
            seen.add(text)
            by_cat.setdefault(cat, []).append(("", text))

    for src in sources:
        for rel in src.files():
            if "online_shopping_10_cats" not in rel or not src.exists(rel):
                continue
            if rel.endswith(".zip"):
                with zipfile.ZipFile(io.BytesIO(src.read(rel))) as z:
                    for info in sorted(z.infolist(), key=lambda i: i.filename):
                        if info.filename.endswith(".csv"):
                            take(decode(z.read(info)))
            elif rel.endswith(".csv"):
                take(decode(src.read(rel)))
    docs: list[Doc] = []
    for cat in sorted(by_cat):
        for i, group in pack(by_cat[cat], args.pack_chars):
            body = "\n\n".join(x for _, x in group)
            docs.append(Doc(f"reviews:{cat}:{i:05d}", first_chars(group[0][1]),
                            "ChineseNlpCorpus", body,
                            {"category": cat, "records": len(group)}))  # fmt: skip
    return docs


NEWS_LEDE = re.compile(
    r"(新浪\w{0,4}讯|新华网|新华社|人民网|中新社|中新网|中国新闻网|本报讯|本报记者|新报讯|⊙|【|"
    r"（记者|\(记者|导语：|编辑点评|编辑观点|据\w{1,8}报道|\d{1,2}月\d{1,2}日[，,])"
)


def build_news(sources: list[Source], args: argparse.Namespace) -> list[Doc]:
    docs: list[Doc] = []
    seen: set[str] = set()
    for src in sources:
        for rel in src.files():
            name = PurePosixPath(rel).name
            if not re.fullmatch(r"cnews\.(train|val|test)\.txt", name) or not src.exists(rel):
                continue
            for n, line in enumerate(decode(src.read(rel)).splitlines()):
                label, _, text = line.partition("\t")
                text = text.strip()
                if label.strip() not in THUCNEWS_LABELS or not text or text in seen:
                    continue
                seen.add(text)
                m = NEWS_LEDE.search(text, 0, 80)
                if m and 6 <= m.start() <= 40:
                    title, rest = text[: m.start()].strip(), text[m.start() :]
                else:
                    title, rest = first_chars(text), text
                body = reflow(rest, args.para_chars)
                docs.append(Doc(f"{src.name}:{rel}:{n:06d}", title, "THUCNews（新浪新闻）", body,
                                {"path": rel, "line": n + 1, "label": label.strip()}))  # fmt: skip
    return docs


CORPORA = {
    "laws": build_laws,
    "court": build_court,
    "medqa": build_medqa,
    "reviews": build_reviews,
    "news": build_news,
}


# ----------------------------------------------------------------------------- output


def yaml_str(s: str) -> str:
    s = re.sub(r"\s+", " ", s).strip()
    return json.dumps(s, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def render(doc: Doc, cover: str | None) -> str:
    head = f"title: {yaml_str(doc.title)}\nauthor: {yaml_str(doc.author)}\n"
    if cover:
        head += f"cover: {yaml_str(cover)}\n"
    return f"---\n{head}---\n\n{doc.body}\n"


def fit_title(title: str, limit: int, suffix: str = "") -> str:
    """The title if it fits the platform limit, else its first 30 characters (or fewer)."""
    title = re.sub(r"\s+", " ", title).strip()
    if limit <= 0 or len(title) + len(suffix) <= limit:
        return title + suffix
    return title[: min(30, limit - len(suffix))].rstrip() + suffix


def split_doc(doc: Doc, body_max: int) -> list[Doc]:
    """Split a body longer than body_max characters into parts at paragraph boundaries."""
    if body_max <= 0 or len(doc.body) <= body_max:
        return [doc]
    parts: list[str] = []
    cur = ""
    for para in doc.body.split("\n\n"):
        while len(para) > body_max:  # a single huge paragraph: hard cut
            if cur:
                parts.append(cur)
                cur = ""
            parts.append(para[:body_max])
            para = para[body_max:]
        if cur and len(cur) + 2 + len(para) > body_max:
            parts.append(cur)
            cur = para
        else:
            cur = f"{cur}\n\n{para}" if cur else para
    if cur:
        parts.append(cur)
    return [
        Doc(f"{doc.key}#{n}", doc.title, doc.author, body, {**doc.meta, "part": n, "parts": len(parts)})
        for n, body in enumerate(parts, 1)
    ]


def png_1x1() -> bytes:
    """A valid 1x1 grey PNG, written as the drafts' cover so the cover rule has a file."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b""))  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("name", choices=sorted(CORPORA))
    ap.add_argument("sources", nargs="+", metavar="SOURCE")
    ap.add_argument("-o", "--out", type=Path, help="output directory (default /work/corpus/NAME)")
    ap.add_argument("--max-bytes", type=int, default=0, help="cap on total output bytes (0: none)")
    ap.add_argument(
        "--pack-chars",
        type=int,
        default=2000,
        help="medqa/reviews: characters of records per draft (0: one record per draft)",
    )
    ap.add_argument(
        "--para-chars",
        type=int,
        default=200,
        help="court/news: reflow paragraphs at the first sentence end after N chars",
    )
    ap.add_argument(
        "--title-max", type=int, default=32, help="longer titles become their first 30 characters (0: keep as is)"
    )
    ap.add_argument(
        "--body-max", type=int, default=19000, help="split longer bodies into parts at paragraph ends (0: never)"
    )
    ap.add_argument("--no-cover", action="store_true", help="do not write cover.png nor a cover: line")
    ap.add_argument("--include-local", action="store_true",
                    help="laws: also the local regulations under DLC/")  # fmt: skip
    args = ap.parse_args(argv)

    sources = [Source(s) for s in args.sources]
    docs = [part for d in CORPORA[args.name](sources, args) for part in split_doc(d, args.body_max)]
    for d in docs:
        suffix = f"（{d.meta['part']}）" if d.meta.get("parts", 1) > 1 else ""
        d.title = fit_title(d.title, args.title_max, suffix)
    cover = None if args.no_cover else "cover.png"
    if not docs:
        print(f"make_corpus: no documents found for {args.name!r}", file=sys.stderr)
        return 2
    keys = [d.key for d in docs]
    if len(set(keys)) != len(keys):
        sys.exit("make_corpus: duplicate document keys")

    docs.sort(key=lambda d: hashlib.sha256(d.key.encode()).hexdigest())
    chosen: list[tuple[Doc, bytes]] = []
    total = 0
    for d in docs:
        data = render(d, cover).encode("utf-8")
        if args.max_bytes and total + len(data) > args.max_bytes:
            continue
        chosen.append((d, data))
        total += len(data)

    out = args.out or DEFAULT_ROOT / args.name
    out.mkdir(parents=True, exist_ok=True)
    for old in [*out.glob("*.md"), out / "cover.png"]:
        old.unlink(missing_ok=True)
    if cover:
        (out / cover).write_bytes(png_1x1())
    width = max(5, len(str(len(chosen))))
    entries = []
    for i, (d, data) in enumerate(chosen, 1):
        fname = f"{args.name}-{i:0{width}d}.md"
        (out / fname).write_bytes(data)
        entries.append({"file": fname, "key": d.key, "bytes": len(data), "title": d.title, **d.meta})

    manifest = {
        "corpus": args.name,
        "output": str(out),
        "options": {
            "max_bytes": args.max_bytes,
            "pack_chars": args.pack_chars,
            "para_chars": args.para_chars,
            "include_local": args.include_local,
            "title_max": args.title_max,
            "body_max": args.body_max,
            "cover": cover,
        },
        "sources": [s.describe() for s in sources],
        "documents_available": len(docs),
        "drafts": len(chosen),
        "bytes": total,
        "entries": entries,
    }
    mpath = out.parent / f"{out.name}.manifest.json"
    mpath.write_text(json.dumps(manifest, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{args.name}: {len(chosen)} drafts ({len(docs)} available), "
          f"{total / 1e6:.2f} MB -> {out}  (manifest {mpath})")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
