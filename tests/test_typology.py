"""The typology's words (engine/debrief/typology.py) and how the debrief reads a game's
negotiation episodes (engine/debrief/episodes.py): the episodes the engine recorded as they
happened, read and never re-derived; an older log's reconstructed by the older rule, and
marked as such. The engine's own classification of the papers' episodes is tested in
tests/test_negotiation.py."""

from __future__ import annotations

import copy
import json

import numpy as np
import pytest
from faultlines.engine.bots import decide as decide_move
from faultlines.engine.bots import policy_named
from faultlines.engine.debrief import analyse
from faultlines.engine.debrief.episodes import RECONSTRUCTED, find_episodes, is_recorded
from faultlines.engine.debrief.summary import summarise
from faultlines.engine.debrief.timeline import build_timeline
from faultlines.engine.debrief.typology import (
    OUTSIDE_NAME,
    TYPE_MARKS,
    TYPE_MEANINGS,
    TYPE_NAMES,
    TYPES,
    Dimensions,
    classify,
    type_mark,
    type_name,
)
from faultlines.engine.game import Game
from faultlines.engine.moves import make
from faultlines.engine.negotiation import Episode as Recorded
from faultlines.engine.table import Table
from faultlines.game.report.debrief_page import render_debrief
from faultlines.game.report.text import render_text

from tests.test_negotiation import arrive, decide


# -- the typology's words --------------------------------------------------------------------------
def test_every_type_is_named_marked_and_explained():
    assert set(TYPE_NAMES) == set(TYPE_MARKS) == set(TYPE_MEANINGS) == set(TYPES)
    assert len({*TYPE_MARKS.values(), type_mark(None)}) == len(TYPES) + 1
    assert type_name(None) == OUTSIDE_NAME and type_name("false") == "False negotiation"


def test_open_is_marked_as_our_addition_wherever_types_are_explained():
    assert "our own label" in TYPE_MEANINGS["open"].lower()
    assert "backstage" in TYPE_MEANINGS["false"]  # a forum ratifying a deal is false too


# -- the older rule, for logs written before the engine recorded episodes -----------------------------
def test_older_rule_consultation_after_the_decision_is_false():
    d = Dimensions(inclusive=True, planned=True, significant=True, decided_beforehand=True)
    assert classify(d) == "false"


def test_older_rule_backstage_deal_between_a_few_is_exclusive():
    assert classify(Dimensions(inclusive=False, planned=False, significant=True)) == "exclusive"


def test_older_rule_scheduled_meeting_with_agenda_set_is_stage_managed():
    d = Dimensions(inclusive=True, planned=True, significant=True, agenda_set=True)
    assert classify(d) == "stage_managed"
    assert classify(Dimensions(inclusive=True, planned=True, significant=False)) == "stage_managed"


def test_older_rule_issue_kept_off_the_table_is_non_negotiation():
    d = Dimensions(inclusive=False, planned=True, significant=True, kept_off=True)
    assert classify(d) == "non_negotiation"


def test_older_rule_inclusive_significant_unsteered_is_open():
    assert classify(Dimensions(inclusive=True, planned=True, significant=True)) == "open"


# -- games played move by move -------------------------------------------------------------------------
def play_until(case, kind: str, seed: int = 3) -> Game:
    """Play the skilled bot until the game reaches a stage of this kind (from the first seed
    at or after `seed` whose game gets there)."""
    policy = policy_named("skilled")
    for s in range(seed, seed + 30):  # the first research-style game from `seed` that gets there
        game = Game(case, seed=s)
        table, rng = Table(game), np.random.default_rng([s, 7])
        while game.stage.kind != kind and not game.over:
            table.choose(decide_move(table, policy, rng))
        if not game.over:
            return game
    raise AssertionError(f"no research-style game reached the {kind}")


def finish_stage(game: Game) -> None:
    kind = game.stage.kind
    while not game.over and game.stage.kind == kind:
        game.play(make("call_decision"))


@pytest.fixture(scope="module")
def kept_off_log(elm):
    """Elm's consultation (the merger settled in private beforehand), with an item kept off
    its agenda and the rest opened to co-design, then decided."""
    game = arrive("elm", "consultation")
    game.play(make("stage_manage", component="crisis"))
    game.play(make("consult", mode="genuine"))
    decide(game)
    return game.full_log(), game.state.episodes


def older(log: dict) -> dict:
    """The log as a game written before episodes were recorded would have left it."""
    old = copy.deepcopy(log)
    old["events"] = [e for e in old["events"] if e["kind"] != "episode"]
    return old


def test_the_debrief_reads_the_recorded_episodes_one_for_one(kept_off_log, elm):
    log, recorded = kept_off_log
    d = analyse(log, elm)
    assert d.episodes_recorded and RECONSTRUCTED not in d.warnings
    assert len(d.episodes) == len(recorded)
    for mine, rec in zip(d.episodes, recorded, strict=True):
        assert (mine.title, mine.type, mine.setting, mine.stage, mine.round, mine.move) == (
            rec.title, rec.type, rec.setting, rec.stage, rec.round, rec.move)
        assert (mine.inclusive, mine.planned, mine.significant) == (
            rec.inclusive, rec.planned, rec.significant)
        assert mine.participants == list(rec.participants)
        assert mine.components == list(rec.components)
        assert mine.settled_elsewhere == list(rec.settled_elsewhere)
        assert mine.evidence[:len(rec.evidence)] == list(rec.evidence)
    assert {"non_negotiation", "false", "exclusive"} <= {e.type for e in d.episodes}


def test_the_debrief_never_re_derives_a_recorded_type(kept_off_log, elm):
    """Whatever the log says the episode was is what the learner is told."""
    log, _ = kept_off_log
    edited = copy.deepcopy(log)
    first = next(e for e in edited["events"] if e["kind"] == "episode")
    first["data"]["type"] = "exclusive"
    d = analyse(edited, elm, replay_check=False)
    assert d.episodes[0].type == "exclusive"
    assert d.episodes[0].title == first["data"]["title"]


def test_strauss_context_is_described_from_the_recorded_episode(kept_off_log, elm):
    log, _ = kept_off_log
    eps = analyse(log, elm).episodes
    kept = next(e for e in eps if e.setting == "agenda")
    assert kept.type == "non_negotiation" and kept.components == ["crisis"]
    assert kept.context["negotiators"] == "none: the item was not tabled"
    assert kept.context["issues"] == elm.scenario.plan.components[elm.comp_index["crisis"]].name
    assert kept.context["visibility"].startswith("covert")
    forum = next(e for e in eps if e.setting == "forum" and e.significant)
    assert "of the forum's weight for" in forum.context["power"]
    assert set(forum.context) == {"issues", "negotiators", "occurrence", "power", "interests",
                                  "visibility", "avoid"}
    settled = next(e for e in eps if e.settled_elsewhere)
    assert "settled already" in settled.context["interests"]


def test_debrief_json_carries_every_episode_field(kept_off_log, elm):
    log, recorded = kept_off_log
    data = json.loads(json.dumps(analyse(log, elm).to_dict()))
    assert data["episodes_recorded"] is True
    keys = {"stage", "round", "components", "type", "inclusive", "planned", "significant",
            "participants", "evidence", "setting", "title", "move", "affected",
            "settled_elsewhere"}
    for ep, rec in zip(data["episodes"], recorded, strict=True):
        assert keys <= set(ep)
        assert ep["type"] == rec.type and ep["affected"] == list(rec.affected)


def test_an_exchange_outside_the_typology_is_named_as_such(kept_off_log, elm):
    log, recorded = kept_off_log
    extra = copy.deepcopy(log)
    offer = Recorded(number=len(recorded) + 1, stage="consultation", round=1, move=0,
                     setting="exchange", title="A leadership role for Lena Fischer",
                     components=(), participants=("vcs",), affected=(), inclusive=True,
                     planned=False, significant=False, presented_significant=False,
                     settled_elsewhere=(), type=None, evidence=("A private offer.",))
    extra["events"].append({"kind": "episode", "text": offer.title, "stage": "consultation",
                            "round": 1, "move": 0, "data": offer.to_dict()})
    d = analyse(extra, elm, replay_check=False)
    mine = next(e for e in d.episodes if e.title == offer.title)
    assert mine.type is None and "settled nothing" in mine.evidence[-1]
    assert f"{OUTSIDE_NAME}: A leadership role for Lena Fischer" in render_text(d)
    assert "t-outside" in render_debrief(d, elm)
    before = summarise(analyse(log, elm, replay_check=False)).episode_types.get(OUTSIDE_NAME, 0)
    assert summarise(d).episode_types[OUTSIDE_NAME] == before + 1


def test_the_summary_names_the_false_negotiations_and_non_negotiations(kept_off_log, elm):
    log, recorded = kept_off_log
    s = summarise(analyse(log, elm))
    doubtful = [e for e in recorded if e.type in ("false", "non_negotiation")]
    assert [e.title for e in s.doubtful] == [e.title for e in doubtful]
    lines = s.lines()
    at = lines.index(next(x for x in lines if x.startswith("Negotiation episodes:")))
    assert "Non-negotiation 1" in lines[at]
    assert all(lines[at + 1 + k].startswith("  - ") for k in range(len(doubtful)))


# -- older logs: reconstructed, and marked so ------------------------------------------------------------
def test_a_log_from_before_recorded_episodes_is_reconstructed_and_says_so(kept_off_log, elm):
    log, _ = kept_off_log
    d = analyse(older(log), elm, replay_check=False)
    assert not d.episodes_recorded and RECONSTRUCTED in d.warnings
    assert all(not e.recorded for e in d.episodes)
    assert "reconstructed" in render_text(d)
    assert "(reconstructed from an older log)" in " ".join(summarise(d).lines())


def test_a_new_game_with_no_episode_yet_is_not_called_reconstructed(elm):
    game = Game(elm, seed=5)
    game.play(make("one_to_one", target="teaching"))
    tl = build_timeline(game.full_log(), elm)
    assert is_recorded(tl) and find_episodes(tl) == []


def reconstructed(game: Game):
    return find_episodes(build_timeline(older(game.full_log()), game.case))


def test_older_log_private_funds_deal_with_two_board_members_is_one_exclusive_episode(elm):
    game = Game(elm, seed=5)
    game.play(make("end_round"))  # the briefing ends; the Board meets
    game.play(make("offer_funds", target="teaching"))
    game.play(make("offer_funds", target="commissioners"))
    game.play(make("call_decision"))  # a decision: so the log is recognisably an older one
    deals = [e for e in reconstructed(game) if e.setting == "exchange"]
    assert len(deals) == 1
    deal = deals[0]
    assert deal.type == "exclusive" and not deal.recorded
    assert set(deal.participants) == {"teaching", "commissioners"}
    assert not deal.inclusive and not deal.planned
    assert any("outside any forum" in line for line in deal.evidence)


def test_older_log_stage_managed_committee_and_the_component_kept_off(elm):
    game = play_until(elm, "committee")
    game.play(make("set_agenda"))
    game.play(make("keep_off", component="crisis"))
    game.play(make("call_decision"))
    eps = reconstructed(game)
    kept = [e for e in eps if e.setting == "agenda"]
    assert [e.type for e in kept] == ["non_negotiation"]
    assert "mental health crisis" in kept[0].title
    committee = [e for e in eps if e.setting == "forum" and "Committee" in e.title][-1]
    assert committee.type == "stage_managed"
    assert any("kept" in line and "off it" in line for line in committee.evidence)


@pytest.mark.parametrize("mode,expected", [("announce", "false"), ("genuine", "open")])
def test_older_log_consultation_after_a_decision_taken_in_advance(elm, mode, expected):
    """The older rule: what the debrief said of these games before the engine recorded
    episodes (today the engine records the genuine one on the merger as false too)."""
    game = play_until(elm, "consultation")
    assert game.state.decided_in_advance
    game.play(make("consult", mode=mode))
    finish_stage(game)
    eps = reconstructed(game)
    offstage = [e for e in eps if e.setting == "backstage"]
    assert offstage and offstage[0].type == "exclusive"
    assert offstage[0].components == ["commissioning"]
    consult = [e for e in eps if e.setting == "consultation"]
    assert consult and consult[0].type == expected


def test_the_window_debrief_shows_the_recorded_episodes(kept_off_log, elm):
    from faultlines.game.scenes.debrief import summary_parts

    log, recorded = kept_off_log
    part = summary_parts(summarise(analyse(log, elm)))["episodes"]
    assert part.startswith("<b>Negotiation episodes</b>: ")
    assert "reconstructed" not in part
    for e in recorded:
        if e.type in ("false", "non_negotiation"):
            assert e.title in part
    old = summary_parts(summarise(analyse(older(log), elm, replay_check=False)))["episodes"]
    assert "(reconstructed from an older log)" in old
