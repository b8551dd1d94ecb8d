"""Tables the hand-written pages pull in through macros: document control, platform limits,
the role/permission matrix. Every figure comes from the data, so prose cannot go stale."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from oahandbook.base.i18n import Lang, pick
from oahandbook.site import markdown as md
from oahandbook.site.labels import label

if TYPE_CHECKING:
    from oahandbook.data.bundle import Bundle
    from oahandbook.data.models import Fact


def document_control(bundle: Bundle, lang: Lang) -> str:
    doc = bundle.regulation.document
    rows = [
        [label("doc.title", lang), md.escape(pick(doc.title, lang))],
        [label("doc.version", lang), md.escape(doc.version)],
        [label("doc.effective", lang), doc.effective_date.isoformat()],
        [label("doc.department", lang), md.escape(pick(doc.issuing_department, lang))],
        [label("doc.approver", lang), md.escape(pick(doc.approver, lang))],
        [label("doc.review_cycle", lang), label("doc.months", lang, n=doc.review_cycle_months)],
        [label("doc.next_review", lang), doc.next_review.isoformat()],
    ]
    table = md.table([label("doc.number", lang), f"**{md.escape(doc.number)}**"], rows)
    return f'<div class="oa-doc-control" markdown>\n\n{table}\n\n</div>'


def fact_value(fact: Fact, lang: Lang, value: int | list[str] | None = None) -> str:
    value = fact.value if value is None else value
    if isinstance(value, list):
        text = ", ".join(value)
    else:
        text = f"{value:,}" if value >= 10000 else str(value)
        if fact.unit == "bytes" and value >= 1024:
            text += f" ({_binary_size(value)})"
    return md.escape(label("unit." + fact.unit, lang, value=text))


def _binary_size(value: int) -> str:
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if value >= size and value % size == 0:
            return f"{value // size} {unit}"
    return str(value)


def _source(fact_source, lang: Lang) -> str:
    title = md.escape(fact_source.title if isinstance(fact_source.title, str) else pick(fact_source.title, lang))
    url = md.link_url(fact_source.url)
    if url:
        title = f"[{title}]({url})"
    checked = label("pf.checked", lang, date=fact_source.checked.isoformat())
    return f"{title}（{checked}）" if lang == "zh" else f"{title} ({checked})"


def platform_limits(bundle: Bundle, lang: Lang, *, policy: bool = True) -> str:
    """Platform facts (and, below them, the organisation's policy defaults) as tables."""
    header = [label("pf.fact", lang), label("pf.value", lang), label("pf.source", lang)]
    out = [md.table(header, [_fact_row(f, lang) for f in bundle.platform.facts])]
    if policy and bundle.platform.policy:
        out += [
            "",
            f"**{label('pf.policy', lang)}**",
            "",
            md.table(header, [_fact_row(f, lang) for f in bundle.platform.policy]),
        ]
    return "\n".join(out)


def _fact_row(fact: Fact, lang: Lang) -> list[str]:
    name = md.escape(pick(fact.title, lang)) + f"<br><code>{md.html_text(fact.id)}</code>"
    source = _source(fact.source, lang)
    notes = []
    if fact.note is not None:
        notes.append(md.inline_text(pick(fact.note, lang)))
    for alt in fact.alternatives:
        alt_text = (
            f"{label('pf.alternatives', lang)}: {fact_value(fact, lang, alt.value)} — {_source(alt.source, lang)}"
        )
        if alt.note is not None:
            alt_text += " " + md.inline_text(pick(alt.note, lang))
        notes.append(alt_text)
    if notes:
        source += "<br>" + "<br>".join(notes)
    return [name, fact_value(fact, lang), source]


def role_matrix(bundle: Bundle, lang: Lang) -> str:
    matrix = bundle.extra.get("roles")
    if matrix is None:
        return label("roles.none", lang)
    header = [label("roles.permission", lang)]
    for role in matrix.roles:
        try:
            limit = bundle.platform.value(role.limit)
        except KeyError:
            limit = None
        suffix = f"<br><small>{label('roles.limit', lang)} {limit}</small>" if limit is not None else ""
        header.append(md.escape(pick(role.name, lang)) + suffix)
    rows = []
    for permission in matrix.permissions:
        row = [f"**{md.escape(pick(permission.name, lang))}**<br>{md.inline_text(pick(permission.description, lang))}"]
        for role in matrix.roles:
            allowed = permission.id in role.permissions
            word = label("roles.allowed" if allowed else "roles.denied", lang)
            mark = "✅" if allowed else "—"
            row.append(f'<span class="oa-perm oa-perm--{"yes" if allowed else "no"}" title="{word}">{mark}</span>')
        rows.append(row)
    out = [md.table(header, rows, ["left"] + ["center"] * len(matrix.roles))]
    reasons = [p for p in matrix.permissions if p.admin_only_reason is not None]
    if reasons:
        out += ["", f"**{label('roles.admin_only', lang)}**", ""]
        for p in reasons:
            out.append(f"- **{md.escape(pick(p.name, lang))}**: {md.inline_text(pick(p.admin_only_reason, lang))}")
    out += ["", md.inline_text(pick(matrix.note, lang))]
    return "\n".join(out)


def schema_fields(schema: dict[str, Any], lang: Lang, descriptions: dict[str, str] | None = None) -> str:
    """Every field of a JSON Schema (pydantic's) as a table: dotted path, type, required, description.

    Descriptions written ``中文 / English`` show the reader's language only; ``descriptions``
    (dotted path → text, e.g. :data:`oahandbook.site.field_text.ACCOUNT_FIELDS_ZH`) replaces the
    schema's own. On a Chinese page the types are named in Chinese.
    """
    defs = schema.get("$defs", {})
    rows: list[list[str]] = []

    def resolve(node: dict[str, Any]) -> dict[str, Any]:
        while "$ref" in node:
            node = defs[node["$ref"].rsplit("/", 1)[1]]
        return node

    def type_of(node: dict[str, Any]) -> tuple[str, dict[str, Any] | None]:
        """A short type name, and the object schema to descend into (if any)."""
        options = [o for o in node.get("anyOf", [node]) if o.get("type") != "null"]
        node = resolve(options[0]) if len(options) == 1 else node
        if len(options) > 1:
            return " | ".join(type_of(o)[0] for o in options), None
        if "enum" in node:
            return " | ".join(f"`{v}`" for v in node["enum"]), None
        if "const" in node:
            return f"`{node['const']}`", None
        kind = node.get("type", "")
        if kind == "array":
            inner, child = type_of(node.get("items", {}))
            return f"list[{inner}]", child
        if kind == "object" and "properties" in node:
            return "object", node
        if kind == "object":
            return "map", None
        return {
            "string": "date" if node.get("format") == "date" else "text",
            "integer": "integer",
            "boolean": "true | false",
        }.get(kind, kind), None

    def walk(node: dict[str, Any], prefix: str) -> None:
        required = set(node.get("required", []))
        for name, prop in node.get("properties", {}).items():
            path = f"{prefix}{name}"
            kind, child = type_of(prop)
            description = prop.get("description") or resolve(prop).get("description", "")
            if descriptions is not None and path in descriptions:
                description = descriptions[path]
            rows.append(
                [
                    f"`{path}`",
                    _kind_text(kind, lang),
                    label("yes" if name in required else "no", lang),
                    md.inline_text(_side(description, lang)),
                ]
            )
            if child is not None:
                walk(child, path + ("[]." if kind.startswith("list") else "."))

    walk(schema, "")
    header = [
        label("fields.field", lang),
        label("fields.type", lang),
        label("fields.required", lang),
        label("fields.description", lang),
    ]
    return md.table(header, rows)


def _kind_text(kind: str, lang: Lang) -> str:
    """A field's type for the table: values as code, type names in the reader's language."""
    from oahandbook.site.field_text import TYPES_ZH

    if "`" not in kind:
        kind = kind.replace("true | false", "`true` | `false`")
    if lang == "zh":
        kind = re.sub(r"(?<![`\w])(" + "|".join(TYPES_ZH) + r")(?![`\w])", lambda m: TYPES_ZH[m.group(1)], kind)
        kind = re.sub(r"list\[(.+)\]", r"\1列表", kind)
    parts = kind.split(" | ")
    return " \\| ".join(part if "`" in part else md.escape(part) for part in parts)


def _side(text: str, lang: Lang) -> str:
    """``中文 / English`` → the side in ``lang``; text without the separator as it is."""
    parts = re.split(r"\s?/ ", text, maxsplit=1)
    if len(parts) == 2:
        return parts[0] if lang == "zh" else parts[1]
    return text
