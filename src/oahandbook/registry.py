"""Check types: the few functions that rules (data) are built on.

A rule names a check type and gives it parameters; the type's function never changes when a rule
is added. Modules that define check types are listed here so they import on demand.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel, ValidationError

if TYPE_CHECKING:
    from oahandbook.bundle import Bundle
    from oahandbook.models import Rule

CHECK_MODULES = ("oahandbook.article.checks", "oahandbook.account.checks")

# Data files beside regulation.yaml owned by other parts of the package: file -> "module:Model".
EXTRA_DATA = {
    "roles.yaml": "oahandbook.account.models:RoleMatrix",
    "checklists.yaml": "oahandbook.checklists.models:ChecklistSet",
}

Target = Literal["article", "account"]


@dataclass(frozen=True)
class CheckType:
    name: str
    target: Target
    func: Callable[..., Iterable[Any]]
    params: type[BaseModel] | None
    summary: str

    def parse_params(self, rule: Rule) -> Any:
        if self.params is None:
            return None
        return self.params.model_validate(rule.params)

    def validate_params(self, rule: Rule, bundle: Bundle) -> list[str]:
        if self.params is None:
            return [f"check type {self.name} takes no params"] if rule.params else []
        try:
            self.params.model_validate(rule.params, context={"bundle": bundle})
        except ValidationError as exc:
            return [f"params.{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors(include_url=False)]
        return []


_REGISTRY: dict[str, CheckType] = {}


def check_type(name: str, *, target: Target, params: type[BaseModel] | None = None):
    """Register ``func`` as check type ``name``; its docstring's first line is its summary."""

    def register(func: Callable[..., Iterable[Any]]) -> Callable[..., Iterable[Any]]:
        if name in _REGISTRY:
            raise RuntimeError(f"check type {name} registered twice")
        summary = (func.__doc__ or "").strip().splitlines()[0] if func.__doc__ else ""
        _REGISTRY[name] = CheckType(name, target, func, params, summary)
        return func

    return register


@functools.cache
def check_types() -> dict[str, CheckType]:
    for module in CHECK_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if not (exc.name and module.startswith(exc.name)):
                raise
    return dict(_REGISTRY)


def extra_data_models() -> dict[str, type[BaseModel]]:
    out = {}
    for file_name, target in EXTRA_DATA.items():
        module_name, _, attr = target.partition(":")
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name and module_name.startswith(exc.name):
                continue
            raise
        out[file_name] = getattr(module, attr)
    return out
