"""Load the regulation, platform facts, rules and lexicons: the one set of data everything uses.

The bundled data is package data read with ``importlib.resources`` so a pip-installed copy
carries it; ``load_bundle(path)`` reads another data directory of the same layout instead.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from oahandbook.base.errors import InputError, InputProblem
from oahandbook.base.i18n import t
from oahandbook.base.yamlio import YamlDoc, closest
from oahandbook.data.files import data_file_parts, data_root, display_name, read_yaml, yaml_files
from oahandbook.data.models import Lexicon, Platform, Regulation, Rule, Section, Spelling
from oahandbook.data.validation import validate


@dataclass
class Bundle:
    """The validated data: the regulation (its clauses and sections), the platform facts, the
    rules by code, the lexicons by category, the spelling tables, and the data other parts of
    the package own (``extra``: the checklists, the roles of account files)."""

    root: str
    regulation: Regulation
    platform: Platform
    rules: dict[str, Rule]
    lexicons: dict[str, Lexicon]
    extra: dict[str, object] = field(default_factory=dict)
    spelling: Spelling | None = None
    docs: dict[str, YamlDoc] = field(default_factory=dict, repr=False)

    def __getstate__(self) -> dict:
        # Node trees (positions for data errors) are only needed while validating.
        state = {k: v for k, v in self.__dict__.items() if k not in ("docs", "clauses", "sections")}
        state["docs"] = {}
        return state

    @functools.cached_property
    def clauses(self) -> dict[str, Section]:
        return {c.id: c for c in self.regulation.clauses()}

    @functools.cached_property
    def sections(self) -> dict[str, Section]:
        return {node.id: node for _, node in self.regulation.walk()}

    @property
    def checklists(self) -> Any:
        """The review checklists (``checklists.yaml``), or None when the data has none."""
        return self.extra.get("checklists")

    def rules_for(self, clause_id: str) -> list[Rule]:
        """The codes that automate a clause, derived from the rules (one source of truth)."""
        return [r for r in self.rules.values() if r.clause == clause_id and r.deprecated is None]

    def resolve_rule(self, code_or_name: str) -> Rule | None:
        key = code_or_name.strip()
        if key.upper() in self.rules:
            return self.rules[key.upper()]
        for rule in self.rules.values():
            if key == rule.name or key in rule.aliases:
                return rule
        return None


@functools.lru_cache(maxsize=4)
def _load_cached(key: str | None) -> Bundle:
    if key is not None:
        return _load(data_root(key))
    return _load_bundled_with_cache()


def _load_bundled_with_cache() -> Bundle:
    """The bundled data, validated once per content of its files (see ``oahandbook.base.cache``)."""
    from oahandbook.base.cache import cached, module_sources

    root = data_root()
    parts = [
        # the code that shapes the bundle too: a changed model must never meet objects of the old one
        *module_sources("oahandbook.data.models", "oahandbook.data.checklists", "oahandbook.data.bundle"),
        *data_file_parts(root),
        display_name(root).encode(),  # a bundle names its files: another checkout's would name the wrong ones
    ]
    return cached("bundle", parts, lambda: _load(root), Bundle)


def load_bundle(path: str | Path | None = None) -> Bundle:
    """Load and cross-check the data; raises :class:`InputError` listing every problem."""
    return _load_cached(None if path is None else str(Path(path).resolve()))


def _load(root: Traversable) -> Bundle:
    problems: list[InputProblem] = []
    docs: dict[str, YamlDoc] = {}

    def attempt(model, *parts):
        try:
            doc = read_yaml(root, *parts)
            docs["/".join(parts)] = doc
            return validate(model, doc)
        except InputError as exc:
            problems.extend(exc.problems)
            return None

    regulation = attempt(Regulation, "regulation.yaml")
    platform = attempt(Platform, "platform.yaml")
    rules: dict[str, Rule] = {}
    for name in yaml_files(root, "rules"):
        rule = attempt(Rule, "rules", name)
        if rule is not None:
            rules[rule.code] = rule
    lexicons: dict[str, Lexicon] = {}
    for name in yaml_files(root, "lexicons"):
        lexicon = attempt(Lexicon, "lexicons", name)
        if lexicon is not None:
            lexicons[name.removesuffix(".yaml")] = lexicon
    spelling = attempt(Spelling, "spelling.yaml") if root.joinpath("spelling.yaml").is_file() else None
    extra: dict[str, object] = {}
    for name, model in _extra_models().items():
        if root.joinpath(name).is_file():
            extra[name.removesuffix(".yaml")] = attempt(model, name)
    if problems:
        raise InputError(problems)
    bundle = Bundle(display_name(root), regulation, platform, rules, lexicons, extra, spelling, docs)
    cross_problems = cross_check(bundle)
    if cross_problems:
        raise InputError(cross_problems)
    return bundle


def _extra_models() -> dict[str, type]:
    """Data files owned by other parts of the package (roles, checklists), by file name."""
    from oahandbook.data.registry import extra_data_models

    return extra_data_models()


def cross_check(bundle: Bundle) -> list[InputProblem]:
    """References between files: every ID named exists, statuses agree with the rules."""
    from oahandbook.data.registry import check_types

    problems: list[InputProblem] = []
    types = check_types()

    def at(doc_key: str, loc: tuple, message: str) -> None:
        doc = bundle.docs[doc_key]
        line, col = doc.position(loc)
        problems.append(InputProblem(doc.path, line, col, message))

    def ref_error(what: str, value: str, options: list[str]) -> str:
        guess = closest(value, options)
        return t("val.ref", what=t(f"what.{what}"), value=value, suggest=t("val.suggest", name=guess) if guess else "")

    reg_doc = "regulation.yaml"
    locs = _section_locs(bundle.regulation.sections, ("sections",))
    seen: set[str] = set()
    for node, loc in locs:
        if node.id in seen:
            at(reg_doc, (*loc, "id"), f"duplicate id {node.id}: IDs are never reused")
        seen.add(node.id)
    ref_ids = [r.id for r in bundle.regulation.references]
    clause_ids = list(bundle.clauses)
    for node, loc in locs:
        if not node.is_clause:
            continue
        for i, ref in enumerate(node.references):
            if ref.ref not in ref_ids:
                at(reg_doc, (*loc, "references", i, "ref"), ref_error("reference", ref.ref, ref_ids))
        codes = [r.code for r in bundle.rules_for(node.id)]
        if node.status == "automated" and not codes:
            at(reg_doc, (*loc, "status"), f"{node.id}: status automated, but no rule names this clause")
        if node.status == "manual" and codes:
            at(
                reg_doc,
                (*loc, "status"),
                f"{node.id}: status manual, but rules {', '.join(codes)} automate it; use partial",
            )
    for r_index, release in enumerate(bundle.regulation.document.history):
        for c_index, change in enumerate(release.changes):
            if change.clause not in bundle.sections:
                loc = ("document", "history", r_index, "changes", c_index, "clause")
                at(reg_doc, loc, ref_error("clause", change.clause, list(bundle.sections)))
    if bundle.regulation.document.history[-1].version != bundle.regulation.document.version:
        at(reg_doc, ("document", "version"), "document.version must equal the last history entry's version")
    for code, rule in bundle.rules.items():
        key = f"rules/{code}.yaml"
        if key not in bundle.docs:
            problems.append(
                InputProblem(_display_rule(bundle, rule), 1, 1, f"rule {code} must live in rules/{code}.yaml")
            )
            continue
        if rule.clause not in bundle.clauses:
            at(key, ("clause",), ref_error("clause", rule.clause, clause_ids))
        elif bundle.clauses[rule.clause].status == "manual":
            at(key, ("clause",), f"clause {rule.clause} has status manual; a rule automates it, so make it partial")
        if rule.check not in types:
            at(key, ("check",), ref_error("check type", rule.check, sorted(types)))
        elif types[rule.check].target != rule.target:
            at(key, ("check",), f"check type {rule.check} checks {types[rule.check].target} files, not {rule.target}")
        else:
            for message in types[rule.check].validate_params(rule, bundle):
                at(key, ("params",), message)
        for lexicon in rule.params.get("lexicons", []):
            if lexicon not in bundle.lexicons:
                at(key, ("params", "lexicons"), ref_error("lexicon", lexicon, sorted(bundle.lexicons)))
    names: dict[str, str] = {}
    for code, rule in bundle.rules.items():
        for name in (rule.name, *rule.aliases):
            if name in names and names[name] != code:
                at(f"rules/{code}.yaml", ("name",), f"name or alias {name!r} is used by {names[name]} too")
            names[name] = code
    if "checklists" in bundle.extra:
        from oahandbook.data.checklists import cross_check_problems

        problems.extend(cross_check_problems(bundle))
    return problems


def _section_locs(nodes: list[Section], loc: tuple) -> list[tuple[Section, tuple]]:
    out = []
    for index, node in enumerate(nodes):
        here = (*loc, index)
        out.append((node, here))
        out.extend(_section_locs(node.children, (*here, "children")))
    return out


def _display_rule(bundle: Bundle, rule: Rule) -> str:
    for key, doc in bundle.docs.items():
        if key.startswith("rules/") and doc.data and doc.data.get("code") == rule.code:
            return doc.path
    return bundle.root
