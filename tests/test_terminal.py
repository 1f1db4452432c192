"""The terminal edition driven by a script, as a screen-reader user or a pipe drives it: what
it lists, offers and refuses comes from the engine's doorway (`Table.choices`/`options`)."""

from __future__ import annotations

import io
import re

import pytest
from faultlines.engine.table import Table
from faultlines.game.moves_ui import MODE_WORDS
from faultlines.game.terminal import TextGame
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


def run(table: Table, script: str) -> str:
    """Play `script` (one command a line; EOF leaves the game) and return what was printed."""
    out = io.StringIO()
    TextGame(table, out=out, inp=io.StringIO(script)).run()
    return out.getvalue()


def choice(table: Table, kind: str):
    return next(c for c in table.choices() if c.kind == kind)


def move_lines(out: str) -> list[str]:
    """The numbered lines of the last `moves` listing (possible moves, then the others)."""
    block = out.rsplit("Possible now:\n", 1)[1]
    lines = []
    for line in block.splitlines():
        if line == "Not possible now:":
            continue
        if not line[:3].strip().isdigit():
            break
        lines.append(line)
    return sorted(lines, key=lambda line: int(line.split()[0]))


def test_the_move_list_is_the_doorways_choices(elm):
    table = Table.open(elm, seed=3)
    out = run(table, "moves\n")
    lines = move_lines(out)
    choices = table.choices()
    assert len(lines) == len(choices)
    possible = out.split("Possible now:\n")[1].split("Not possible now:\n")[0]
    for n, (line, c) in enumerate(zip(lines, choices, strict=True), 1):
        assert line.split()[:2] == [str(n), f"{c.kind}:"] and c.label in line
        assert (line in possible) == (c.reason is None)
        assert (c.reason in line) if c.reason else f"cost {c.cost_text}." in line
    consult = choice(table, "consult")
    assert consult.cost_text == "1 or 2"  # the genuine run costs more: the list says so


def test_an_unavailable_move_says_why_in_the_choices_words(elm):
    table = Table.open(elm, seed=3)
    air = choice(table, "air_cover")
    assert air.reason  # nothing is endorsed yet
    out = run(table, "air_cover\n")
    assert f"Not possible: {air.reason}" in out
    assert table.moves == ()


def test_a_move_of_two_people_is_targeted_through_options(elm):
    table = Table.open(elm, seed=3)
    v = table.view
    number = {p.id: n for n, p in enumerate(v.people, 1)}
    firsts = table.options("dialogue")
    first = next(sid for sid, why in firsts.items() if why is None)
    seconds = table.options("dialogue", target=first)
    second = next(sid for sid, why in seconds.items() if why is None)
    refused = next(sid for sid, why in seconds.items() if why is not None and sid != first)
    # first the refused second person (the engine's reason is shown), then a legal one
    out = run(table, f"dialogue\n{number[first]}\n{number[refused]}\n"
                     f"dialogue {first}\n{number[second]}\n")
    offers = out.split("Facilitated dialogue: choose a second person.")[1].split("?")[0]
    for sid, why in seconds.items():
        assert (v.person(sid).name in offers) == (why is None)
    assert f"Not possible: {seconds[refused]}" in out
    assert table.moves == ({"kind": "dialogue", "target": first, "other": second},)


@pytest.fixture(scope="module")
def at_consultation():
    """A logged game (the skilled bot's) rebuilt at the start of its consultation stage."""
    from faultlines.engine.case import load_case
    from faultlines.engine.simulate import simulate

    case = load_case("elm")
    for log in simulate("elm", "skilled", 6, 1, keep_logs=True)["logs"]:
        at = next((e["move"] + 1 for e in log["events"] if e["kind"] == "stage"
                   and e["data"].get("entered") == "consultation"), None)
        if at is not None:
            return case, log, at
    pytest.fail("no simulated game reached the consultation")


@pytest.mark.parametrize("answer", ["genuine", "2"])
def test_the_consultation_is_offered_with_its_modes_from_the_choice(at_consultation, answer):
    case, log, at = at_consultation
    table = Table.replayed(case, log, at)
    consult = choice(table, "consult")
    assert table.view.stage == "consultation" and consult.reason is None
    out = run(table, "consult\n" + answer + "\n")
    offer = out.split("Run the consultation: choose how to run it.")[1].split("?")[0]
    for n, mode in enumerate(consult.modes, 1):
        assert f"{n} {mode}: {MODE_WORDS[mode][0]}" in offer
    mode = consult.modes[1] if answer == "2" else answer
    assert table.moves[-1] == {"kind": "consult", "mode": mode}


# -- a whole scripted game, as a screen-reader user hears it --------------------------------------
def script_of(log: dict) -> str:
    """A log's moves as the lines a player types (`kind` then its choices, by id)."""
    from faultlines.engine.moves import MOVE_TYPES

    return "".join(" ".join([m["kind"], *(m[p] for p in MOVE_TYPES[m["kind"]].params)]) + "\n"
                   for m in log["moves"])


@pytest.fixture(scope="module")
def whole_game():
    """The skilled bot's Elm game typed into the terminal: (table, transcript, per-move text)."""
    from faultlines.engine.case import load_case
    from faultlines.engine.simulate import simulate

    log = simulate("elm", "skilled", 1, 1, keep_logs=True)["logs"][0]
    table = Table.open(load_case("elm"), seed=log["seed"], difficulty=log["difficulty"])
    out = run(table, script_of(log))
    assert table.over and len(table.moves) == len(log["moves"])
    # what was printed after each command (the prompt `> ` starts each answer)
    answers = out.split("\n> ")[1:]
    return table, out, answers


def test_a_whole_game_says_what_changed_not_the_whole_table(whole_game):
    table, out, answers = whole_game
    assert "Stakeholders (type" not in out and "Possible now:" not in out
    rounds = sum(1 for e in table.events if e.kind in ("round", "stage"))
    assert out.count("Reading the room:") <= rounds + 1  # once a round, not after each move
    assert "=== Outcome:" in out


def test_every_stance_and_credibility_change_is_said_with_its_reason(whole_game):
    table, _, answers = whole_game
    for i, said in enumerate(answers[:len(table.moves)]):
        events = [e for e in table.events if e.move == i]
        lines = said.splitlines()
        used: dict[str, int] = {}  # a person can move twice: for the move, then the round
        for e in events:
            if e.kind == "shift":
                name = table.case.name(e.data["target"])
                at = next(k for k in range(used.get(name, -1) + 1, len(lines))
                          if name in lines[k] and " on the plan (" in lines[k]
                          or name in lines[k] and " to the plan (" in lines[k])
                used[name] = at
                line = lines[at]
                assert ("warm" in line) == (e.data["after"] > e.data["before"])
                assert "(" in line and not line.endswith("()."), line
            if e.kind == "credibility":
                assert e.text in said and e.data["why"]
    assert any(e.kind == "credibility" for e in table.events)


def test_numbers_use_a_true_minus_sign_and_names_are_whole(whole_game, elm):
    _, out, _ = whole_game
    assert not re.search(r"(?<![\w.\-])-\d", out), "a hyphen read as 'dash' before a number"
    assert "\u2212" in out
    look = run(Table.open(elm, seed=3), "look\n")
    for n, p in enumerate(elm.scenario.stakeholders, 1):
        assert f"{n:2d} {p.id}: {p.name}, {p.organisation}" in look  # ids where they are typed
    assert "counting those whose stance reads +0.10 or more" in look


def test_demands_and_stand_offs_name_the_people_and_the_move_that_meets_them(elm):
    """Replayed to where each first stands in the way, `look` names who, by id, and the move
    (number and kind) that the engine says meets or breaks it."""
    from faultlines.engine.simulate import simulate

    found = {"demand": False, "standoff": False}
    for log in simulate("elm", "skilled", 4, 1, keep_logs=True)["logs"]:
        for k in range(len(log["moves"]) + 1):
            table = Table.replayed(elm, log, k)
            if table.over:  # the finished game's terminal shows its ending, not the table
                continue
            v = table.view
            demands = [d for d in v.demands if not d.met]
            so = v.standoff if v.standoff and not v.standoff.resolved else None
            if not demands and not so:
                continue
            out = run(table, "look\n").split("\n> ")[1]  # what `look` said
            kinds = [c.kind for c in table.choices()]
            lines = [x for x in out.splitlines() if x.startswith("Demand from")]
            assert len(lines) == len(demands)
            for d, line in zip(demands, lines, strict=True):
                assert all(f"{v.person(x).name} ({x})" in line for x in d.by)
                kind, mode = d.move
                assert f"move {kinds.index(kind) + 1} ({kind})" in line
                assert (f"with mode {mode}" in line) == bool(mode)
                if d.beneficiary:
                    assert f"for {v.person(d.beneficiary).name} ({d.beneficiary})" in line
                found["demand"] = True
            if so:
                line = next(x for x in out.splitlines() if x.startswith("Stand-off between"))
                assert all(f"{v.person(x).name} ({x})" in line for x in so.members)
                assert f"move {kinds.index(so.broken_by) + 1} ({so.broken_by})" in line
                found["standoff"] = True
        if all(found.values()):
            break
    assert all(found.values()), found


def test_many_moving_alike_are_said_in_one_line(elm):
    out = run(Table.open(elm, seed=1), "big_picture\n")
    said = out.split("\n> ")[1]
    assert "13 people warm to the plan (mainly the broad vision" in said
    assert "warms to the plan" not in said


def test_a_move_with_no_effect_says_so(elm):
    script = "big_picture\nend_round\nbig_picture\nbig_picture\nend_round\nbig_picture\n"
    answers = run(Table.open(elm, seed=1), script).split("\n> ")[1:]
    assert "Nobody's stance moved" not in answers[0]  # the first vision moves everyone
    last = answers[5]  # the vision worn thin by repetition
    assert "You set out the big picture" in last
    assert "Nobody's stance moved, and your credibility is unchanged." in last


def test_card_news_plan_and_help_are_there_on_demand(elm):
    out = run(Table.open(elm, seed=1), "card teaching\ncard 1\nplan\nnews\nhelp\ncard\n")
    answers = [a.strip() for a in out.split("\n> ")[1:]]
    assert answers[0] == answers[1] and answers[0].startswith("Prof. Alan Rooke (teaching)")
    assert "a specialist teaching hospital, central to the system" in answers[0]
    assert "(specialist, central)" not in answers[0]  # sector and position in words
    assert "1 crisis: Community mental health crisis" in answers[2]
    assert "No news" in answers[3] and "card N" in answers[4]
    assert "Which stakeholder?" in answers[5]


def test_verbose_reprints_the_whole_table_every_round(elm):
    table = Table.open(elm, seed=1)
    out = io.StringIO()
    TextGame(table, out=out, inp=io.StringIO("end_round\nend_round\n"), verbose=True).run()
    assert out.getvalue().count("Stakeholders (type") == 3
    assert out.getvalue().count("Possible now:") == 3


class _CtrlC(io.StringIO):
    """Input where the user presses Ctrl-C at the second prompt."""

    def readline(self, *args):
        if self.tell():
            raise KeyboardInterrupt
        return super().readline(*args)


def test_ctrl_c_ends_the_game_like_ctrl_d(elm):
    table = Table.open(elm, seed=1)
    out = io.StringIO()
    assert TextGame(table, out=out, inp=_CtrlC("1 teaching\n")).run() == 0
    assert out.getvalue().endswith("Game left unfinished. Goodbye.\n")
    assert len(table.moves) == 1


# -- any text or bytes end cleanly (issue 13) -----------------------------------------------------
def run_bytes(table: Table, data: bytes) -> str:
    """Feed raw bytes as a pipe would (decoded as UTF-8 by the game's own input stream)."""
    out = io.StringIO()
    inp = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    assert TextGame(table, out=out, inp=inp).run() == 0
    return out.getvalue()


@pytest.mark.parametrize("typed", ["\u00b2", "1 \u00b2", "\u0662", "card \u00b3", "6 \u00b9",
                                   "3 1 \u2075", "21 \u00b2", "99999999999999999999 1",
                                   "1 99999999999999999999"])
def test_digits_int_refuses_are_answered_not_a_crash(elm, typed):
    """Superscripts and other scripts' digits pass str.isdigit() but not int()."""
    out = run_bytes(Table.open(elm, seed=1), (typed + "\n").encode())
    assert "Unknown command" in out or "Not " in out or "No stakeholder" in out


def test_bytes_that_are_not_text_are_answered(elm):
    out = run_bytes(Table.open(elm, seed=1), b"\xff\xfe\x00 1\n\x1b[2J\n" + b"x" * 5000 + b"\n")
    assert out.count("Unknown command") == 3


@settings(max_examples=60, derandomize=True, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(
    st.binary(max_size=40),
    st.text(max_size=30).map(str.encode),
    st.sampled_from([b"1", b"2", b"3", b"12", b"24", b"end_round", b"look", b"moves", b"card",
                     b"\xc2\xb2", b"\xd9\xa2", b"-1", b"0", b"1e9", b"teaching"])),
    max_size=12).map(lambda parts: b"\n".join(b" ".join(parts[i:i + 2])
                                               for i in range(0, len(parts), 2))))
def test_any_input_through_the_loop_ends_cleanly(elm, data):
    out = run_bytes(Table.open(elm, seed=2), data)
    assert out.rstrip().endswith(("Goodbye.", "faultlines debrief")) or "=== Outcome:" in out


def test_a_superscript_typed_as_the_scenario_number_is_refused_in_one_line(monkeypatch, capsys):
    from faultlines.game.cli import main

    monkeypatch.setattr("sys.stdin", io.StringIO("\u00b2\n"))
    assert main(["play", "--text"]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_every_change_of_credibility_comes_with_an_event_and_its_reason(elm):
    """The engine's credibility events add up to every change the player sees."""
    from faultlines.engine.simulate import simulate

    log = simulate("elm", "random", 1, 3, keep_logs=True)["logs"][0]
    table = Table.open(elm, seed=log["seed"], difficulty=log["difficulty"])
    changes = 0
    for m in log["moves"]:
        before = table.view.credibility
        events = table.choose(m["kind"], **{k: v for k, v in m.items() if k != "kind"})
        said = [e for e in events if e.kind == "credibility"]
        moved = sum(e.data["after"] - e.data["before"] for e in said)
        assert abs((table.view.credibility - before) - moved) < 0.005, m
        assert all(e.data["why"] and e.text.endswith(e.data["why"]) for e in said)
        changes += len(said)
    assert changes >= 2


def test_a_hint_is_offered_in_practice_and_refused_elsewhere(tutorial):
    """`hint` in a practice game names a move with its chance in worlds drawn from the
    player's radar; in a standard game it says, in one line, that hints are for practice."""
    out = run(Table.open(tutorial, seed=2, difficulty="standard"), "hint\n")
    assert "No hint: Hints are for practice games" in out
    out = run(Table.open(tutorial, seed=2, difficulty="guided"), "hint\n")
    line = next(x for x in out.splitlines() if "drawn from your radar" in x)
    assert line.startswith("Hint: ") and "%" in line and "games played on" in line
