"""Stakeholders act of their own accord (engine/agency.py): central actors through hidden
channels, marginal groups through formal routes (Waring, Bishop & Roe, Discussion); the
player sees public actions as news and backstage ones only through intelligence."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pytest
from faultlines.engine import agency
from faultlines.engine.case import load_case
from faultlines.engine.context import MoveContext
from faultlines.engine.debrief import analyse
from faultlines.engine.decision import tally
from faultlines.engine.domain import FORMAL_ROUTES, HIDDEN_CHANNELS
from faultlines.engine.errors import ScenarioError
from faultlines.engine.game import Game
from faultlines.engine.loader import parse_scenario
from faultlines.engine.moves import make
from faultlines.engine.simulate import game_seed, play_one
from faultlines.engine.stance import NAMES, Stances
from faultlines.engine.table import Table
from faultlines.engine.view import action_news
from faultlines.game.palette import Palette
from faultlines.game.text import event_html

from tests.test_flow import force, quiet
from tests.test_moves import to_stage

MINI = Path(__file__).parent / "fixtures" / "mini.yaml"


def ctx(game: Game) -> MoveContext:
    return game._context(len(game.moves))


def act(game: Game, sid: str, kind: str):
    """Have one person take one action now, as the month's end would; returns its event."""
    c = ctx(game)
    e = agency.perform(c, sid, kind)
    game.events += c.events
    game._cache.invalidate()
    return e


def only(monkeypatch, game: Game, sid: str, kind: str) -> None:
    """From now on, at each month's end, this person takes this action and nobody else acts
    (the month's draw is still made, as in play)."""
    pick = [(game.case.index[sid], agency.A[kind])]
    monkeypatch.setattr(agency, "choose", lambda p, u: pick)


def nobody(monkeypatch) -> None:
    """From now on nobody takes an action of their own."""
    monkeypatch.setattr(agency, "choose", lambda p, u: [])


def actions(game: Game) -> list:
    return [e for e in game.events if e.kind == "action"]


# -- who acts, and how ----------------------------------------------------------------------
def test_the_same_seed_and_moves_give_the_same_actions(elm):
    a, b = (play_one(elm, "skilled", game_seed(3, 0)).table for _ in range(2))
    assert [e.to_dict() for e in actions(a)] == [e.to_dict() for e in actions(b)]
    assert actions(a), "a skilled game of Elm meets some push-back"
    other = play_one(elm, "skilled", game_seed(3, 1)).table
    assert [e.to_dict() for e in actions(other)] != [e.to_dict() for e in actions(a)]


@pytest.mark.parametrize("scenario", ["elm", "willow", "oak"])
def test_central_actors_use_hidden_channels_and_marginal_groups_formal_routes(scenario):
    case = load_case(scenario)
    seen = set()
    for i in range(12):
        for policy in ("skilled", "random"):
            for e in actions(play_one(case, policy, game_seed(5, i), explain=False).table):
                position = case.stakeholder(e.data["actor"]).position
                kind = e.data["action"]
                if position == "central":
                    assert kind in HIDDEN_CHANNELS and e.data["channel"] == "hidden", kind
                elif position == "marginal":
                    assert kind in FORMAL_ROUTES and e.data["channel"] == "formal", kind
                    assert e.data["public"], "formal routes are taken in public"
                seen.add((position, e.data["channel"]))
    assert ("marginal", "formal") in seen and ("central", "hidden") in seen


def test_nobody_acts_in_the_briefing_or_in_a_hiatus(elm_game, monkeypatch):
    g = elm_game
    only(monkeypatch, g, "teaching", "complain")
    g.play(make("end_round"))  # the briefing's month
    assert not actions(g) and g.stage.kind == "board"
    g.state.stage, g.state.last_stage, g.state.hiatus_left = "hiatus", "board", 2
    g.play(make("end_round"))
    assert not actions(g)


def test_an_authored_repertoire_overrides_the_default_for_the_position():
    text = MINI.read_text()
    default = agency.repertoire_weights(_compiled(text))
    assert default[0, agency.A["lobby"]] == 1.0  # the hospital is central
    authored = _compiled(text.replace(
        "    evidence_need: 0.5\n",
        "    evidence_need: 0.5\n    repertoire: [complain, {demand: 2}]\n", 1))
    w = agency.repertoire_weights(authored)
    assert w[0, agency.A["complain"]] == 1.0 and w[0, agency.A["demand"]] == 2.0
    assert w[0].sum() == 3.0, "only what the author listed"
    assert (w[1] == default[1]).all(), "the others keep their position's default"
    silent = _compiled(text.replace("    evidence_need: 0.5\n",
                                    "    evidence_need: 0.5\n    repertoire: []\n", 1))
    assert not agency.repertoire_weights(silent)[0].any()


@pytest.mark.parametrize("entry, message", [
    ("[lobbby]", "unknown action 'lobbby'; choose from lobby, .*; did you mean 'lobby'\\?"),
    ("[{demand: 5}]", "the weight of demand must be a number from 0 to 3, got 5"),
    ("[lobby, lobby]", "action 'lobby' is listed twice in this repertoire"),
])
def test_a_bad_repertoire_entry_is_one_line_naming_file_line_and_field(entry, message):
    text = MINI.read_text().replace(
        "    evidence_need: 0.5\n", f"    evidence_need: 0.5\n    repertoire: {entry}\n", 1)
    line = text.splitlines().index(f"    repertoire: {entry}") + 1
    with pytest.raises(ScenarioError) as err:
        parse_scenario(text, "mini.yaml")
    assert len(err.value.problems) == 1
    assert re.fullmatch(rf"mini\.yaml:{line}:\d+: stakeholders\[0\]\.repertoire\[\d\]: "
                        + message, err.value.problems[0]), err.value.problems[0]


def _compiled(text: str):
    from faultlines.engine.case import compile_case

    return compile_case(parse_scenario(text, "mini.yaml"))


# -- hidden channels -------------------------------------------------------------------------
def test_a_side_deal_settles_its_component_and_a_later_forum_only_ratifies_it():
    g = to_stage(Game(load_case("oak"), seed=2), "committee")
    e = act(g, "oncology", "side_deal")
    comp = e.data["effects"]["settled"]
    partner = g.case.stakeholder(e.data["effects"]["partner"])
    assert partner.position == "central" or (partner.controls and partner.position != "marginal")
    assert not e.data["public"]
    assert comp in g.state.settled and "side deal" in g.state.settled[comp]
    deal = g.state.episodes[-1]
    assert deal.type == "exclusive" and deal.setting == "backstage" and deal.components == (comp,)
    assert e.data["effects"]["support"]["oncology"] > 0, "the deal eases their own loss"
    to_stage(g, "consultation")  # the committee passes
    ratified = [ep for ep in g.state.episodes if ep.stage == "committee"
                and ep.setting == "forum" and comp in ep.components]
    assert [ep.type for ep in ratified] == ["false"]


def test_a_withdrawal_threat_makes_its_author_block_unless_air_cover_holds(elm_game):
    g = to_stage(elm_game, "committee")
    st, case = g.state, g.case
    assert not case.vetoes["committee"][case.index["teaching"]]
    e = act(g, "teaching", "threaten_withdrawal")
    assert st.threats == {"teaching": "committee"} and e.data["effects"]["threat"]
    total = np.full(case.n, 0.5)
    total[case.index["teaching"]] = -0.4
    stances = Stances(total=total, matrix=np.zeros((len(NAMES), case.n)))
    d = tally(case, st, stances, g.forum())
    assert d.result == "blocked" and d.blockers == ["teaching"]
    st.air_cover = True  # the Board stands behind you: only a firmer opponent carries it out
    assert tally(case, st, stances, g.forum()).result == "passed"
    total[case.index["teaching"]] = -0.6
    assert tally(case, st, stances, g.forum()).blockers == ["teaching"]
    quiet(g)
    g.play(make("call_decision"))  # the decision it was made for: carried out or not, it lapses
    assert st.threats == {}


def test_air_cover_blunts_lobbying(elm_game):
    g = to_stage(elm_game, "committee")
    force(g, "teaching", -0.8)
    covered = Game.from_save(g.case, g.to_save())
    covered.state.air_cover = True
    covered._cache.invalidate()
    plain = act(g, "teaching", "lobby").data["effects"]["support"]["general"]
    shielded = act(covered, "teaching", "lobby").data["effects"]["support"]["general"]
    assert plain < shielded < 0
    assert shielded == pytest.approx(plain / 2, rel=0.05)


def test_a_demand_is_put_to_you_and_an_offer_meets_it(elm_game):
    g = to_stage(elm_game, "committee")
    force(g, "teaching", -0.2)
    g.state.stake_mod[g.case.index["teaching"]] -= 0.5  # a heavy loss, uncompensated
    g._cache.invalidate()
    e = act(g, "teaching", "demand")
    assert e is not None and e.data["seen"] and not e.data["public"]
    d = g.state.demands[-1]
    assert d.by == ("teaching",) and d.beneficiary == "teaching" and not d.met
    before = g.stances().part("demand")[g.case.index["teaching"]]
    assert before < 0
    g.play(make(d.requires, target="teaching"))
    assert g.state.demands[-1].met
    assert act(g, "teaching", "demand") is None, "one demand of their own per game"


def test_a_delay_adds_a_round_once_per_stage(elm_game, monkeypatch):
    g = to_stage(elm_game, "committee")
    quiet(g)
    force(g, "teaching", -0.6)
    g.state.round = 3  # the committee's last round: it decides as this month ends
    only(monkeypatch, g, "teaching", "delay")
    g.play(make("end_round"))
    assert g.stage.id == "committee" and g.state.round == 4
    assert actions(g)[-1].data["public"] and actions(g)[-1].data["action"] == "delay"
    g.play(make("end_round"))
    assert [e.data["action"] for e in actions(g)] == ["delay"]
    assert any(e.kind == "decision" for e in g.events)


# -- formal routes ------------------------------------------------------------------------------
def test_a_group_left_off_the_committee_asks_for_a_seat_and_grows_aggrieved_until_seated(
        elm_game, monkeypatch):
    g = to_stage(elm_game, "committee")
    case = g.case
    outside = [s.id for s in case.scenario.stakeholders if s.position == "marginal"
               and not g.forum()[case.index[s.id]]
               and np.abs(case.stakes[case.index[s.id]]).max() >= 0.15]
    if not outside:
        pytest.skip("every affected marginal group already sits on Elm's committee")
    sid = outside[0]
    i = case.index[sid]
    quiet(g)
    only(monkeypatch, g, sid, "ask_for_seat")
    g.play(make("end_round"))
    assert g.state.seat_asked[i] and actions(g)[-1].data["public"]
    nobody(monkeypatch)
    g.state.round = 1
    before = g.state.grievance[i]
    g.play(make("end_round"))
    assert g.state.grievance[i] == pytest.approx(before + agency.T.seat.grievance)
    g.play(make("reconstitute"))
    while g.state.capacity > 0 and g.stage.id == "committee":
        g.play(make("end_round"))
    assert g.state.grievance[i] == pytest.approx(before + agency.T.seat.grievance), \
        "seated: it stops growing"


def test_a_referral_at_the_consultation_raises_the_bar_and_can_reopen_the_committee(elm_game):
    g = to_stage(elm_game, "consultation")
    quiet(g)
    case, st = g.case, g.state
    st.consultation = "false"  # announced: those who expected a say have grounds
    who = next(s.id for s in case.scenario.stakeholders if s.position == "marginal"
               and s.sector in ("patients", "voluntary", "primary_care", "community"))
    credibility = st.credibility
    e = act(g, who, "refer_to_scrutiny")
    assert e.data["public"] and e.data["effects"]["ground"] == "announced"
    assert st.credibility < credibility
    assert Table(g).view.support_needed == pytest.approx(
        case.stage("consultation").threshold + agency.T.scrutiny.threshold)
    assert act(g, who, "refer_to_scrutiny") is None, "the same grounds are used once"
    _support_share(g, case.stage("consultation").threshold)
    g.play(make("call_decision"))
    decision = [x for x in g.events if x.kind == "decision"][-1]
    assert decision.data["result"] == "failed" and decision.data["share"] >= \
        case.stage("consultation").threshold
    assert g.stage.id == "committee", "the failed consultation re-opens the committee"


def _support_share(g: Game, share: float) -> None:
    """Make just over `share` of the forum's weight support, the heaviest first (the rest
    undecided)."""
    case = g.case
    forum = g.forum()
    weight = case.influence * forum
    g.state.pressure[:] = 0.0
    g._cache.invalidate()
    g.state.pressure[:] = -g.stances().total  # everyone undecided...
    got = 0.0
    for i in np.argsort(-case.influence):
        if forum[i] and got / weight.sum() < share:
            g.state.pressure[i] += 0.5  # ...but the heaviest, who support
            got += weight[i]
    g._cache.invalidate()


# -- what the player sees ----------------------------------------------------------------------
def test_backstage_actions_stay_out_of_the_view_until_you_have_intelligence(elm_game):
    g = to_stage(elm_game, "committee")
    force(g, "teaching", -0.8)
    t = Table(g)
    e = act(g, "teaching", "lobby")
    assert not e.data["public"] and not e.data["seen"]
    t._view = None
    assert all(a.actor != "teaching" for a in t.view.actions)
    assert event_html(e, t.view, Palette()) is None
    assert action_news(e) is None
    public = act(g, "vcs", "complain")
    t._view = None
    assert [a.action for a in t.view.actions] == ["complain"]
    assert event_html(public, t.view, Palette())
    t.choose("backstage", target="teaching")  # intelligence on her: now you know
    assert [a.action for a in t.view.actions] == ["lobby", "complain"]
    later = act(g, "teaching", "lobby")
    assert later.data["seen"] and action_news(later).startswith("Through your contacts")
    assert len(t.revealed().actions) == 3


def test_the_terminal_prints_public_actions_and_keeps_backstage_ones_hidden(elm_game):
    from faultlines.game.terminal import TextGame

    g = to_stage(elm_game, "committee")
    force(g, "teaching", -0.8)
    lines: list[str] = []
    term = TextGame(Table(g))
    term.say = lines.append
    term.show([act(g, "teaching", "lobby"), act(g, "vcs", "complain")])
    assert len(lines) == 1 and "formal complaint" in lines[0]


def test_a_known_threat_shows_on_the_radar_as_a_possible_block(elm_game):
    g = to_stage(elm_game, "committee")
    force(g, "teaching", -0.8)
    act(g, "teaching", "threaten_withdrawal")
    i = g.case.index["teaching"]
    assert not Table(g).radar().can_block[i], "hidden: you do not know of it"
    g.state.revealed[i] = 1.0
    assert Table(g).radar().can_block[i]


# -- the debrief ----------------------------------------------------------------------------------
def test_the_debrief_says_whose_action_turned_someone_against_the_plan(elm_game, monkeypatch):
    g = to_stage(elm_game, "committee")
    quiet(g)
    force(g, "teaching", -0.9)
    only(monkeypatch, g, "teaching", "lobby")
    g.play(make("end_round"))
    lobbying = actions(g)[-1]
    moved = lobbying.data["effects"]["support"]
    assert moved["general"] < -0.04
    d = analyse(g.full_log(), g.case)
    arc = next(a for a in d.arcs if a.id == "general")
    push = next(p for p in arc.biggest if p.delta < 0)
    assert push.move_text.startswith(g.case.name("teaching") + "'s lobbying behind the scenes")
    cause = next(c for c in d.causes if c.kind == "action")
    assert cause.text == lobbying.text and any("Behind the scenes" in b for b in cause.because)


def test_the_window_shows_public_actions_as_news_and_keeps_backstage_ones_out(app):
    from tests.test_window import driver, to_table

    d = driver(app)
    to_table(app, d)
    session = app.session
    g = to_stage(Game(session.case, seed=3), "committee")
    force(g, "teaching", -0.8)
    hidden, public = act(g, "teaching", "lobby"), act(g, "vcs", "complain")
    scene = app.top
    overlays = scene.build_overlays([hidden, public])
    assert len(overlays) == 1 and overlays[0].events == [public]
    app.push(overlays[0])
    d.pump(2)
    assert "formal complaint" in overlays[0].main_box.html_text
