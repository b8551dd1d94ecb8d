"""Check types: the few functions that rules (data) are built on.

A rule names a check type and gives it parameters; the type's function never changes when a rule
is added. Modules that define check types are imported per target, on demand, and a check
type's parameter model may be named as ``"module:Class"`` so that importing the check function
does not import pydantic (the article path of a pre-commit run never needs it).
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from pydantic import BaseModel

    from oahandbook.data.bundle import Bundle
    from oahandbook.data.models import Rule

CHECK_MODULES = {"article": "oahandbook.article.checks", "account": "oahandbook.account.checks"}

# Data files beside regulation.yaml owned by other parts of the package: file -> "module:Model".
EXTRA_DATA = {
    "roles.yaml": "oahandbook.account.models:RoleMatrix",
    "checklists.yaml": "oahandbook.data.checklists:ChecklistSet",
}

Target = Literal["article", "account"]


def resolve(target: Any) -> Any:
    if isinstance(target, str):
        module, _, attr = target.partition(":")
        return getattr(importlib.import_module(module), attr)
    return target


@dataclass(frozen=True)
class CheckType:
    name: str
    target: Target
    func: Callable[..., Iterable[Any]]
    params: type[BaseModel] | str | None
    summary: str

    @property
    def params_model(self) -> type[BaseModel] | None:
        return resolve(self.params)

    def parse_params(self, rule: Rule) -> Any:
        model = self.params_model
        return None if model is None else model.model_validate(rule.params)

    def validate_params(self, rule: Rule, bundle: Bundle) -> list[str]:
        from pydantic import ValidationError

        model = self.params_model
        if model is None:
            return [f"check type {self.name} takes no params"] if rule.params else []
        try:
            model.model_validate(rule.params, context={"bundle": bundle})
        except ValidationError as exc:
            return [f"params.{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors(include_url=False)]
        return []


_REGISTRY: dict[str, CheckType] = {}


def check_type(name: str, *, target: Target, params: type[BaseModel] | str | None = None):
    """Register ``func`` as check type ``name``; its docstring's first line is its summary."""

    def register(func: Callable[..., Iterable[Any]]) -> Callable[..., Iterable[Any]]:
        if name in _REGISTRY:
            raise RuntimeError(f"check type {name} registered twice")
        summary = (func.__doc__ or "").strip().splitlines()[0] if func.__doc__ else ""
        _REGISTRY[name] = CheckType(name, target, func, params, summary)
        return func

    return register


@functools.cache
def _import_target(target: str) -> None:
    module = CHECK_MODULES[target]
    try:
        importlib.import_module(module)
    except ModuleNotFoundError as exc:
        if not (exc.name and module.startswith(exc.name)):
            raise


def check_types(target: Target | None = None) -> dict[str, CheckType]:
    """Registered check types (of one target: only that target's module is imported)."""
    for name in [target] if target else CHECK_MODULES:
        _import_target(name)
    return {k: v for k, v in _REGISTRY.items() if target in (None, v.target)}


def extra_data_models() -> dict[str, type[BaseModel]]:
    out = {}
    for file_name, target in EXTRA_DATA.items():
        module_name = target.partition(":")[0]
        try:
            out[file_name] = resolve(target)
        except ModuleNotFoundError as exc:
            if exc.name and module_name.startswith(exc.name):
                continue
            raise
    return out
