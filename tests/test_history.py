"""The per-round history (engine/history.py), collected from the game's snapshot events:
one row at the start, one as each month ends, one at the end - what the debrief's charts
and the logs read."""

from __future__ import annotations

import numpy as np
from faultlines.engine.game import replay
from faultlines.engine.history import as_events, collect
from faultlines.engine.table import Table


def played(elm) -> Table:
    t = Table.open(elm, seed=2)
    for kind, params in (("one_to_one", {"target": "teaching"}), ("end_round", {}),
                         ("town_hall", {}), ("end_round", {})):
        t.choose(kind, **params)
    return t


def test_a_row_at_the_start_and_one_as_each_month_ends(elm):
    t = played(elm)
    rows = t.history
    assert [(r["stage"], r["round"], r["moves"]) for r in rows] == \
        [("briefing", 1, 0), ("briefing", 1, 2), ("board", 1, 4)]
    start = elm.scenario.player.calendar
    assert [r["calendar"] for r in rows] == [start, start - 1, start - 2]
    assert rows == collect(t.events)


def test_a_row_holds_everyones_stance_as_it_was_then(elm):
    t = played(elm)
    now = replay(elm, t.log())
    assert t.history[-1]["stances"] == np.round(now.stances().total, 4).tolist()
    assert t.history[-1]["credibility"] == round(now.state.credibility, 4)
    first = Table.open(elm, seed=2).history
    assert t.history[0] == first[0]  # the start is the start, whatever came after


def test_the_games_end_adds_a_last_row(elm):
    t = Table.open(elm, seed=2)
    while not t.over:
        t.choose("end_round")
    last = t.history[-1]
    assert last["moves"] == len(t.moves) and last["calendar"] == t.view.calendar


def test_rows_kept_by_an_older_save_become_snapshot_events_again(elm):
    rows = played(elm).history
    assert collect(as_events(rows)) == rows
