"""The doorway (engine/table.py): what a host can see and do, one call that advances the
game, undo in practice, and saves and logs that bring back the same game."""

from __future__ import annotations

import pytest
from faultlines.engine.errors import IllegalMove
from faultlines.engine.game import Game
from faultlines.engine.moves import MOVE_TYPES, make
from faultlines.engine.table import Table

from tests.test_moves import to_stage


@pytest.fixture
def table(elm):
    return Table.open(elm, seed=11)


def test_choices_list_every_move_with_family_cost_and_reason(table):
    by_kind = {c.kind: c for c in table.choices()}
    assert list(by_kind) == list(MOVE_TYPES)
    one = by_kind["one_to_one"]
    assert (one.family, one.cost_text, one.params, one.available) == \
        ("listening", "1", ("target",), True)
    consult = by_kind["consult"]
    assert consult.cost_text == "1 or 2" and consult.modes == ("genuine", "announce")
    assert "consultation stage" in consult.reason and not consult.available
    assert "not yet endorsed" in by_kind["air_cover"].reason
    assert [c.kind for c in table.view.moves] == list(by_kind)  # the view shows the same


def test_the_consultation_costs_one_or_two_as_its_choice_says(elm):
    for mode, cost in (("announce", 1), ("genuine", 2)):
        t = Table(to_stage(Game(elm, seed=3), "consultation"))
        choice = next(c for c in t.choices() if c.kind == "consult")
        assert choice.available and (choice.cost, choice.cost_max) == (1, 2)
        assert t.options("consult") == {"genuine": None, "announce": None}
        capacity = t.view.capacity
        act = t.choose(choice, mode=mode)[0]
        assert act.data["cost"] == cost and t.view.capacity == capacity - cost


def test_options_for_a_two_person_move_offer_only_people_it_can_pair(table):
    first = table.options("dialogue")
    assert set(first) == set(table.case.ids)
    ok = [sid for sid, why in first.items() if why is None]
    refused = [sid for sid, why in first.items() if why is not None]
    assert ok and refused
    for sid in ok:  # a first person is offered only if some second person completes the move
        second = table.options("dialogue", target=sid)
        assert second[sid] == "Choose two different people."
        assert any(why is None for why in second.values())
    for sid in refused:
        assert all(why is not None for why in table.options("dialogue", target=sid).values())
        assert "no conflict" in first[sid]
    pair = next(o for o, why in table.options("dialogue", target=ok[0]).items() if why is None)
    assert table.check("dialogue", target=ok[0], other=pair) is None
    assert table.options("dialogue", target=ok[0], other=pair) == {}  # nothing left to choose


def test_check_gives_the_players_reason_and_changes_nothing(table):
    before = table.digest()
    assert table.check("one_to_one", target="teaching") is None
    assert table.check("one_to_one") == "Choose a person for One-to-one meeting."
    assert table.check("one_to_one", target="nobody") == "There is no stakeholder 'nobody'."
    assert "not yet endorsed" in table.check("air_cover")
    assert table.check("bribe") == "There is no move called 'bribe'."
    assert table.check(make("one_to_one", target="teaching")) is None
    assert table.digest() == before and table.moves == ()


@pytest.mark.parametrize("params, reason", [
    ({"target": "teaching", "component": "crisis"}, "One-to-one meeting takes no plan component."),
    ({"target": "teaching", "mode": "genuine"}, "One-to-one meeting takes no mode."),
    ({"colour": "red"}, "One-to-one meeting: unexpected move fields ['colour']."),
])
def test_extraneous_parameters_are_refused_with_a_reason(table, params, reason):
    with pytest.raises(IllegalMove) as err:
        table.choose("one_to_one", **params)
    assert err.value.reason == reason
    assert table.moves == ()


def test_illegal_moves_are_refused_and_leave_the_game_as_it_was(table):
    before = table.digest()
    with pytest.raises(IllegalMove, match="consultation stage"):
        table.choose("consult", mode="genuine")
    with pytest.raises(IllegalMove, match="There is no move called 'bribe'"):
        table.choose("bribe")
    with pytest.raises(IllegalMove, match="parameters once"):
        table.choose(make("one_to_one", target="teaching"), target="mhcp")
    assert table.digest() == before and table.moves == () and table.events[-1].kind == "snapshot"


def test_choose_advances_the_game_and_refreshes_the_view(table):
    view = table.view
    assert table.view is view  # cached while nothing changes
    events = table.choose("one_to_one", target="teaching")
    assert events[0].kind == "act" and events[0].data["move_kind"] == "one_to_one"
    assert table.view is not view and table.view.capacity == view.capacity - 1
    assert table.view.person("teaching").drivers  # listening revealed them
    assert table.moves == ({"kind": "one_to_one", "target": "teaching"},)


def test_undo_only_in_practice_and_only_with_a_move_to_undo(elm):
    t = Table.open(elm, seed=11)
    t.choose("one_to_one", target="teaching")
    assert "practice mode" in t.can_undo()
    with pytest.raises(IllegalMove, match="practice mode"):
        t.undo()
    p = Table.open(elm, seed=11, practice=True)
    assert p.can_undo() == "There is no move to undo yet."
    start = p.digest()
    p.choose("one_to_one", target="teaching")
    after_one = p.digest()
    p.choose("challenge", target="teaching")
    p.undo()
    assert p.digest() == after_one and len(p.moves) == 1
    p.undo()
    assert p.digest() == start and p.view.capacity == p.view.capacity_max


def test_save_and_restore_resume_the_same_game(elm):
    t = Table.open(elm, seed=7, difficulty="hard")
    for kind, params in (("one_to_one", {"target": "mhcp"}), ("end_round", {})):
        t.choose(kind, **params)
    back = Table.restore(elm, t.save())
    assert back.digest() == t.digest() and back.difficulty == "hard" and back.seed == 7
    assert [c.reason for c in back.choices()] == [c.reason for c in t.choices()]
    a = t.choose("town_hall")
    assert back.check("town_hall") is None  # the restored game shares nothing with this one
    b = back.choose("town_hall")
    assert [e.to_dict() for e in a] == [e.to_dict() for e in b]  # same dice after the save


def test_the_log_replays_to_the_same_game_at_any_move(elm):
    t = Table.open(elm, seed=5)
    digests = [t.digest()]
    for kind, params in (("one_to_one", {"target": "gps"}), ("big_picture", {}),
                         ("end_round", {})):
        t.choose(kind, **params)
        digests.append(t.digest())
    log = t.log()
    assert log["abandoned"] and log["moves"] == list(t.moves) and log["seed"] == 5
    for k, digest in enumerate(digests):
        assert Table.replayed(elm, log, upto=k).digest() == digest
    whole = Table.replayed(elm, log)
    assert whole.history == t.history and whole.events == t.events


def test_a_finished_games_log_is_not_abandoned(elm):
    t = Table.open(elm, seed=5)
    while not t.over:
        t.choose("end_round")
    log = t.log()
    assert t.outcome in ("stalled", "collapsed") and log["outcome"] == t.outcome
    assert not log["abandoned"]
    assert t.check("one_to_one", target="gps") == "The game is over."
    assert all(not c.available for c in t.choices())


def test_revealed_shows_what_the_players_view_hides(table):
    hidden = table.view.person("teaching")
    shown = table.revealed().person("teaching")
    assert hidden.drivers is None and hidden.uncertainty > 0
    assert shown.drivers and shown.uncertainty == 0
    assert table.radar().known.sum() == 0  # the bots' arrays hide the same as the view
