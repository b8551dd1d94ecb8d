"""Validate loaded YAML against pydantic models; turn every error into ``file:line:col: message``."""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from oahandbook.base.errors import InputError, InputProblem
from oahandbook.base.i18n import get_lang, t
from oahandbook.base.printable import shaped_like_a_value
from oahandbook.base.yamlio import YamlDoc, closest, float_written_as

M = TypeVar("M", bound=BaseModel)

_TYPE_WORDS = {
    "string_type": "type.string",
    "int_type": "type.int",
    "int_from_float": "type.int",
    "float_type": "type.float",
    "bool_type": "type.bool",
    "date_type": "type.date",
    "list_type": "type.list",
    "dict_type": "type.dict",
    "model_type": "type.dict",
    "model_attributes_type": "type.dict",
}


_CONSTRAINTS = {
    "string_too_short": "val.too_short_text",
    "too_short": "val.too_short_list",
    "string_pattern_mismatch": "val.pattern",
    "greater_than": "val.greater_than",
    "greater_than_equal": "val.greater_equal",
}


def validate(model: type[M], doc: YamlDoc, *, context: dict[str, Any] | None = None) -> M:
    """Validate ``doc.data`` as ``model`` or raise :class:`InputError` naming every bad node."""
    if doc.data is None:
        raise InputError.one(doc.path, 1 + doc.line_offset, 1, t("yaml.empty"))
    ambiguous = [p for loc, p in doc.ambiguous if not _word_is_a_choice(model, loc, doc)]
    try:
        result = model.model_validate(doc.data, context=context)
    except ValidationError as exc:
        found = problems_from(exc, doc, model)
        places = {(p.line, p.column) for p in ambiguous}
        # the YAML 1.1 explanation replaces pydantic's "expected a boolean" at the same place
        found = [p for p in found if (p.line, p.column) not in places]
        more = max(0, exc.error_count() - _EXPLAINED)
        raise InputError(sorted([*ambiguous, *found], key=lambda p: (p.line, p.column)), more) from None
    if ambiguous:
        raise InputError(ambiguous)
    return result


def _word_is_a_choice(model: type[BaseModel], loc: tuple[str | int, ...], doc: YamlDoc) -> bool:
    """``severity: off``: the schema lists the word itself as a choice, so it is no surprise."""
    annotation = _annotation_at(model, loc)
    value = _value_at(doc.data, loc)
    return any(candidate == value for candidate in _literal_members(annotation))


def _value_at(data: Any, loc: tuple[str | int, ...]) -> Any:
    for step in loc:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _literal_members(annotation: Any) -> list[Any]:
    out: list[Any] = []
    stack = [annotation]
    while stack:
        tp = stack.pop()
        origin = typing.get_origin(tp)
        if origin is typing.Literal:
            out.extend(typing.get_args(tp))
        elif origin in (typing.Union, types.UnionType, typing.Annotated):
            stack.extend(typing.get_args(tp)[:1] if origin is typing.Annotated else typing.get_args(tp))
    return out


def _annotation_at(model: Any, loc: tuple[str | int, ...]) -> Any:
    current: Any = model
    for step in loc:
        current = _unwrap(current, want_item=isinstance(step, int))
        if isinstance(current, type) and issubclass(current, BaseModel):
            if isinstance(step, int):
                return None
            info = current.model_fields.get(step) or next(
                (f for f in current.model_fields.values() if f.alias == step), None
            )
            if info is None:
                return None
            current = info.annotation
        elif isinstance(step, str):
            current = _dict_value(_unwrap(current, want_item=False))
            if current is None:
                return None
    return current


# Schema errors explained per file; the rest are only counted (see errors.MAX_PROBLEMS).
_EXPLAINED = 1000


def problems_from(exc: ValidationError, doc: YamlDoc, model: type[BaseModel]) -> list[InputProblem]:
    problems = []
    seen: set[tuple[int, int, str]] = set()
    for err in exc.errors(include_url=False)[:_EXPLAINED]:
        loc = _yaml_loc(err["loc"])
        kind = err["type"]
        if kind == "extra_forbidden":
            line, col = doc.position(loc, at_key=True)
        else:
            line, col = doc.position(loc)
        message = describe(err, doc, model, loc)
        key = (line, col, message)
        if key not in seen:
            seen.add(key)
            problems.append(InputProblem(doc.path, line, col, message))
    problems.sort(key=lambda p: (p.line, p.column))
    return problems


def _yaml_loc(loc: tuple[Any, ...]) -> tuple[str | int, ...]:
    # pydantic adds union member and tagged-union names to ``loc``; they are not YAML keys.
    out: list[str | int] = []
    for step in loc:
        if isinstance(step, str) and ("[" in step or step.startswith("function-")):
            continue
        out.append(step)
    return tuple(out)


# What a key may look like to be named in a message: a field name as people write them
# (letters, digits, _ and -, up to 40 characters; 作者 too). A key that is a number, holds
# more than three digits (an ID or card number), or is 8 characters or more mixing upper and
# lower case with digits (a password) is said to be "an unknown field": messages never print
# what a user wrote.
_FIELD_NAME = re.compile(r"[^\W\d][\w-]{0,39}")


def field_name(name: object) -> str | None:
    """``name`` when it may be shown as the name of a field, else None."""
    if not isinstance(name, str) or not _FIELD_NAME.fullmatch(name) or shaped_like_a_value(name):
        return None
    return name


def field_path(loc: tuple[str | int, ...]) -> str:
    """``loc`` as a dotted path, with any key that is no field name shown as …"""
    return ".".join(str(s) if isinstance(s, int) else (field_name(s) or "…") for s in loc) or "(root)"


def describe(err: dict[str, Any], doc: YamlDoc, model: type[BaseModel], loc: tuple[str | int, ...]) -> str:
    """What is wrong at ``loc``, naming the field and what is expected (the choices, the type),
    never the value found there: it may be a password or an ID number."""
    kind = err["type"]
    field = field_path(loc)
    if kind == "missing":
        return t("val.missing", field=field)
    if kind == "extra_forbidden":
        name = str(loc[-1]) if loc else ""
        allowed = sorted(_fields_at(model, loc[:-1]))
        guess = closest(name, allowed)
        suggest = t("val.suggest", name=guess) if guess else ""
        allowed_text = ", ".join(allowed) or "—"
        if field_name(name) is None:
            return f"{field}: " + t("val.extra_unnamed", suggest=suggest, allowed=allowed_text)
        return f"{field}: " + t("val.extra", field=name, suggest=suggest, allowed=allowed_text)
    if kind in ("literal_error", "enum", "union_tag_invalid"):
        ctx = err.get("ctx", {})
        expected = str(ctx.get("expected", ctx.get("expected_tags", "")))
        if get_lang() == "zh":
            expected = expected.replace(" or ", "、").replace(", ", "、")
        return f"{field}: " + t("val.choice", expected=expected)
    if kind in _TYPE_WORDS:
        value = err.get("input")
        got = _kind_of(value)
        hint = written = ""
        if kind == "string_type" and isinstance(value, bool | int | float | dt.date):
            hint = t("val.quote_hint")
            source = float_written_as(doc, loc)
            # ``version: 1.10`` read as 1.1 is explained; a longer number may be an ID number
            if isinstance(value, float) and source is not None and source != str(value) and len(source) <= 8:
                written = t("val.written_as", written=source)
        return f"{field}: " + t("val.type", expected=t(_TYPE_WORDS[kind]), got=got, written=written, hint=hint)
    ctx = err.get("ctx", {})
    if kind in _CONSTRAINTS:
        return f"{field}: " + t(
            _CONSTRAINTS[kind], **{k: ctx.get(k, "") for k in ("min_length", "pattern", "gt", "ge")}
        )
    msg = err.get("msg", kind)
    if msg.startswith("Value error, "):
        msg = msg[len("Value error, ") :]
    return f"{field}: " + t("val.other", msg=_without_input(msg, err.get("input")))


def _without_input(msg: str, value: Any) -> str:
    """``msg`` with the value the user wrote cut out (a validator's message may quote it)."""
    if isinstance(value, str | int | float | dt.date) and not isinstance(value, bool):
        text = value.isoformat() if isinstance(value, dt.date) else str(value)
        if len(text) >= 3:
            msg = msg.replace(repr(text), "…").replace(text, "…")
    return msg


def _kind_of(value: Any) -> str:
    if value is None:
        return t("type.null")
    if isinstance(value, bool):
        return t("type.bool")
    if isinstance(value, int):
        return t("type.int")
    if isinstance(value, float):
        return t("type.float")
    if isinstance(value, dt.date):
        return t("type.date")
    if isinstance(value, list):
        return t("type.list")
    if isinstance(value, dict):
        return t("type.dict")
    return t("type.string")


def _fields_at(model: Any, loc: tuple[str | int, ...]) -> list[str]:
    """Best effort: the field names of the model found by following ``loc`` from ``model``."""
    current: Any = model
    for step in loc:
        current = _unwrap(current, want_item=isinstance(step, int))
        if isinstance(current, type) and issubclass(current, BaseModel):
            if isinstance(step, int):
                return []
            info = current.model_fields.get(step)
            if info is None:
                return []
            current = info.annotation
        elif isinstance(step, str):
            current = _dict_value(current)
            if current is None:
                return []
    current = _unwrap(current, want_item=False)
    if isinstance(current, type) and issubclass(current, BaseModel):
        return [info.alias or name for name, info in current.model_fields.items()]
    return []


def _unwrap(tp: Any, *, want_item: bool) -> Any:
    for _ in range(6):
        origin = typing.get_origin(tp)
        if origin is typing.Annotated:
            tp = typing.get_args(tp)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(tp) if a is not type(None)]
            models = [a for a in args if isinstance(a, type) and issubclass(a, BaseModel)]
            tp = models[0] if models else args[0]
        elif want_item and origin in (list, tuple, set, frozenset):
            tp = typing.get_args(tp)[0]
            want_item = False
        else:
            return tp
    return tp


def _dict_value(tp: Any) -> Any:
    if typing.get_origin(tp) is dict:
        return typing.get_args(tp)[1]
    return None
