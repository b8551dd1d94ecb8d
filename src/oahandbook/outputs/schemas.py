"""JSON Schemas for every YAML file a person edits, generated from the pydantic models."""

from __future__ import annotations

import importlib
import json

SCHEMAS = {
    "regulation.schema.json": "oahandbook.data.models:Regulation",
    "platform.schema.json": "oahandbook.data.models:Platform",
    "rule.schema.json": "oahandbook.data.models:Rule",
    "lexicon.schema.json": "oahandbook.data.models:Lexicon",
    "config.schema.json": "oahandbook.engine.config:Config",
    "draft-front-matter.schema.json": "oahandbook.article.models:FrontMatter",
    "account.schema.json": "oahandbook.account.models:Account",
    "roles.schema.json": "oahandbook.account.models:RoleMatrix",
    "checklists.schema.json": "oahandbook.data.checklists:ChecklistSet",
}


def render_schemas() -> dict[str, bytes]:
    out = {}
    for file_name, target in SCHEMAS.items():
        module_name, _, attr = target.partition(":")
        try:
            model = getattr(importlib.import_module(module_name), attr)
        except (ModuleNotFoundError, AttributeError):
            continue  # that part of the package is not there yet
        schema = model.model_json_schema(mode="validation")
        schema = {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": file_name, **schema}
        out[file_name] = (json.dumps(schema, ensure_ascii=False, indent=2) + "\n").encode()
    return out
