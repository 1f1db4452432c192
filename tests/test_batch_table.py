"""The batch stage table takes exactly the transition the reference `transitions` machine
takes: for every case, trigger, source stage and combination of condition values."""

from __future__ import annotations

import numpy as np
import pytest
from faultlines.engine import flow
from faultlines.engine.batch.compiled import batch_case
from faultlines.engine.batch.table import compile_flow, describe, key_of, stage_table
from faultlines.engine.flow import Flow
from transitions import MachineError

from tests.batch_kit import cases, custom_case


class _Model:
    """A bare model for the machine: only its stage."""

    def __init__(self, stage: str):
        self.stage = stage


def _reference_machine(case):
    """A fresh reference machine (built by engine.flow exactly as games use it) whose
    conditions answer from `truth` and whose callbacks only write down that they ran: the
    machine's own code then picks the transition."""
    fl = Flow(case)
    m = fl.machine
    truth: dict = {}
    ran: list = []
    taken: list = []
    known_conditions = {key_of(c.func) for ev in m.events.values()
                        for trs in ev.transitions.values() for tr in trs for c in tr.conditions}

    def resolve(func, event_data):
        if callable(func) and key_of(func) in known_conditions:
            return lambda ed: truth[key_of(func)]
        if func is _finalize:
            return func
        return lambda ed: ran.append(key_of(func))

    def _finalize(ed):
        taken.append(ed.transition if ed.result else None)

    m.resolve_callable = resolve
    m.finalize_event = [_finalize]
    return m, truth, ran, taken


@pytest.mark.parametrize("case", cases(), ids=lambda c: c.scenario.id)
def test_every_trigger_source_and_condition_combination_takes_the_reference_row(case):
    """All 2^K combinations of the K flow conditions, from every stage, for every trigger."""
    table = compile_flow(Flow(case))
    m, truth, ran, taken = _reference_machine(case)
    model = _Model(table.stages[0])
    m.add_model(model, initial=table.stages[0])
    k = len(table.conditions)
    combos = np.arange(1 << k)
    for trigger, tt in table.triggers.items():
        for s, source in enumerate(table.stages):
            trs = m.events[trigger].transitions.get(source, [])
            rows = table.choose(trigger, np.full(len(combos), s), combos)
            dests = table.dest(trigger, np.full(len(combos), s), rows)
            for bits in combos.tolist():
                truth.clear()
                truth.update((key, bool(bits >> b & 1)) for b, key in enumerate(table.conditions))
                model.stage = source
                ran.clear()
                taken.clear()
                row = int(rows[bits])
                try:
                    getattr(model, trigger)()
                except MachineError:
                    assert not tt.defined[s] and row == -1
                    continue
                assert tt.defined[s]
                tr = taken[0]
                if tr is None:
                    assert row == -1 and model.stage == source and ran == []
                    continue
                assert row == trs.index(tr), (trigger, source, truth)
                assert table.stages[dests[bits]] == model.stage
                codes = [c for c in (*tt.before[s, row], *tt.after[s, row]) if c >= 0]
                assert [table.callbacks[c] for c in codes] == ran
                assert bool(tt.internal[s, row]) == (tr.dest is None)
    assert k >= 8


@pytest.mark.parametrize("case", cases(), ids=lambda c: c.scenario.id)
def test_the_table_is_read_from_the_case_machine_and_shares_its_stage_codes(case):
    table = stage_table(case)
    assert table is stage_table(case)  # built once per case
    assert table.stages == batch_case(case).stages == tuple(flow.flow_for(case).machine.states)


def test_choose_takes_each_game_its_own_row_at_once():
    """One call for many games at different stages and conditions, as the batch engine
    uses it: the same rows as asking game by game."""
    case = custom_case()
    table = stage_table(case)
    rng = np.random.default_rng(3)
    g = 500
    source = rng.integers(0, len(table.stages), g)
    bits = rng.integers(0, 1 << len(table.conditions), g)
    for trigger in table.triggers:
        rows = table.choose(trigger, source, bits)
        one = [int(table.choose(trigger, source[k:k + 1], bits[k:k + 1])[0]) for k in range(g)]
        assert rows.tolist() == one
        assert (rows >= 0).any()


def test_a_partial_is_one_condition_per_keyword():
    table = stage_table(custom_case())
    names = [describe(k) for k in table.conditions]
    assert "_paused_at(stage=board)" in names and "_paused_at(stage=committee)" in names
    assert table.bit(flow._passed) == 1 << names.index("_passed")


def test_the_custom_flow_has_the_edges_the_trainer_wrote():
    """The trainer-style case really differs from the shipped flow: a failed committee
    re-opens the Board, a failed sign-off the committee, a failed Board pauses."""
    table = stage_table(custom_case())
    code = table.stages.index
    dec = table.triggers["decide"]
    reopen = table.callbacks.index(key_of(flow._reopen))
    edges = {(table.stages[s], table.stages[dec.dest[s, r]])
             for s in range(len(table.stages)) for r in range(dec.valid.shape[1])
             if dec.valid[s, r] and reopen in dec.after[s, r]}
    assert edges == {("committee", "board"), ("consultation", "recess"),
                     ("signoff", "committee")}
    month = table.triggers["month"]
    assert month.defined[code("recess")] and not dec.defined[code("recess")]
