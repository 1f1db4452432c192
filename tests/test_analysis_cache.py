"""The window's kept analyses: an analysis read back is the one written, a different log or
size is not mistaken for it, and a damaged file is ignored with one line (then made again)."""

from __future__ import annotations

import json

import pytest
from faultlines.engine.analysis.board import analyse_game
from faultlines.engine.analysis.rollouts import Rollouts
from faultlines.engine.analysis.stored import analysis_from_record, analysis_record
from faultlines.engine.case import load_case
from faultlines.engine.table import Table
from faultlines.game.analysis_cache import cache_path, load_cached, store
from faultlines.game.paths import analysis_dir

N = 16  # rollouts per position: tiny, the file's round trip is what is tested


@pytest.fixture(scope="module")
def game():
    """A short Elm game that opens by challenging a supporter (a blunder at this seed)."""
    elm = load_case("elm")
    t = Table.open(elm, seed=11)
    t.choose("challenge", target="ambulance")
    t.choose("end_round")
    log = t.log()
    with Rollouts(jobs=1) as r:
        return log, analyse_game(log, elm, r, n=N, screen=0)


def test_a_kept_analysis_reads_back_equal(game):
    log, a = game
    path = store(log, 0, a)
    assert path is not None and path.parent == analysis_dir()
    assert load_cached(log, N, 0) == a
    assert a.positions[0].judgement == "blunder"  # the fixture is worth keeping


def test_another_size_or_another_game_is_not_mistaken_for_it(game):
    log, a = game
    store(log, 0, a)
    assert load_cached(log, N + 1, 0) is None
    assert load_cached(log, N, 5) is None
    other = dict(log, moves=log["moves"][:1])
    assert load_cached(other, N, 0) is None


@pytest.mark.parametrize("damage", ["{not json", '{"format": "faultlines-analysis-1"}',
                                    "[1, 2, 3]", "passed-more-than-played"])
def test_a_damaged_file_is_ignored_with_one_line(game, damage):
    log, a = game
    path = cache_path(log, N, 0)
    path.parent.mkdir(parents=True, exist_ok=True)
    if damage == "passed-more-than-played":
        record = analysis_record(a)
        record["positions"][0]["estimate"]["passed"] = 10 ** 6
        damage = json.dumps(record)
    path.write_text(damage)
    notes: list[str] = []
    assert load_cached(log, N, 0, notes) is None
    assert len(notes) == 1 and "\n" not in notes[0] and path.name in notes[0]
    assert "Traceback" not in notes[0]
    store(log, 0, a)  # made again: the next read is good
    assert load_cached(log, N, 0) == a


def test_a_record_from_another_version_is_refused():
    with pytest.raises(ValueError, match="not an analysis"):
        analysis_from_record({"format": "faultlines-analysis-0"})
