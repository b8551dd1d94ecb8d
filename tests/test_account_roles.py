"""The role → permission matrix (data/roles.yaml) and the account file's JSON Schema."""

from __future__ import annotations

import datetime as dt
import json
import typing
from pathlib import Path

import jsonschema
import pytest
from pydantic import BaseModel, ValidationError

from oahandbook.account.models import Account, Person, RoleMatrix
from oahandbook.base.yamlio import load_text
from oahandbook.data.bundle import load_bundle
from oahandbook.outputs.schemas import render_schemas

BUNDLE = load_bundle()
MATRIX: RoleMatrix = BUNDLE.extra["roles"]
ROOT = Path(__file__).parent.parent


def test_the_bundle_loads_the_matrix():
    assert isinstance(MATRIX, RoleMatrix)


def test_operators_can_only_log_in_and_mass_send():
    # FACTS: operators can log in and mass-send only.
    for role in ("long_term_operator", "short_term_operator"):
        assert sorted(MATRIX.role(role).permissions) == ["login", "publish"]


def test_only_the_administrator_manages_operators_server_config_and_appsecret():
    for permission in ("operators", "developer"):
        holders = [r.id for r in MATRIX.roles if permission in r.permissions]
        assert holders == ["administrator"], permission
        assert MATRIX.permission(permission).admin_only_reason is not None


def test_the_administrator_may_hold_every_permission():
    assert set(MATRIX.role("administrator").permissions) == {p.id for p in MATRIX.permissions}


def test_the_matrix_covers_exactly_the_roles_an_account_file_allows():
    allowed = set(typing.get_args(Person.model_fields["role"].annotation))
    assert {r.id for r in MATRIX.roles} == allowed


def test_each_role_limit_is_a_platform_fact():
    limits = {r.id: BUNDLE.platform.value(r.limit) for r in MATRIX.roles}
    assert limits == {"administrator": 1, "long_term_operator": 5, "short_term_operator": 20}


def test_every_permission_is_named_in_both_languages():
    for permission in MATRIX.permissions:
        assert permission.name.zh and permission.name.en and permission.description.zh


def matrix_data() -> dict:
    text = (ROOT / "src" / "oahandbook" / "data" / "roles.yaml").read_text(encoding="utf-8")
    return load_text(text, "roles.yaml").data


def test_a_role_naming_an_unknown_permission_is_rejected():
    data = matrix_data()
    data["roles"][1]["permissions"].append("teleport")
    with pytest.raises(ValidationError, match="teleport"):
        RoleMatrix.model_validate(data)


def test_duplicate_permission_ids_are_rejected():
    data = matrix_data()
    data["permissions"].append(data["permissions"][0])
    with pytest.raises(ValidationError, match="login"):
        RoleMatrix.model_validate(data)


# --------------------------------------------------------------------------- JSON Schema


def _as_json(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    return value


def test_the_example_validates_against_the_published_schema():
    schema = json.loads(render_schemas()["account.schema.json"])
    data = load_text((ROOT / "examples" / "account.yaml").read_text(encoding="utf-8"), "account.yaml").data
    jsonschema.validate(_as_json(data), schema)
    data["people"][0]["role"] = "owner"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(_as_json(data), schema)


def test_every_account_field_is_described():
    missing = []

    def visit(model: type[BaseModel]) -> None:
        for name, info in model.model_fields.items():
            if not info.description:
                missing.append(f"{model.__name__}.{name}")
            for arg in _models_in(info.annotation):
                visit(arg)

    visit(Account)
    assert missing == []


def _models_in(annotation) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]
