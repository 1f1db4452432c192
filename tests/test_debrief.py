"""The debrief analysis: from a log to causes, stance arcs, fault-lines, episodes, turning
points and questions; bare logs are completed by replay; bad logs fail in one line."""

from __future__ import annotations

import copy
import json

import pytest
from faultlines.engine.debrief import analyse, load_log
from faultlines.engine.debrief.faultlines import CONTRIBUTION_FAULT_LINE
from faultlines.engine.domain import CONTRIBUTIONS, FAULT_LINES
from faultlines.engine.errors import SaveError
from faultlines.engine.simulate import simulate

POLICIES = ("skilled", "random", "frame-only", "challenge-only", "hurried")


@pytest.fixture(scope="module")
def logs():
    return {p: simulate("elm", p, 1, 21, keep_logs=True)["logs"][0] for p in POLICIES}


@pytest.fixture(scope="module")
def debriefs(logs, elm):
    return {p: analyse(log, elm) for p, log in logs.items()}


def test_every_contribution_belongs_to_one_fault_line():
    assert set(CONTRIBUTION_FAULT_LINE) == set(CONTRIBUTIONS)
    assert set(CONTRIBUTION_FAULT_LINE.values()) == set(FAULT_LINES)


@pytest.mark.parametrize("policy", POLICIES)
def test_debrief_covers_every_part(debriefs, logs, elm, policy):
    d = debriefs[policy]
    assert d.replay_ok and not [w for w in d.warnings if "left out" in w]
    assert d.outcome == logs[policy]["outcome"]
    assert d.causes[-1].kind == "outcome" and d.causes[-1].because
    assert [a.id for a in d.arcs] == list(elm.ids)
    for a in d.arcs:
        assert len(a.xs) == len(a.ys) >= 2 and a.xs == sorted(a.xs)
        assert all(-1.0 <= y <= 1.0 for y in a.ys)
    assert [f.id for f in d.fault_lines] == list(FAULT_LINES)
    assert sum(f.moves for f in d.fault_lines) == sum(d.move_mix.values())
    assert 3 <= len(d.questions) <= 5
    assert all(q.source and ("Waring" in q.source) for q in d.questions)
    assert len(d.swings) == len(d.moves)
    json.dumps(d.to_dict())  # plain data all the way down


def test_decisions_explain_who_blocked_and_why(debriefs):
    decisions = [c for d in debriefs.values() for c in d.causes if c.kind == "decision"]
    assert decisions
    assert any("held back by" in b for c in decisions for b in c.because)


def test_turning_points_are_the_largest_swings_and_explained(debriefs):
    for d in debriefs.values():
        swings = [t.swing for t in d.turning_points]
        assert swings == sorted(swings, reverse=True)
        if swings:
            assert swings[0] == pytest.approx(max(d.swings))
        for t in d.turning_points:
            assert t.effects and t.by_contribution


def test_fault_line_sums_match_the_shift_events(logs, debriefs):
    log, d = logs["skilled"], debriefs["skilled"]
    total = sum(v for e in log["events"] if e["kind"] == "shift" for v in e["data"]["why"].values())
    assert sum(f.gained + f.lost for f in d.fault_lines) == pytest.approx(total, abs=1e-3)


def test_questions_follow_what_happened(debriefs):
    themes = {p: {q.theme for q in d.questions} for p, d in debriefs.items()}
    assert "standing to challenge" in themes["challenge-only"]
    assert themes["frame-only"] & {"listening before framing", "the vision that hides differences"}
    hurried = debriefs["hurried"]
    if any(e.type == "false" for e in hurried.episodes):
        assert "false negotiation" in themes["hurried"]


def test_a_bare_log_is_completed_by_replay(logs, debriefs, elm):
    full = logs["random"]
    bare = {k: full[k] for k in ("format", "version", "scenario", "scenario_version", "seed",
                                  "difficulty", "moves", "outcome")}
    d = analyse(bare, elm)
    assert d.to_dict() == debriefs["random"].to_dict()


def test_load_log_reads_what_the_engine_writes(tmp_path, logs):
    from faultlines.engine.logs import write_json

    path = write_json(tmp_path / "game.json", logs["skilled"])
    assert load_log(path)["seed"] == logs["skilled"]["seed"]


def _damage(log, how):
    log = copy.deepcopy(log)
    if how == "version":
        log["version"] = 99
    elif how == "seed":
        log["seed"] = "x"
    elif how == "moves":
        log["moves"] = [{"kind": "no_such_move"}]
    elif how == "events":
        log["events"] = [{"kind": "act"}]
    elif how == "history":
        log["history"] = []
    elif how == "stakeholders":
        for h in log["history"]:
            h["stances"] = h["stances"][:3]
    elif how == "event_data":
        for e in log["events"]:
            if e["kind"] == "shift":
                e["data"] = {"target": 5}
    elif how == "scenario":
        log["scenario"] = "atlantis"
    return log


@pytest.mark.parametrize("how", ["version", "seed", "moves", "events", "history",
                                 "stakeholders", "event_data", "scenario"])
def test_a_damaged_log_gives_one_line_naming_it(logs, how):
    bare = _damage(logs["skilled"], how)
    if how == "moves":
        del bare["events"]
    with pytest.raises(SaveError) as err:
        analyse(bare, where="class/game7.json")
    message = str(err.value)
    assert message.startswith("class/game7.json") and "\n" not in message


def test_a_file_that_is_not_a_log(tmp_path):
    bad = tmp_path / "notes.json"
    bad.write_text('{"format": "faultlines-save"}')
    with pytest.raises(SaveError, match="notes.json"):
        load_log(bad)
    bad.write_text("{ nope")
    with pytest.raises(SaveError, match="notes.json:1"):
        load_log(bad)
