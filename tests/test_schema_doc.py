"""The generated field reference stays current, and `faultlines schema` describes real files."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from faultlines.engine import schema_doc
from faultlines.engine.schema import Scenario
from faultlines.game.cli import main

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "scenario-format.md"
SCENARIOS = sorted((ROOT / "scenarios").glob("*.yaml"))
BROKEN = ROOT / "tests" / "fixtures" / "broken"


def test_checked_in_field_reference_matches_the_models():
    current = DOC.read_text(encoding="utf-8")
    fresh = schema_doc.splice(current, schema_doc.render_reference())
    assert fresh == current, (
        f"docs/scenario-format.md is out of date with engine/schema.py; run: "
        f"{schema_doc.REGENERATE}")


def test_every_field_of_every_model_is_described_and_listed():
    reference = schema_doc.render_reference()
    found = schema_doc.models()
    assert {m.__name__ for m, _ in found} >= {"Scenario", "Stakeholder", "Stage", "Effect", "Rules"}
    for model, _paths in found:
        assert f'<a id="{schema_doc.anchor(model)}"></a>' in reference
        for name, field in model.model_fields.items():
            assert field.description, f"{model.__name__}.{name} has no description"
            assert f"| `{field.alias or name}` |" in reference, (model.__name__, name)


def test_reference_shows_ranges_choices_and_defaults():
    reference = schema_doc.render_reference()
    rows = {line.split(" | ")[0]: line for line in reference.splitlines()
            if line.startswith("| `")}
    assert "| no | number from 0 to 1 | `0.0` |" in rows["| `evidence_need`"]
    assert "| yes | whole number from 1 to 60 | — |" in rows["| `calendar`"]
    assert "list of [Stakeholder](#ref-stakeholder) (2 to 24 items)" in rows["| `stakeholders`"]
    assert "one of `retry`, `reopen`, `hiatus` | `retry` |" in rows["| `on_fail`"]
    assert "| yes | always `1` |" in rows["| `schema`"]
    assert "`plan.values`, `stakeholders[].values`" in reference


def test_check_and_write_commands(tmp_path, capsys):
    stale = tmp_path / "format.md"
    stale.write_text(f"# Guide\n\n{schema_doc.BEGIN}\nold table\n{schema_doc.END}\n\nAfter.\n")
    assert schema_doc.main(["--check", str(stale)]) == 1
    assert schema_doc.REGENERATE in capsys.readouterr().err
    assert schema_doc.main(["--write", str(stale)]) == 0
    text = stale.read_text()
    assert text.startswith("# Guide\n") and text.endswith("\n\nAfter.\n")
    assert "old table" not in text and "### Rules: `rules`" in text
    assert schema_doc.main(["--check", str(stale)]) == 0
    plain = tmp_path / "plain.md"
    plain.write_text("no markers here\n")
    assert schema_doc.main(["--write", str(plain)]) == 2
    assert "markers are missing" in capsys.readouterr().err
    assert plain.read_text() == "no markers here\n"


def test_the_guide_uses_only_valid_ids_in_its_file_names():
    doc = DOC.read_text(encoding="utf-8")
    names = re.findall(r"([A-Za-z0-9_-]+)\.ya?ml\b", doc)
    assert names and "my_case" in names
    for name in names:
        if name != "faultlines":  # the schema file, which is not a scenario
            assert re.fullmatch(r"[a-z][a-z0-9_]*", name), name


# -- faultlines schema ----------------------------------------------------------------------

@pytest.fixture(scope="module")
def printed_schema() -> dict[str, Any]:
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["schema"]) == 0
    return json.loads(out.getvalue())  # pure JSON: nothing else on stdout


def test_schema_verb_prints_json_schema(printed_schema):
    assert printed_schema["$schema"].startswith("http://json-schema.org/")
    assert "Fault Lines" in printed_schema["title"]
    assert "stakeholders" in printed_schema["properties"]
    assert "stakeholders" in printed_schema["required"]
    assert printed_schema["properties"]["schema"]["const"] == 1  # the alias, not `schema_`
    assert printed_schema["additionalProperties"] is False
    influence = printed_schema["$defs"]["Stakeholder"]["properties"]["influence"]
    assert (influence["minimum"], influence["maximum"], influence["type"]) == (0, 1, "number")
    assert influence["description"]


def test_schema_required_keys_are_the_models(printed_schema):
    required = {f.alias or n for n, f in Scenario.model_fields.items() if f.is_required()}
    assert set(printed_schema["required"]) == required


def _errors(schema: dict, value: Any, root: dict, at: str = "") -> list[str]:
    """A small JSON Schema check covering the keywords pydantic writes (enough to show the
    printed schema agrees with the loader; not a general validator)."""
    if "$ref" in schema:
        schema = root["$defs"][schema["$ref"].rsplit("/", 1)[1]]
    if "anyOf" in schema:
        options = [_errors(s, value, root, at) for s in schema["anyOf"]]
        return [] if any(not o for o in options) else [f"{at}: matches no option"]
    out: list[str] = []
    kinds = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}
    kind = schema.get("type")
    if kind in ("number", "integer"):
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if ok and kind == "integer":
            ok = float(value).is_integer()
        if not ok:
            return [f"{at}: not a {kind}"]
        if not schema.get("minimum", value) <= value <= schema.get("maximum", value):
            out.append(f"{at}: out of range")
    elif kind and not isinstance(value, kinds[kind]):
        return [f"{at}: not {kind}"]
    if "const" in schema and value != schema["const"]:
        out.append(f"{at}: not {schema['const']!r}")
    if "enum" in schema and value not in schema["enum"]:
        out.append(f"{at}: not one of the choices")
    if isinstance(value, str):
        if len(value.strip()) < schema.get("minLength", 0) or \
                len(value) > schema.get("maxLength", len(value)):
            out.append(f"{at}: wrong length")
        if "pattern" in schema and not re.search(schema["pattern"], value):
            out.append(f"{at}: does not match the pattern")
    if isinstance(value, list):
        if not schema.get("minItems", 0) <= len(value) <= schema.get("maxItems", len(value)):
            out.append(f"{at}: wrong number of items")
        for i, item in enumerate(value):
            out += _errors(schema.get("items", {}), item, root, f"{at}[{i}]")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        out += [f"{at}.{k}: missing" for k in schema.get("required", []) if k not in value]
        for key, item in value.items():
            where = f"{at}.{key}"
            out += _errors(schema.get("propertyNames", {}), key, root, where)
            if key in props:
                out += _errors(props[key], item, root, where)
                continue
            matched = [s for p, s in schema.get("patternProperties", {}).items()
                       if re.search(p, key)]
            for sub in matched:
                out += _errors(sub, item, root, where)
            extra = schema.get("additionalProperties", True)
            if not matched and extra is False:
                out.append(f"{where}: unknown key")
            elif not matched and isinstance(extra, dict):
                out += _errors(extra, item, root, where)
    return out


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.stem)
def test_shipped_scenarios_satisfy_the_printed_schema(printed_schema, path):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert set(printed_schema["required"]) <= set(data)
    assert set(data) <= set(printed_schema["properties"])
    assert _errors(printed_schema, data, printed_schema) == []


@pytest.mark.parametrize("name, where", [
    ("influence_word", ".stakeholders[0].influence"),
    ("misspelt_key", ".stakeholders[0].evidence_needs"),
    ("unknown_sector", ".stakeholders[0].sector"),
    ("calendar_float", ".player.calendar"),
    ("wrong_schema", ".schema"),
    ("missing_field", ".stakeholders[1].public_stance"),
])
def test_printed_schema_rejects_what_the_loader_rejects(printed_schema, name, where):
    data = yaml.safe_load((BROKEN / f"{name}.yaml").read_text(encoding="utf-8"))
    errors = _errors(printed_schema, data, printed_schema)
    assert any(e.startswith(where + ":") for e in errors), errors
