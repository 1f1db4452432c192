"""Scenario files: valid ones load; every broken one gives its expected one-line error."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from faultlines.engine.case import compile_case
from faultlines.engine.errors import ScenarioError
from faultlines.engine.loader import MAX_BYTES, load_scenario, parse_scenario
from faultlines.game.cli import main

SCENARIO_DIR = Path(__file__).resolve().parent.parent / "scenarios"  # the repository's copy
FIXTURES = Path(__file__).parent / "fixtures"
BROKEN = sorted((FIXTURES / "broken").glob("*.yaml"))
LINE = re.compile(r"^\S+\.yaml:\d+:\d+: \S.*$")


@pytest.mark.parametrize("path", sorted(SCENARIO_DIR.glob("*.yaml")), ids=lambda p: p.stem)
def test_shipped_scenarios_load_and_compile(path):
    sc = load_scenario(path)
    case = compile_case(sc)
    assert case.n >= 2 and sc.id == path.stem


def test_every_element_of_shipped_scenarios_cites_a_source():
    for path in SCENARIO_DIR.glob("*.yaml"):
        sc = load_scenario(path)
        items = [sc, sc.case, sc.player, sc.plan, *sc.plan.components, *sc.stakeholders,
                 *sc.relationships, *sc.stages, *sc.events, *sc.outcomes.values()]
        for item in items:
            assert len(item.source) > 10, (path.name, item)


def test_there_is_a_broken_fixture_for_each_kind_of_mistake():
    assert len(BROKEN) >= 12


@pytest.mark.parametrize("path", BROKEN, ids=lambda p: p.stem)
def test_broken_fixture_gives_expected_one_line_error(path):
    expected = path.read_text().splitlines()[0].removeprefix("# expect: ")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    problems = info.value.problems
    assert problems, "at least one problem"
    for line in problems:
        assert "\n" not in line and LINE.match(line), line
        assert path.name in line
    assert any(expected in line for line in problems), problems


def test_error_names_file_line_column_and_field():
    with pytest.raises(ScenarioError) as info:
        load_scenario(FIXTURES / "broken" / "influence_word.yaml")
    line = info.value.problems[0]
    # the fixture has one header line, so the YAML line is the file's line
    assert re.search(r"influence_word\.yaml:42:16: stakeholders\[0\]\.influence: expected a "
                     r"number from 0 to 1, got 'high'$", line)


def test_alias_bomb_fails_fast():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(9))
    start = time.perf_counter()
    with pytest.raises(ScenarioError) as info:
        parse_scenario(bomb, "bomb.yaml")
    assert time.perf_counter() - start < 1.0
    assert "anchors and aliases" in info.value.problems[0]


def test_deep_nesting_is_refused():
    deep = "a: " + "[" * 200 + "]" * 200 + "\n"
    with pytest.raises(ScenarioError) as info:
        parse_scenario(deep, "deep.yaml")
    assert "nesting deeper" in info.value.problems[0]


def test_oversized_file_is_refused(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text("# " + "x" * (MAX_BYTES + 10))
    with pytest.raises(ScenarioError) as info:
        load_scenario(big)
    assert "limit" in info.value.problems[0]


def test_empty_and_non_mapping_files(tmp_path):
    for text in ("", "- just\n- a list\n"):
        p = tmp_path / "odd.yaml"
        p.write_text(text)
        with pytest.raises(ScenarioError) as info:
            load_scenario(p)
        assert LINE.match(info.value.problems[0])


def test_validate_prints_every_error_and_exits_1(capsys):
    files = [str(p) for p in BROKEN[:3]] + [str(FIXTURES / "mini.yaml")]
    assert main(["validate", *files]) == 1
    captured = capsys.readouterr()
    out, err = captured.out.splitlines(), captured.err.splitlines()
    assert out == [line for line in out if "ok (" in line] and len(out) == 1  # ok on stdout
    assert sum(LINE.match(line) is not None for line in err) >= 3  # errors on stderr


def test_validate_passes_good_files(capsys):
    assert main(["validate", str(SCENARIO_DIR / "elm.yaml")]) == 0
    assert "ok" in capsys.readouterr().out


def test_missing_file_is_one_line(capsys):
    assert main(["validate", "no/such/file.yaml"]) == 1
    captured = capsys.readouterr()
    err = captured.err.strip().splitlines()
    assert len(err) == 1 and "cannot read" in err[0] and captured.out == ""


def test_the_documented_example_is_valid():
    doc = (Path(__file__).parent.parent / "docs" / "scenario-format.md").read_text()
    example = doc.split("```yaml\n", 1)[1].split("```", 1)[0]
    sc = parse_scenario(example, "docs/scenario-format.md")
    assert sc.id == "mini"
