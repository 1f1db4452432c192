"""The tuned numbers (engine/tuning.py): every one has its reason and source, and the rules
play by the table (change a number there and the game changes)."""

from __future__ import annotations

from dataclasses import FrozenInstanceError, fields, replace

import pytest
from faultlines.engine import flow
from faultlines.engine.moves import make
from faultlines.engine.tuning import TUNING, Tuning, reasons

from tests.test_flow import everyone
from tests.test_moves import to_stage


def test_every_tuned_number_says_why_and_where_it_comes_from():
    why = reasons()
    assert set(why) == {f.name for f in fields(Tuning)}
    for name, text in why.items():
        assert len(text.split()) >= 5, name
        assert "Waring" in text or "Invented for play" in text, (name, text)


def test_the_table_cannot_be_changed_while_playing():
    with pytest.raises(FrozenInstanceError):
        TUNING.decision_failed_credibility = 0.0  # type: ignore[misc]


def test_the_rules_play_by_the_table(elm_game, monkeypatch):
    g = to_stage(elm_game, "board")
    everyone(g, -1.0)
    cred = g.state.credibility
    monkeypatch.setattr(flow, "TUNING", replace(TUNING, decision_failed_credibility=0.3))
    g.play(make("call_decision"))
    assert g.state.credibility == pytest.approx(cred - 0.3)
