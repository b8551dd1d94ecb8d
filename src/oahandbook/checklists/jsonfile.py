"""``checklists.json``: every checklist in both languages, for tools that import checklists.

The shape is the pydantic model :class:`ChecklistsExport`; its JSON Schema is published beside
the file as ``checklists.schema.json``. ``schema_version`` changes only when a field is removed
or changes meaning; new fields may appear without it changing.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Literal

from pydantic import Field

from oahandbook.data.bundle import Bundle
from oahandbook.data.checklists import ChecklistSet
from oahandbook.data.models import Model, Text
from oahandbook.engine.findings import clause_url, rule_url

SCHEMA_VERSION = 1


class ExportRegulation(Model):
    number: str = Field(description="The regulation's document number (文件编号).")
    title: Text
    version: str
    effective_date: dt.date


class ExportItem(Model):
    id: str = Field(description="Stable item ID, never reused (ART-01).")
    clause: str = Field(description="ID of the clause the item serves (OA-2.3.1).")
    clause_title: Text
    verify: Text = Field(description="What to verify.")
    how: Text = Field(description="How to verify it.")
    automated: bool = Field(
        description="True when the rules in `rules` answer the item; false when a person judges it."
    )
    rules: list[str] = Field(description="Codes of the rules that automate the item.")
    handbook: str = Field(
        description="The clause's place in the handbook (its Chinese page; the English one is under `en/`)."
    )
    rule_pages: list[str] = Field(description="Each rule's page in the handbook, in the order of `rules`.")


class ExportChecklist(Model):
    id: str = Field(description="Also the base name of the checklist's Markdown and CSV files.")
    title: Text
    audience: Text
    when: Text
    review: Literal["article", "account"] | None = Field(
        description="The kind of file `oahandbook review` pre-fills this checklist for."
    )
    items: list[ExportItem]


class ChecklistsExport(Model):
    """The content of ``checklists.json``."""

    schema_version: Literal[1] = Field(description="Version of this shape.")
    regulation: ExportRegulation
    checklists: list[ExportChecklist]


def build(checklists: ChecklistSet, bundle: Bundle, base: str | None = None) -> ChecklistsExport:
    doc = bundle.regulation.document
    return ChecklistsExport(
        schema_version=SCHEMA_VERSION,
        regulation=ExportRegulation(
            number=doc.number,
            title=doc.title,
            version=doc.version,
            effective_date=doc.effective_date,
        ),
        checklists=[
            ExportChecklist(
                id=c.id,
                title=c.title,
                audience=c.audience,
                when=c.when,
                review=c.review,
                items=[
                    ExportItem(
                        id=item.id,
                        clause=item.clause,
                        clause_title=bundle.clauses[item.clause].title,
                        verify=item.verify,
                        how=item.how,
                        automated=item.automated,
                        rules=list(item.rules),
                        handbook=clause_url(item.clause, base, "zh"),
                        rule_pages=[rule_url(code, base, "zh") for code in item.rules],
                    )
                    for item in c.items
                ],
            )
            for c in checklists.checklists
        ],
    )


def dumps(data: object) -> bytes:
    """Stable JSON: keys in model order, UTF-8 Chinese (not ``\\u`` escapes), final newline."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def render(checklists: ChecklistSet, bundle: Bundle, base: str | None = None) -> bytes:
    return dumps(build(checklists, bundle, base).model_dump(mode="json"))


def render_schema() -> bytes:
    schema = ChecklistsExport.model_json_schema(mode="serialization")
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "checklists.schema.json",
        **schema,
    }
    return dumps(schema)
