"""The player's view (engine/view.py): the political radar shows what a director could
know - public facts, noisy estimates, drivers only after listening - and nothing more."""

from __future__ import annotations

import numpy as np
import pytest
from faultlines.engine.decision import tally
from faultlines.engine.game import Game
from faultlines.engine.moves import make
from faultlines.engine.view import build_radar, build_view


def test_view_hides_drivers_until_listening(elm_game):
    g = elm_game
    p = build_view(g).person("teaching")
    assert p.drivers is None and p.stakes is None and p.uncertainty > 0
    hidden = dict(p.why)
    assert hidden["values"] is None and hidden["stake"] is None
    assert hidden["vision"] is not None  # public contributions are always shown
    g.play(make("one_to_one", target="teaching"))
    p = build_view(g).person("teaching")
    assert p.drivers and p.stakes and dict(p.why)["values"] is not None
    assert p.uncertainty < 0.2


def test_once_drivers_are_known_the_card_adds_up_to_the_stance_it_shows(elm_game):
    g = elm_game
    g.play(make("one_to_one", target="teaching"))
    i = g.case.index["teaching"]
    p = build_view(g).person("teaching")
    assert p.estimate == g.stances().total[i] and p.uncertainty == 0
    assert sum(v for _, v in p.why) == pytest.approx(p.estimate)


def test_radar_never_exposes_hidden_drivers(elm_game):
    r = build_radar(elm_game)
    assert np.isnan(r.stakes).all() and np.isnan(r.interests).all()
    assert np.isnan(r.evidence_need).all()
    true = elm_game.stances().total
    assert not np.allclose(r.estimate, true)


def test_revealed_view_shows_true_stances_and_every_driver(elm_game):
    v = build_view(elm_game, reveal=True)
    true = elm_game.stances().total
    for i, p in enumerate(v.people):
        assert p.estimate == true[i] and p.uncertainty == 0 and p.drivers
        assert all(value is not None for _, value in p.why)
    hidden = build_view(elm_game)
    assert hidden.person("teaching").drivers is None  # play never reveals by default


def test_during_the_briefing_the_view_reads_the_room_of_the_board_to_come(elm_game):
    g = elm_game
    v = build_view(g)
    board = g.case.stage("board")
    assert v.stage == "briefing" and v.support_needed == board.threshold
    assert {p.id for p in v.people if p.in_forum} == \
        {sid for sid, on in zip(g.case.ids, g.case.forums["board"], strict=True) if on}
    truth = tally(g.case, g.state, g.stances(), g.forum())
    assert build_view(g, reveal=True).support_estimate == pytest.approx(truth.share)
    assert 0.0 <= v.support_estimate <= 1.0


def test_hints_only_where_the_difficulty_or_the_case_gives_them(elm, tutorial):
    assert build_view(Game(elm, seed=1, difficulty="guided")).hint
    assert build_view(Game(elm, seed=1)).hint is None
    assert build_view(Game(tutorial, seed=1, difficulty="hard")).hint  # always, there


def test_the_view_lists_the_moves_as_the_choices_give_them(elm_game):
    v = build_view(elm_game)
    consult = next(m for m in v.moves if m.kind == "consult")
    assert consult.cost_text == "1 or 2" and "consultation stage" in consult.reason
    assert (v.capacity, v.calendar, v.round, v.rounds) == \
        (elm_game.state.capacity, elm_game.state.calendar, 1, 1)
