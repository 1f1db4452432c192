"""The stage flow as a transition table, compiled from the reference stage machine.

engine.flow builds one `transitions` Machine per case; its triggers (`month`, `decide`,
`resume`) each hold, per source stage, an ordered list of candidate transitions, and the
machine takes the first whose conditions all hold and whose `unless` conditions all fail.
This module reads that machine (never the scenario's stages again), so the batch engine and
the reference engine cannot disagree about where a stage leads:

- every condition function becomes a bit of a per-game integer (`condition_bits`), and every
  callback an integer code; a `functools.partial` is told apart by its function and keywords
  (`_paused_at(stage="board")` and `_paused_at(stage="committee")` are two conditions);
- for each trigger and source stage, the candidate rows in the machine's order: the stage
  the game is in afterwards, the bits that must be set, the bits that must be clear, and the
  callbacks to run before and after the change of stage.

`choose` then picks, for G games at once, the row each game takes. Evaluating a condition
(a vote's result, the calendar) and running a callback stay with the rules that own them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

import numpy as np
from faultlines.engine.flow import Flow, flow_for

if TYPE_CHECKING:
    from faultlines.engine.case import Case

#: a condition or callback told apart by what it runs: (function, sorted keywords)
Key = tuple[Callable[..., Any], tuple[tuple[str, Any], ...]]


def key_of(fn: Callable[..., Any]) -> Key:
    """What a condition or callback is, whichever object the machine holds for it."""
    if isinstance(fn, partial):
        if fn.args:
            raise ValueError(f"a flow rule with positional arguments: {fn!r}")
        return fn.func, tuple(sorted(fn.keywords.items()))
    return fn, ()


def describe(key: Key) -> str:
    """'_paused_at(stage=board)': a code's name, for docs and error messages."""
    fn, kw = key
    args = ", ".join(f"{k}={v}" for k, v in kw)
    return f"{fn.__name__}({args})" if kw else fn.__name__


@dataclass(frozen=True, eq=False)
class TriggerTable:
    """One trigger's rows, indexed [source stage code, row]; rows past a source's own
    candidates are padding (`valid` False)."""

    name: str
    defined: np.ndarray  # (T,) bool: the trigger exists from this stage
    valid: np.ndarray  # (T, R) bool
    dest: np.ndarray  # (T, R) the stage afterwards (the source itself for an internal row)
    internal: np.ndarray  # (T, R) bool: no change of stage (dest None in the machine)
    need: np.ndarray  # (T, R) int64: condition bits that must be set
    unless: np.ndarray  # (T, R) int64: condition bits that must be clear
    before: np.ndarray  # (T, R, B) callback codes, -1 padded
    after: np.ndarray  # (T, R, A) callback codes, -1 padded


@dataclass(frozen=True, eq=False)
class StageTable:
    """The compiled stage flow of one case (see the module docstring). Stage codes are
    engine.batch.compiled's: the scenario stages, then hiatus, then outcome."""

    stages: tuple[str, ...]
    conditions: tuple[Key, ...]  # bit k of condition_bits is conditions[k]
    callbacks: tuple[Key, ...]
    triggers: dict[str, TriggerTable]

    def bit(self, fn: Callable[..., Any]) -> int:
        """The bit (a power of two) of a condition, e.g. `table.bit(flow._passed)`."""
        return 1 << self.conditions.index(key_of(fn))

    def choose(self, trigger: str, source: np.ndarray, condition_bits: np.ndarray
               ) -> np.ndarray:
        """For G games at stages `source` (codes) whose conditions are `condition_bits`
        (int64, bit k set when conditions[k] holds), the row each takes: the first row
        whose needed bits are all set and whose `unless` bits are all clear, as the
        reference machine takes it; -1 where no row applies (the trigger does nothing, or
        does not exist from that stage: see `TriggerTable.defined`)."""
        t = self.triggers[trigger]
        bits = np.asarray(condition_bits, np.int64)[:, None]
        need, unless = t.need[source], t.unless[source]
        ok = t.valid[source] & ((bits & need) == need) & ((bits & unless) == 0)
        row = ok.argmax(axis=1)
        return np.where(ok.any(axis=1), row, -1)

    def bits(self, trigger: str, value: dict[Callable[..., Any], np.ndarray],
             games: int) -> np.ndarray:
        """The condition bits of `games` games for `trigger`, from the truth of each
        condition the trigger's rows use (`value`, by the flow's own condition function);
        ValueError names a condition the trigger uses that `value` does not give, so a
        later change to engine/flow.py cannot be evaluated as false by default."""
        t = self.triggers[trigger]
        used = int(np.bitwise_or.reduce((t.need | t.unless).ravel()))
        out = np.zeros(games, np.int64)
        for k, (fn, kw) in enumerate(self.conditions):
            if not used >> k & 1:
                continue
            if kw or fn not in value:
                raise ValueError(f"the {trigger} trigger uses a condition the batch engine "
                                 f"does not evaluate: {fn.__name__}")
            out |= np.where(value[fn], np.int64(1) << k, 0)
        return out

    def dest(self, trigger: str, source: np.ndarray, row: np.ndarray) -> np.ndarray:
        """The stage each game is at after taking `row` (unchanged where row is -1)."""
        t = self.triggers[trigger]
        taken = row >= 0
        return np.where(taken, t.dest[source, np.where(taken, row, 0)], source)


def stage_table(case: Case) -> StageTable:
    """The case's stage table, compiled from its stage machine on first use and kept with
    the case."""
    found = case.derived.get("stage_table")
    if found is None:
        found = case.derived["stage_table"] = compile_flow(flow_for(case))
    return found


def compile_flow(flow: Flow) -> StageTable:
    """Read a reference `Flow`'s machine into a table. Refuses what the table does not
    model (prepare callbacks, machine-wide or per-state callbacks), so a later change to
    engine.flow that uses them fails here rather than being dropped silently."""
    m = flow.machine
    stages = tuple(m.states)
    extra = [name for name in ("prepare_event", "before_state_change", "after_state_change",
                               "finalize_event", "on_exception", "on_final")
             if getattr(m, name, None)]
    extra += [f"{s}.{a}" for s, state in m.states.items() for a in ("on_enter", "on_exit")
              if getattr(state, a)]
    if extra:
        raise ValueError("the stage machine uses callbacks the table does not model: "
                         + ", ".join(extra))
    conditions: list[Key] = []
    callbacks: list[Key] = []

    def code(found: list[Key], fn: Callable[..., Any]) -> int:
        k = key_of(fn)
        if k not in found:
            found.append(k)
        return found.index(k)

    rows: dict[str, list[list[dict]]] = {}
    for name, event in m.events.items():
        per_source: list[list[dict]] = []
        for source in stages:
            out = []
            for tr in event.transitions.get(source, ()):
                if tr.prepare:
                    raise ValueError(f"transition {name} from {source} has prepare callbacks")
                need = unless = 0
                for cond in tr.conditions:
                    bit = 1 << code(conditions, cond.func)
                    if cond.target:
                        need |= bit
                    else:
                        unless |= bit
                out.append(dict(
                    dest=stages.index(tr.dest) if tr.dest else stages.index(source),
                    internal=not tr.dest, need=need, unless=unless,
                    before=[code(callbacks, f) for f in tr.before],
                    after=[code(callbacks, f) for f in tr.after]))
            per_source.append(out)
        rows[name] = per_source
    if len(conditions) > 63:
        raise ValueError(f"{len(conditions)} flow conditions do not fit one int64")
    triggers = {name: _pack(name, per_source, set(m.events[name].transitions), stages)
                for name, per_source in rows.items()}
    return StageTable(stages=stages, conditions=tuple(conditions),
                      callbacks=tuple(callbacks), triggers=triggers)


def _pack(name: str, per_source: list[list[dict]], defined: set[str],
          stages: tuple[str, ...]) -> TriggerTable:
    t = len(stages)
    r = max(1, max(len(rows) for rows in per_source))
    b = max([1] + [len(x["before"]) for rows in per_source for x in rows])
    a = max([1] + [len(x["after"]) for rows in per_source for x in rows])
    valid = np.zeros((t, r), bool)
    dest = np.tile(np.arange(t)[:, None], (1, r))
    internal = np.zeros((t, r), bool)
    need = np.zeros((t, r), np.int64)
    unless = np.zeros((t, r), np.int64)
    before = np.full((t, r, b), -1)
    after = np.full((t, r, a), -1)
    for s, rows in enumerate(per_source):
        for k, row in enumerate(rows):
            valid[s, k] = True
            dest[s, k], internal[s, k] = row["dest"], row["internal"]
            need[s, k], unless[s, k] = row["need"], row["unless"]
            before[s, k, :len(row["before"])] = row["before"]
            after[s, k, :len(row["after"])] = row["after"]
    arrays = dict(defined=np.array([s in defined for s in stages]), valid=valid, dest=dest,
                  internal=internal, need=need, unless=unless, before=before, after=after)
    for arr in arrays.values():
        arr.setflags(write=False)
    return TriggerTable(name=name, **arrays)
