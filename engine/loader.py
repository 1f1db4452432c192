"""Reading scenario YAML safely and turning every problem into a one-line error.

The YAML is parsed with PyYAML's safe C loader (pure-Python fallback); anchors and aliases
are refused and size and depth are capped before anything is built, so a hostile file
fails fast. Pydantic's error locations are mapped back to the YAML node marks so a
trainer sees `file:line:col: field.path: message`. Where the mistake is a common one, the
message also says what is probably wrong in plain words: a tab or an unquoted `: ` in a YAML
syntax error, the nearest valid name for a misspelt key or choice, the line of the first of
two things with one id.
"""

from __future__ import annotations

import difflib
import re
import types
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated, Any, Union, get_args, get_origin

import yaml
from faultlines.engine.errors import ScenarioError
from faultlines.engine.schema import Scenario
from pydantic import BaseModel, ValidationError

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
    cross = cross_reference_problems(
        scenario, line_of=lambda loc: _node_at(node, loc).start_mark.line + 1)
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
        raise ScenarioError([_yaml_error(label, exc, text)]) from None


def _compose(text: str, label: str) -> tuple[Any, Any]:
    loader = SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            raise ScenarioError([f"{label}:1:1: the file is empty"])
        return node, loader.construct_document(node)
    except yaml.YAMLError as exc:
        raise ScenarioError([_yaml_error(label, exc, text)]) from None
    finally:
        loader.dispose()


def _yaml_error(label: str, exc: yaml.YAMLError, text: str) -> str:
    """The parser's own words, then (where we can tell) the likely mistake in plain ones."""
    mark = getattr(exc, "problem_mark", None)
    where = f"{mark.line + 1}:{mark.column + 1}" if mark else "1:1"
    problem = getattr(exc, "problem", None) or str(exc)
    problem = " ".join(problem.split())  # one line, whatever the parser wrote
    hint = _syntax_hint(exc, text)
    return f"{label}:{where}: YAML syntax error: {problem}" + (f"; probably {hint}" if hint else "")


def _indent(line: str) -> str:
    return line[:len(line) - len(line.lstrip(" \t"))]


def _unclosed_quote(line: str) -> str | None:
    """The quote character a `key: value` or `- item` line opens and never closes."""
    body = line.strip()
    if body.startswith("- "):
        body = body[2:].lstrip()
    if ": " in body and body[:1] not in "\"'":
        body = body.split(": ", 1)[1].lstrip()
    if body.startswith('"') and (body.count('"') - body.count('\\"')) % 2:
        return '"'
    if body.startswith("'") and body.count("'") % 2:
        return "'"
    return None


def _syntax_hint(exc: yaml.YAMLError, text: str) -> str | None:
    """Guess the everyday mistake behind a YAML syntax error from the lines it points at."""
    lines = text.splitlines()
    mark = getattr(exc, "problem_mark", None)
    ctx = getattr(exc, "context_mark", None)
    problem = (getattr(exc, "problem", None) or "").lower()
    context = (getattr(exc, "context", None) or "").lower()
    if mark is None:
        return None

    def line(i: int) -> str:
        return lines[i] if 0 <= i < len(lines) else ""

    here = line(mark.line)
    for m in (mark, ctx):
        if m is not None and "\t" in _indent(line(m.line)):
            return (f"line {m.line + 1} is indented with a tab; YAML indentation must be "
                    "spaces (set your editor to insert spaces for the Tab key)")
    char = here[mark.column:mark.column + 1]
    if "cannot start any token" in problem and char in ("@", "`", "%"):
        return f"a value cannot start with {char} unless it is quoted: put the value in quotes"
    if "quoted scalar" in context and ctx is not None:
        q = line(ctx.line)[ctx.column:ctx.column + 1] or '"'
        return (f"the {q} opened on line {ctx.line + 1} is never closed: end the text with "
                f"a matching {q}")
    for kind, opener, closer in (("flow sequence", "[", "]"), ("flow mapping", "{", "}")):
        if kind in context:
            at = f" on line {ctx.line + 1}" if ctx is not None else ""
            return (f"the {opener} opened{at} is not closed with {closer}, or its items are "
                    f"not separated by commas (a value containing {closer}, a comma or ': ' "
                    "must be quoted)")
    for i in range(max(0, mark.line - 2), mark.line + 1):
        q = _unclosed_quote(line(i))
        if q:
            return f"line {i + 1} opens a {q} quote that is not closed on that line"
    if "mapping values are not allowed" in problem:
        colon = here.find(": ") if here.find(": ") >= 0 else here.find(":")
        if 0 <= colon < mark.column:
            key = here[:colon].strip().removeprefix("- ").strip()
            value = here[colon + 1:].strip()
            quoted = ('"' + value + '"') if '"' not in value else ("'" + value.replace("'", "''")
                                                                  + "'")
            return (f"the value of {key!r} contains ': ', which YAML reads as a new key: put "
                    f"the value in quotes ({key}: {quoted})")
        return (f"line {mark.line + 1} is indented further than the key above it, so YAML "
                "reads it as part of that key's value: line up the keys of one mapping in "
                "the same column")
    if "expected '-' indicator" in problem or ("block collection" in context
                                                and "found '?'" in problem):
        return (f"line {mark.line + 1} lines up with the list items above but does not start "
                "with '- ': begin each list item with '- ' (or indent it under its item)")
    if "could not find expected ':'" in problem and ctx is not None:
        bare = line(ctx.line)
        for j in range(ctx.line - 1, -1, -1):
            prev = line(j)
            if not prev.strip() or prev.lstrip().startswith("#"):
                continue
            if len(_indent(prev)) == len(_indent(bare)) and prev.lstrip().startswith("- "):
                return (f"line {ctx.line + 1} follows a list but does not start with '- ': "
                        "begin each list item with '- '")
            if len(_indent(prev)) <= len(_indent(bare)):
                break
        return (f"line {ctx.line + 1} is neither 'key: value' nor a '- ' list item: add "
                "': ' after a key, or '- ' before a list item")
    if "expected key" in problem or "<block end>" in problem:
        before = here[:mark.column].rstrip()
        if before.endswith(('"', "'")) and here[mark.column:].strip():
            return (f"text follows the closing quote on line {mark.line + 1}: put the whole "
                    "value inside the quotes")
        return (f"line {mark.line + 1} does not line up with the keys around it: keys of one "
                "mapping must start in the same column, indented with spaces")
    return None


def _duplicate_keys(node: Any, label: str, path: tuple) -> list[str]:
    problems: list[str] = []
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, Any] = {}
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else repr(key.value)
            if name in seen:
                m = key.start_mark
                first = seen[name].start_mark.line + 1
                message = f"key appears twice (first at line {first})"
                if path and isinstance(path[-1], int) and seen[name] is node.value[0][0]:
                    # the list item's first key again: most likely the next item, dashless
                    message += "; if a new list item starts here, it needs a '- '"
                problems.append(
                    f"{label}:{m.line + 1}:{m.column + 1}: {_dotted(path + (name,))}: {message}"
                )
            else:
                seen[name] = key
            problems += _duplicate_keys(value, label, path + (name,))
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            problems += _duplicate_keys(item, label, path + (i,))
    return problems


def _did_you_mean(word: Any, choices: Iterable[str]) -> str:
    """"; did you mean 'x'?" for the nearest choice to a misspelt word, or nothing."""
    if not isinstance(word, str):
        return ""
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)  # stable ties
    return f"; did you mean {close[0]!r}?" if close else ""


def _model_at(loc: tuple) -> type[BaseModel] | None:
    """The scenario model found at a pydantic location (whose fields a key must be one of)."""
    here: Any = Scenario
    for part in loc:
        here = _step(here, part)
        if here is None:
            return None
    return _as_model(here)


def _as_model(tp: Any) -> type[BaseModel] | None:
    while get_origin(tp) is Annotated:
        tp = get_args(tp)[0]
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return tp
    if get_origin(tp) in (Union, types.UnionType):
        found = [m for m in map(_as_model, get_args(tp)) if m is not None]
        return found[0] if len(found) == 1 else None
    return None


def _step(tp: Any, part: Any) -> Any:
    """One step along a location: a model's field, a list's item or a mapping's value."""
    while get_origin(tp) is Annotated:
        tp = get_args(tp)[0]
    model = _as_model(tp)
    if model is not None:
        for name, field in model.model_fields.items():
            if part in (name, field.alias):
                return field.annotation
        return None
    if get_origin(tp) in (Union, types.UnionType):
        steps = [s for s in (_step(a, part) for a in get_args(tp)) if s is not None]
        return steps[0] if len(steps) == 1 else None
    if get_origin(tp) is list and isinstance(part, int):
        return get_args(tp)[0]
    if get_origin(tp) is dict and isinstance(part, str):
        return get_args(tp)[1]
    return None


def _field_names(model: type[BaseModel]) -> list[str]:
    """The keys a trainer may write for a model (aliases in place of Python names)."""
    return [field.alias or name for name, field in model.model_fields.items()]


def _message(err: dict) -> str:
    kind = err["type"]
    got = err.get("input")
    if kind == "missing":
        return "required field is missing"
    if kind == "extra_forbidden":
        model = _model_at(tuple(err["loc"][:-1]))
        hint = _did_you_mean(err["loc"][-1], _field_names(model)) if model else ""
        return "unknown field" + (hint or " (check the spelling against docs/scenario-format.md)")
    if kind in ("number_range", "repertoire_entry"):
        return err["msg"]
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        return (f"expected one of {expected}, got {got!r}"
                + _did_you_mean(got, re.findall(r"'([^']*)'", expected)))
    if kind == "string_pattern_mismatch":
        return f"expected an id of lower-case letters, digits and _, got {got!r}"
    msg = err["msg"]
    msg = msg[0].lower() + msg[1:]
    if kind == "string_too_long" and isinstance(got, str):
        return f"{msg}; this one has {len(got)}, starting {_clip(got)}"
    if kind == "control_character":
        return msg
    if got is not None and not isinstance(got, dict | list):
        msg += f", got {_clip(got)}"
    return msg


def _clip(value: object, most: int = 60) -> str:
    """A value quoted in an error, cut so the error stays one readable line."""
    text = repr(value)
    return text if len(text) <= most else text[:most - 1] + "\u2026"


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


def cross_reference_problems(
    sc: Scenario, line_of: Callable[[tuple], int] | None = None
) -> list[tuple[tuple, str]]:
    """Ids used in one place must be defined in another; return (location, message) pairs.

    `line_of` gives the file line of a location, so a duplicate id can name the line of the
    first one; without it the first one is named by its field path."""
    out: list[tuple[tuple, str]] = []
    people = {s.id for s in sc.stakeholders}
    parts = {c.id for c in sc.plan.components}
    stages = {s.id for s in sc.stages}

    def unique(items, where: tuple) -> None:
        first: dict[str, int] = {}
        for i, item in enumerate(items):
            if item.id in first:
                loc = (*where, first[item.id], "id")
                at = f"line {line_of(loc)}" if line_of else _dotted(loc)
                out.append(((*where, i, "id"), f"id {item.id!r} is used twice (first at {at})"))
            else:
                first[item.id] = i

    unique(sc.stakeholders, ("stakeholders",))
    unique(sc.plan.components, ("plan", "components"))
    unique(sc.stages, ("stages",))
    unique(sc.events, ("events",))

    def person(loc, pid):
        if pid not in people:
            out.append((loc, f"unknown stakeholder {pid!r}" + _did_you_mean(pid, people)))

    for i, s in enumerate(sc.stakeholders):
        for cid in s.stakes:
            if cid not in parts:
                out.append((("stakeholders", i, "stakes", cid),
                            f"unknown plan component {cid!r}" + _did_you_mean(cid, parts)))
    for i, s in enumerate(sc.stakeholders):
        seen: set[str] = set()
        for j, entry in enumerate(s.repertoire or ()):
            kind = entry if isinstance(entry, str) else next(iter(entry))
            if kind in seen:
                out.append((("stakeholders", i, "repertoire", j),
                            f"action {kind!r} is listed twice in this repertoire"))
            seen.add(kind)
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
                            f"reopen_to must name an earlier stage, got {st.reopen_to!r}"
                            + _did_you_mean(st.reopen_to, earlier)))
        elif st.reopen_to is not None and st.reopen_to not in stages:
            out.append((("stages", i, "reopen_to"), f"unknown stage {st.reopen_to!r}"
                        + _did_you_mean(st.reopen_to, stages)))
    for i, ev in enumerate(sc.events):
        if ev.trigger.stage not in stages:
            out.append((("events", i, "trigger", "stage"), f"unknown stage {ev.trigger.stage!r}"
                        + _did_you_mean(ev.trigger.stage, stages)))
        for j, eff in enumerate(ev.effects):
            loc = ("events", i, "effects", j)
            for k, pid in enumerate(eff.targets):
                person(loc + ("targets", k), pid)
            if eff.beneficiary is not None:
                person(loc + ("beneficiary",), eff.beneficiary)
            if eff.component is not None and eff.component not in parts:
                out.append((loc + ("component",), f"unknown plan component {eff.component!r}"
                            + _did_you_mean(eff.component, parts)))
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
            out.append((("hints", key), f"hints are keyed by stage id, got {key!r}"
                        + _did_you_mean(key, [*stages, "start"])))
    return out
