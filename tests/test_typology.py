"""The typology classifier (Waring, Bishop & Roe, Discussion) on constructed episodes, and
the episodes the debrief finds in games played move by move."""

from __future__ import annotations

import numpy as np
import pytest
from faultlines.engine.bots import decide, policy_named
from faultlines.engine.debrief.episodes import find_episodes
from faultlines.engine.debrief.timeline import build_timeline
from faultlines.engine.debrief.typology import (
    TYPE_MARKS,
    TYPE_MEANINGS,
    TYPE_NAMES,
    TYPES,
    Dimensions,
    classify,
)
from faultlines.engine.game import Game
from faultlines.engine.moves import make
from faultlines.engine.table import Table


# -- the classifier on its own -------------------------------------------------------------------
def test_consultation_after_the_decision_is_false():
    d = Dimensions(inclusive=True, planned=True, significant=True, decided_beforehand=True)
    assert classify(d) == "false"


def test_backstage_deal_between_a_few_is_exclusive():
    assert classify(Dimensions(inclusive=False, planned=False, significant=True)) == "exclusive"
    assert classify(Dimensions(inclusive=False, planned=False, significant=False)) == "exclusive"


def test_scheduled_meeting_with_agenda_set_is_stage_managed():
    d = Dimensions(inclusive=True, planned=True, significant=True, agenda_set=True)
    assert classify(d) == "stage_managed"
    assert classify(Dimensions(inclusive=True, planned=True, significant=False)) == "stage_managed"


def test_issue_kept_off_the_table_is_non_negotiation():
    d = Dimensions(inclusive=False, planned=True, significant=True, kept_off=True)
    assert classify(d) == "non_negotiation"


def test_inclusive_significant_unsteered_is_open():
    assert classify(Dimensions(inclusive=True, planned=True, significant=True)) == "open"
    assert classify(Dimensions(inclusive=True, planned=False, significant=True)) == "open"


def test_every_type_is_named_marked_and_explained():
    assert set(TYPE_NAMES) == set(TYPE_MARKS) == set(TYPE_MEANINGS) == set(TYPES)
    assert len(set(TYPE_MARKS.values())) == len(TYPES)


# -- episodes found in played games ------------------------------------------------------------------
def play_until(case, kind: str, seed: int = 3) -> Game:
    """Play the skilled bot until the game reaches a stage of this kind."""
    game = Game(case, seed=seed)
    table, policy, rng = Table(game), policy_named("skilled"), np.random.default_rng([seed, 7])
    while game.stage.kind != kind:
        assert not game.over, f"the game ended before the {kind}"
        table.choose(decide(table, policy, rng))
    return game


def episodes(game: Game):
    log = game.full_log()
    return find_episodes(build_timeline(log, game.case))


def test_private_funds_deal_with_two_board_members_is_one_exclusive_episode(elm):
    game = Game(elm, seed=5)
    game.play(make("offer_funds", target="teaching"))
    game.play(make("offer_funds", target="commissioners"))
    deals = [e for e in episodes(game) if e.kind == "deal"]
    assert len(deals) == 1
    deal = deals[0]
    assert deal.type == "exclusive"
    assert set(deal.parties) == {"teaching", "commissioners"}
    assert not deal.inclusive and not deal.planned
    assert any("outside any forum" in line for line in deal.evidence)


def test_stage_managed_committee_and_the_component_kept_off(elm):
    game = play_until(elm, "committee")
    game.play(make("set_agenda"))
    game.play(make("keep_off", component="crisis"))
    game.play(make("call_decision"))
    eps = episodes(game)
    kept = [e for e in eps if e.kind == "agenda"]
    assert [e.type for e in kept] == ["non_negotiation"]
    assert "mental health crisis" in kept[0].title
    committee = [e for e in eps if e.kind == "forum" and "Committee" in e.title][-1]
    assert committee.type == "stage_managed"
    assert committee.inclusive and committee.planned and not committee.significant
    assert any("kept" in line and "off it" in line for line in committee.evidence)


@pytest.mark.parametrize("mode,expected", [("announce", "false"), ("genuine", "open")])
def test_consultation_after_a_decision_taken_in_advance(elm, mode, expected):
    game = play_until(elm, "consultation")
    assert game.state.decided_in_advance  # the scenario's merger was settled in private
    game.play(make("consult", mode=mode))
    while not game.over and game.stage.kind == "consultation":
        game.play(make("call_decision"))
    eps = episodes(game)
    offstage = [e for e in eps if e.kind == "offstage"]
    assert offstage and offstage[0].type == "exclusive"
    consult = [e for e in eps if e.kind == "consultation"]
    assert consult and consult[0].type == expected
    assert any("consultation as" in line for line in consult[0].evidence)


def test_consultation_after_decision_without_co_design_is_false(elm):
    """No consultation move at all, but the decision was taken beforehand: still false."""
    game = play_until(elm, "consultation")
    while not game.over and game.stage.kind == "consultation":
        game.play(make("call_decision"))
    consult = [e for e in episodes(game) if e.kind == "consultation"]
    assert consult and consult[0].type == "false"


def test_forum_decisions_are_planned_and_scheduled(elm):
    game = play_until(elm, "committee")
    board = [e for e in episodes(game) if e.kind == "forum"]
    assert board and all(e.planned for e in board)
    assert board[-1].type == "open" and board[-1].significant  # the Board agreed
    assert {"issues", "negotiators", "power", "visibility"} <= set(board[-1].context)
