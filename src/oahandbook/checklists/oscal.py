"""The regulation as an OSCAL catalog (JSON), so compliance tools that speak OSCAL can import it.

Mapping:

* each top-level chapter (一、二、三) and each heading below it is a ``group``; each clause is a
  ``control`` whose id is the clause id in lower case (``OA-2.1.1`` → ``oa-2.1.1``) and whose
  ``label`` prop is the clause id. OSCAL groups hold groups or controls but not both, so a
  clause beside headings sits in a group of its own (``g-oa-2.4`` holds ``oa-2.4``);
* the regulation's own words are the control's ``statement`` part, the handbook's guidance its
  ``guidance`` part; English translations are child parts named ``translation`` in the
  ``urn:oahandbook`` namespace (OSCAL has no per-text language);
* each checklist item serving the clause is an ``assessment-objective`` part (what to verify)
  with an ``assessment-method`` part (how: ``TEST`` when rules automate it, ``EXAMINE`` when a
  person judges it);
* the clause's status (automated / partial / manual) and rule codes are props in our namespace;
* outside documents the regulation cites are back-matter resources, linked from the controls.

Everything is derived from the data: uuids are uuid5 of stable names (the catalog's also of its
content, so it changes exactly when the catalog does), and ``last-modified`` is the regulation's
effective date, so regenerating without data changes gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

from oahandbook.checklists.jsonfile import dumps
from oahandbook.data.bundle import Bundle
from oahandbook.data.checklists import ChecklistSet
from oahandbook.data.models import Section, Text

OSCAL_VERSION = "1.1.2"
NS = "urn:oahandbook"
UUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, NS)
# Clause dates are calendar days; the regulation's organisation keeps China Standard Time.
TIMEZONE = "+08:00"


def stable_uuid(kind: str, name: str) -> str:
    return str(uuid.uuid5(UUID_NAMESPACE, f"{kind}:{name}"))


def control_id(clause_id: str) -> str:
    return clause_id.lower()


def _prop(name: str, value: str, *, ours: bool = False) -> dict[str, str]:
    return {"name": name, "ns": NS, "value": value} if ours else {"name": name, "value": value}


def _with_translation(part_id: str, name: str, prose_zh: str, prose_en: str, **extra: Any) -> dict[str, Any]:
    part: dict[str, Any] = {"id": part_id, "name": name, **extra, "prose": prose_zh}
    part["parts"] = [{"id": f"{part_id}_en", "name": "translation", "ns": NS, "prose": prose_en}]
    return part


def _text(value: Text) -> tuple[str, str]:
    return value.zh, value.en


def build(checklists: ChecklistSet, bundle: Bundle) -> dict[str, Any]:
    regulation = bundle.regulation
    doc = regulation.document
    items_by_clause: dict[str, list] = {}
    for checklist, item in checklists.items():
        items_by_clause.setdefault(item.clause, []).append((checklist, item))
    resources = {ref.id: stable_uuid("reference", ref.id) for ref in regulation.references}

    def control(clause: Section) -> dict[str, Any]:
        cid = control_id(clause.id)
        codes = [r.code for r in bundle.rules_for(clause.id)]
        props = [
            _prop("label", clause.id),
            _prop("number", clause.number, ours=True),
            _prop("status", clause.status or "manual", ours=True),
            *(_prop("rule", code, ours=True) for code in codes),
            _prop("since", clause.since, ours=True),
        ]
        parts = [
            _with_translation(f"{cid}_smt", "statement", clause.text or "", clause.translation or ""),
            _with_translation(f"{cid}_gdn", "guidance", *_text(clause.guidance)),
        ]
        for checklist, item in items_by_clause.get(clause.id, []):
            key = item.id.lower()
            objective = _with_translation(
                f"{cid}_obj.{key}",
                "assessment-objective",
                *_text(item.verify),
                props=[_prop("label", item.id), _prop("checklist", checklist.id, ours=True)],
            )
            method_props = [_prop("method", "TEST" if item.automated else "EXAMINE")]
            method_props += [_prop("rule", code, ours=True) for code in item.rules]
            method = _with_translation(f"{cid}_asm.{key}", "assessment-method", *_text(item.how), props=method_props)
            method["links"] = [{"href": f"#{cid}_obj.{key}", "rel": "assessment-for"}]
            parts += [objective, method]
        out: dict[str, Any] = {
            "id": cid,
            "class": "clause",
            "title": clause.title.zh,
            "props": props,
        }
        links = []
        for ref in clause.references:
            link: dict[str, str] = {"href": f"#{resources[ref.ref]}", "rel": "reference"}
            if ref.articles:
                link["text"] = "、".join(ref.articles)
            links.append(link)
        if links:
            out["links"] = links
        out["parts"] = parts
        return out

    def group(section: Section, *, chapter: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "id": f"g-{control_id(section.id)}",
            "class": "chapter" if chapter else "section",
            "title": section.title.zh,
            "props": [_prop("label", section.id), _prop("number", section.number, ours=True)],
            "parts": [
                {
                    "id": f"g-{control_id(section.id)}_title_en",
                    "name": "translation",
                    "ns": NS,
                    "title": section.title.en,
                }
            ],
        }
        # A group holds either groups or controls, never both. A clause that stands beside
        # headings (一、前言 at the top; 2.4 beside 2.1–2.3) becomes a group of one control.
        if section.is_clause:
            out["controls"] = [control(section)]
        elif all(child.is_clause for child in section.children):
            out["controls"] = [control(child) for child in section.children]
        else:
            out["groups"] = [group(child) for child in section.children]
        return out

    parties = [
        ("creator", doc.issuing_department),
        ("content-approver", doc.approver),
    ]
    metadata: dict[str, Any] = {
        "title": doc.title.zh,
        "published": f"{doc.effective_date.isoformat()}T00:00:00{TIMEZONE}",
        "last-modified": f"{doc.effective_date.isoformat()}T00:00:00{TIMEZONE}",
        "version": doc.version,
        "oscal-version": OSCAL_VERSION,
        "document-ids": [{"identifier": doc.number}],
        "props": [
            _prop("title-en", doc.title.en, ours=True),
            _prop("review-cycle-months", str(doc.review_cycle_months), ours=True),
        ],
        "roles": [
            {"id": "creator", "title": "Issuing department"},
            {"id": "content-approver", "title": "Approver"},
        ],
        "parties": [
            {
                "uuid": stable_uuid("party", text.zh),
                "type": "organization",
                "name": text.zh,
                "short-name": text.en,
            }
            for _, text in parties
        ],
        "responsible-parties": [
            {"role-id": role, "party-uuids": [stable_uuid("party", text.zh)]} for role, text in parties
        ],
        "remarks": (
            "Generated by `oahandbook checklist --write` from the regulation's data. "
            "Statements are the regulation's own words (Simplified Chinese); guidance is the "
            "handbook's. English translations "
            f"are child parts named `translation` in the `{NS}` namespace."
        ),
    }
    back_matter = {
        "resources": [
            {
                "uuid": resources[ref.id],
                "title": ref.title.zh,
                "props": [
                    _prop("title-en", ref.title.en, ours=True),
                    _prop("year", str(ref.year), ours=True),
                ],
                "citation": {"text": f"{ref.issuer.zh}：《{ref.title.zh}》（{ref.year}）"},
                **({"rlinks": [{"href": ref.url}]} if ref.url else {}),
            }
            for ref in regulation.references
        ]
    }
    catalog: dict[str, Any] = {
        "uuid": "",
        "metadata": metadata,
        "groups": [group(section, chapter=True) for section in regulation.sections],
    }
    if back_matter["resources"]:
        catalog["back-matter"] = back_matter
    content = json.dumps(catalog, ensure_ascii=False, sort_keys=True).encode("utf-8")
    catalog["uuid"] = stable_uuid("catalog", f"{doc.number}:{doc.version}:{hashlib.sha256(content).hexdigest()}")
    return {"catalog": catalog}


def render(checklists: ChecklistSet, bundle: Bundle) -> bytes:
    return dumps(build(checklists, bundle))
