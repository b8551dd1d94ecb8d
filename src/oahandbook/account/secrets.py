"""Find plaintext secrets in an account file without ever repeating them.

Four signals, any one is enough:

* a *slot* or *key* that holds a secret (``security.secrets.*``, ``password:``, ``token:`` …)
  with a literal value instead of a reference (``env:NAME``, ``vault:path``, ``kms:key``);
* a *shape*: a 32-hex AppSecret, a PEM private key block;
* a *high-entropy token*: long, mixed character classes, not made of words;
* a *secret word with a value* in free text or a comment: ``密码: Wx@2026abc!``,
  ``password=hunter2``, ``后台登录密码 Wx@2026abc!`` (but not ``密码由管理员保管``).

Every scalar (keys included) and every comment is looked at: a secret committed in a comment is
as leaked as one in a value. Hits carry a kind and a position; the value stays inside this module,
and a key that is itself secret-shaped is masked in the dotted path a hit names.
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

from oahandbook.account.select import dotted
from oahandbook.base.textio import line_position, line_starts
from oahandbook.base.yamlio import YamlDoc
from oahandbook.data.models import Model, NonEmpty

MASK = "••••"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_APPSECRET = re.compile(r"(?<![0-9A-Fa-f])[0-9A-Fa-f]{32}(?![0-9A-Fa-f])")
_PRIVATE_KEY = re.compile(r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----")
_URL = re.compile(r"\b[a-z][a-z0-9+.-]{0,31}://[^\s?#]*", re.IGNORECASE)  # a bounded scheme: linear time
_WORD = re.compile(r"[A-Z]?[a-z]{3,}|[A-Z]{4,}")
_HEX_ONLY = re.compile(r"^[0-9A-Fa-f-]+$")
# A part between separators that a person would type: a word, a number, CamelCase, "v2", "Q4".
_PLAIN_PART = re.compile(r"[a-z]+|[A-Z]+|[0-9]+|(?:[A-Z][a-z]+)+|[A-Za-z]{1,2}[0-9]{1,2}")
_SEPARATORS = re.compile(r"[-_./+=]")
# What may follow a secret word: a separator (or spaces), then a value written in ASCII.
_AFTER_WORD = re.compile(
    r"(?P<sep>[ \t]*(?:[:：=]|是|为)[ \t]*|[ \t]+)[\"'“‘]?(?P<value>[!-~]{1,256})(?P<rest>[ \t]+[A-Za-z])?"
)
# A password written into a URL: sftp://user:pass@host/… (the user alone is no secret).
_URL_PASSWORD = re.compile(
    r"\b[a-z][a-z0-9+.-]{0,31}://[^\s:/?#@]{1,256}:(?P<password>[^\s/?#@]{1,256})@", re.IGNORECASE
)
# What YAML reads as true, false or null: a value tagged !!bool or !!null is skipped only when it is one.
_BOOL_OR_NULL = frozenset(["true", "false", "yes", "no", "on", "off", "y", "n", "null", "~"])
_DATE = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}$")
_TEMPLATE = re.compile(r"^(?:\$\{.*\}|\{\{.*\}\}|<.*>|%\w+%)$")


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
    secret_words: NonEmpty = Field(
        r"(?i)(?<![a-z])(password|passwd|passcode|pwd|secret|appsecret|token|api_?key|密码|口令|密钥|令牌)(?![a-z])",
        description="Regular expression for words that, followed by `:`, `：`, `=` or spaces and a "
        "literal value, give a secret away in free text or a comment (`密码: Wx@2026abc!`).",
    )
    placeholders: list[NonEmpty] = Field(
        default_factory=lambda: ["none", "null", "n/a", "tbd", "todo", "redacted", "hidden", "unset", "empty"],
        description="Values after a secret word that stand for no secret (compared ignoring case).",
    )
    min_value_length: int = Field(
        4, ge=1, description="Shortest value after a secret word and `:`, `：` or `=` that is reported."
    )
    min_spaced_value_length: int = Field(
        8,
        ge=1,
        description="Shortest value after a secret word and only spaces that is reported; it must also "
        "mix letters with digits or symbols (`密码 Wx@2026abc!`, not `token expires`).",
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

    @field_validator("secret_keys", "secret_words")
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
    field: str  # dotted path of the value (secret-shaped keys masked), or "comment"
    kind: str  # literal | appsecret | private_key | token | in_text
    secrets: tuple[str, ...] = field(repr=False)  # the secret text(s), only for masking; never shown
    word: str = ""  # in_text: the secret word as written (密码, password…), safe to show


class _Finder:
    def __init__(self, params: SecretParams):
        self.params = params
        self.key_re = re.compile(params.secret_keys)
        self.word_re = re.compile(params.secret_words)
        self.placeholders = {p.lower() for p in params.placeholders}
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

    def shape(self, text: str, *, references_too: bool = False) -> tuple[str, str] | None:
        """The kind of secret ``text`` contains, judged by its shape alone, and the secret text."""
        if len(text) < self.shortest:  # most values: names, dates, ids
            return None
        if "PRIVATE KEY-----" in text and (match := _PRIVATE_KEY.search(text)):
            return "private_key", match.group()
        if match := _APPSECRET.search(text):
            return "appsecret", match.group()
        if "@" in text and (match := _URL_PASSWORD.search(text)) and self.is_value_in_url(match.group("password")):
            return "url_password", match.group("password")
        if not references_too and self.is_reference(text):
            return None
        tokens = self.random_tokens(text)
        return ("token", tokens[0]) if tokens else None

    def random_tokens(self, text: str) -> list[str]:
        """The long random-looking tokens in ``text`` (outside URLs, which name things)."""
        return [m.group() for m in self.token_re.finditer(_URL.sub(" ", text)) if self.looks_random(m.group())]

    def in_text(self, text: str) -> tuple[str, list[str]] | None:
        """A secret word followed by a literal value (``密码: Wx@2026abc!``): the word and the values."""
        word, values = "", []
        for match in self.word_re.finditer(text):
            after = _AFTER_WORD.match(text, match.end())
            if after is None:
                continue  # 密码由管理员保管: a mention, no value
            raw = after.group("value")
            if _TEMPLATE.match(raw) or self.is_reference(raw):
                continue
            value = raw.rstrip(".,;)]}'\"").lstrip("([{") or raw
            if self.is_value(value, spaced=not after.group("sep").strip(), prose=after.group("rest") is not None):
                word = word or match.group()
                values.append(value)
        return (word, values) if values else None

    def is_value_in_url(self, password: str) -> bool:
        """Whether the password part of a URL is a password, not a placeholder (``${PASS}``,
        ``<password>``, ``***``) or an ``env:`` reference."""
        return not self._stands_in(password)

    def _stands_in(self, value: str) -> bool:
        """Whether ``value`` only stands in for a secret: a template (``${PASS}``), a reference
        (``env:…``), a listed placeholder, or no letter or digit / one character repeated (``***``)."""
        if _TEMPLATE.match(value) or self.is_reference(value) or value.lower() in self.placeholders:
            return True
        return not any(ch.isalnum() for ch in value) or len(set(value.lower())) == 1

    def is_value(self, value: str, *, spaced: bool, prose: bool) -> bool:
        """Whether ``value``, written after a secret word, is the secret itself."""
        if self._stands_in(value):
            return False
        if _DATE.match(value):
            return False
        if value.isalpha() and prose:  # "token: rotated every 90 days" describes, it does not give
            return False
        if not spaced:
            return len(value) >= self.params.min_value_length
        letters = any(ch.isalpha() for ch in value)
        others = any(not ch.isalpha() for ch in value)
        return len(value) >= self.params.min_spaced_value_length and letters and others

    def path(self, loc: tuple[str | int, ...]) -> str:
        """``loc`` as a dotted path, with any secret-shaped key replaced by the mask."""
        masked = tuple(
            MASK if isinstance(step, str) and self.shape(step, references_too=True) else step for step in loc
        )
        return dotted(masked)

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
            judged = _judge_value(node, loc, key_node, finder)
            if judged:
                kind, secrets, word = judged
                mark = (key_node or node).start_mark
                hits.append(SecretHit(mark.line + 1, mark.column + 1, finder.path(loc), kind, secrets, word))
        elif isinstance(node, SequenceNode):
            for index, item in enumerate(node.value):
                stack.append((item, (*loc, index), None))
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                if isinstance(key, ScalarNode):
                    spans.append((key.start_mark.index, key.end_mark.index))
                    shaped = finder.shape(key.value)
                    if shaped:
                        mark = key.start_mark
                        hits.append(
                            SecretHit(
                                mark.line + 1,
                                mark.column + 1,
                                finder.path(loc) or "(key)",
                                shaped[0],
                                (key.value, shaped[1]),
                            )
                        )
                    stack.append((value, (*loc, key.value), key))
                else:
                    stack.append((value, (*loc, "?"), None))


def _judge_value(
    node: ScalarNode, loc: tuple[str | int, ...], key_node: ScalarNode | None, finder: _Finder
) -> tuple[str, tuple[str, ...], str] | None:
    """The kind of secret in one scalar, the secret text(s) and (``in_text``) the secret word."""
    value = node.value
    if not value.strip() or (node.tag.endswith((":null", ":bool")) and value.strip().lower() in _BOOL_OR_NULL):
        return None  # a real true/false/null; ``!!bool "S3cret…"`` is still a value to judge
    holds_secret = finder.in_slot(loc) or (key_node is not None and finder.key_re.search(key_node.value))
    if holds_secret and not finder.is_reference(value):
        return "literal", (value,), ""
    if finder.is_reference(value):
        # A reference's path is not judged by entropy, but a secret pasted into it still is.
        shaped = _shape_in_reference(value)
        return (shaped[0], (value, shaped[1]), "") if shaped else None
    shaped = finder.shape(value)
    if shaped:
        return shaped[0], (value, shaped[1]), ""
    if node.tag.endswith(":str") and (said := finder.in_text(value)):
        return "in_text", tuple(said[1]), said[0]
    return None


def _shape_in_reference(value: str) -> tuple[str, str] | None:
    if match := _PRIVATE_KEY.search(value):
        return "private_key", match.group()
    if match := _APPSECRET.search(value):
        return "appsecret", match.group()
    return None


def _in_comments(text: str, spans: list[tuple[int, int]], finder: _Finder) -> list[SecretHit]:
    """Shapes in the text outside every scalar: comments (and anything YAML did not keep)."""
    if "#" not in text:
        return []
    spans.sort()
    starts = [s for s, _ in spans]
    hits: list[SecretHit] = []
    lines: list[int] = []  # where each line starts, worked out at the first hit
    for match in re.finditer(r"#[^\n]*", text):
        # Only a '#' outside every scalar starts a comment.
        index = bisect.bisect_right(starts, match.start()) - 1
        if index >= 0 and spans[index][0] <= match.start() < spans[index][1]:
            continue
        comment = match.group()[1:]
        shaped = finder.shape(comment, references_too=True)
        said = None if shaped else finder.in_text(comment)
        if shaped or said:
            lines = lines or line_starts(text)
            line, column = line_position(lines, match.start())
            if shaped:
                hits.append(SecretHit(line, column, "comment", shaped[0], (shaped[1],)))
            elif said:
                hits.append(SecretHit(line, column, "comment", "in_text", tuple(said[1]), said[0]))
    return hits


def secret_values(doc: YamlDoc, text: str | None = None) -> list[str]:
    """The literal secret values in ``doc`` (for masking error messages), longest first.

    A plain ``0123456`` is also shown by YAML 1.1 as the number it reads (42798): both forms count.
    """
    values: set[str] = set()
    for hit in find_secrets(doc, text or ""):
        for secret in hit.secrets:
            values.update((secret, secret.strip(), *_read_as(secret)))
    return sorted((v for v in values if len(v) >= 3), key=len, reverse=True)


def _read_as(value: str) -> list[str]:
    try:
        read = yaml.load(value, Loader=_Loader)  # one scalar: cannot expand, cannot be large
    except (yaml.YAMLError, ValueError, OverflowError):  # ValueError: 2026-02-30 is no day
        return []
    return [str(read), repr(read)] if isinstance(read, int | float) and str(read) != value else []


_DEFAULT_FINDER: _Finder | None = None


def mask_text(message: str, values: list[str]) -> str:
    """``message`` with every occurrence of each value (and any secret shape) replaced by a mask.

    Shapes are masked even when ``values`` misses them: an AppSecret, a private key block, a long
    random token (a secret used as a key, say, quoted in a dotted path).
    """
    global _DEFAULT_FINDER
    for value in values:
        if value in message:
            message = message.replace(value, MASK)
        # Messages may show a value cut short (“…”[:60]); mask any long-enough prefix too.
        for cut in (60, 40):
            if len(value) > cut and value[:cut] in message:
                message = message.replace(value[:cut], MASK)
    message = _PRIVATE_KEY.sub(MASK, message)
    message = _APPSECRET.sub(MASK, message)
    if len(message) >= 16:
        _DEFAULT_FINDER = _DEFAULT_FINDER or _Finder(SecretParams())
        for token in _DEFAULT_FINDER.random_tokens(message):
            message = message.replace(token, MASK)
    return message
