"""Moves work on the fault-line they address: compensation answers a loss only in the R it
is paid in, a broad vision only a gap in values, a coalition counteracts the powerful, and
damaged relationships have effects (Waring et al. 2023, Findings and Discussion)."""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest
from faultlines.engine import fault_lines
from faultlines.engine.bots import make
from faultlines.engine.case import load_case
from faultlines.engine.decision import tally
from faultlines.engine.fault_lines import RELATIONSHIPS, RESOURCES, ROLES
from faultlines.engine.game import Game
from faultlines.engine.state import GameState
from faultlines.engine.table import Table
from faultlines.engine.tuning import TUNING


@cache
def _case(name):
    return load_case(name)


def fresh(name: str) -> Game:
    return Table.open(_case(name), seed=1)._game


def at_board(name: str) -> Game:
    g = fresh(name)
    g.play(make("end_round"))
    assert g.stage.kind == "board"
    return g


def compensation_part(g: Game, sid: str) -> float:
    return float(g.stances().part("compensation")[g.case.index[sid]])


def test_a_loss_lies_in_the_rs_its_components_issues_put_at_stake():
    g = fresh("elm")
    lost = fault_lines.losses(g.case, g.state, g.stances().part("stake"))
    gps = lost[g.case.index["gps"]]  # loses from the commissioning merger (governance)
    assert gps[ROLES] + gps[1] > 0.05 and gps[RESOURCES] == 0.0
    stake = g.stances().part("stake")
    assert np.allclose(lost.sum(axis=1), np.maximum(-stake, 0.0))


def test_money_does_not_buy_off_a_loss_of_say_but_a_role_answers_it():
    """Elm's GPs lose say over commissioning, not money: transitional funds barely move
    them and the narrative says why; a leadership role answers the loss."""
    funded, given_role = at_board("elm"), at_board("elm")
    before = compensation_part(funded, "gps")
    events = funded.play(make("offer_funds", target="gps"))
    paid = compensation_part(funded, "gps") - before
    given_role.play(make("offer_role", target="gps"))
    answered = compensation_part(given_role, "gps") - before
    assert paid <= TUNING.stance.compensation_goodwill + 1e-9
    assert answered > paid + 0.03
    text = " ".join(e.text for e in events)
    assert "responsibilities" in text and "roles" in text and "money does not answer" in text


def test_a_role_does_not_answer_a_loss_of_budget_but_money_does():
    funded, given_role = at_board("oak"), at_board("oak")
    before = compensation_part(funded, "commissioner")
    funded.play(make("offer_funds", target="commissioner"))
    events = given_role.play(make("offer_role", target="commissioner"))
    assert compensation_part(funded, "commissioner") - before > \
        compensation_part(given_role, "commissioner") - before + 0.03
    assert "a role does not answer" in " ".join(e.text for e in events)


def test_a_vision_speech_closes_a_values_gap_not_a_loss():
    """The big picture lifts those whose values sit apart from the plan; for someone who
    shares the values but loses budget it is worth only a little goodwill."""
    g = at_board("oak")
    s = g.stances()
    g.play(make("big_picture"))
    vision = g.stances().part("vision")
    apart = int(np.argmin(s.part("values")))  # furthest from the plan in values
    aligned = [i for i in range(g.case.n) if s.part("values")[i] > 0.1]
    assert vision[apart] == pytest.approx(g.state.vision[apart])
    assert all(vision[i] <= TUNING.fault_lines.vision_goodwill + 1e-9 for i in aligned)


def test_a_dialogue_mends_what_each_side_stood_to_lose_in_relationships():
    g = fresh("willow")
    a, b = "ashworth", "barnham"
    g.play(make("dialogue", target=a, other=b))
    for sid in (a, b):
        assert g.state.offset[g.case.index[sid], RELATIONSHIPS] == \
            pytest.approx(TUNING.fault_lines.dialogue_relationship)


def test_compensating_one_partner_damages_their_rivals_relationship_with_them():
    g = at_board("willow")
    i, j = g.case.index["barnham"], g.case.index["ashworth"]
    before = g.state.conflict[i, j]
    assert before > 0
    g.play(make("offer_role", target="barnham"))
    assert g.state.conflict[i, j] == g.state.conflict[j, i] == pytest.approx(
        min(1.0, before + TUNING.fault_lines.passed_over_rivalry))


def test_the_radar_shows_what_is_at_stake_in_each_r_only_once_known():
    g = fresh("elm")
    t = Table.restore(g.case, Table.open(g.case, seed=1).save())
    r = t.radar()
    i = g.case.index["gps"]
    assert not r.known[i] and np.isnan(r.at_stake[i]).all()
    t.choose(make("one_to_one", target="gps"))
    r = t.radar()
    assert r.known[i] and r.at_stake[i][ROLES] > 0 and r.at_stake[i][RESOURCES] == 0


def test_a_save_from_before_offsets_loads_with_none_offered():
    g = fresh("elm")
    data = g.state.to_dict()
    del data["offset"]
    st = GameState.from_dict(data)
    assert st.offset.shape == (g.case.n, 4) and not st.offset.any()


def test_a_coalition_of_marginal_groups_counteracts_a_powerful_blocker():
    """A Willow hospital not on side would block the committee; with the marginal groups
    standing together behind the plan, only firmer opposition still blocks."""
    g = fresh("willow")
    case, st = g.case, g.state
    st.stage = "committee"
    ash = case.index["barnham"]  # holds a veto at the committee
    s = g.stances()
    total = s.total.copy()
    total[ash] = case.scenario.rules.block_at - 0.05  # just past the blocking line
    forced = type(s)(total=total, matrix=s.matrix)
    alone = tally(case, st, forced, g.forum())
    assert "barnham" in alone.blockers and alone.result == "blocked"
    st.coalition[case.marginal] = True
    together = tally(case, st, forced, g.forum())
    assert "barnham" not in together.blockers and "barnham" in together.outweighed
    total[ash] = case.scenario.rules.block_at - 1.0  # implacable: still blocks
    firm = tally(case, st, type(s)(total=total, matrix=s.matrix), g.forum())
    assert "barnham" in firm.blockers


def test_a_known_persons_card_says_what_would_answer_their_loss():
    """After listening, the card names the Rs a person loses in and which offer answers it,
    so the player can choose the move that works on that fault-line."""
    t = Table.open(_case("elm"), seed=3)
    assert all(p.at_stake is None for p in t.view.people)  # nothing known yet
    t.choose(make("one_to_one", target="gps"))
    t.choose(make("one_to_one", target="mhcp"))
    cards = {p.id: p.at_stake for p in t.view.people}
    assert "a leadership role would answer it; money would not" in cards["gps"]
    assert "money would answer it; a leadership role would not" in cards["mhcp"]
