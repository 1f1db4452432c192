"""Balance with fixed seeds, for every case: skilled play in the spirit of the research
passes often; random, one-note and single-move play rarely does; every outcome is reachable."""

from __future__ import annotations

import re
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest
from faultlines.engine.bots import POLICIES
from faultlines.engine.catalogue import shipped_ids
from faultlines.engine.domain import OUTCOMES
from faultlines.engine.moves import MOVE_TYPES
from faultlines.engine.simulate import simulate

from bench.outcome_witnesses import witnesses
from bench.setbacks import measure

CASES = [s for s in shipped_ids() if s != "tutorial"]
RUNS = 200
REPEAT_RUNS = 100


PROBE_RUNS = {"skip-consultation": 200, "stonewall": 200, "hurried": 200, "no-coalition": 200,
              "greedy": 10}  # greedy looks ahead


def _result(args):
    scenario, policy, runs = args
    return (scenario, policy), simulate(scenario, policy, runs, 1)


@pytest.fixture(scope="module")
def results():
    jobs = [(s, p, RUNS) for s in CASES for p in POLICIES]
    jobs += [(s, f"repeat:{k}", REPEAT_RUNS) for s in CASES for k in MOVE_TYPES]
    jobs += [(s, p, n) for s in CASES for p, n in PROBE_RUNS.items()]
    with ProcessPoolExecutor(max_workers=2) as pool:
        return dict(pool.map(_result, jobs))


@pytest.fixture(scope="module")
def rates(results):
    return {k: r["pass_rate"] for k, r in results.items()}


def consensus_rate(result: dict) -> float:
    return result["outcomes"]["consensus"] / result["runs"]


def test_the_balanced_cases_are_the_documented_ones():
    """Every shipped case is in the README's table of scenarios and balanced here, and the
    table lists no case that is not shipped."""
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## Scenarios"):].split("\n\n")[1]
    documented = re.findall(r"^\| `([a-z0-9_]+)` \|", table, re.M)
    assert sorted(documented) == sorted(shipped_ids())
    assert sorted(CASES) == sorted(set(documented) - {"tutorial"}) == ["elm", "oak", "willow"]


@pytest.mark.parametrize("scenario", CASES)
def test_skilled_play_passes_often_but_not_always(rates, scenario):
    """Research-style play passes in 55-80% of games: it usually works, and the world still
    pushes back."""
    assert 0.55 <= rates[(scenario, "skilled")] <= 0.8


@pytest.mark.parametrize("policy", ["random", "frame-only", "challenge-only", "listen-only"])
@pytest.mark.parametrize("scenario", CASES)
def test_random_and_one_note_play_rarely_pass(rates, scenario, policy):
    assert rates[(scenario, policy)] <= 0.2


@pytest.mark.parametrize("scenario", CASES)
def test_repeating_any_single_move_rarely_passes(rates, scenario):
    worst = max(MOVE_TYPES, key=lambda k: rates[(scenario, f"repeat:{k}")])
    assert rates[(scenario, f"repeat:{worst}")] <= 0.1, worst


@pytest.mark.parametrize("scenario", CASES)
def test_every_outcome_is_reachable(scenario):
    found = witnesses(scenario, tries=150)
    assert set(found) == set(OUTCOMES), sorted(set(OUTCOMES) - set(found))


@pytest.mark.parametrize("scenario", CASES)
def test_research_style_play_mostly_reaches_genuine_consensus(results, scenario):
    """At least half of skilled play's passes are a genuine consensus."""
    r = results[(scenario, "skilled")]
    assert consensus_rate(r) >= 0.5 * r["pass_rate"]


@pytest.mark.parametrize("probe", ["skip-consultation", "stonewall", "hurried"])
@pytest.mark.parametrize("scenario", CASES)
def test_skipping_or_emptying_the_consultation_never_earns_consensus(results, scenario, probe):
    """Research-style play that skips the consultation, or consults and changes nothing, is
    a non-negotiation or a false negotiation: at most 10% genuine consensus (Waring, Bishop
    & Roe, Discussion)."""
    assert consensus_rate(results[(scenario, probe)]) <= 0.1


@pytest.mark.parametrize("scenario", CASES)
def test_maximising_the_support_meter_does_not_win(rates, scenario):
    """Greedily taking whichever move lifts the visible support most one step ahead."""
    assert rates[(scenario, "greedy")] <= 0.2


@pytest.mark.parametrize("probe", ["skip-consultation", "stonewall"])
@pytest.mark.parametrize("scenario", CASES)
def test_skipping_steps_rarely_passes_at_all(rates, scenario, probe):
    """Skipping the consultation, or consulting and refusing every ask, costs more than
    consensus: those denied a say take the procedural route, and the plan rarely passes."""
    assert rates[(scenario, probe)] <= 0.2


def test_in_willow_a_coalition_is_the_only_practical_way_past_the_hospitals(rates):
    """Any Willow hospital not on side can withdraw its site or staff; research-style play
    that never brings the marginal groups together almost never gets past them (Waring et
    al. 2023, Findings: power and influence)."""
    assert rates[("willow", "skilled")] >= 0.55
    assert rates[("willow", "no-coalition")] <= 0.1


@pytest.mark.parametrize("scenario", CASES)
def test_the_world_pushes_back_on_research_style_play(scenario):
    """At least one real setback (a counter-move that costs support, a failed vote, a
    re-opened decision or a hiatus) in at least 60% of research-style games."""
    found = measure(scenario, "skilled", 60, 1, 1)
    assert found["setback"] >= 0.6, found
