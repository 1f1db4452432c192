"""The batch's episode record (engine/batch/record.py: episodes as arrays, `Episode`s made
only when a game is read, by the reference's wording) holds what the reference records:

- real states with many episodes (whole games of five policies, every case) pack and unpack
  to the same episodes and digests, through a lent state too, and more episodes than the
  record's first capacity;
- a decision's episodes, written for all deciding games at once, equal the reference's
  `at_decision` on real moments stirred so that every kind is reached (a consultation
  never run, announced, genuine on open and on settled matters, matters settled elsewhere
  by either kind of ledger entry, items kept off, an agenda set);
- whole games played by the batch end with the reference's episodes, object for object
  (side deals, decisions taken in advance, offers with and without a demand met, items
  kept off);
- an episode the batch cannot word is refused, and a sub-batch records into its batch."""

from __future__ import annotations

from collections import Counter
from functools import cache

import numpy as np
import pytest
from faultlines.engine import episodes
from faultlines.engine.batch import play as batch_play
from faultlines.engine.batch.compiled import batch_case
from faultlines.engine.batch.decision import decide
from faultlines.engine.batch.episodes import tainted_titles
from faultlines.engine.batch.record import KINDS
from faultlines.engine.batch.state import pack, take
from faultlines.engine.batch.turn import Turn
from faultlines.engine.batch.view import GameView
from faultlines.engine.bots import policy_named
from faultlines.engine.catalogue import shipped_ids
from faultlines.engine.negotiation import Episode
from faultlines.engine.simulate import _play, game_seed
from faultlines.engine.state import GameState

from tests.batch_kit import (
    DECISION_POLICIES,
    DecisionPoint,
    ReferenceScripts,
    case_named,
    decision_points,
    midgame_states,
)

CASES = [*shipped_ids(), "custom_flow", "custom_repertoire"]
POLICIES = ("skilled", "random", "pragmatic", "skip-consultation", "hurried")
DECISION_KINDS = ("decided", "ratified", "not_consulted", "announced", "co_design",
                  "co_design_settled")


def _kinds(bs, first: list[int] | None = None) -> Counter:
    """The kinds of episode in a batch's record (from slot first[g] on in game g)."""
    a = bs.record.a
    out: Counter = Counter()
    for g in range(bs.g):
        for e in range(first[g] if first else 0, int(a["count"][g])):
            out[KINDS[a["kind"][g, e]]] += 1
    return out


@cache
def _finals(case_id: str) -> tuple[GameState, ...]:
    return tuple(st for policy in POLICIES
                 for st in midgame_states(case_id, policy, 4, every=7))


@pytest.mark.parametrize("case_id", CASES)
def test_real_states_round_trip(case_id):
    states = [st.copy() for st in _finals(case_id)]
    bc = batch_case(case_named(case_id))
    bs = pack(bc, states)
    for i, st in enumerate(states):
        got = bs.unpack(i)
        assert got.episodes == st.episodes, (case_id, i)
        assert got.digest() == st.digest(), (case_id, i)
    assert max(len(st.episodes) for st in states) > 8  # more than the first capacity
    # a lent state comes back with what a reference rule recorded on it
    i = max(range(len(states)), key=lambda k: len(states[k].episodes))
    st = bs.lend(i)
    ep = episodes.kept_off_episode(bc.case, st, bc.components[-1], stage=st.stage_at,
                                   round_=st.round, move=99)
    bs.take_back(i, st)
    assert bs.unpack(i).episodes == [*states[i].episodes, ep]


def test_the_round_trips_reach_every_kind_but_a_rare_one():
    """Whole games reach every kind but co-design on a matter settled elsewhere (a
    genuine consultation after a side deal or a decision in advance): the stirred
    decisions below reach it."""
    seen: Counter = Counter()
    for case_id in CASES:
        seen += _kinds(pack(batch_case(case_named(case_id)), list(_finals(case_id))))
    assert set(KINDS) - set(seen) <= {"co_design_settled"}, seen


# -- a decision's episodes ---------------------------------------------------------------
def _stirred(case, points: list[DecisionPoint], seed: int) -> list[DecisionPoint]:
    """Real moments with what a decision's episodes read redrawn: how the consultation
    was run, matters settled elsewhere (in the ledger's words for a decision in advance
    or a side deal), items kept off, an agenda set."""
    rng = np.random.default_rng(seed)
    events = case.scenario.events
    out = []
    for p in points:
        st = p.state
        st.consultation = rng.choice([None, "genuine", "false", "genuine"])
        st.settled = {}
        for c in case.components:
            if rng.random() < 0.3:
                if events and rng.random() < 0.5:
                    where = episodes.in_advance_ledger(events[0].title)
                else:
                    pair = tuple(rng.choice(case.ids, 2, replace=False).tolist())
                    where = episodes.side_deal_ledger(episodes.deal_names(case, pair))
                st.settled[c] = where
        st.kept_off = [c for c in case.components if rng.random() < 0.15]
        st.agenda_set = bool(rng.random() < 0.3)
        out.append(p)
    return out


@cache
def _decided(case_id: str):
    case = case_named(case_id)
    real = [p for policy in DECISION_POLICIES for p in decision_points(case_id, policy, 4)]
    points = real + _stirred(case, [p.fresh() for p in real], len(case_id))
    bc = batch_case(case)
    bs = pack(bc, [p.state for p in points])
    before = [len(p.state.episodes) for p in points]
    moves = np.array([p.move_index for p in points])
    turn = Turn(move_index=moves, scripts=ReferenceScripts(
        bc, [p.dice() for p in points], [list(p.moves) for p in points], moves))
    decide(bc, bs, np.ones(len(points), bool), turn)
    return case, points, bs, before


@pytest.mark.parametrize("case_id", CASES)
def test_a_decisions_episodes_are_the_references(case_id):
    case, points, bs, _ = _decided(case_id)
    for i, p in enumerate(points):
        want = p.decided_by_reference(case)
        assert bs.unpack(i).episodes == want.episodes, (case_id, i)


def test_the_decisions_reach_every_kind_of_their_episodes():
    seen: Counter = Counter()
    settled_lines = 0
    for case_id in CASES:
        _, _, bs, before = _decided(case_id)
        seen += _kinds(bs, before)
        settled_lines += sum(
            any(x.startswith("Already settled elsewhere") for x in ep.evidence)
            for g in range(bs.g) for ep in bs.unpack(g).episodes[before[g]:])
    for kind in DECISION_KINDS:
        assert seen[kind] > 0, (kind, seen)
    assert settled_lines > 0


# -- whole games -------------------------------------------------------------------------
GAMES = {"elm": 10, "custom_flow": 10, "oak": 8}


@cache
def _whole(case_id: str, policy: str):
    """Each game's episodes at its end, from the batch (read from its record as the game
    finishes) and from the reference."""
    case = case_named(case_id)
    seeds = [game_seed(5, k) for k in range(GAMES[case_id])]
    got: dict[int, list[Episode]] = {}
    kinds: Counter = Counter()
    runner = batch_play._Runner
    results = runner._results

    def _results(self, over):  # the finished games' slots, read before they are refilled
        for i in over.tolist():
            got[int(self.slots.seed[i])] = self.bs.unpack(i).episodes
            a = self.bs.record.a
            kinds.update(KINDS[k] for k in a["kind"][i, :a["count"][i]].tolist())
            kinds["met"] += int((a["met"][i, :a["count"][i]]).sum())
        yield from results(self, over)

    runner._results = _results
    try:
        batch_play.play(case, policy, seeds, slots=4)
    finally:
        runner._results = results
    want = {}
    for s in seeds:
        table, _ = _play(case, policy_named(policy), policy, s, "standard", False)
        want[s] = table._game.state.episodes
    return got, want, kinds


@pytest.mark.parametrize("case_id", list(GAMES))
@pytest.mark.parametrize("policy", ["skilled", "random"])
def test_whole_games_end_with_the_references_episodes(case_id, policy):
    got, want, _ = _whole(case_id, policy)
    assert got.keys() == want.keys()
    for seed, eps in want.items():
        assert got[seed] == eps, (case_id, policy, seed)


def test_whole_games_reach_the_episodes_moves_and_actions_record():
    seen: Counter = Counter()
    for case_id in GAMES:
        for policy in ("skilled", "random"):
            seen += _whole(case_id, policy)[2]
    for kind in ("side_deal", "in_advance", "exchange", "kept_off", "met"):
        assert seen[kind] > 0, (kind, seen)


# -- what the record refuses, and a sub-batch -------------------------------------------
def test_an_episode_the_batch_cannot_word_is_refused():
    st = midgame_states("elm", "skilled", 1, every=1000)[-1]
    ep = st.episodes[0]
    st.episodes[0] = Episode(**{**ep.__dict__, "title": "Something else happened"})
    with pytest.raises(ValueError, match="no batch form"):
        pack(batch_case(case_named("elm")), [st])


def test_a_sub_batch_records_into_its_batch():
    states = [st.copy() for st in _finals("oak")[:6]]
    bc = batch_case(case_named("oak"))
    bs = pack(bc, states)
    sub = take(bs, np.array([4, 1]))
    assert sub.record.episodes(0) == states[4].episodes
    sub.record.extend(1, [episodes.kept_off_episode(
        bc.case, sub.unpack(1), bc.components[0], stage=states[1].stage_at,
        round_=states[1].round, move=3)])
    assert len(bs.unpack(1).episodes) == len(states[1].episodes) + 1
    assert [bs.unpack(i).episodes for i in (0, 2, 3, 4, 5)] == \
        [states[i].episodes for i in (0, 2, 3, 4, 5)]


# -- what a passed plan's outcome reads ------------------------------------------------
def test_the_tainted_episodes_are_the_references():
    """engine.episodes.tainted's titles from the record (engine.outcomes.classify_pass
    reads them), on real states and the same states with matters re-opened, so that a
    false episode stops counting once all its matters were re-opened."""
    seen: Counter = Counter()
    rng = np.random.default_rng(3)
    for case_id in CASES:
        case = case_named(case_id)
        states = [st.copy() for st in _finals(case_id)]
        for st in states[::2]:
            st.reopened = [c for c in case.components if rng.random() < 0.7]
        bs = pack(batch_case(case), states)
        for i, st in enumerate(states):
            want = episodes.tainted(st)
            assert tainted_titles(bs, i) == [e.title for e in want], (case_id, i)
            seen["tainted"] += bool(want)
            seen["false, re-opened"] += any(
                e.type == "false" and e.components and
                all(c in st.reopened for c in e.components) for e in st.episodes)
    assert seen["tainted"] and seen["false, re-opened"], seen


def test_a_game_view_reads_episodes_but_cannot_record_one():
    """Episodes are recorded by engine.batch.episodes.write only: a per-game rule handed a
    GameView reads them, and appending to them fails loudly instead of being lost."""
    states = [st.copy() for st in _finals("elm")[:3]]
    bc = batch_case(case_named("elm"))
    bs = pack(bc, states)
    view = GameView(bc, bs, 2)
    assert list(view.episodes) == states[2].episodes
    with pytest.raises(AttributeError):
        view.episodes.append(states[2].episodes[0])


def test_an_episode_out_of_place_is_refused():
    st = max(_finals("oak"), key=lambda s: len(s.episodes)).copy()
    st.episodes = st.episodes[1:]
    with pytest.raises(ValueError, match="place"):
        pack(batch_case(case_named("oak")), [st])
