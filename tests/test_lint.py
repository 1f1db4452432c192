"""`faultlines lint`: a scenario that cannot be won by research-style play is flagged in
one line saying what to change; findings are one line each."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from faultlines.engine.analysis.lint import Finding, Verdict, _balance, _pivotal, lint
from faultlines.engine.case import load_case
from faultlines.game.cli import main

TUTORIAL = Path(__file__).resolve().parent.parent / "scenarios" / "tutorial.yaml"


@pytest.fixture(scope="module")
def broken(tmp_path_factory):
    """The tutorial with every forum needing 99% of its weight and every stake a loss
    (the tutorial's people are so friendly that a 0.99 threshold alone still passes)."""
    data = yaml.safe_load(TUTORIAL.read_text(encoding="utf-8"))
    for stage in data["stages"]:
        if "threshold" in stage:
            stage["threshold"] = 0.99
    for person in data["stakeholders"]:
        person["stakes"] = {k: -1.0 for k in person.get("stakes", {})}
    path = tmp_path_factory.mktemp("lint") / "broken.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def test_a_near_unwinnable_scenario_is_flagged_in_one_line(broken):
    v = lint(load_case(str(broken)), runs=6, jobs=1)
    assert not v.passed
    flagged = [f for f in v.findings if f.level == "fix" and "research-style" in f.text]
    assert len(flagged) == 1
    line = flagged[0].line()
    assert "\n" not in line and line.startswith("FIX") and "threshold" in line
    assert v.rates["skilled"]["pass_rate"] < 0.55


def test_balance_findings_follow_the_band():
    rates = {"skilled": {"pass_rate": 0.65, "consensus_rate": 0.5},
             "random": {"pass_rate": 0.3, "consensus_rate": 0.0},
             "pragmatic": {"pass_rate": 0.7, "consensus_rate": 0.1}}
    found = _balance(rates)
    assert found[0].level == "ok"
    fixes = [f.text for f in found if f.level == "fix"]
    assert len(fixes) == 1 and "random" in fixes[0]  # an archetype is not a simple strategy
    assert Verdict("x", 1, [Finding("note", "a")]).passed


def test_lint_verb_prints_a_verdict_and_fails_a_broken_scenario(broken, capsys):
    assert main(["lint", str(broken), "--runs", "4", "--jobs", "1", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["passed"] is False and data["findings"]
    assert all("\n" not in f["text"] for f in data["findings"])


def test_lint_of_a_missing_scenario_is_one_line(capsys):
    assert main(["lint", "no-such-scenario", "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_a_vote_that_would_have_turned_the_result_makes_someone_matter():
    case = load_case("tutorial")
    a, b, c = case.ids[:3]
    w = {x: float(case.influence[case.index[x]]) for x in (a, b, c)}
    total = sum(w.values())
    share = (w[a] + w[b]) / total
    # needed just below the share: either supporter leaving would have failed it, while the
    # opponent joining changes nothing
    decision = {"kind": "decision", "data": {"share": share, "needed": share - 1e-6,
                                             "support": [a, b], "abstain": [], "oppose": [c],
                                             "blockers": []}}
    assert _pivotal(case, [{"events": [decision]}]) == {a, b}
    decision["data"]["blockers"] = [c]
    assert c in _pivotal(case, [{"events": [decision]}])
