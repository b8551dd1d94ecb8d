"""Find plaintext secrets in an account file without ever repeating them.

Three signals, any one is enough:

* a *slot* or *key* that holds a secret (``security.secrets.*``, ``password:``, ``token:`` …)
  with a literal value instead of a reference (``env:NAME``, ``vault:path``, ``kms:key``);
* a *shape*: a 32-hex AppSecret, a PEM private key block;
* a *high-entropy token*: long, mixed character classes, not made of words.

Every scalar (keys included) and every comment is looked at: a secret committed in a comment is
as leaked as one in a value. Hits carry a kind and a position; the value stays inside this module.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass, field

import yaml
from pydantic import Field, field_validator
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from oahandbook.models import Model, NonEmpty
from oahandbook.yamlio import YamlDoc

MASK = "••••"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_APPSECRET = re.compile(r"(?<![0-9A-Fa-f])[0-9A-Fa-f]{32}(?![0-9A-Fa-f])")
_PRIVATE_KEY = re.compile(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----")
_URL = re.compile(r"\b[a-z][a-z0-9+.-]*://[^\s?#]*", re.IGNORECASE)
_WORD = re.compile(r"[A-Z]?[a-z]{3,}|[A-Z]{4,}")
_HEX_ONLY = re.compile(r"^[0-9A-Fa-f-]+$")
# A part between separators that a person would type: a word, a number, CamelCase, "v2", "Q4".
_PLAIN_PART = re.compile(r"[a-z]+|[A-Z]+|[0-9]+|(?:[A-Z][a-z]+)+|[A-Za-z]{1,2}[0-9]{1,2}")
_SEPARATORS = re.compile(r"[-_./+=]")


class SecretParams(Model):
    """What counts as a plaintext secret. Defaults are SE01's; a rule may tighten them."""

    reference_prefixes: list[NonEmpty] = Field(
        default_factory=lambda: ["env", "vault", "kms"],
        description="Prefixes of allowed references: `env:NAME`, `vault:path`, `kms:key`.",
    )
    secret_keys: NonEmpty = Field(
        r"(?i)(^|[_-])(pass(word)?|passwd|pwd|secret|appsecret|token|api_?key|aes_?key|"
        r"encoding_?aes_?key|private_?key|access_?key|credentials?)$|密码|密钥|口令|令牌",
        description="Regular expression for key names whose value is a secret.",
    )
    slots: list[NonEmpty] = Field(
        default_factory=lambda: ["security.secrets.*"],
        description="Dotted paths (`*` for any key or item) whose values must be references.",
    )
    min_token_length: int = Field(24, ge=16, description="Shortest token judged by entropy.")
    min_entropy: float = Field(3.5, gt=0, description="Least Shannon entropy (bits per character) of a token.")
    max_word_share: float = Field(
        0.5,
        gt=0,
        le=1,
        description="A token made mostly of words (WeChatDailyBackup) is not a secret…",
    )
    min_switch_rate: float = Field(
        0.45,
        gt=0,
        le=1,
        description="…unless its characters switch class (lower, upper, digit) this often: "
        "random text does, words do not.",
    )

    @field_validator("secret_keys")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"not a regular expression: {exc}") from None
        return value


@dataclass(frozen=True, slots=True)
class SecretHit:
    line: int
    column: int
    field: str  # dotted path of the value, or "comment"
    kind: str  # literal | appsecret | private_key | token
    value: str = field(repr=False)  # only for masking; never shown


class _Finder:
    def __init__(self, params: SecretParams):
        self.params = params
        self.key_re = re.compile(params.secret_keys)
        self.token_re = re.compile(rf"[A-Za-z0-9+/=_-]{{{params.min_token_length},}}")
        prefixes = "|".join(re.escape(p) for p in params.reference_prefixes)
        self.reference_re = re.compile(rf"^(?:{prefixes}):[^\s]+$")
        self.slots = [tuple(s.split(".")) for s in params.slots]
        self.shortest = min(len("PRIVATE KEY-----"), 32, params.min_token_length)

    def is_reference(self, value: str) -> bool:
        return bool(self.reference_re.match(value.strip()))

    def in_slot(self, loc: tuple[str | int, ...]) -> bool:
        return any(
            len(slot) == len(loc) and all(s == "*" or s == str(step) for s, step in zip(slot, loc, strict=True))
            for slot in self.slots
        )

    def shape(self, text: str, *, references_too: bool = False) -> str | None:
        """The kind of secret ``text`` contains, judged by its shape alone."""
        if len(text) < self.shortest:  # most values: names, dates, ids
            return None
        if "PRIVATE KEY-----" in text and _PRIVATE_KEY.search(text):
            return "private_key"
        if _APPSECRET.search(text):
            return "appsecret"
        if not references_too and self.is_reference(text):
            return None
        for match in self.token_re.finditer(_URL.sub(" ", text)):
            if self.looks_random(match.group()):
                return "token"
        return None

    def looks_random(self, token: str) -> bool:
        if _HEX_ONLY.match(token):  # hashes and UUIDs; the AppSecret shape is caught above
            return False
        classes = sum(bool(re.search(p, token)) for p in ("[a-z]", "[A-Z]", "[0-9]"))
        if classes < 2 or entropy(token) < self.params.min_entropy:
            return False
        parts = [p for p in _SEPARATORS.split(token) if p]
        if len(parts) > 1 and all(_PLAIN_PART.fullmatch(p) for p in parts):
            return False  # annual-review-2026-11-20, MediaBackup_2026_v2: typed by a person
        share = sum(len(m) for m in _WORD.findall(token)) / len(token)
        if share < self.params.max_word_share:
            return True
        return switch_rate(token) >= self.params.min_switch_rate and share < 0.75


def switch_rate(text: str) -> float:
    """How often neighbouring characters differ in class (lower, upper, digit, other)."""

    def kind(ch: str) -> int:
        return 0 if ch.islower() else 1 if ch.isupper() else 2 if ch.isdigit() else 3

    switches = sum(kind(a) != kind(b) for a, b in itertools.pairwise(text))
    return switches / max(len(text) - 1, 1)


def entropy(text: str) -> float:
    counts = Counter(text)
    n = len(text)
    return -sum(c / n * math.log2(c / n) for c in counts.values())


def find_secrets(doc: YamlDoc, text: str, params: SecretParams | None = None) -> list[SecretHit]:
    """Every plaintext secret in the file, in file order, one per scalar or comment match."""
    finder = _Finder(params or SecretParams())
    hits: list[SecretHit] = []
    spans: list[tuple[int, int]] = []
    if doc.root is not None:
        _walk(doc.root, (), None, finder, hits, spans)
    hits.extend(_in_comments(text, spans, finder))
    hits.sort(key=lambda h: (h.line, h.column))
    return hits


def _walk(
    node: Node,
    loc: tuple[str | int, ...],
    key_node: ScalarNode | None,
    finder: _Finder,
    hits: list[SecretHit],
    spans: list[tuple[int, int]],
) -> None:
    stack: list[tuple[Node, tuple[str | int, ...], ScalarNode | None]] = [(node, loc, key_node)]
    seen: set[int] = set()  # a tree with aliases is a graph: visit each node once
    while stack:
        node, loc, key_node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            spans.append((node.start_mark.index, node.end_mark.index))
            kind = _judge_value(node, loc, key_node, finder)
            if kind:
                mark = (key_node or node).start_mark
                hits.append(SecretHit(mark.line + 1, mark.column + 1, _dotted(loc), kind, node.value))
        elif isinstance(node, SequenceNode):
            for index, item in enumerate(node.value):
                stack.append((item, (*loc, index), None))
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                if isinstance(key, ScalarNode):
                    spans.append((key.start_mark.index, key.end_mark.index))
                    kind = finder.shape(key.value)
                    if kind:
                        mark = key.start_mark
                        hits.append(
                            SecretHit(
                                mark.line + 1,
                                mark.column + 1,
                                _dotted(loc) or "(key)",
                                kind,
                                key.value,
                            )
                        )
                    stack.append((value, (*loc, key.value), key))
                else:
                    stack.append((value, (*loc, "?"), None))


def _judge_value(
    node: ScalarNode, loc: tuple[str | int, ...], key_node: ScalarNode | None, finder: _Finder
) -> str | None:
    value = node.value
    if not value.strip() or node.tag.endswith((":null", ":bool")):
        return None
    holds_secret = finder.in_slot(loc) or (key_node is not None and finder.key_re.search(key_node.value))
    if holds_secret and not finder.is_reference(value):
        return "literal"
    # A reference's path is not judged by entropy, but a secret pasted into it still is.
    return (
        finder.shape(value, references_too=False)
        if not finder.is_reference(value)
        else _shape_in_reference(value, finder)
    )


def _shape_in_reference(value: str, finder: _Finder) -> str | None:
    if _PRIVATE_KEY.search(value):
        return "private_key"
    if _APPSECRET.search(value):
        return "appsecret"
    return None


def _in_comments(text: str, spans: list[tuple[int, int]], finder: _Finder) -> list[SecretHit]:
    """Shapes in the text outside every scalar: comments (and anything YAML did not keep)."""
    if "#" not in text:
        return []
    spans.sort()
    starts = [s for s, _ in spans]
    hits: list[SecretHit] = []
    for match in re.finditer(r"#[^\n]*", text):
        # Only a '#' outside every scalar starts a comment.
        index = bisect.bisect_right(starts, match.start()) - 1
        if index >= 0 and spans[index][0] <= match.start() < spans[index][1]:
            continue
        kind = finder.shape(match.group()[1:], references_too=True)
        if kind:
            line = text.count("\n", 0, match.start()) + 1
            column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
            hits.append(SecretHit(line, column, "comment", kind, match.group()))
    return hits


def _dotted(loc: tuple[str | int, ...]) -> str:
    out = ""
    for step in loc:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def secret_values(doc: YamlDoc, text: str | None = None) -> list[str]:
    """The literal secret values in ``doc`` (for masking error messages), longest first.

    A plain ``0123456`` is also shown by YAML 1.1 as the number it reads (42798): both forms count.
    """
    values: set[str] = set()
    for hit in find_secrets(doc, text or ""):
        if hit.field != "comment":
            values.update((hit.value, hit.value.strip(), *_read_as(hit.value)))
    return sorted((v for v in values if len(v) >= 3), key=len, reverse=True)


def _read_as(value: str) -> list[str]:
    try:
        read = yaml.load(value, Loader=_Loader)  # one scalar: cannot expand, cannot be large
    except yaml.YAMLError:
        return []
    return [str(read), repr(read)] if isinstance(read, int | float) and str(read) != value else []


def mask_text(message: str, values: list[str]) -> str:
    """``message`` with every occurrence of each value (and any secret shape) replaced by a mask."""
    for value in values:
        if value in message:
            message = message.replace(value, MASK)
        # Messages may show a value cut short (“…”[:60]); mask any long-enough prefix too.
        for cut in (60, 40):
            if len(value) > cut and value[:cut] in message:
                message = message.replace(value[:cut], MASK)
    message = _PRIVATE_KEY.sub(MASK, message)
    return _APPSECRET.sub(MASK, message)
