"""The debrief analysis: from a log to causes, stance arcs, fault-lines, episodes, turning
points and questions; bare logs are completed by replay; bad logs fail in one line."""

from __future__ import annotations

import copy
import json

import pytest
from faultlines.engine.debrief import analyse, load_log
from faultlines.engine.debrief.faultlines import CONTRIBUTION_FAULT_LINE
from faultlines.engine.domain import CONTRIBUTIONS, FAULT_LINES
from faultlines.engine.errors import SaveError
from faultlines.engine.simulate import simulate

POLICIES = ("skilled", "random", "frame-only", "challenge-only", "hurried")


@pytest.fixture(scope="module")
def logs():
    return {p: simulate("elm", p, 1, 21, keep_logs=True)["logs"][0] for p in POLICIES}


@pytest.fixture(scope="module")
def debriefs(logs, elm):
    return {p: analyse(log, elm) for p, log in logs.items()}


def test_every_contribution_belongs_to_one_fault_line():
    assert set(CONTRIBUTION_FAULT_LINE) == set(CONTRIBUTIONS)
    assert set(CONTRIBUTION_FAULT_LINE.values()) == set(FAULT_LINES)


@pytest.mark.parametrize("policy", POLICIES)
def test_debrief_covers_every_part(debriefs, logs, elm, policy):
    d = debriefs[policy]
    assert d.replay_ok and not [w for w in d.warnings if "left out" in w]
    assert d.outcome == logs[policy]["outcome"]
    assert d.causes[-1].kind == "outcome" and d.causes[-1].because
    assert [a.id for a in d.arcs] == list(elm.ids)
    for a in d.arcs:
        assert len(a.xs) == len(a.ys) >= 2 and a.xs == sorted(a.xs)
        assert all(-1.0 <= y <= 1.0 for y in a.ys)
    assert [f.id for f in d.fault_lines] == list(FAULT_LINES)
    assert sum(f.moves for f in d.fault_lines) == sum(d.move_mix.values())
    assert 3 <= len(d.questions) <= 5
    assert all(q.source and ("Waring" in q.source) for q in d.questions)
    assert len(d.swings) == len(d.moves)
    json.dumps(d.to_dict())  # plain data all the way down


def test_decisions_explain_who_blocked_and_why(debriefs):
    decisions = [c for d in debriefs.values() for c in d.causes if c.kind == "decision"]
    assert decisions
    assert any("held back by" in b for c in decisions for b in c.because)


def test_turning_points_are_the_largest_swings_and_explained(debriefs):
    assert all(debriefs[p].turning_points for p in ("skilled", "random", "frame-only"))
    for d in debriefs.values():
        swings = [t.swing for t in d.turning_points]
        assert swings == sorted(swings, reverse=True)
        assert swings == sorted(d.swings, reverse=True)[:len(swings)]
        for t in d.turning_points:
            assert t.effects and t.by_contribution and t.swing == d.swings[t.move.index]


def test_fault_line_sums_match_the_shift_events(logs, debriefs):
    log, d = logs["skilled"], debriefs["skilled"]
    total = sum(v for e in log["events"] if e["kind"] == "shift" for v in e["data"]["why"].values())
    assert sum(f.gained + f.lost for f in d.fault_lines) == pytest.approx(total, abs=1e-3)


def test_questions_follow_what_happened(debriefs):
    themes = {p: {q.theme for q in d.questions} for p, d in debriefs.items()}
    assert "standing to challenge" in themes["challenge-only"]
    assert themes["frame-only"] & {"listening before framing", "the vision that hides differences"}
    hurried = debriefs["hurried"]
    if any(e.type == "false" for e in hurried.episodes):
        assert "false negotiation" in themes["hurried"]


def test_a_bare_log_is_completed_by_replay(logs, debriefs, elm):
    full = logs["random"]
    bare = {k: full[k] for k in ("format", "version", "scenario", "scenario_version", "seed",
                                  "difficulty", "moves", "outcome")}
    d = analyse(bare, elm)
    assert d.to_dict() == debriefs["random"].to_dict()


def test_load_log_reads_what_the_engine_writes(tmp_path, logs):
    from faultlines.engine.logs import write_json

    path = write_json(tmp_path / "game.json", logs["skilled"])
    assert load_log(path)["seed"] == logs["skilled"]["seed"]


def _damage(log, how):
    log = copy.deepcopy(log)
    if how == "version":
        log["version"] = 99
    elif how == "seed":
        log["seed"] = "x"
    elif how == "moves":
        log["moves"] = [{"kind": "no_such_move"}]
    elif how == "events":
        log["events"] = [{"kind": "act"}]
    elif how == "history":
        log["history"] = []
    elif how == "stakeholders":
        for h in log["history"]:
            h["stances"] = h["stances"][:3]
    elif how == "event_data":
        for e in log["events"]:
            if e["kind"] == "shift":
                e["data"] = {"target": 5}
    elif how == "scenario":
        log["scenario"] = "atlantis"
    return log


@pytest.mark.parametrize("how", ["version", "seed", "moves", "events", "history",
                                 "stakeholders", "event_data", "scenario"])
def test_a_damaged_log_gives_one_line_naming_it(logs, how):
    bare = _damage(logs["skilled"], how)
    if how == "moves":
        del bare["events"]
    with pytest.raises(SaveError) as err:
        analyse(bare, where="class/game7.json")
    message = str(err.value)
    assert message.startswith("class/game7.json") and "\n" not in message


def test_a_file_that_is_not_a_log(tmp_path):
    bad = tmp_path / "notes.json"
    bad.write_text('{"format": "faultlines-save"}')
    with pytest.raises(SaveError, match="notes.json"):
        load_log(bad)
    bad.write_text("{ nope")
    with pytest.raises(SaveError, match="notes.json:1"):
        load_log(bad)


# -- one analysis of a game, shown alike by every shell ------------------------------------------
#: A tutorial game (seed 3) in which the month turns during the player's big-picture appeal:
#: the Board agrees, the programme group opens, and "Who runs the hub?" costs Dr Lucy Hale
#: 0.30 of support. That is the largest single swing of the game, and not the move's doing.
EVENT_GAME = ("one_to_one council", "tailored_frame council", "end_round",
              "one_to_one hospital", "offer_funds hospital", "big_picture", "call_decision",
              "call_decision", "end_round", "end_round", "end_round", "end_round",
              "call_decision", "call_decision", "call_decision")


def as_move(line: str) -> tuple[str, dict[str, str]]:
    kind, *rest = line.split()
    return kind, ({"target": rest[0]} if rest else {})


@pytest.fixture(scope="module")
def event_log(tutorial):
    from faultlines.engine.table import Table

    t = Table.open(tutorial, seed=3)
    for line in EVENT_GAME:
        kind, params = as_move(line)
        t.choose(kind, **params)
    assert t.outcome == "stalled"
    return t.log()


def size(shift: dict) -> float:
    return abs(shift["data"]["after"] - shift["data"]["before"])


@pytest.fixture(scope="module")
def event_swing(event_log, tutorial):
    """The game's largest single shift, checked to be the scenario event's (the premise of
    the tests below), and that shift as every view words it."""
    biggest = max((e for e in event_log["events"] if e["kind"] == "shift"), key=size)
    during = event_log["moves"][biggest["move"]]["kind"]
    fired = [e["data"]["event"] for e in event_log["events"]
             if e["kind"] == "scenario" and e["move"] == biggest["move"]]
    assert biggest["data"]["cause"] == "calendar" and during == "big_picture", biggest
    assert "gp_terms" in fired
    d = biggest["data"]
    return biggest, f"{tutorial.name(d['target'])} {d['before']:+.2f} \u2192 {d['after']:+.2f}"


def test_an_events_swing_is_attributed_to_the_event_never_to_the_move_played(
        event_log, event_swing, tutorial):
    shift, words = event_swing
    d = analyse(event_log, tutorial)
    assert not [e for t in d.turning_points for e in t.effects if e.startswith(words)]
    top = d.event_swings[0]
    assert top.move == shift["move"] and top.source.startswith("Who runs the hub? (a scenario event)")
    assert top.effects[0].startswith(words) and "unmet demands -0.30" in top.effects[0]
    # the appeal is still a turning point, for what it did itself
    appeal = next(t for t in d.turning_points if t.move.index == shift["move"])
    assert appeal.move.kind == "big_picture" and appeal.swing == d.swings[shift["move"]]
    # the stakeholder's arc, the chain of causes and the fault-line table say the same
    worst = min(d.arc(shift["data"]["target"]).biggest, key=lambda p: p.delta)
    assert worst.move_text.startswith("Who runs the hub?")
    told = next(c for c in d.causes if c.kind == "scenario" and c.move == shift["move"])
    assert told.swing == top.swing and words in told.because[-1]
    assert d.family_matrix["framing"]["winners"] == 0.0  # the demand is not the framing's
    assert d.family_matrix["time"]["winners"] == pytest.approx(-0.30, abs=0.005)


def test_an_old_log_without_causes_still_debriefs_as_it_did(event_log, tutorial):
    old = copy.deepcopy(event_log)
    for e in old["events"]:
        e["data"].pop("cause", None)
    d = analyse(old, tutorial)
    assert d.event_swings == [] and d.replay_ok
    every = sum(size(e) for e in old["events"] if e["kind"] == "shift")
    assert sum(d.swings) == pytest.approx(every, abs=1e-3)  # every shift counts as the move's


def test_the_summary_counts_families_from_the_logs_moves_and_names_the_key_causes(
        event_log, tutorial):
    from collections import Counter

    from faultlines.engine.debrief import summarise
    from faultlines.engine.domain import FAMILIES
    from faultlines.engine.moves import MOVE_TYPES

    d = analyse(event_log, tutorial)
    s = summarise(d)
    played = Counter(MOVE_TYPES[m["kind"]].family for m in event_log["moves"])
    assert s.move_mix == {f: played[f] for f in FAMILIES if f != "time" and played[f]}
    assert s.mix_text == "Listening 2, Framing 2, Compensation 1, Process 5"
    assert s.turning_points == d.turning_points
    assert [c.kind for c in s.causes] == ["scenario", "decision", "hiatus"]
    assert s.causes[0].text.startswith("Who runs the hub?") and s.causes[1].result == "failed"
    assert (s.hiatuses, s.passed, s.months_used, s.moves) == (2, ["Partnership Board"], 6, 15)
    lines = s.lines()
    assert lines[0] == "=== Outcome: Stalled ===" and "Why: " in lines[2]


def _section(text: str, start: str, end: str) -> str:
    """The part of `text` from the heading `start` up to the next `end` after it."""
    i = text.index(start)
    j = text.find(end, i + len(start))
    return text[i:j if j >= 0 else None]


@pytest.mark.filterwarnings("ignore:Finding font with id")
def test_window_terminal_and_html_debriefs_agree(app, tmp_path, event_log, event_swing,
                                                 tutorial):
    """The same game in the three shells: each names the engine's turning points, in the
    same order, and tells the event's swing as the event's, never as the move's."""
    import re
    import subprocess
    import sys

    from faultlines.engine.moves import make
    from faultlines.game.driver import Driver
    from faultlines.game.report.debrief_page import render_debrief

    expected = [str(t.move.index + 1) for t in analyse(event_log, tutorial).turning_points]
    assert len(expected) >= 2
    _, words = event_swing

    # the terminal edition, as a player pipes it; its log feeds the HTML report
    p = subprocess.run(
        [sys.executable, "-m", "faultlines", "play", "--scenario", "tutorial", "--text",
         "--seed", "3", "--log-dir", str(tmp_path / "logs")],
        input="\n".join(EVENT_GAME) + "\n", capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    [log_file] = (tmp_path / "logs").glob("*.json")
    log = load_log(log_file)
    assert log["history"] == event_log["history"]  # the same game
    # the terminal says negative numbers with a true minus sign (read "minus", not "dash")
    terminal = p.stdout[p.stdout.index("=== Outcome:"):].replace("\u2212", "-")
    term_turning = _section(terminal, "Turning points", "\nWhat moved people")
    term_events = _section(terminal, "What moved people", "\nHow it came about")

    html = render_debrief(analyse(log, tutorial), tutorial)
    html_turning = _section(html, '<section class="chapter" id="turning">', "<h3>What moved")
    html_events = _section(html, "<h3>What moved people", "</section>")

    # the window: the same moves played by clicks, then the debrief from the outcome screen
    d = Driver(app)
    app.start_new("tutorial", seed=3, difficulty="standard")
    d.click_button("begin")
    for line in EVENT_GAME:
        kind, params = as_move(line)
        d.play(make(kind, **params))
        d.continue_overlays()
    assert type(app.top).__name__ == "OutcomeScene"
    d.click_button("debrief")
    assert type(app.top).__name__ == "DebriefScene"
    window = app.top.main_box.html_text
    win_turning = _section(window, "<b>Turning points</b>", "<br><br>")
    win_events = _section(window, "<b>What moved people", "<br><br>")

    assert re.findall(r"^\s+\d+\. Move (\d+):", term_turning, re.M) == expected
    assert re.findall(r"#\d+ &middot; Move (\d+):", html_turning) == expected
    assert re.findall(r"\d+\. Move (\d+):", win_turning) == expected
    for turning in (term_turning, html_turning, win_turning):
        assert words not in turning  # no move is blamed for the event's swing
    for told in (term_events, html_events, win_events):
        assert "Who runs the hub? (a scenario event)" in told and words in told


def test_the_debrief_names_offers_paid_in_the_wrong_kind(elm):
    """Money for a loss of say is named on the winners-and-losers fault-line, with who got it
    (Waring et al. 2023: each strategy answers its own fault-line)."""
    from faultlines.engine.bots import make
    from faultlines.engine.table import Table
    t = Table.open(elm, seed=3)
    t.choose(make("end_round"))
    t.choose(make("offer_funds", target="gps"))  # the GPs lose say over commissioning
    d = analyse(t.log(), elm)
    notes = next(f for f in d.fault_lines if f.id == "winners").notes
    assert any("wrong kind" in n and "funds for Dr Tom Reyes" in n for n in notes), notes


def test_the_debrief_says_when_a_coalition_outweighed_a_block():
    from faultlines.engine.case import load_case
    from faultlines.engine.simulate import play_one
    willow = load_case("willow")
    log = play_one(willow, "skilled", 1).table.log()
    d = analyse(log, willow)
    notes = next(f for f in d.fault_lines if f.id == "power").notes
    assert any("the coalition outweighed" in n for n in notes), notes
