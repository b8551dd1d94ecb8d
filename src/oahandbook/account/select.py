"""Reach into an account file by dotted path, the way rule params name its fields.

A *scope* is where a rule applies: ``""`` is the whole file, ``security.backup`` one mapping,
``people`` each item of a list. A *field* is a dotted path inside the scope. Locations are tuples
of keys and indexes, what ``YamlDoc.position`` takes.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from pydantic import ConfigDict, Field

from oahandbook.data.models import Model, NonEmpty

Loc = tuple[str | int, ...]
MISSING = object()


class Condition(Model):
    """True when the field (a dotted path from the top of the file) has one of the values."""

    field: NonEmpty = Field(description="Dotted path from the top of the file, e.g. `entity.type`.")
    in_: list[Any] = Field(alias="in", min_length=1, description="Values that make the condition true.")

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, populate_by_name=True)

    def holds(self, data: Any) -> bool:
        value = get(data, self.field)
        return value is not MISSING and value in self.in_


def split(path: str) -> Loc:
    return tuple(path.split(".")) if path else ()


def dotted(loc: Loc) -> str:
    """``("people", 2, "appointed")`` as the user reads it: ``people[2].appointed``."""
    out = ""
    for step in loc:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def get(data: Any, path: str | Loc) -> Any:
    """The value at ``path``, or ``MISSING`` when any step is absent or null."""
    steps = split(path) if isinstance(path, str) else path
    node = data
    for step in steps:
        if (isinstance(node, dict) and step in node) or (
            isinstance(node, list) and isinstance(step, int) and 0 <= step < len(node)
        ):
            node = node[step]
        else:
            return MISSING
        if node is None:
            return MISSING
    return node


def expand(data: Any, path: str) -> Iterator[tuple[Loc, Any]]:
    """Each value at ``path``, where a ``*`` step stands for every item of a list or mapping.

    Absent or null values are left out; locations name list items by index.
    """
    found: list[tuple[Loc, Any]] = [((), data)]
    for step in split(path):
        nxt: list[tuple[Loc, Any]] = []
        for loc, node in found:
            if step == "*":
                pairs = enumerate(node) if isinstance(node, list) else node.items() if isinstance(node, dict) else ()
                nxt.extend(((*loc, key), value) for key, value in pairs if value is not None)
            elif (value := get(node, (step,))) is not MISSING:
                nxt.append(((*loc, step), value))
        found = nxt
    yield from found


def is_blank(value: Any) -> bool:
    """Missing, or present but empty (``""``, ``[]``, ``{}``): nothing recorded."""
    return value is MISSING or (
        isinstance(value, str | list | dict) and not (value.strip() if isinstance(value, str) else value)
    )


def scope_items(data: Any, scope: str, where: dict[str, list[Any]] | None = None) -> Iterator[tuple[Loc, dict]]:
    """Each mapping the rule applies to: the scope itself, or each item when it is a list."""
    loc = split(scope)
    value = get(data, loc)
    if isinstance(value, dict):
        items = [(loc, value)]
    elif isinstance(value, list):
        items = [((*loc, i), item) for i, item in enumerate(value) if isinstance(item, dict)]
    else:
        return
    for item_loc, item in items:
        if where and not all(get(item, key) in allowed for key, allowed in where.items()):
            continue
        yield item_loc, item
