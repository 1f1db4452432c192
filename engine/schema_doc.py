"""The field reference of `docs/scenario-format.md`, generated from the scenario models.

The tables are built from the pydantic models that validate a scenario (`engine/schema.py`):
their fields, types, constraints, defaults and `description`s. So the documentation cannot
drift from what the loader accepts, and `tests/test_schema_doc.py` fails when the checked-in
file is out of date. The same models give the JSON Schema that `faultlines schema` prints.

    python -m faultlines.engine.schema_doc --write docs/scenario-format.md   # regenerate
    python -m faultlines.engine.schema_doc --check docs/scenario-format.md   # exit 1 if stale
    python -m faultlines.engine.schema_doc                                   # print the tables
"""

from __future__ import annotations

import inspect
import json
import sys
import types
from collections.abc import Iterator
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from faultlines.engine import docsection
from faultlines.engine.schema import (
    NAME_MAX,
    SCHEMA_VERSION,
    TEXT_MAX,
    Ident,
    NumberRange,
    Scenario,
)
from pydantic import BaseModel
from pydantic.fields import FieldInfo

REGENERATE = "python -m faultlines.engine.schema_doc --write docs/scenario-format.md"
BEGIN = f"<!-- BEGIN GENERATED FIELD REFERENCE (do not edit by hand; run: {REGENERATE}) -->"
END = "<!-- END GENERATED FIELD REFERENCE -->"
# Draft-07: the dialect YAML language servers support fully (newer drafts only in part). The
# schema pydantic writes uses only draft-07 keywords; `$defs` is reached through plain JSON
# pointers (`#/$defs/...`), which draft-07 resolves like any other location.
JSON_SCHEMA_DIALECT = "http://json-schema.org/draft-07/schema#"


def json_schema() -> dict[str, Any]:
    """The JSON Schema of a scenario file, with the keys YAML-aware editors look for."""
    schema = Scenario.model_json_schema(by_alias=True)
    schema.pop("title", None)
    return {"$schema": JSON_SCHEMA_DIALECT,
            "title": f"Fault Lines scenario file (schema {SCHEMA_VERSION})", **schema}


# -- walking the models ---------------------------------------------------------------------

def _strip(tp: Any) -> tuple[Any, list[Any]]:
    """A type without its `Annotated[...]` wrapper, and the metadata the wrapper carried."""
    meta: list[Any] = []
    while get_origin(tp) is Annotated:
        tp, *extra = get_args(tp)
        for m in extra:
            meta.extend(m.metadata if isinstance(m, FieldInfo) else [m])
    return tp, meta


def _is_model(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, BaseModel)


def _is_union(tp: Any) -> bool:
    return get_origin(tp) in (Union, types.UnionType)


def _field_name(name: str, field: FieldInfo) -> str:
    """The key a trainer writes in YAML (the alias where there is one)."""
    return field.alias or name


def _children(tp: Any, path: str) -> Iterator[tuple[type[BaseModel], str]]:
    """Models reachable from a type, with the YAML path at which each one appears."""
    tp, _ = _strip(tp)
    if _is_model(tp):
        yield tp, path
    elif _is_union(tp):
        for arg in get_args(tp):
            yield from _children(arg, path)
    elif get_origin(tp) is list:
        yield from _children(get_args(tp)[0], f"{path}[]")
    elif get_origin(tp) is dict:
        yield from _children(get_args(tp)[1], f"{path}.<key>")


def models(root: type[BaseModel] = Scenario) -> list[tuple[type[BaseModel], list[str]]]:
    """Every model under `root` in reading order (each parent before its parts), with the
    YAML paths where it is used; the root's path is empty."""
    order: list[type[BaseModel]] = []
    paths: dict[type[BaseModel], list[str]] = {}

    def visit(model: type[BaseModel], path: str) -> None:
        paths.setdefault(model, [])
        if path not in paths[model]:
            paths[model].append(path)
        if model in order:
            return
        order.append(model)
        for name, field in model.model_fields.items():
            key = _field_name(name, field)
            for child, where in _children(field.annotation, f"{path}.{key}" if path else key):
                visit(child, where)

    visit(root, "")
    return [(m, paths[m]) for m in order]


# -- rendering ------------------------------------------------------------------------------

def anchor(model: type[BaseModel]) -> str:
    return f"ref-{model.__name__.lower()}"


def _number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def _constraint(meta: list[Any], name: str) -> Any:
    """A constraint such as `min_length` or `pattern` from pydantic's metadata objects."""
    return next((getattr(m, name) for m in meta if getattr(m, name, None) is not None), None)


_ID_PATTERN = _constraint(_strip(Ident)[1], "pattern")
_ID_MAX = _constraint(_strip(Ident)[1], "max_length")


def _length(meta: list[Any], unit: str) -> str:
    lo = _constraint(meta, "min_length")
    hi = _constraint(meta, "max_length")
    if lo is not None and hi is not None:
        return f"{lo} to {hi} {unit}"
    if lo is not None:
        return f"at least {lo} {unit if lo != 1 else unit.removesuffix('s')}"
    if hi is not None:
        return f"at most {hi} {unit}"
    return ""


def _choice(value: Any) -> str:
    return f"`{json.dumps(value) if not isinstance(value, str) else value}`"


def describe_type(tp: Any, extra: list[Any] | None = None, *, nested: bool = False) -> str:
    """A type and its constraints in a trainer's words ("number from 0 to 1", "list of ids");
    `nested` is set for the parts of a list, mapping or choice of types."""
    tp, meta = _strip(tp)
    meta = list(extra or []) + meta
    if tp is type(None):
        return "`null`"
    if _is_union(tp):
        return ", or ".join(describe_type(arg, nested=True) for arg in get_args(tp))
    if get_origin(tp) is Literal:
        values = get_args(tp)
        if len(values) == 1:
            return _choice(values[0]) if nested else f"always {_choice(values[0])}"
        return "one of " + ", ".join(_choice(v) for v in values)
    if _is_model(tp):
        link = f"[{tp.__name__}](#{anchor(tp)})"
        return link if nested else f"mapping, see {link}"
    if get_origin(tp) is list:
        size = _length(meta, "items")
        item = describe_type(get_args(tp)[0], nested=True)
        item = "ids" if item == "id" else item
        return f"list of {item}" + (f" ({size})" if size else "")
    if get_origin(tp) is dict:
        key, value = (describe_type(a, nested=True) for a in get_args(tp))
        return f"mapping from {key} to {value}"
    for m in meta:
        if isinstance(m, NumberRange):
            kind = "whole number" if m.integer else "number"
            return f"{kind} from {_number(m.lo)} to {_number(m.hi)}"
    if tp is bool:
        return "`true` or `false`"
    if tp is str:
        pattern = _constraint(meta, "pattern")
        if pattern == _ID_PATTERN:
            return "id"
        if pattern:
            return f"text matching `{pattern}`"
        lo = _constraint(meta, "min_length") or 0
        return "text" if lo <= 1 else f"text of at least {lo} characters"
    if tp in (int, float):
        return "whole number" if tp is int else "number"
    return getattr(tp, "__name__", str(tp))


def describe_default(field: FieldInfo) -> str:
    """The default as a trainer would write it, or a dash for a required field."""
    if field.is_required():
        return "—"
    value = field.get_default(call_default_factory=True)
    if isinstance(value, BaseModel):
        return "each field's default"
    if value is None:
        return "none"
    if isinstance(value, str):
        return f"`{value}`" if value.replace("_", "").isalnum() else f"`{json.dumps(value)}`"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, list | dict):
        return "`[]`" if isinstance(value, list) else "`{}`"
    return f"`{value}`"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _summary(model: type[BaseModel]) -> str:
    doc = inspect.getdoc(model) if model.__doc__ else ""
    return " ".join((doc or "").split("\n\n")[0].split())


def render_model(model: type[BaseModel], paths: list[str]) -> str:
    where = ", ".join(f"`{p}`" for p in paths) if any(paths) else "the top level of the file"
    lines = [f'<a id="{anchor(model)}"></a>', "", f"### {model.__name__}: {where}", ""]
    summary = _summary(model)
    if summary:
        lines += [summary, ""]
    lines += ["| field | required? | type and range | default | meaning |",
              "|---|---|---|---|---|"]
    for name, field in model.model_fields.items():
        lines.append("| " + " | ".join(_cell(c) for c in (
            f"`{_field_name(name, field)}`",
            "yes" if field.is_required() else "no",
            describe_type(field.annotation, field.metadata),
            describe_default(field),
            field.description or "",
        )) + " |")
    return "\n".join(lines)


def render_reference(root: type[BaseModel] = Scenario) -> str:
    """The generated Markdown: a short key to the types, then one table per model."""
    intro = (
        "One table per part of the file, generated from the models in `engine/schema.py`. "
        "*Required* fields must be written; the others take the default shown. An **id** is "
        f"text matching `{_ID_PATTERN}` (lower-case letters, digits and `_`, starting with a "
        f"letter), at most {_ID_MAX} characters. Text is never empty and has at most "
        f"{TEXT_MAX} characters (a name, title, role, organisation or thing controlled: at "
        f"most {NAME_MAX}, on one line); control characters other than line breaks and tabs "
        "are refused. Unknown keys are errors."
    )
    parts = [intro] + [render_model(m, p) for m, p in models(root)]
    return "\n\n".join(parts)


def splice(doc: str, reference: str) -> str:
    """`doc` with the text between the markers replaced by `reference`."""
    return docsection.splice(doc, reference, BEGIN, END)


def main(argv: list[str] | None = None) -> int:
    return docsection.main(argv, prog="python -m faultlines.engine.schema_doc", description="Generate the scenario field reference.",
                           render=render_reference, begin=BEGIN, end=END, source="engine/schema.py",
                           regenerate=REGENERATE)


if __name__ == "__main__":
    sys.exit(main())
