"""Every move from outside is checked before anything uses it: random legal and illegal
move sequences through the engine's doorway (hypothesis, fixed seeds, CI-sized; the big run
is bench/fuzz_engine.py), and one named test for each failure those runs found."""

from __future__ import annotations

import json

import pytest
from faultlines.engine.case import load_case
from faultlines.engine.debrief.logfile import prepare_log
from faultlines.engine.errors import IllegalMove, SaveError
from faultlines.engine.moves import MOVE_TYPES
from faultlines.engine.moves.process import EndRound
from faultlines.engine.table import Table
from faultlines.engine.tuning import DIFFICULTIES
from faultlines.game.cli import main
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.fuzz_engine import ODD, PARAMS, attempt, invariants, replays

FIXED = settings(derandomize=True, deadline=None, max_examples=40,
                 suppress_health_check=[HealthCheck.too_slow])
ELM = load_case("elm")
MODES = sorted({m for cls in MOVE_TYPES.values() for m in cls.modes})
VALUES = st.one_of(st.sampled_from(ELM.ids), st.sampled_from(ELM.components),
                   st.sampled_from(MODES), st.sampled_from(ODD), st.text(max_size=12))
HOSTILE = st.tuples(
    st.one_of(st.sampled_from(list(MOVE_TYPES)), st.sampled_from(ODD),
              st.just("stage_manage")),
    st.dictionaries(st.sampled_from((*PARAMS, "zz")), VALUES, max_size=3),
    st.integers(0, 2))


def legal_or_not(data: st.DataObject, table: Table) -> tuple:
    """Half the time a move the palette offers, with options it allows; else anything."""
    if data.draw(st.booleans()):
        return data.draw(HOSTILE)
    kinds = [c for c in table.choices() if c.available]
    choice = data.draw(st.sampled_from(kinds))
    params: dict[str, str] = {}
    for p in choice.params:
        ok = sorted(v for v, why in table.options(choice.kind, **params).items() if why is None)
        if not ok:
            return choice.kind, params, 0
        params[p] = data.draw(st.sampled_from(ok))
    return choice.kind, params, data.draw(st.integers(0, 1))


@FIXED
@given(data=st.data(), seed=st.integers(0, 2**30),
       difficulty=st.sampled_from(sorted(DIFFICULTIES)), steps=st.integers(1, 60))
def test_random_moves_through_the_doorway_keep_every_invariant_and_replay(
        data, seed, difficulty, steps):
    table = Table.open(ELM, seed=seed, difficulty=difficulty)
    for _ in range(steps):
        if table.over:
            break
        kind, params, how = legal_or_not(data, table)
        try:
            attempt(table, kind, params, how)
        except IllegalMove as exc:
            assert exc.reason and "\n" not in exc.reason
        assert invariants(table) is None
    assert replays(table, __import__("numpy").random.default_rng(seed)) is None


# -- what the fuzz runs found (each was a traceback before) -----------------------------------
@pytest.mark.parametrize("params", [
    {"target": ["teaching"]}, {"target": {"a": 1}}, {"target": 5}, {"target": None, "zz": 1}])
def test_a_person_that_is_not_a_name_is_refused_with_a_reason(params):
    table = Table.open(ELM, seed=1)
    reason = table.check("one_to_one", **params)
    assert reason and "\n" not in reason
    with pytest.raises(IllegalMove):
        table.choose("one_to_one", **params)


def test_a_component_that_is_a_list_is_refused_with_a_reason():
    table = Table.open(ELM, seed=1)
    with pytest.raises(IllegalMove, match="must be a name"):
        table.choose(MOVE_TYPES["amend_plan"](component=["x"]))


@pytest.mark.parametrize("kind", [{}, ["x"], None, 5])
def test_a_kind_that_is_not_text_is_no_move(kind):
    table = Table.open(ELM, seed=1)
    assert "no move" in table.check(kind)
    with pytest.raises(IllegalMove, match="no move"):
        table.options(kind)


def test_the_options_step_refuses_a_parameter_the_move_does_not_take():
    table = Table.open(ELM, seed=1)
    with pytest.raises(IllegalMove):
        table.options("offer_funds", zz="genuine")
    with pytest.raises(IllegalMove):
        table.options("dialogue", target=["teaching"])


def test_call_decision_with_a_second_person_is_refused_by_its_check():
    """The measured failure of issue 13: it passed `check`, then `describe` raised KeyError."""
    table = Table.open(ELM, seed=1)
    reason = table.check("call_decision", other="ASHWORTH")
    assert reason == "Call the decision now takes no second person."
    with pytest.raises(IllegalMove, match="takes no"):
        table.choose(MOVE_TYPES["call_decision"](other="ASHWORTH"))


def test_a_move_of_a_class_the_game_does_not_have_is_refused():
    class Sneaky(EndRound):
        def check(self, game):
            return None

    table = Table.open(ELM, seed=1)
    with pytest.raises(IllegalMove, match="not one of this game's moves"):
        table.choose(Sneaky())


@pytest.mark.parametrize("bad", [
    {"kind": "call_decision", "other": "ASHWORTH"}, {"kind": "one_to_one", "target": "nobody"},
    {"kind": "no_such_move"}, {"kind": "consult", "mode": "loud"},
    {"kind": "town_hall", "target": "teaching"}, {"kind": "one_to_one", "target": 3}])
def test_a_log_holding_an_impossible_move_is_refused_in_one_line(bad, tmp_path):
    table = Table.open(ELM, seed=2)
    table.choose("one_to_one", target="teaching")
    log = json.loads(json.dumps(table.log()))
    log["moves"].insert(1, bad)
    with pytest.raises(SaveError) as err:
        prepare_log(log, ELM, "class/ada.json")
    assert "class/ada.json" in str(err.value) and "\n" not in str(err.value)
    path = tmp_path / "ada.json"
    path.write_text(json.dumps(log))
    good = tmp_path / "good.json"
    good.write_text(json.dumps(table.log()))
    assert main(["debrief", str(path)]) == 1
    assert main(["class-report", str(path), str(good), "--csv", str(tmp_path / "c.csv")]) == 0
    assert len((tmp_path / "c.csv").read_text().splitlines()) == 2  # the good game only


def test_a_replayed_log_with_an_illegal_move_raises_the_domains_error():
    log = {"scenario": "elm", "seed": 1, "difficulty": "standard",
           "moves": [{"kind": "call_decision", "other": "ASHWORTH"}]}
    with pytest.raises(IllegalMove, match="takes no"):
        Table.replayed(ELM, log)


# -- the calendar (issue 13: random play ended some games at -1 months) -------------------------
def test_a_scenario_event_taking_more_months_than_are_left_stops_at_zero(tmp_path):
    text = (__import__("pathlib").Path(__file__).parent / "fixtures" / "mini.yaml").read_text()
    text = text.replace("calendar: 8", "calendar: 3").replace(
        "      - {kind: grievance, targets: [hospital], amount: 0.1}",
        "      - {kind: grievance, targets: [hospital], amount: 0.1}\n"
        "      - {kind: calendar, months: -6}")
    path = tmp_path / "short.yaml"
    path.write_text(text)
    table = Table.open(load_case(str(path)), seed=1)
    while not table.over:
        table.choose("end_round")
        assert table.glance().calendar >= 0
    assert table.outcome == "collapsed" and table.log()["final"]["calendar"] == 0
