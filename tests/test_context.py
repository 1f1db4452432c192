"""What a rule may read and change while it runs (engine/context.py): events stamped with
where and during which move they happened, stances derived once until something changes,
and who decides at the stage in play."""

from __future__ import annotations

from faultlines.engine.context import StanceCache, forum_of
from faultlines.engine.disputes import Demand
from faultlines.engine.moves import make

from tests.test_flow import everyone, force, quiet
from tests.test_moves import to_stage


def ctx(game):
    return game._context(len(game.moves))


def test_an_event_says_where_and_during_which_move_it_happened(elm_game):
    g = to_stage(elm_game, "board")
    c = ctx(g)
    e = c.event("warning", "Mind the gap.", who="gps")
    assert (e.stage, e.round, e.move, e.data) == ("board", 1, len(g.moves), {"who": "gps"})


def test_stances_are_derived_once_until_the_state_changes(elm_game):
    cache = StanceCache(elm_game.case)
    st = elm_game.state
    first = cache.get(st)
    assert cache.get(st) is first
    st.pressure[0] += 0.5
    assert cache.get(st) is first  # a rule must say it changed the state...
    cache.invalidate()
    fresh = cache.get(st)
    assert fresh is not first and fresh.total[0] > first.total[0]  # ...and then it shows
    assert cache.get(st.copy()) is not fresh  # another state has its own stances


def test_meeting_a_demand_replaces_only_the_matching_records(elm_game):
    st = elm_game.state
    role = Demand(event="a", by=("asc_city",), requires="offer_role",
                  beneficiary="social_enterprise", amount=0.4)
    funds = Demand(event="b", by=("gps",), requires="offer_funds", beneficiary=None,
                   amount=0.2)
    st.demands = [role, funds]
    ctx(elm_game).meet_demands("offer_role", "social_enterprise")
    assert [d.met for d in st.demands] == [True, False]
    assert not role.met  # the old record is untouched: demands are immutable


def test_during_the_briefing_the_forum_is_the_boards(elm_game):
    g = elm_game
    assert (forum_of(g.case, g.state) == g.case.forums["board"]).all()
    assert (ctx(g).forum() == g.case.forums["board"]).all()


def test_a_committee_counts_whoever_the_director_added_to_it(elm_game):
    g = to_stage(elm_game, "committee")
    outside = int((~g.case.forums["committee"]).nonzero()[0][0])
    g.state.forum_extra[outside] = True
    assert ctx(g).forum()[outside]


def test_while_paused_the_stage_is_where_play_stopped(elm_game):
    g = to_stage(elm_game, "committee")
    quiet(g)
    everyone(g, 1.0)
    force(g, "mhcp", -2.0)
    g.play(make("call_decision"))
    c = ctx(g)
    assert g.state.stage == "hiatus" and c.stage.id == "committee"
    assert (c.forum() == g.case.forums["committee"] | g.state.forum_extra).all()
