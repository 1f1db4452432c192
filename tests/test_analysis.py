"""The analysis board (issue 12): positions evaluated by rollouts from the true state,
moves judged by the drop in pass chance as lichess does, the better move offered, JSON and
HTML outputs, determinism for a seed, and the drill driven by scripted input."""

from __future__ import annotations

import io
import json

import numpy as np
import pytest
from faultlines.engine.analysis.board import HINDSIGHT, analyse_game
from faultlines.engine.analysis.drill import drill_spots, drill_table, try_move
from faultlines.engine.analysis.judgement import (
    BLUNDER,
    INACCURACY,
    MISTAKE,
    counted,
    judge,
    tally_text,
)
from faultlines.engine.analysis.rollouts import Rollouts, position_of, rollout_seed
from faultlines.engine.bots import decide, skilled
from faultlines.engine.case import load_case
from faultlines.engine.table import Table
from faultlines.game.cli import main
from faultlines.game.drill import run_drill

N = 30  # rollouts in tests: enough to see a blunder, small enough to be quick


@pytest.fixture(scope="module")
def elm():
    return load_case("elm")


@pytest.fixture(scope="module")
def bad_log(elm):
    """An Elm game whose first move challenges the ambulance trust's chief, a supporter of
    the plan: in this seed it throws away nearly every chance of passing."""
    t = Table.open(elm, seed=11)
    t.choose("challenge", target="ambulance")
    return t.log()


@pytest.fixture(scope="module")
def analysis(elm, bad_log):
    with Rollouts(jobs=1) as r:
        return analyse_game(bad_log, elm, r, n=N, screen=0)


def test_judgements_follow_the_thresholds():
    assert judge(INACCURACY - 0.01) is None
    assert judge(INACCURACY) == "inaccuracy"
    assert judge(MISTAKE) == "mistake"
    assert judge(BLUNDER) == "blunder"
    assert judge(0.9) == "blunder"
    assert judge(-0.3) is None  # a move better than the best found loses nothing
    # a drop inside the rollouts' noise is not judged, however large the threshold says
    assert judge(0.2, stderr=0.15) is None
    assert judge(0.2, stderr=0.05) == "blunder"


def test_the_summary_counts_in_words_one_and_many():
    assert counted(1, "inaccuracy") == "1 inaccuracy" and counted(2, "inaccuracy") == \
        "2 inaccuracies"
    assert tally_text({"inaccuracy": 1, "mistake": 0, "blunder": 1}) == \
        "1 inaccuracy, 0 mistakes, 1 blunder"


def test_challenging_a_friend_is_a_blunder_and_a_better_move_is_offered(analysis):
    first = analysis.positions[0]
    assert first.move == {"kind": "challenge", "target": "ambulance"}
    assert first.judgement in ("mistake", "blunder")
    assert first.best is not None and first.best.move != first.move
    assert first.best.estimate.pass_chance >= first.played.pass_chance + MISTAKE
    assert analysis.accuracy["moves"] == 1 and analysis.accuracy["not_judged"] == 0


def test_the_research_style_move_itself_is_never_judged(elm):
    t = Table.open(elm, seed=11)
    with Rollouts(jobs=1) as r:
        t.choose(decide(t, skilled, np.random.default_rng(0)))
        a = analyse_game(t.log(), elm, r, n=8, screen=0)
    assert a.positions[0].judgement is None and a.positions[0].drop == 0.0


def test_rollout_seeds_follow_game_move_and_index():
    assert rollout_seed(5, 3, 0) == rollout_seed(5, 3, 0)
    assert len({rollout_seed(5, 3, 0), rollout_seed(5, 3, 1), rollout_seed(5, 4, 0),
                rollout_seed(6, 3, 0)}) == 4


def test_same_seed_same_analysis_whatever_the_jobs(elm, bad_log, analysis):
    with Rollouts(jobs=2) as r:
        again = analyse_game(bad_log, elm, r, n=N, screen=0)
    assert again.to_dict() == analysis.to_dict()


def test_the_search_finds_legal_alternatives(elm, bad_log):
    with Rollouts(jobs=1) as r:
        a = analyse_game(bad_log, elm, r, n=6, screen=40)
    first = a.positions[0]
    assert first.choices > 50  # every legal move at the opening was a candidate
    t = Table.open(elm, seed=11)
    assert t.check(first.best.move["kind"], **{k: v for k, v in first.best.move.items()
                                               if k != "kind"}) is None


@pytest.fixture()
def log_file(tmp_path, bad_log):
    path = tmp_path / "game.json"
    path.write_text(json.dumps(bad_log), encoding="utf-8")
    return path


def test_json_has_the_issue_shape(log_file, capsys):
    assert main(["analyse", str(log_file), "--json", "--rollouts", "6", "--screen", "0",
                 "--jobs", "1"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["hindsight"] == HINDSIGHT
    assert set(data["accuracy"]) >= {"moves", "share_not_judged", "average_loss"}
    assert len(data["positions"]) == 2
    for p in data["positions"]:
        assert {"move", "pass_chance", "consensus_chance", "stderr", "judgement",
                "best"} <= set(p)
    assert set(data["positions"][0]["best"]) >= {"move", "pass_chance"}
    assert data["positions"][-1]["move"] is None


def test_html_page_has_the_chart_the_marks_and_the_table(log_file, tmp_path, capsys):
    out = tmp_path / "analysis.html"
    assert main(["analyse", str(log_file), "--html", str(out), "--rollouts", str(N),
                 "--screen", "0", "--jobs", "1"]) == 0
    html = out.read_text(encoding="utf-8")
    assert "<svg" in html and "<circle" in html  # the judged move is marked on the chart
    assert "Hindsight" in html and "Better move" in html and "Blunder" in html
    assert "1 blunder." in html  # the summary's count in the singular
    assert "Hindsight" in capsys.readouterr().err


def test_text_output_says_hindsight_and_marks_the_blunder(log_file, capsys):
    assert main(["analyse", str(log_file), "--rollouts", str(N), "--screen", "0",
                 "--jobs", "1"]) == 0
    out = capsys.readouterr().out
    assert HINDSIGHT in out and "[blunder" in out and "Accuracy:" in out
    assert out.count("1 blunder.") == 1 and "1 blunders" not in out
    rows = [line for line in out.splitlines() if "  pass " in line]
    # moves numbered from 1, as the drill ("Before move 1") and the HTML table number them
    assert rows[0].startswith("  1  pass ") and rows[-1].startswith("end  pass ")


def test_a_damaged_log_is_one_line(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert main(["analyse", str(bad), "--jobs", "1"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err


def test_drill_with_scripted_input(elm, bad_log, analysis):
    out = io.StringIO()
    with Rollouts(jobs=1) as r:
        tried = run_drill(analysis, bad_log, elm, r, out=out,
                          inp=io.StringIO("nonsense\nbig_picture\n"))
    text = out.getvalue()
    assert tried == 1
    assert "No move called 'nonsense'" in text
    assert "Your choice:" in text and "Big-picture vision" in text
    assert "The game's move:" in text and "Best found:" in text
    assert text.count("short of the best move found") + text.count("You found the best") == 1


def test_drill_stops_on_quit_and_reads_a_numbered_move_with_its_target(elm, bad_log,
                                                                        analysis):
    t = Table.replayed(elm, bad_log, upto=0)
    number = next(i for i, c in enumerate(t.choices(), 1) if c.kind == "one_to_one")
    out = io.StringIO()
    with Rollouts(jobs=1) as r:
        assert run_drill(analysis, bad_log, elm, r, out=out,
                         inp=io.StringIO(f"{number} teaching\n")) == 1
        assert run_drill(analysis, bad_log, elm, r, out=io.StringIO(),
                         inp=io.StringIO("quit\n")) == 0
    assert "One-to-one meeting" in out.getvalue()


def test_positions_are_the_true_state(elm, bad_log):
    """Hindsight: a position is the replayed game itself, not the player's view of it."""
    t = Table.replayed(elm, bad_log, upto=1)
    assert position_of(t).save["state"] == t.save()["state"]


def test_a_game_left_before_its_first_move_is_one_position(capsys, tmp_path):
    t = Table.open(load_case("tutorial"), seed=4, difficulty="hard")
    path = tmp_path / "left.json"
    path.write_text(json.dumps(t.log(abandoned=True)), encoding="utf-8")
    assert main(["analyse", str(path), "--rollouts", "2", "--jobs", "1", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["positions"]) == 1 and data["accuracy"]["moves"] == 0


def test_a_drill_estimate_in_parts_is_the_same_as_in_one(elm, bad_log, analysis):
    """The window shows progress by playing a drill's rollouts in parts: the same dice, so
    the same estimate as the terminal's one batch."""
    q = drill_spots(analysis)[0]
    pos = position_of(drill_table(elm, bad_log, q))
    move = {"kind": "big_picture"}
    seen: list[tuple[int, int]] = []
    with Rollouts(jobs=1) as r:
        whole = try_move(q, pos, move, r, N)
        parts = try_move(q, pos, move, r, N, progress=lambda done, n: seen.append((done, n)))
    assert parts.mine == whole.mine and parts.mine.n == N
    assert len(seen) > 1 and seen[-1] == (N, N)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_a_drilled_move_the_board_estimated_plays_no_rollouts(elm, bad_log, analysis):
    q = drill_spots(analysis)[0]
    pos = position_of(drill_table(elm, bad_log, q))
    with Rollouts(jobs=1) as r:
        mine = try_move(q, pos, q.move, r, N)
        best = try_move(q, pos, q.best.move, r, N)
        assert r.played == 0
    assert mine.mine == q.played and mine.replayed and not mine.found
    assert best.mine == q.best.estimate and best.found and best.gap == 0
    assert [row.label for row in mine.rows] == ["Your choice", "The game's move", "Best found"]


# -- how a move is judged: the best chance it gave up, on either chance -------------------
def _step(elm, move, *, dice=False, index=3):
    """A position's bookkeeping for the judge (no game is played: the estimates are given)."""
    from faultlines.engine.analysis.board import _Step
    from faultlines.engine.analysis.rollouts import Position

    return _Step(Position(elm, {}, 1, index), move, move, [move, {"kind": "end_round"}],
                 dice, "board", 1)


def _est(passed, consensus=None, n=300):
    from faultlines.engine.analysis.rollouts import Estimate

    return Estimate(n, passed, passed if consensus is None else consensus)


def _judged(elm, played, best, value_after, best_after, *, dice=False, value_before=None):
    """The judgement of a move with estimate `played` where `best` was there, when the
    next position is worth `value_after` to research-style play and `best_after` with the
    best move found there."""
    from faultlines.engine.analysis.board import MEASURES, _judge_step, _open_after
    from faultlines.engine.analysis.rollouts import certain

    move, better = {"kind": "one_to_one", "target": "ambulance"}, {"kind": "big_picture"}
    steps = [_step(elm, move, dice=dice, index=0), _step(elm, move, dice=True, index=1)]
    options = [[(move, played), (better, best)], [(move, value_after), (better, best_after)]]
    values = [value_before or played, value_after, certain("stalled")]
    after = {m: _open_after(steps, options, values, m)[0] for m in MEASURES}
    return _judge_step(elm, steps[0], values[0], options[0], after)


def test_a_better_move_still_there_next_turn_is_not_charged(elm):
    # research-style play never finds the 90% move; the player has not made it yet, but
    # can next turn: nothing is lost yet (judged against the best alone, this was a blunder)
    q = _judged(elm, _est(180), _est(270), value_after=_est(180), best_after=_est(270))
    assert q.judgement is None and q.best.move == {"kind": "big_picture"}


def test_the_move_that_lets_the_better_move_go_is_judged(elm):
    q = _judged(elm, _est(180), _est(270), value_after=_est(180), best_after=_est(185))
    assert q.judgement == "blunder" and q.measure == "pass"
    assert q.drop == pytest.approx((270 - 185) / 300)


def test_keeping_the_vote_but_losing_the_consensus_is_judged_on_the_consensus(elm):
    # announcing a decided plan: the plan still passes as often, never by genuine consensus
    q = _judged(elm, _est(210, 0), _est(210, 200), value_after=_est(210, 0),
                best_after=_est(215, 0))
    assert q.judgement == "blunder" and q.measure == "consensus"
    assert q.better_chance == "consensus 67%" and "consensus chance" in q.lost


def test_after_a_roll_of_the_dice_only_the_headroom_there_was_before_counts(elm):
    # bad luck left a position research-style play cannot win but one move can: that
    # headroom is the luck's, not the move's, so the move's own cost still shows
    q = _judged(elm, _est(120), _est(240), value_after=_est(0), best_after=_est(240),
                dice=True, value_before=_est(200))
    assert q.judgement == "blunder"
    assert q.drop == pytest.approx((240 - 120 - 40) / 300)


def test_the_drill_measures_a_try_on_the_chance_the_move_was_judged_on(elm):
    from faultlines.engine.analysis.drill import attempt

    q = _judged(elm, _est(210, 0), _est(210, 200), value_after=_est(210, 0),
                best_after=_est(215, 0))
    same_vote = attempt(q, elm, {"kind": "end_round"}, _est(210, 30))
    assert not same_vote.found and same_vote.gap == pytest.approx(170 / 300)
    assert "57 points of consensus chance short of the best move found" in same_vote.verdict()
    assert attempt(q, elm, {"kind": "end_round"}, _est(200, 198)).found


@pytest.mark.parametrize("dice_between", [False, True])
def test_a_better_move_found_a_little_later_on_the_games_own_path_still_counts(elm, dice_between):
    """The search can miss a move at one position and find it at the next (its screening
    is thin). The game's own next moves are a path the player could take, so where no dice
    fell on the way, the chance found further on was still open; past a roll of the dice it
    may have been luck, and is not counted."""
    from faultlines.engine.analysis.board import MEASURES, _judge_step, _open_after
    from faultlines.engine.analysis.rollouts import certain

    move, better = {"kind": "one_to_one", "target": "ambulance"}, {"kind": "build_coalition"}
    steps = [_step(elm, move, index=0), _step(elm, move, dice=dice_between, index=1),
             _step(elm, move, dice=True, index=2)]
    options = [[(move, _est(180)), (better, _est(270))],
               [(move, _est(180)), ({"kind": "big_picture"}, _est(195))],  # the miss
               [(move, _est(180)), (better, _est(270))]]
    values = [_est(180), _est(180), _est(180), certain("stalled")]
    after = {m: _open_after(steps, options, values, m)[0] for m in MEASURES}
    q = _judge_step(elm, steps[0], values[0], options[0], after)
    assert q.judgement == ("blunder" if dice_between else None)


def test_research_style_play_from_the_next_position_is_a_chance_still_open(elm):
    """The search ranks moves by the pass chance, so its best moves can fall short of
    research-style play on consensus; a move that led where research-style play still
    reaches consensus often has given nothing up, whatever the search found there."""
    from faultlines.engine.analysis.board import MEASURES, _judge_step, _open_after
    from faultlines.engine.analysis.rollouts import certain

    move, other = {"kind": "one_to_one", "target": "ambulance"}, {"kind": "big_picture"}
    steps = [_step(elm, move, index=0), _step(elm, move, dice=True, index=1)]
    options = [[(move, _est(240, 237))],  # the move itself was the best found
               [(move, _est(150, 120)), (other, _est(245, 190))]]
    values = [_est(210, 200), _est(240, 237), certain("stalled")]
    after = {m: _open_after(steps, options, values, m)[0] for m in MEASURES}
    assert after["consensus"][0] == pytest.approx(237 / 300)
    assert _judge_step(elm, steps[0], values[0], options[0], after).judgement is None
