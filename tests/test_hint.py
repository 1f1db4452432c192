"""The fair hint: offered in practice (guided) only, judged in worlds redrawn from the
radar (the hidden drivers are sampled, never read), a legal move with its estimate."""

from __future__ import annotations

import json
from dataclasses import replace

import numpy as np
import pytest
from faultlines.engine.analysis.determinise import world
from faultlines.engine.analysis.hint import HintRefused, hint
from faultlines.engine.analysis.rollouts import Rollouts
from faultlines.engine.case import load_case
from faultlines.engine.simulate import play_one
from faultlines.engine.table import Table
from faultlines.game.cli import main


@pytest.fixture(scope="module")
def elm():
    return load_case("elm")


def test_hint_is_refused_at_standard_and_hard(elm):
    with Rollouts(jobs=1) as r:
        for level in ("standard", "hard"):
            with pytest.raises(HintRefused, match="practice"):
                hint(Table.open(elm, seed=2, difficulty=level), r, 1, n=2, screen=0)


def test_hint_in_practice_is_a_legal_move_with_its_estimate(elm):
    t = Table.open(elm, seed=2, difficulty="guided")
    with Rollouts(jobs=1) as r:
        h = hint(t, r, 1, n=4, screen=30)
    params = {k: v for k, v in h.move.items() if k != "kind"}
    assert t.check(h.move["kind"], **params) is None
    assert h.estimate.n == 4 and 0.0 <= h.estimate.pass_chance <= 1.0
    assert "radar" in h.line() and h.text in h.line()


def test_a_redrawn_world_reads_the_same_on_the_radar_but_hides_other_drivers(elm):
    t = Table.open(elm, seed=2, difficulty="guided")
    t.choose("one_to_one", target="teaching")
    radar = t.radar()
    known = radar.known
    assert known.any() and not known.all()
    case2, save2 = world(elm, t.save(), 7)
    t2 = Table.restore(case2, save2)
    assert np.allclose(t2.radar().estimate, radar.estimate, atol=0.02)
    assert np.array_equal(case2.stakes[known], elm.stakes[known])  # what listening showed
    assert not np.allclose(case2.values[~known], elm.values[~known])  # the rest is drawn
    assert elm.values.flags.writeable is False  # the true case is untouched


def test_hint_verb_on_a_standard_save_is_one_line(elm, tmp_path, capsys):
    path = tmp_path / "save.json"
    path.write_text(json.dumps(Table.open(elm, seed=2).save()), encoding="utf-8")
    assert main(["hint", str(path), "--jobs", "1", "--rollouts", "2"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "guided" in err


def test_hint_verb_on_a_practice_save(elm, tmp_path, capsys):
    path = tmp_path / "save.json"
    t = Table.open(elm, seed=2, difficulty="guided")
    path.write_text(json.dumps(t.save()), encoding="utf-8")
    assert main(["hint", str(path), "--jobs", "1", "--rollouts", "3"]) == 0
    assert capsys.readouterr().out.startswith("Hint: ")


def test_hint_verb_reads_an_unfinished_terminal_log_and_refuses_a_finished_one(elm, tmp_path,
                                                                              capsys):
    t = Table.open(elm, seed=2, difficulty="guided")
    t.choose("one_to_one", target="teaching")
    path = tmp_path / "left.json"
    path.write_text(json.dumps(t.log()), encoding="utf-8")
    assert main(["hint", str(path), "--jobs", "1", "--rollouts", "2"]) == 0
    assert capsys.readouterr().out.startswith("Hint: ")
    done = load_case("tutorial")
    finished = play_one(done, "skilled", 1, difficulty="guided").table.log()
    path.write_text(json.dumps(finished), encoding="utf-8")
    assert main(["hint", str(path), "--jobs", "1"]) == 1
    assert "over" in capsys.readouterr().err


def test_a_redrawn_world_does_not_depend_on_drivers_the_player_has_not_seen(elm):
    """Two cases that differ only in an unheard person's interests (which do not show in any
    stance at the opening, so the radar reads the same) give the very same worlds."""
    t = Table.open(elm, seed=2, difficulty="guided")
    i = int(np.flatnonzero(~t.radar().known)[0])
    interests = elm.interests.copy()
    interests[i] = interests[i][::-1] + 0.1
    other = replace(elm, interests=interests, derived={})
    t2 = Table.restore(other, t.save())
    assert np.array_equal(t2.radar().estimate, t.radar().estimate)
    (c1, s1), (c2, s2) = world(elm, t.save(), 5), world(other, t.save(), 5)
    for name in ("values", "interests", "stakes", "evidence_need"):
        assert np.array_equal(getattr(c1, name)[i], getattr(c2, name)[i]), name
    assert s1["state"] == s2["state"]
