"""What the player can do now (engine/choices.py): every move with its family, cost or cost
range and, when it is unavailable, the reason in the player's words; and the targeting step,
which offers each value of the next parameter with None or the reason it will not do."""

from __future__ import annotations

from dataclasses import replace

import pytest
from faultlines.engine.choices import Choice, candidates, choices, options
from faultlines.engine.moves import MOVE_TYPES, make


def ctx(game):
    return game._context(len(game.moves))


def test_every_move_in_the_palettes_order_with_its_family(elm_game):
    listed = choices(ctx(elm_game))
    assert [c.kind for c in listed] == list(MOVE_TYPES)
    for c in listed:
        cls = MOVE_TYPES[c.kind]
        assert (c.family, c.label, c.params, c.modes) == (cls.family, cls.label, cls.params,
                                                          cls.modes)


def test_unavailable_moves_carry_their_reason(elm_game):
    reasons = {c.kind: c.reason for c in choices(ctx(elm_game))}
    assert reasons["one_to_one"] is None
    assert "consultation stage" in reasons["consult"]
    assert "not yet endorsed" in reasons["air_cover"]


def test_a_move_the_team_cannot_afford_says_what_it_needs(elm_game):
    g = elm_game
    for sid in g.case.ids[:g.state.capacity - 1]:  # one unit of capacity left
        g.play(make("one_to_one", target=sid))
    reasons = {c.kind: c.reason for c in choices(ctx(g))}
    assert reasons["co_write_case"] == "Needs 2 team capacity; you have 1 left this round."
    assert reasons["one_to_one"] is None and reasons["town_hall"].startswith("Needs 2")


def test_cost_text_shows_one_cost_or_the_range():
    def choice(cost, cost_max):
        return Choice(kind="consult", family="process", label="", help="", source="", cost=cost,
                      cost_max=cost_max, params=(), modes=(), reason=None)

    assert choice(1, 1).cost_text == "1" and choice(1, 2).cost_text == "1 or 2"
    assert choice(1, 1).available and not replace(choice(1, 1), reason="No.").available


def test_a_choice_becomes_the_move_with_the_parameters_chosen(elm_game):
    one = next(c for c in choices(ctx(elm_game)) if c.kind == "one_to_one")
    assert one.move(target="gps") == make("one_to_one", target="gps")


def test_options_name_why_a_person_will_not_do(elm_game):
    c = ctx(elm_game)
    backstage = next(x for x in choices(c) if x.kind == "backstage")
    assert backstage.available  # the move is possible with the right person...
    offered = options(c, "backstage")
    low = [sid for sid, i in elm_game.case.index.items() if elm_game.case.influence[i] < 0.45]
    assert low and all("not influential enough" in offered[sid] for sid in low)
    assert offered["teaching"] is None  # ...influential enough to be worth it


def test_options_list_every_candidate_of_the_next_parameter(elm_game):
    c = ctx(elm_game)
    assert set(options(c, "evidence_case")) == set(elm_game.case.components)
    assert tuple(options(c, "consult")) == ("genuine", "announce")
    assert options(c, "one_to_one", target="gps") == {}  # nothing left to choose
    assert candidates(c, "dialogue", "other") == elm_game.case.ids
    with pytest.raises(ValueError, match="no parameter 'colour'"):
        candidates(c, "one_to_one", "colour")
