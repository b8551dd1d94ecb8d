"""The shape of ``data/checklists.yaml``, and how it must agree with the regulation and the rules.

A checklist item serves one clause. It is either *automated* (it names the rules whose verdict
answers it) or left to a person's judgement (no rules). Every clause whose status is ``manual``
or ``partial`` needs at least one item a person judges: what the machine cannot check is
written down, not forgotten.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import Field, StringConstraints, model_validator

from oahandbook.data.models import ClauseId, Model, RuleCode, Slug, Text

if TYPE_CHECKING:
    from oahandbook.base.errors import InputProblem
    from oahandbook.data.bundle import Bundle

ItemId = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}-\d{2}$")]
Prefix = Annotated[str, StringConstraints(pattern=r"^[A-Z]{3}$")]
DATA_FILE = "checklists.yaml"
FORMULA_START = ("=", "+", "-", "@")
SHEET_NAME_MAX = 31
SHEET_NAME_FORBIDDEN = "[]:*?/\\"


class ChecklistItem(Model):
    id: ItemId = Field(description="Stable, never reused: the checklist's prefix and a number (ART-01).")
    clause: ClauseId = Field(description="The clause this item serves.")
    verify: Text = Field(description="What to verify, as a statement that is true when the item passes.")
    how: Text = Field(description="How to verify it: where to look, what counts as evidence.")
    rules: list[RuleCode] = Field(
        default_factory=list,
        description="Rules whose verdict answers this item; empty when a person must judge it.",
    )

    @property
    def automated(self) -> bool:
        return bool(self.rules)

    @model_validator(mode="after")
    def _no_formula(self) -> ChecklistItem:
        # Exported to CSV and XLSX: a cell starting like a formula would run as one in Excel.
        for name in ("verify", "how"):
            for lang in ("zh", "en"):
                if getattr(getattr(self, name), lang).startswith(FORMULA_START):
                    raise ValueError(f"{name}.{lang} of {self.id} starts like a spreadsheet formula ({FORMULA_START})")
        return self


class Checklist(Model):
    id: Slug = Field(description="File name of the exported checklist (article-review → article-review.md).")
    prefix: Prefix = Field(description="Prefix of every item ID in this checklist.")
    title: Text
    audience: Text = Field(description="Who works through this checklist.")
    when: Text = Field(description="When it is worked through.")
    review: Literal["article", "account"] | None = Field(
        None, description="The kind of file `oahandbook review` pre-fills this checklist for."
    )
    items: list[ChecklistItem] = Field(min_length=1)

    @model_validator(mode="after")
    def _item_ids_carry_prefix(self) -> Checklist:
        for lang in ("zh", "en"):
            title = getattr(self.title, lang)
            # The title names the checklist's sheet in the XLSX export.
            if len(title) > SHEET_NAME_MAX or any(ch in title for ch in SHEET_NAME_FORBIDDEN):
                raise ValueError(
                    f"title.{lang} of checklist {self.id} names a spreadsheet sheet: at most "
                    f"{SHEET_NAME_MAX} characters, none of {SHEET_NAME_FORBIDDEN}"
                )
        wrong = [item.id for item in self.items if not item.id.startswith(self.prefix + "-")]
        if wrong:
            raise ValueError(f"item IDs of checklist {self.id} start with {self.prefix}-: {', '.join(wrong)}")
        return self


class ChecklistSet(Model):
    """Every checklist, in the order they are published."""

    checklists: list[Checklist] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> ChecklistSet:
        for what, values in (
            ("checklist id", [c.id for c in self.checklists]),
            ("checklist prefix", [c.prefix for c in self.checklists]),
            ("item id", [i.id for _, i in self.items()]),
        ):
            duplicates = sorted({v for v in values if values.count(v) > 1})
            if duplicates:
                raise ValueError(f"duplicate {what}: {', '.join(duplicates)}")
        for _, item in self.items():
            if len(set(item.rules)) != len(item.rules):
                raise ValueError(f"{item.id} names a rule twice")
        return self

    def items(self) -> Iterator[tuple[Checklist, ChecklistItem]]:
        for checklist in self.checklists:
            for item in checklist.items:
                yield checklist, item

    def for_review(self, target: str) -> list[Checklist]:
        """The checklists ``oahandbook review`` fills for a file of this kind."""
        return [c for c in self.checklists if c.review == target]


def checklist_set(bundle: Bundle) -> ChecklistSet:
    """The bundle's checklists; raises ``LookupError`` when the data directory has none."""
    found = bundle.extra.get(DATA_FILE.removesuffix(".yaml"))
    if not isinstance(found, ChecklistSet):
        raise LookupError(f"{bundle.root} has no {DATA_FILE}")
    return found


def cross_check_problems(bundle: Bundle) -> list[InputProblem]:
    """Every reference from the checklists into the regulation and the rules, with positions."""
    from oahandbook.base.errors import InputProblem
    from oahandbook.base.yamlio import closest

    key = DATA_FILE.removesuffix(".yaml")
    checklists = bundle.extra.get(key)
    if not isinstance(checklists, ChecklistSet):
        return []
    doc = bundle.docs.get(DATA_FILE)
    problems: list[InputProblem] = []

    def at(loc: tuple, message: str) -> None:
        line, col = doc.position(loc) if doc is not None else (1, 1)
        problems.append(InputProblem(doc.path if doc is not None else DATA_FILE, line, col, message))

    def suggest(value: str, options: list[str]) -> str:
        guess = closest(value, options)
        return f" (did you mean {guess}?)" if guess else ""

    clause_ids = list(bundle.clauses)
    for c_index, checklist in enumerate(checklists.checklists):
        for i_index, item in enumerate(checklist.items):
            loc = ("checklists", c_index, "items", i_index)
            if item.clause not in bundle.clauses:
                what = "is a heading, not a clause" if item.clause in bundle.sections else "does not exist"
                at(
                    (*loc, "clause"),
                    f"{item.id}: clause {item.clause} {what}{suggest(item.clause, clause_ids)}",
                )
            for r_index, code in enumerate(item.rules):
                rule_loc = (*loc, "rules", r_index)
                rule = bundle.rules.get(code)
                if rule is None:
                    family = sorted(c for c in bundle.rules if c[:2] == code[:2])
                    at(
                        rule_loc,
                        f"{item.id}: rule {code} does not exist" + suggest(code, family or sorted(bundle.rules)),
                    )
                    continue
                if rule.deprecated is not None:
                    instead = ", ".join(rule.deprecated.replaced_by) or "no rule"
                    at(rule_loc, f"{item.id}: rule {code} is deprecated; name {instead} instead")
                if rule.clause != item.clause:
                    at(
                        rule_loc,
                        f"{item.id}: rule {code} serves {rule.clause}, but the item serves {item.clause}",
                    )
                if checklist.review is not None and rule.target != checklist.review:
                    at(
                        rule_loc,
                        f"{item.id}: rule {code} checks {rule.target} files; "
                        f"checklist {checklist.id} is reviewed against {checklist.review} files",
                    )
    judged = {item.clause for _, item in checklists.items() if not item.automated}
    for clause in bundle.regulation.clauses():
        if clause.status in ("manual", "partial") and clause.id not in judged:
            at(
                (),
                f"clause {clause.id} has status {clause.status}, "
                "but no checklist item leaves it to a person; "
                "add an item without rules",
            )
    return problems


def cross_check(bundle: Bundle) -> list[str]:
    """The problems of :func:`cross_check_problems` as messages (for ``bundle.cross_check``)."""
    return [problem.message for problem in cross_check_problems(bundle)]


def uncovered_rules(bundle: Bundle) -> list[str]:
    """Codes of active rules that no checklist reviewed against their kind of file names.

    A finding of such a rule would have no item to land on in a review record.
    """
    checklists = checklist_set(bundle)
    named = {(c.review, code) for c, item in checklists.items() for code in item.rules}
    return sorted(
        rule.code for rule in bundle.rules.values() if rule.deprecated is None and (rule.target, rule.code) not in named
    )
