"""Reading scenario YAML safely and turning every problem into a one-line error.

The YAML is parsed with PyYAML's safe C loader (pure-Python fallback); anchors and aliases
are refused and size and depth are capped before anything is built, so a hostile file
fails fast. Pydantic's error locations are mapped back to the YAML node marks so a
trainer sees `file:line:col: field.path: message`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from faultlines.engine.errors import ScenarioError
from faultlines.engine.schema import Scenario
from pydantic import ValidationError

try:  # the C loader is much faster; fall back to the pure-Python one
    SafeLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on how PyYAML was built
    SafeLoader = yaml.SafeLoader

MAX_BYTES = 512 * 1024
MAX_DEPTH = 24


def load_scenario(path: str | Path) -> Scenario:
    """Load and validate one scenario file; raise ScenarioError listing every problem."""
    from faultlines.engine.catalogue import read_limited

    path = Path(path)
    label = _label(path)
    try:
        raw = read_limited(path, MAX_BYTES)
    except ScenarioError as exc:  # name the file as the rest of the loader does
        raise ScenarioError([p.replace(str(path), label, 1) for p in exc.problems]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ScenarioError([f"{label}: not UTF-8 text (byte {exc.start})"]) from None
    return parse_scenario(text, label)


def parse_scenario(text: str, label: str = "<scenario>") -> Scenario:
    """Validate scenario text; `label` names the file in error messages."""
    _precheck(text, label)
    node, data = _compose(text, label)
    if not isinstance(data, dict):
        raise ScenarioError([f"{label}:1:1: the file must be a mapping of scenario fields"])
    problems = _duplicate_keys(node, label, ())
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        for err in exc.errors():
            problems.append(_format(label, node, err["loc"], _message(err)))
        raise ScenarioError(problems) from None
    if problems:
        raise ScenarioError(problems)
    cross = cross_reference_problems(scenario)
    if cross:
        raise ScenarioError([_format(label, node, loc, msg) for loc, msg in cross])
    return scenario


def _label(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _precheck(text: str, label: str) -> None:
    """Walk the event stream once: refuse aliases and anchors, cap nesting depth."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=SafeLoader):
            mark = event.start_mark
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                raise ScenarioError(
                    [f"{label}:{mark.line + 1}:{mark.column + 1}: YAML anchors and aliases "
                     "are not allowed in scenarios; write the value out in full"]
                )
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise ScenarioError(
                        [f"{label}:{mark.line + 1}:{mark.column + 1}: nesting deeper than "
                         f"{MAX_DEPTH} levels"]
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as exc:
        raise ScenarioError([_yaml_error(label, exc)]) from None


def _compose(text: str, label: str) -> tuple[Any, Any]:
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise ScenarioError([f"{label}:1:1: the file is empty"])
        return node, loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise ScenarioError([_yaml_error(label, exc)]) from None
    finally:
        loader.dispose()


def _yaml_error(label: str, exc: yaml.YAMLError) -> str:
    mark = getattr(exc, "problem_mark", None)
    where = f"{mark.line + 1}:{mark.column + 1}" if mark else "1:1"
    problem = getattr(exc, "problem", None) or str(exc)
    return f"{label}:{where}: YAML syntax error: {problem}"


def _duplicate_keys(node: Any, label: str, path: tuple) -> list[str]:
    problems: list[str] = []
    if isinstance(node, yaml.MappingNode):
        seen: set[str] = set()
        for key, value in node.value:
            name = key.value
            if name in seen:
                m = key.start_mark
                problems.append(
                    f"{label}:{m.line + 1}:{m.column + 1}: {_dotted(path + (name,))}: "
                    "key appears twice"
                )
            seen.add(name)
            problems += _duplicate_keys(value, label, path + (name,))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            problems += _duplicate_keys(item, label, path + (i,))
    return problems


def _message(err: dict) -> str:
    kind = err["type"]
    got = err.get("input")
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        return "unknown field (check the spelling against docs/scenario-format.md)"
    if kind == "number_range":
        return err["msg"]
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return f"expected one of {expected}, got {got!r}"
    if kind == "string_pattern_mismatch":
        return f"expected an id of lower-case letters, digits and _, got {got!r}"
    msg = err["msg"]
    msg = msg[0].lower() + msg[1:]
    if got is not None and not isinstance(got, dict | list):
        msg += f", got {got!r}"
    return msg


def _dotted(loc: tuple) -> str:
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out or "(top level)"


def _format(label: str, root: Any, loc: tuple, message: str) -> str:
    node = _node_at(root, loc)
    mark = node.start_mark
    clean = tuple(p for p in loc if not (isinstance(p, str) and p.startswith("function-")))
    return f"{label}:{mark.line + 1}:{mark.column + 1}: {_dotted(clean)}: {message}"


def _node_at(root: Any, loc: tuple) -> Any:
    """The deepest YAML node along a pydantic location (the key node for unknown keys)."""
    node = root
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            name = "schema" if part == "schema_" else part
            for key, value in node.value:
                if key.value == str(name):
                    node = value
                    break
            else:
                continue  # pydantic's own loc parts (union tags) have no node
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if 0 <= part < len(node.value):
                node = node.value[part]
        else:
            break
    return node


def cross_reference_problems(sc: Scenario) -> list[tuple[tuple, str]]:
    """Ids used in one place must be defined in another; return (location, message) pairs."""
    out: list[tuple[tuple, str]] = []
    people = {s.id for s in sc.stakeholders}
    parts = {c.id for c in sc.plan.components}
    stages = {s.id for s in sc.stages}

    def unique(items, where):
        seen = set()
        for i, item in enumerate(items):
            if item.id in seen:
                out.append(((where, i, "id"), f"id {item.id!r} is used twice"))
            seen.add(item.id)

    unique(sc.stakeholders, "stakeholders")
    unique(sc.plan.components, "plan")
    unique(sc.stages, "stages")
    unique(sc.events, "events")

    def person(loc, pid):
        if pid not in people:
            out.append((loc, f"unknown stakeholder {pid!r}"))

    for i, s in enumerate(sc.stakeholders):
        for cid in s.stakes:
            if cid not in parts:
                out.append((("stakeholders", i, "stakes", cid), f"unknown plan component {cid!r}"))
    for i, r in enumerate(sc.relationships):
        person(("relationships", i, "a"), r.a)
        person(("relationships", i, "b"), r.b)
        if r.a == r.b:
            out.append((("relationships", i, "b"), "a relationship needs two different people"))
    kinds = [s.kind for s in sc.stages]
    if kinds[0] != "briefing":
        out.append((("stages", 0, "kind"), "the first stage must be a briefing"))
    if kinds[-1] != "signoff":
        out.append((("stages", len(kinds) - 1, "kind"), "the last stage must be a sign-off"))
    for i, st in enumerate(sc.stages):
        if st.forum != "all":
            for j, pid in enumerate(st.forum):
                person(("stages", i, "forum", j), pid)
        for j, pid in enumerate(st.veto):
            person(("stages", i, "veto", j), pid)
        if st.on_fail == "reopen":
            earlier = [s.id for s in sc.stages[:i]]
            if st.reopen_to is None:
                out.append((("stages", i, "on_fail"), "on_fail: reopen needs reopen_to"))
            elif st.reopen_to not in earlier:
                out.append((("stages", i, "reopen_to"),
                            f"reopen_to must name an earlier stage, got {st.reopen_to!r}"))
        elif st.reopen_to is not None and st.reopen_to not in stages:
            out.append((("stages", i, "reopen_to"), f"unknown stage {st.reopen_to!r}"))
    for i, ev in enumerate(sc.events):
        if ev.trigger.stage not in stages:
            out.append((("events", i, "trigger", "stage"), f"unknown stage {ev.trigger.stage!r}"))
        for j, eff in enumerate(ev.effects):
            loc = ("events", i, "effects", j)
            for k, pid in enumerate(eff.targets):
                person(loc + ("targets", k), pid)
            if eff.beneficiary is not None:
                person(loc + ("beneficiary",), eff.beneficiary)
            if eff.component is not None and eff.component not in parts:
                out.append((loc + ("component",), f"unknown plan component {eff.component!r}"))
            needs = {
                "stake": ("targets", "component"),
                "demand": ("targets", "requires"),
                "standoff": ("targets", "component"),
            }.get(eff.kind, ())
            for field in needs:
                if not getattr(eff, field):
                    out.append((loc + (field,), f"an effect of kind {eff.kind!r} needs {field}"))
            if eff.kind == "demand" and eff.requires in ("offer_role", "offer_funds") \
                    and eff.beneficiary is None:
                out.append((loc + ("beneficiary",), "a demand for an offer needs a beneficiary"))
    for key in sc.hints:
        if key not in stages and key not in ("start",):
            out.append((("hints", key), f"hints are keyed by stage id, got {key!r}"))
    return out
