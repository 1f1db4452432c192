"""The terminal edition driven by a script, as a screen-reader user or a pipe drives it: what
it lists, offers and refuses comes from the engine's doorway (`Table.choices`/`options`)."""

from __future__ import annotations

import io

import pytest
from faultlines.engine.table import Table
from faultlines.game.moves_ui import MODE_WORDS
from faultlines.game.terminal import TextGame


def run(table: Table, script: str) -> str:
    """Play `script` (one command a line; EOF leaves the game) and return what was printed."""
    out = io.StringIO()
    TextGame(table, out=out, inp=io.StringIO(script)).run()
    return out.getvalue()


def choice(table: Table, kind: str):
    return next(c for c in table.choices() if c.kind == kind)


def move_lines(out: str) -> list[str]:
    """The numbered move list of the last full status."""
    block = out.rsplit("Moves:\n", 1)[1]
    lines = []
    for line in block.splitlines():
        if not line[:3].strip().isdigit():
            break
        lines.append(line)
    return lines


def test_the_move_list_is_the_doorways_choices(elm):
    table = Table.open(elm, seed=3)
    lines = move_lines(run(table, ""))
    choices = table.choices()
    assert len(lines) == len(choices)
    for n, (line, c) in enumerate(zip(lines, choices, strict=True), 1):
        assert line.split()[0] == str(n)
        assert c.label in line and f"(cost {c.cost_text})" in line
        assert ("unavailable: " + c.reason in line) if c.reason else "unavailable" not in line
    consult = choice(table, "consult")
    assert consult.cost_text == "1 or 2"  # the genuine run costs more: the list says so
    assert f"<mode: {'/'.join(consult.modes)}>" in lines[choices.index(consult)]


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
