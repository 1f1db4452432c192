"""Comparing a class's games (engine/debrief/classroom.py): only games of the same scenario
file are compared, every rate carries its group's size, and a difference between groups
too small, or too close to chance, is never offered as a pattern."""

from __future__ import annotations

import pytest
from faultlines.engine.debrief.classroom import (
    FAMILIES,
    MIN_GROUP,
    by_scenario,
    contrasts,
    fisher_p,
    patterns,
    share,
    superseded,
)


def row(n: int, outcome: str, *, scenario: str = "elm", checksum: str = "aa" * 32,
        listening: int = 2, consultation: str = "", false: int = 0) -> dict:
    """One game's comparable facts, as game_row gives them."""
    r = {"game": f"Game {n}", "scenario": scenario, "scenario_title": scenario.title(),
         "scenario_version": "1.0", "scenario_checksum": checksum, "outcome": outcome,
         "final_credibility": 0.5, "consultation": consultation, "hiatuses": 0,
         "episodes_false": false, "episodes_non_negotiation": 0, "episodes_exclusive": 0}
    r.update({f: 1 for f in FAMILIES})
    r["listening"] = listening
    return r


def test_fisher_exact_test_gives_the_textbook_values():
    assert fisher_p(5, 5, 0, 5) == pytest.approx(2 / 252)  # all five against none of five
    assert fisher_p(3, 5, 2, 5) == pytest.approx(1.0)
    assert fisher_p(4, 5, 1, 5) == pytest.approx(0.2063, abs=1e-4)


def test_rates_always_carry_the_size_of_their_group():
    assert share(3, 8) == "3 of 8 (38%)"
    assert patterns([row(1, "consensus"), row(2, "stalled")])[0] == \
        "1 of 2 (50%) games got the plan signed off."


def test_games_are_grouped_by_scenario_and_checksum_never_pooled():
    rows = [row(1, "consensus"), row(2, "stalled", scenario="willow"),
            row(3, "stalled", checksum="bb" * 32), row(4, "consensus")]
    groups = by_scenario(rows)
    assert [(g.scenario, [r["game"] for r in g.rows]) for g in groups] == [
        ("elm", ["Game 1", "Game 4"]), ("willow", ["Game 2"]), ("elm", ["Game 3"])]
    assert len({g.anchor for g in groups}) == 3
    with pytest.raises(ValueError, match="one scenario"):
        patterns(rows)


def test_a_difference_between_tiny_groups_is_never_a_finding():
    """Four games that passed all listened; four that failed never did. Striking, but four
    games a side is below the minimum: the report says so instead."""
    rows = ([row(n, "consensus", listening=5) for n in range(4)]
            + [row(n, "stalled", listening=0) for n in range(4, 8)])
    assert MIN_GROUP > 4
    said = patterns(rows)
    assert said[0] == "4 of 8 (50%) games got the plan signed off."
    assert len(said) == 2 and said[1].startswith("Too few games to compare")
    assert "(4)" in said[1] and str(MIN_GROUP) in said[1]


def test_a_large_difference_between_big_enough_groups_is_a_finding_with_its_sizes():
    rows = ([row(n, "consensus", listening=5, consultation="genuine") for n in range(7)]
            + [row(n, "stalled", listening=0) for n in range(7, 13)])
    said = patterns(rows)
    found = [s for s in said if s.startswith("Of the 7 games that passed")]
    assert found, said
    assert any("genuine co-design" in s and "7 (100%)" in s and "of the 6 others, 0 (0%)" in s
               for s in found)
    assert all("Fisher's exact test" in s for s in found)


def test_a_difference_chance_could_explain_is_not_a_finding():
    rows = ([row(n, "consensus", consultation="genuine" if n < 4 else "") for n in range(6)]
            + [row(n, "stalled", consultation="genuine" if n < 9 else "") for n in range(6, 12)])
    [c] = [c for c in contrasts(rows) if "genuine" in c.label]
    assert (c.passed, c.passed_n, c.other, c.other_n) == (4, 6, 3, 6) and not c.finding
    said = patterns(rows)
    assert not [s for s in said if s.startswith("Of the ")]
    assert said[-1].startswith("No difference between the 6 games that passed and the 6 "
                               "others is larger than chance")


def test_when_every_game_ended_alike_there_is_nothing_to_contrast():
    said = patterns([row(n, "consensus") for n in range(6)])
    assert said == ["6 of 6 (100%) games got the plan signed off.",
                    "Every game ended the same way, so there is nothing to contrast."]


def test_a_game_left_and_resumed_counts_once():
    early = {"scenario": "elm", "seed": 1, "moves": [{"kind": "end_round"}], "abandoned": True}
    later = {"scenario": "elm", "seed": 1, "moves": [{"kind": "end_round"}] * 3}
    assert superseded([early, later]) == {0: 1}
