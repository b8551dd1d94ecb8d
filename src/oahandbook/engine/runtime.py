"""What a check run needs from the data, as plain Python objects, cached between runs.

The validated bundle (pydantic models) is the source of truth. A check run only reads rules,
platform facts, lexicons and the document's number and version, so those are converted once
into attribute bags (``types.SimpleNamespace``) and cached by content: checking a draft on every
commit then imports neither pydantic nor OpenCC. Anything else (``ctx.bundle``) loads the full
bundle on first use.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

RUNTIME_VERSION = b"runtime-v4"
# The runtime is cached by the content of the data and of the code that shapes it.
_BUILDERS = (
    "oahandbook.engine.runtime",
    "oahandbook.engine.lexicons",
    "oahandbook.engine.textnorm",
    "oahandbook.data.models",  # the rules' fields
    "oahandbook.engine.config",  # the default configuration the runtime carries
)


def plain(value: Any) -> Any:
    """A pydantic model (and everything inside it) as attribute bags, lists and dicts."""
    fields = getattr(type(value), "model_fields", None)
    if fields is not None:
        return SimpleNamespace(**{name: plain(getattr(value, name)) for name in fields})
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    return value


def as_dict(value: Any) -> dict[str, Any]:
    """A bilingual text (model, attribute bag or dict) as ``{"zh": …, "en": …}``."""
    if isinstance(value, dict):
        return value
    if isinstance(value, SimpleNamespace):
        return dict(vars(value))
    return value.model_dump()


@dataclass
class Runtime:
    rules: dict[str, SimpleNamespace]
    names: dict[str, str]  # rule name or alias -> code
    facts: dict[str, Any]
    lexicons: list  # FlatLexicon tuples (oahandbook.engine.lexicons)
    variants: dict[str, str]  # spelling.yaml: folded before matching
    matcher_index: dict[str, list]  # the bundled lexicons' normal-form patterns -> entries
    matcher_prefixes: dict[str, tuple[int, ...]]  # the index's two-character prefixes -> pattern lengths
    homophones: dict[str, list[str]]  # spelling.yaml: expanded into spellings of marked terms
    document: SimpleNamespace
    default_config: SimpleNamespace


def build_runtime(bundle) -> Runtime:
    from oahandbook.data.registry import check_types
    from oahandbook.engine.config import Config
    from oahandbook.engine.lexicons import flatten_lexicon, homophone_table, lexicon_pairs, variant_table

    types = check_types()
    rules = {}
    names = {}
    for code, rule in bundle.rules.items():
        view = plain(rule)
        view.examples = None  # examples are for tests and the handbook, not for checking
        check = types[rule.check]
        # Article parameters are pre-parsed into plain values; account checks parse their own.
        view.parsed = plain(check.parse_params(rule)) if rule.target == "article" else None
        rules[code] = view
        for name in (rule.name, *rule.aliases):
            names[name] = code
    facts = {f.id: f.value for f in (*bundle.platform.facts, *bundle.platform.policy)}
    from oahandbook.engine.textnorm import Folding, build_index, prefix_lengths

    variants, homophones = variant_table(bundle), homophone_table(bundle)
    folding = Folding(variants)
    lexicons = [flatten_lexicon(lexicon, homophones, variants) for lexicon in bundle.lexicons.values()]
    index = build_index(pair for lexicon in lexicons for pair in lexicon_pairs(lexicon, folding))
    document = bundle.regulation.document
    return Runtime(
        rules=rules,
        names=names,
        facts=facts,
        # Spellings and allowed phrases live in the index; the lexicons keep patterns and groups.
        lexicons=[lexicon._replace(terms=[], allow=[]) for lexicon in lexicons],
        matcher_index=index,
        matcher_prefixes=prefix_lengths(index),
        variants=variants,
        homophones=homophones,
        document=SimpleNamespace(number=document.number, version=document.version, title=as_dict(document.title)),
        default_config=plain(Config.model_construct()),
    )


@functools.lru_cache(maxsize=4)
def load_runtime(path: str | None = None) -> Runtime:
    from oahandbook.base.cache import cached, module_sources
    from oahandbook.data.files import data_file_parts, data_root

    def build(path: str | None = path) -> Runtime:
        from oahandbook.data.bundle import load_bundle

        return build_runtime(load_bundle(path))

    if path is not None:
        return build()

    parts = [RUNTIME_VERSION, *module_sources(*_BUILDERS), *data_file_parts(data_root())]
    return cached("runtime", parts, build, Runtime)
