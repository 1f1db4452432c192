"""Is a save's game one this case can continue? The check a save passes before it is
offered as Continue or restored: every field of the state has its declared type, every
array the shape a fresh game of the same case has, every number is finite and within the
range play keeps it in, and every name it mentions (people, plan components, stages) is one
the case has. A save that fails is refused in one line naming the field, instead of loading
and failing later, mid-game, in a screen that cannot say why.

The types come from the state's own annotations and the shapes from a fresh game of the
case, so a field added to the state is checked without a change here.
"""

from __future__ import annotations

import math
import re
import types
import typing
from dataclasses import fields, is_dataclass
from typing import Any

import numpy as np
from faultlines.engine.case import Case
from faultlines.engine.domain import OUTCOMES
from faultlines.engine.errors import SaveError
from faultlines.engine.state import _ARRAYS, GameState, initial_state
from faultlines.engine.tuning import DIFFICULTIES

PAUSES = ("hiatus", "outcome")  # where the stage machine can be besides a scenario stage
CONSULTATIONS = (None, "genuine", "false")
#: numbers that never go below zero in play
NOT_NEGATIVE = ("hiatus_left", "calendar", "capacity", "roles", "funds",
                "external", "vision_uses", "hiatus_count", "failures", "moves_made")
#: arrays whose entries are shares from 0 to 1
UNIT_ARRAYS = ("trust", "revealed")
#: the number types a saved array may name (anything else - text, objects, a huge fixed
#: width - is refused before numpy is asked to build it)
DTYPE = re.compile(r"^(bool|u?int(8|16|32|64)|float(16|32|64))$")


def restore_problem(case: Case, state: Any, difficulty: Any) -> str | None:
    """Why `state` (a save's state, as read) cannot be continued on `case`, else None."""
    if not isinstance(state, dict):
        return f"state: expected an object, not {_kind(state)}"
    if not isinstance(difficulty, str) or difficulty not in DIFFICULTIES:
        return f"difficulty: {difficulty!r:.40} is not one of {', '.join(DIFFICULTIES)}"
    for name in _ARRAYS:
        raw = state.get(name)
        if raw is not None and not (isinstance(raw, dict) and isinstance(raw.get("data"), list)
                                    and isinstance(raw.get("dtype"), str)
                                    and DTYPE.match(raw["dtype"])):
            return f"state.{name}: expected an array of numbers"
    try:
        st = GameState.from_dict(state)
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:
        return f"state: {' '.join(str(exc).split())[:120] or type(exc).__name__}"
    fresh = initial_state(case, np.random.default_rng(0), difficulty)
    return (_types(st, "state") or _arrays(st, fresh) or _numbers(st) or _names(st, case))


def check_restorable(case: Case, save: dict[str, Any], where: str = "the save") -> None:
    """Raise SaveError naming `where` and the first problem if the save cannot continue."""
    problem = restore_problem(case, save.get("state"), save.get("difficulty", "standard"))
    if problem:
        raise SaveError(f"{where} is damaged ({problem})")


# -- types -------------------------------------------------------------------------------
def _records(cls: type, out: dict[type, dict[str, Any]]) -> dict[type, dict[str, Any]]:
    """The resolved field types of `cls` and of every record type it holds."""
    out[cls] = typing.get_type_hints(cls)
    for hint in out[cls].values():
        for t in (hint, *typing.get_args(hint)):
            if is_dataclass(t) and t not in out:
                _records(t, out)
    return out


#: field types of the state and its records, resolved once (constant after import)
HINTS = types.MappingProxyType(_records(GameState, {}))


def _types(obj: Any, path: str) -> str | None:
    """The first field of a state record (recursively) whose value is not its declared type."""
    hints = HINTS[type(obj)]
    for f in fields(obj):
        problem = _conforms(getattr(obj, f.name), hints[f.name], f"{path}.{f.name}")
        if problem:
            return problem
    return None


def _conforms(value: Any, hint: Any, path: str) -> str | None:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if any(_conforms(value, a, path) is None for a in args):
            return None
        return f"{path}: {_kind(value)} is not allowed here"
    if hint is type(None):
        return None if value is None else f"{path}: expected nothing, not {_kind(value)}"
    if hint is bool:
        return None if isinstance(value, bool) else f"{path}: expected true or false"
    if hint is int:
        return None if _is_int(value) else f"{path}: expected a whole number, not {_kind(value)}"
    if hint is float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"{path}: expected a number, not {_kind(value)}"
        return None if math.isfinite(value) else f"{path}: expected a finite number"
    if hint is str:
        return None if isinstance(value, str) else f"{path}: expected text, not {_kind(value)}"
    if hint is np.ndarray:
        return None if isinstance(value, np.ndarray) else f"{path}: expected an array"
    if origin in (list, tuple):
        if not isinstance(value, origin):
            return f"{path}: expected a list, not {_kind(value)}"
        item = args[0] if args else Any
        for i, v in enumerate(value):
            problem = _conforms(v, item, f"{path}[{i}]")
            if problem:
                return problem
        return None
    if origin is dict:
        if not isinstance(value, dict):
            return f"{path}: expected an object, not {_kind(value)}"
        for k, v in value.items():
            problem = _conforms(k, args[0], f"{path} key") or _conforms(v, args[1],
                                                                         f"{path}.{k}")
            if problem:
                return problem
        return None
    if is_dataclass(hint):
        if not isinstance(value, hint):
            return f"{path}: expected a record, not {_kind(value)}"
        return _types(value, path)
    return None  # Any, or a type the state does not use: nothing to check


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    return {bool: "true/false", int: "a whole number", float: "a number", str: "text",
            list: "a list", tuple: "a list", dict: "an object"}.get(type(value),
                                                                    type(value).__name__)


# -- arrays and numbers ----------------------------------------------------------------------
def _arrays(st: GameState, fresh: GameState) -> str | None:
    """Every array has the shape and kind of number a fresh game of this case has."""
    for f in fields(st):
        want = getattr(fresh, f.name)
        if not isinstance(want, np.ndarray):
            continue
        got = getattr(st, f.name)
        if got.shape != want.shape:
            return (f"state.{f.name}: {_shape(got)} where this scenario has "
                    f"{_shape(want)}")
        if got.dtype.kind != want.dtype.kind and not (want.dtype.kind == "f"
                                                      and got.dtype.kind in "iu"):
            return f"state.{f.name}: expected {_dtype(want)}, not {_dtype(got)}"
        if got.dtype.kind == "f" and not np.all(np.isfinite(got)):
            return f"state.{f.name}: holds a value that is not a finite number"
        if f.name in UNIT_ARRAYS and (np.any(got < 0) or np.any(got > 1)):
            return f"state.{f.name}: values must be from 0 to 1"
    return None


def _shape(a: np.ndarray) -> str:
    return " x ".join(map(str, a.shape)) + " values" if a.shape else "a single value"


def _dtype(a: np.ndarray) -> str:
    return {"b": "true/false values", "i": "whole numbers", "u": "whole numbers",
            "f": "numbers"}.get(a.dtype.kind, f"{a.dtype} values")


def _numbers(st: GameState) -> str | None:
    if not 0.0 <= st.credibility <= 1.0:
        return "state.credibility: must be from 0 to 1"
    for name in NOT_NEGATIVE:
        if getattr(st, name) < 0:
            return f"state.{name}: must not be negative"
    if st.round < 1:
        return "state.round: must be 1 or more"
    if st.capacity_max < 1:
        return "state.capacity_max: must be 1 or more"
    if st.difficulty not in DIFFICULTIES:
        return f"state.difficulty: {st.difficulty!r:.40} is not a difficulty"
    if any(v < 0 for v in st.stage_uses.values()):
        return "state.stage_uses: counts must not be negative"
    return None


# -- names -------------------------------------------------------------------------------
def _names(st: GameState, case: Case) -> str | None:
    """Every person, component and stage the state mentions exists in the case."""
    people, comps, stages = set(case.ids), set(case.components), set(case.stage_ids)
    if st.stage not in stages | set(PAUSES):
        return f"state.stage: this scenario has no stage {st.stage!r:.40}"
    if st.last_stage is not None and st.last_stage not in stages:
        return f"state.last_stage: this scenario has no stage {st.last_stage!r:.40}"
    if st.stage in PAUSES and st.last_stage is None:
        return f"state.last_stage: missing while the game is at {st.stage!r}"
    if st.outcome is not None and st.outcome not in OUTCOMES:
        return f"state.outcome: {st.outcome!r:.40} is not an outcome"
    if st.consultation not in CONSULTATIONS:
        return f"state.consultation: {st.consultation!r:.40} is not a kind of consultation"
    checks: list[tuple[str, Any, set[str]]] = [
        ("passed", st.passed, stages), ("kept_off", st.kept_off, comps),
        ("settled", list(st.settled), comps), ("threats", list(st.threats), people),
        ("threats", list(st.threats.values()), stages),
        ("scrutiny", list(st.scrutiny), stages), ("delays", list(st.delays), stages),
    ]
    for i, d in enumerate(st.demands):
        checks += [(f"demands[{i}].by", d.by, people),
                   (f"demands[{i}].beneficiary", [d.beneficiary] if d.beneficiary else [],
                    people)]
    for i, a in enumerate(st.asks):
        checks += [(f"asks[{i}].by", a.by, people), (f"asks[{i}].component", [a.component],
                                                     comps)]
    if st.standoff is not None:
        s = st.standoff
        checks += [("standoff.members", s.members, people),
                   ("standoff.component", [s.component], comps),
                   ("standoff.stage", [s.stage], stages)]
    for i, e in enumerate(st.episodes):
        checks += [(f"episodes[{i}].participants", e.participants, people),
                   (f"episodes[{i}].affected", e.affected, people),
                   (f"episodes[{i}].components", e.components, comps),
                   (f"episodes[{i}].settled_elsewhere", e.settled_elsewhere, comps)]
    for field, values, known in checks:
        unknown = [v for v in values if v not in known]
        if unknown:
            return f"state.{field}: this scenario has no {unknown[0]!r:.40}"
    return None


__all__ = ["check_restorable", "restore_problem"]
