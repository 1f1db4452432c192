"""Every tuned number lives in engine/tuning.py with a reason, drives play from there, and
is listed in docs/fidelity.md exactly as the code has it."""

from __future__ import annotations

import ast
import typing
from dataclasses import FrozenInstanceError, fields, is_dataclass, replace
from pathlib import Path

import numpy as np
import pytest
from faultlines.engine import flow, tuning
from faultlines.engine.game import Game
from faultlines.engine.moves import MOVE_TYPES, challenge, listening, make
from faultlines.engine.state import DIFFICULTIES
from faultlines.engine.table import Table
from faultlines.engine.tuning import TUNING, Difficulty

from tests.test_flow import everyone
from tests.test_moves import to_stage

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "fidelity.md"

# Float literals that are not tuning, by file: 0 and 1 (and so -1) are the ends of the
# unit ranges every share, trust and stance is clipped to, so they are allowed everywhere.
STRUCTURAL = {
    # "as strong as it can be": full evidence (1.0) less a margin for float rounding
    "moves/framing.py": {0.99},
    # the three value axes (sqrt(3) normalises their distance); trust in 0..1 is centred on
    # 0.5 and doubled to give a stance part in -1..1
    "stance.py": {3.0, 2.0, 0.5},
    # guards against dividing by nothing
    "fault_lines.py": {1e-9, 1e-12},
}
CHECKED = sorted((ROOT / "engine" / "moves").glob("*.py")) + [
    ROOT / "engine" / f"{name}.py"
    for name in ("stance", "decision", "view", "state", "scripted", "outcomes", "fault_lines",
                 "consultation")]


def test_checked_in_table_matches_the_code():
    current = DOC.read_text(encoding="utf-8")
    fresh = tuning.splice(current, tuning.render_markdown())
    assert fresh == current, (
        f"docs/fidelity.md is out of date with engine/tuning.py; run: {tuning.REGENERATE}")


def test_every_tuned_number_and_group_has_a_reason():
    found = list(tuning.entries())
    assert len(found) > 100
    for entry in found:
        assert entry.why.strip(), f"{entry.name} has no reason"
        assert "\n" not in entry.why, f"{entry.name}: a reason is one line"


def test_every_tuned_number_has_the_type_it_declares():
    def check(obj, prefix):
        hints = typing.get_type_hints(type(obj))
        for f in fields(obj):
            value, declared = getattr(obj, f.name), hints[f.name]
            if is_dataclass(value):
                assert isinstance(value, declared), prefix + f.name
                check(value, f"{prefix}{f.name}.")
            elif typing.get_origin(declared) is tuple:
                kinds = {a for a in typing.get_args(declared) if a is not Ellipsis}
                assert isinstance(value, tuple) and all(type(v) in kinds for v in value), \
                    (prefix + f.name, value, declared)
            else:
                assert type(value) is declared, (prefix + f.name, value, declared)
    check(TUNING, "")


def test_the_table_lists_every_number_with_its_value():
    doc = DOC.read_text(encoding="utf-8")
    assert "| `challenge.pressure` | `0.3` |" in doc
    assert "| `difficulty.hard.capacity` | `-1` |" in doc
    assert "| `consult.affected_sectors` | `primary_care`, `patients`, `voluntary`, " in doc
    for entry in tuning.entries():
        assert f"`{entry.name}`" in doc, entry.name


def test_no_tuned_float_literal_is_left_in_the_rules():
    found = []
    for path in CHECKED:
        where = path.relative_to(ROOT / "engine").as_posix()
        allowed = {0.0, 1.0} | STRUCTURAL.get(where, set())
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Constant) and isinstance(node.value, float)
                    and node.value not in allowed):
                found.append(f"engine/{where}:{node.lineno}: {node.value}")
    assert not found, "tuned numbers belong in engine/tuning.py:\n" + "\n".join(found)


def test_every_move_takes_its_cost_from_the_table(elm_game):
    for kind, cls in MOVE_TYPES.items():
        group = getattr(TUNING, kind)
        if kind == "consult":
            assert cls(mode="genuine").cost(elm_game) == group.genuine_cost
            assert cls(mode="announce").cost(elm_game) == group.announce_cost
        else:
            assert cls.base_cost == group.cost, kind


def test_a_move_plays_by_the_table(elm, monkeypatch):
    """The table is not a copy: changing a number there changes what a move does."""
    def revealed_after_meeting() -> float:
        game = Game(elm, seed=11)
        game.play(make("one_to_one", target=elm.ids[0]))
        return float(game.state.revealed[0])

    assert revealed_after_meeting() == pytest.approx(0.7)  # 0.6 x depth 1.0, + 0.1
    silent = replace(TUNING, one_to_one=replace(TUNING.one_to_one, reveal=0.0))
    monkeypatch.setattr(listening, "TUNING", silent)
    assert revealed_after_meeting() == pytest.approx(TUNING.one_to_one.reveal_floor)


def test_standing_to_challenge_comes_from_the_table(elm_game, monkeypatch):
    st = elm_game.state
    st.coalition[:2] = True
    t = TUNING.challenge
    expected = st.credibility + 2 * t.coalition_standing
    assert challenge.standing(elm_game) == pytest.approx(expected)
    st.air_cover = True  # the Board's cover shields the director; it is not a weapon
    assert challenge.standing(elm_game) == pytest.approx(expected)
    bolder = replace(TUNING, challenge=replace(TUNING.challenge, coalition_standing=0.2))
    monkeypatch.setattr(challenge, "TUNING", bolder)
    assert challenge.standing(elm_game) == pytest.approx(st.credibility + 0.4)


def test_air_cover_absorbs_half_of_a_failed_votes_cost(elm_game):
    from tests.test_flow import everyone
    from tests.test_moves import to_stage

    costs = []
    for cover in (False, True):
        g = to_stage(Game(elm_game.case, seed=11), "board")
        g.state.air_cover = cover
        everyone(g, -1.0)
        before = g.state.credibility
        g.play(make("call_decision"))
        costs.append(before - g.state.credibility)
    assert costs[1] == pytest.approx(costs[0] * (1 - TUNING.air_cover.shield))


def test_difficulty_levels_are_typed_ordered_and_applied(elm):
    assert list(DIFFICULTIES) == ["guided", "standard", "hard"]
    assert all(isinstance(d, Difficulty) for d in DIFFICULTIES.values())
    with pytest.raises(AttributeError):
        DIFFICULTIES["hard"].noise = 0.0  # frozen: a level cannot drift during play
    base = Table.open(elm, seed=3).view
    guided = Table.open(elm, seed=3, difficulty="guided")
    hard = Table.open(elm, seed=3, difficulty="hard").view
    assert guided.view.capacity == base.capacity + DIFFICULTIES["guided"].capacity
    assert hard.capacity == base.capacity + DIFFICULTIES["hard"].capacity
    assert np.all(guided.radar().revealed == DIFFICULTIES["guided"].revealed)
    assert guided.view.hint and not base.hint
    widest = max(p.uncertainty for p in hard.people)
    assert widest == pytest.approx(DIFFICULTIES["hard"].noise * TUNING.radar.band_sds)


def test_check_and_write_commands(tmp_path, capsys):
    stale = tmp_path / "fidelity.md"
    stale.write_text(f"# Fidelity\n\n{tuning.BEGIN}\nold table\n{tuning.END}\n\nAfter.\n")
    assert tuning.main(["--check", str(stale)]) == 1
    assert tuning.REGENERATE in capsys.readouterr().err
    assert tuning.main(["--write", str(stale)]) == 0
    text = stale.read_text()
    assert text.startswith("# Fidelity\n") and text.endswith("\n\nAfter.\n")
    assert "old table" not in text and "| `challenge.margin` | `0.1` |" in text
    assert tuning.main(["--check", str(stale)]) == 0
    plain = tmp_path / "plain.md"
    plain.write_text("no markers here\n")
    assert tuning.main(["--write", str(plain)]) == 2
    assert "markers are missing" in capsys.readouterr().err
    assert tuning.main(["--markdown"]) == 0
    assert "#### `consult`: Run the consultation (process)" in capsys.readouterr().out


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
