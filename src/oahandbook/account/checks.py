"""Check types for account files. Rules (data/rules/*.yaml) pick one and give it params.

Generic types (``expect``, ``deadline``, ``count``, ``text-width``, ``spacing``,
``restricted-words``) take dotted paths, so most account rules are data only. Three types know
something particular: the credit-code check character, the role matrix, and secret shapes.

Positions follow one convention: a bad value is reported at its key, a missing field at the
mapping that should hold it. Every text a hit quotes from the file (a name, a key, an account
name) passes through the secret mask first: a secret pasted anywhere is never repeated.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic import AfterValidator, Field, ValidationInfo

from oahandbook.account.models import RoleMatrix
from oahandbook.account.secrets import SecretParams, find_secrets, mask_text
from oahandbook.account.select import MISSING, Condition, Loc, dotted, expand, get, is_blank, scope_items, split
from oahandbook.base.yamlio import closest
from oahandbook.data.models import Model, NonEmpty, Text
from oahandbook.data.registry import check_type
from oahandbook.engine.findings import Hit
from oahandbook.engine.redaction import NUMBER_SEPARATORS, redact

if TYPE_CHECKING:
    from oahandbook.account.document import AccountDocument
    from oahandbook.data.models import Rule
    from oahandbook.engine.check import Context


def _known_fact(value: int | str, info: ValidationInfo) -> int | str:
    bundle = (info.context or {}).get("bundle")
    if isinstance(value, str) and bundle is not None:
        try:
            bundle.platform.value(value)
        except KeyError:
            raise ValueError(f"unknown platform fact or policy id {value!r}") from None
    return value


Amount = Annotated[int | str, AfterValidator(_known_fact)]
"""A number of days, a count or a width: a literal, or the id of a platform fact or policy."""


def amount(ctx: Context, value: int | str) -> int:
    return ctx.policy(value) if isinstance(value, str) else value


def plus_days(date: dt.date, days: int) -> dt.date:
    """``date`` moved by ``days``, held within the calendar (9999-12-31 plus a year is
    9999-12-31, not an OverflowError)."""
    try:
        return date + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def _at_value(doc: AccountDocument, loc: Loc) -> tuple[int, int]:
    return doc.yaml.position(loc, at_key=True)


def _at_missing(doc: AccountDocument, loc: Loc) -> tuple[int, int]:
    return doc.yaml.position(loc)


def _hit(position: tuple[int, int], key: str | None = None, **args: Any) -> Hit:
    return Hit(position[0], position[1], args=args, key=key)


def _key(rule: Rule, key: str) -> str | None:
    """Use the rule's message ``key`` when it has one, else its main message."""
    return key if key in rule.messages else None


def _data(doc: AccountDocument) -> Any:
    return doc.yaml.data


# A value that is nothing but a long number (any digit style, separators, a final X): an ID
# or card number where a permission id or a code was expected. Dates and credit codes (with
# letters) stay whole.
_NUMBER_ONLY = re.compile(f"[\\d{NUMBER_SEPARATORS}]{{5,}}[\\dXx]")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _mask(value: Any, secrets: list[str]) -> Any:
    """A hit's argument as a message may show it: secrets of the file masked, and a value that
    is only a long number (an ID or card number written where an id or interval belongs)."""
    if isinstance(value, str):
        value = mask_text(value, secrets)
        return redact(value) if _NUMBER_ONLY.fullmatch(value) and not _ISO_DATE.fullmatch(value) else value
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 100_000:
        return redact(str(value))  # no interval or count is this long: an ID or card number
    if isinstance(value, dict):
        return {k: _mask(v, secrets) for k, v in value.items()}
    return value


CheckFunc = Callable[["Rule", Any, "AccountDocument", "Context"], Iterator[Hit]]


def masked(func: CheckFunc) -> CheckFunc:
    """Mask secrets (values found in the file, and secret shapes) in every argument of the hits."""

    @functools.wraps(func)
    def check(rule: Rule, params: Any, doc: AccountDocument, ctx: Context) -> Iterator[Hit]:
        for hit in func(rule, params, doc, ctx):
            if hit.args:
                secrets = doc.secret_values()
                hit = dataclasses.replace(hit, args={k: _mask(v, secrets) for k, v in hit.args.items()})
            yield hit

    return check


class Scoped(Model):
    scope: str = Field("", description="Where the rule applies: `` (the file), a mapping, or a list (each item).")
    where: dict[NonEmpty, list[Any]] = Field(
        default_factory=dict, description="Only items whose field has one of these values."
    )


# --------------------------------------------------------------------------- expect


class ExpectParams(Scoped):
    field: NonEmpty = Field(description="Dotted path, inside the scope, of the field that must be recorded.")
    equals: Any = Field(None, description="The value the field must have (e.g. `true`); any value when unset.")
    max: Amount | None = Field(None, description="Largest allowed number (literal or fact id).")


@check_type("expect", target="account", params=ExpectParams)
@masked
def expect(rule: Rule, params: ExpectParams, doc: AccountDocument, ctx: Context) -> Iterator[Hit]:
    """A field must be recorded, and may have to equal a value or stay under a limit."""
    for loc, item in scope_items(_data(doc), params.scope, params.where):
        value = get(item, params.field)
        field_loc = (*loc, *split(params.field))
        name = item.get("name", "")
        if is_blank(value):
            where = _at_missing(doc, field_loc) if value is MISSING else _at_value(doc, field_loc)
            yield _hit(where, _key(rule, "missing"), name=name, field=params.field)
        elif params.equals is not None and value != params.equals:
            yield _hit(_at_value(doc, field_loc), name=name, field=params.field, value=value)
        elif params.max is not None and isinstance(value, int) and value > (limit := amount(ctx, params.max)):
            yield _hit(_at_value(doc, field_loc), name=name, field=params.field, value=value, limit=limit)


# --------------------------------------------------------------------------- deadline


class DateOrder(Model):
    """Two dates of one item that must come in order, and optionally not too far apart."""

    earlier: NonEmpty = Field(description="Dotted path, inside the scope, of the date that comes first.")
    later: NonEmpty = Field(description="Dotted path, inside the scope, of the date that comes on or after it.")
    max_days: Amount | None = Field(
        None, description="At most this many days after `earlier` (literal or fact id); unlimited when unset."
    )
    key: NonEmpty = Field("order", description="The rule's message key for a finding.")


class DeadlineParams(Scoped):
    date: NonEmpty = Field(description="Dotted path, inside the scope, of the date.")
    days: Amount = Field(0, description="The deadline is the date plus this many days (literal or fact id).")
    warn_before: Amount | None = Field(
        None,
        description="Report from this many days before the deadline up to it (an early warning), "
        "instead of after it has passed.",
    )
    done: NonEmpty | None = Field(
        None, description="Dotted path of a follow-up date: on or after `date`, nothing is due."
    )
    missing: Literal["report", "ignore"] = Field("ignore", description="Whether a missing date is a finding.")
    past: list[NonEmpty] = Field(
        default_factory=list,
        description="Dotted paths, inside the scope (`*` for each list item), of dates that record "
        "something that has happened (reviewed, appointed, last backup…): a date after today is a "
        "finding with the message key `future`.",
    )
    order: list[DateOrder] = Field(
        default_factory=list,
        description="Pairs of dates that must come in order (certified before expiry), or within a "
        "number of days of each other (a short-term operator's end date): a finding with the pair's key.",
    )


@check_type("deadline", target="account", params=DeadlineParams)
@masked
def deadline(rule: Rule, params: DeadlineParams, doc: AccountDocument, ctx: Context) -> Iterator[Hit]:
    """A date plus a number of days must not have passed (or, with warn_before, be near)."""
    today = ctx.today
    for loc, item in scope_items(_data(doc), params.scope, params.where):
        yield from _implausible_dates(rule, params, doc, ctx, loc, item)
        date = get(item, params.date)
        date_loc = (*loc, *split(params.date))
        name = item.get("name", "")
        if not isinstance(date, dt.date):
            if params.missing == "report":
                yield _hit(
                    _at_missing(doc, date_loc),
                    _key(rule, "missing"),
                    name=name,
                    field=params.date,
                    **_where_args(item, params),
                )
            continue
        if params.done is not None:
            done = get(item, params.done)
            if isinstance(done, dt.date) and done >= date:
                continue
        due = plus_days(date, amount(ctx, params.days))
        if params.warn_before is not None:
            start = plus_days(due, -amount(ctx, params.warn_before))
            if not start <= today <= due:
                continue
            days = (due - today).days
        elif today > due:
            days = (today - due).days
        else:
            continue
        yield _hit(
            _at_value(doc, date_loc),
            name=name,
            date=date.isoformat(),
            due=due.isoformat(),
            days=days,
            limit=amount(ctx, params.days),
            **_where_args(item, params),
        )


def _implausible_dates(
    rule: Rule, params: DeadlineParams, doc: AccountDocument, ctx: Context, loc: Loc, item: dict
) -> Iterator[Hit]:
    """Dates that cannot be right: one that has happened lying after today, a pair out of order."""
    name = item.get("name", "")
    for path in params.past:
        for date_loc, date in expand(item, path):
            if isinstance(date, dt.date) and date > ctx.today:
                full = (*loc, *date_loc)
                yield _hit(
                    _at_value(doc, full),
                    _key(rule, "future"),
                    name=name,
                    field=dotted(full),
                    date=date.isoformat(),
                    today=ctx.today.isoformat(),
                    days=(date - ctx.today).days,
                )
    for pair in params.order:
        earlier, later = get(item, pair.earlier), get(item, pair.later)
        if not (isinstance(earlier, dt.date) and isinstance(later, dt.date)):
            continue
        limit = None if pair.max_days is None else amount(ctx, pair.max_days)
        last = None if limit is None else plus_days(earlier, limit)
        if later < earlier or (last is not None and later > last):
            yield _hit(
                _at_value(doc, (*loc, *split(pair.later))),
                _key(rule, pair.key),
                name=name,
                earlier_field=dotted((*loc, *split(pair.earlier))),
                earlier=earlier.isoformat(),
                later_field=dotted((*loc, *split(pair.later))),
                later=later.isoformat(),
                limit="" if limit is None else limit,
                due="" if last is None else last.isoformat(),
            )


def _where_args(item: dict, params: Scoped) -> dict[str, Any]:
    return {key: item.get(key, "") for key in params.where}


# --------------------------------------------------------------------------- count


class CountLimit(Model):
    label: Text = Field(description="What is counted, for the message (e.g. 管理员 / administrators).")
    where: dict[NonEmpty, list[Any]] = Field(min_length=1, description="What is counted.")
    min: Amount | None = None
    max: Amount | None = None


class CountParams(Model):
    scope: NonEmpty = Field(description="Dotted path of the list whose items are counted.")
    limits: list[CountLimit] = Field(min_length=1)


@check_type("count", target="account", params=CountParams)
@masked
def count(rule: Rule, params: CountParams, doc: AccountDocument, ctx: Context) -> Iterator[Hit]:
    """The number of list items matching a filter must lie within limits."""
    data = _data(doc)
    list_loc = split(params.scope)
    for limit in params.limits:
        items = [loc for loc, _ in scope_items(data, params.scope, limit.where)]
        field = next(iter(limit.where))
        if limit.min is not None and len(items) < (low := amount(ctx, limit.min)):
            position = _at_value(doc, list_loc) if get(data, list_loc) is not MISSING else _at_missing(doc, list_loc)
            yield _hit(
                position,
                _key(rule, "too_few"),
                what=limit.label.model_dump(),
                count=len(items),
                limit=low,
            )
        if limit.max is not None and len(items) > (high := amount(ctx, limit.max)):
            # Point at the first person over the limit: the one to unbind or correct.
            yield _hit(
                _at_value(doc, (*items[high], field)),
                _key(rule, "too_many"),
                what=limit.label.model_dump(),
                count=len(items),
                limit=high,
            )


# --------------------------------------------------------------------------- account name


class TextParams(Model):
    path: NonEmpty = Field(description="Dotted path of the text field.")


class WidthParams(TextParams):
    min: Amount
    max: Amount
    wide: Amount = Field(2, description="Width of one full-width (CJK) character.")


def display_width(text: str, wide: int) -> int:
    """Width as the platform counts it: full-width characters (汉字, ，) count ``wide``."""
    return sum(wide if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


@check_type("text-width", target="account", params=WidthParams)
@masked
def text_width(rule: Rule, params: WidthParams, doc: AccountDocument, ctx: Context) -> Iterator[Hit]:
    """A text field's width (full-width characters counting double) must lie within limits."""
    value = get(_data(doc), params.path)
    if not isinstance(value, str):
        return
    width = display_width(value, amount(ctx, params.wide))
    low, high = amount(ctx, params.min), amount(ctx, params.max)
    if not low <= width <= high:
        yield _hit(_at_value(doc, split(params.path)), width=width, min=low, max=high, text=value)


_SPACES = " \t\u3000\u00a0"
SPACING_PROBLEMS = {
    "leading": {"zh": "开头有空格", "en": "starts with a space"},
    "trailing": {"zh": "结尾有空格", "en": "ends with a space"},
    "repeated": {"zh": "含有连续的空格", "en": "contains repeated spaces"},
}


@check_type("spacing", target="account", params=TextParams)
@masked
def spacing(rule: Rule, params: TextParams, doc: AccountDocument, ctx: Context) -> Iterator[Hit]:
    """A text field must not start or end with spaces or hold repeated spaces (full-width too)."""
    value = get(_data(doc), params.path)
    if not isinstance(value, str):
        return
    problems = []
    if value[:1] in tuple(_SPACES):
        problems.append("leading")
    if value[-1:] in tuple(_SPACES):
        problems.append("trailing")
    if any(a in _SPACES and b in _SPACES for a, b in itertools.pairwise(value)):
        problems.append("repeated")
    if problems:
        joined = {
            lang: "、".join(SPACING_PROBLEMS[p][lang] for p in problems)
            if lang == "zh"
            else ", ".join(SPACING_PROBLEMS[p][lang] for p in problems)
            for lang in ("zh", "en")
        }
        yield _hit(_at_value(doc, split(params.path)), problem=joined, text=value)


class WordsParams(TextParams):
    words: list[NonEmpty] = Field(min_length=1, description="Words to report.")
    unless: Condition | None = Field(None, description="The words are fine when this holds.")
    allowed_in: list[NonEmpty] = Field(
        default_factory=list,
        description="Dotted paths of fields: a word that also appears there is fine.",
    )


@check_type("restricted-words", target="account", params=WordsParams)
@masked
def restricted_words(rule: Rule, params: WordsParams, doc: AccountDocument, ctx: Context) -> Iterator[Hit]:
    """A text field must not contain listed words, unless a condition on the file holds."""
    data = _data(doc)
    value = get(data, params.path)
    if not isinstance(value, str) or (params.unless is not None and params.unless.holds(data)):
        return
    elsewhere = [v for v in (get(data, p) for p in params.allowed_in) if isinstance(v, str)]
    found = [w for w in params.words if w in value and not any(w in other for other in elsewhere)]
    # 人民政府 contains 政府: name the longest word only once.
    found = [w for w in found if not any(w != other and w in other for other in found)]
    if found:
        yield _hit(_at_value(doc, split(params.path)), words="、".join(found), text=value)


# --------------------------------------------------------------------------- credit code

CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = [pow(3, i, 31) for i in range(17)]


def credit_code_problem(code: str) -> str | None:
    """``None`` for a valid unified social credit code, else ``format`` or ``check``."""
    if len(code) != 18 or any(ch not in CREDIT_ALPHABET for ch in code):
        return "format"
    total = sum(CREDIT_ALPHABET.index(ch) * w for ch, w in zip(code, CREDIT_WEIGHTS, strict=False))
    expected = CREDIT_ALPHABET[(31 - total % 31) % 31]
    return None if code[17] == expected else "check"


class CreditCodeParams(TextParams):
    required_unless: Condition | None = Field(None, description="A missing code is fine when this holds.")


@check_type("credit-code", target="account", params=CreditCodeParams)
@masked
def credit_code(rule: Rule, params: CreditCodeParams, doc: AccountDocument, ctx: Context) -> Iterator[Hit]:
    """A unified social credit code must have GB 32100-2015's shape and check character."""
    data = _data(doc)
    loc = split(params.path)
    value = get(data, loc)
    if is_blank(value):
        if params.required_unless is None or not params.required_unless.holds(data):
            yield _hit(
                _at_missing(doc, loc) if value is MISSING else _at_value(doc, loc),
                _key(rule, "missing"),
            )
        return
    problem = credit_code_problem(str(value))
    if problem == "format":
        yield _hit(_at_value(doc, loc), _key(rule, "format"), code=value, length=len(str(value)))
    elif problem == "check":
        yield _hit(_at_value(doc, loc), code=value)


# --------------------------------------------------------------------------- role matrix


def role_matrix(ctx: Context) -> RoleMatrix:
    matrix = ctx.bundle.extra.get("roles")
    if isinstance(matrix, RoleMatrix):
        return matrix
    key = ("account", "roles")
    if key not in ctx.cache:  # a bundle loaded before roles.yaml existed: read the packaged one
        from importlib import resources

        from oahandbook.base.yamlio import load_text
        from oahandbook.data.validation import validate

        node = resources.files("oahandbook") / "data" / "roles.yaml"
        ctx.cache[key] = validate(RoleMatrix, load_text(node.read_text("utf-8"), "oahandbook/data/roles.yaml"))
    return ctx.cache[key]


class RoleParams(Model):
    people: NonEmpty = Field("people", description="Dotted path of the list of people.")


@check_type("role-permissions", target="account", params=RoleParams)
@masked
def role_permissions(rule: Rule, params: RoleParams, doc: AccountDocument, ctx: Context) -> Iterator[Hit]:
    """Each person may hold only permissions the role matrix allows for the person's role."""
    matrix = role_matrix(ctx)
    ids = [p.id for p in matrix.permissions]
    for loc, person in scope_items(_data(doc), params.people):
        role_id = person.get("role")
        if role_id not in {r.id for r in matrix.roles}:
            continue
        role = matrix.role(role_id)
        for index, permission_id in enumerate(person.get("permissions") or []):
            where = _at_value(doc, (*loc, "permissions", index))
            permission = matrix.permission(permission_id)
            if permission is None:
                guess = closest(str(permission_id), ids)
                yield _hit(
                    where,
                    _key(rule, "unknown"),
                    name=person.get("name", ""),
                    permission=permission_id,
                    suggest={"zh": f"（是否想写 “{guess}”？）", "en": f" (did you mean '{guess}'?)"} if guess else "",
                    known=", ".join(ids),
                )
            elif permission_id not in role.permissions:
                yield _hit(
                    where,
                    name=person.get("name", ""),
                    permission=permission_id,
                    permission_name=permission.name.model_dump(),
                    role=role.name.model_dump(),
                    allowed=_names(matrix, role.permissions),
                )


def _names(matrix: RoleMatrix, ids: list[str]) -> dict[str, str]:
    names = [matrix.permission(i).name for i in ids]
    return {
        "zh": "、".join(f"{n.zh}（{i}）" for n, i in zip(names, ids, strict=True)),
        "en": ", ".join(f"{n.en} ({i})" for n, i in zip(names, ids, strict=True)),
    }


# --------------------------------------------------------------------------- secrets

SECRET_PLACES = {"comment": {"zh": "注释", "en": "a comment"}}


@check_type("plaintext-secret", target="account", params=SecretParams)
@masked
def plaintext_secret(rule: Rule, params: SecretParams, doc: AccountDocument, ctx: Context) -> Iterator[Hit]:
    """No secret may be written into the file: only references to where it is kept.

    The finding names the field and the kind of secret, never the value.
    """
    for hit in find_secrets(doc.yaml, doc.text, params):
        key = None if hit.kind == "literal" else _key(rule, hit.kind)
        args: dict[str, Any] = {"field": SECRET_PLACES.get(hit.field, hit.field)}
        if hit.word:
            args["word"] = hit.word
        yield Hit(hit.line, hit.column, args=args, key=key)
