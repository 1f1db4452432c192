"""Scenario files: valid ones load; every broken one gives its expected one-line error."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
import yaml
from faultlines.engine import loader
from faultlines.engine.case import compile_case
from faultlines.engine.errors import ScenarioError
from faultlines.engine.loader import (
    MAX_BYTES,
    cross_reference_problems,
    load_scenario,
    parse_scenario,
)
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
    assert len(BROKEN) >= 15
    names = {p.stem for p in BROKEN}
    assert {"tab_indent", "unquoted_colon", "missing_dash"} <= names


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


# -- friendlier messages: plain-words YAML hints, nearest names, the first of two ids ----------

MINI = (FIXTURES / "mini.yaml").read_text()
SYNTAX_FIXTURES = ["syntax", "tab_indent", "unquoted_colon", "missing_dash"]


def _problems(text: str) -> list[str]:
    with pytest.raises(ScenarioError) as info:
        parse_scenario(text, "case.yaml")
    problems = info.value.problems
    for line in problems:
        assert "\n" not in line and LINE.match(line), line
    return problems


def _edit(old: str, new: str, text: str = MINI) -> str:
    assert text.count(old) == 1, old
    return text.replace(old, new)


@pytest.mark.parametrize("name", SYNTAX_FIXTURES)
@pytest.mark.parametrize("parser", ["CSafeLoader", "SafeLoader"])
def test_yaml_syntax_errors_keep_the_parsers_words_and_add_a_guess(monkeypatch, parser, name):
    """The same plain-words guess whichever PyYAML parser (C or pure Python) is in use."""
    if not hasattr(yaml, parser):
        pytest.skip(f"PyYAML was built without {parser}")
    monkeypatch.setattr(loader, "SafeLoader", getattr(yaml, parser))
    path = FIXTURES / "broken" / f"{name}.yaml"
    expected = path.read_text().splitlines()[0].removeprefix("# expect: ")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    (line,) = info.value.problems
    assert re.search(r"\.yaml:\d+:\d+: YAML syntax error: \S.*; probably \S", line), line
    assert expected in line


def test_tab_hint_names_the_line_and_says_spaces():
    (line,) = _problems(_edit("  credibility: 0.6\n", "\tcredibility: 0.6\n"))
    assert re.search(r"case\.yaml:19:1: YAML syntax error: .*; probably line 19 is indented "
                     r"with a tab; YAML indentation must be spaces", line), line


def test_unquoted_colon_hint_shows_the_quoted_value():
    text = _edit('  title: "Care closer to home"', "  title: Care closer to home: phase 2")
    (line,) = _problems(text)
    assert line.startswith("case.yaml:24:29: YAML syntax error: ")
    assert line.endswith("put the value in quotes (title: \"Care closer to home: phase 2\")")


def test_missing_dash_before_a_list_item():
    (line,) = _problems(_edit("  - id: council\n", "  id: council\n"))
    assert "probably line 52 lines up with the list items above but does not start with " \
           "'- '" in line


def test_missing_dash_that_merges_two_items_is_named_at_the_duplicate_key():
    problems = _problems(_edit("  - id: council\n", "    id: council\n"))
    assert any(re.search(r"case\.yaml:52:5: stakeholders\[0\]\.id: key appears twice \(first "
                         r"at line 35\); if a new list item starts here, it needs a '- '$", p)
               for p in problems), problems


def test_unclosed_quote_and_bracket_name_where_they_opened():
    (quote,) = _problems(_edit('  footprint: "One town"', '  footprint: "One town'))
    assert "; probably line 10 opens a \" quote that is not closed on that line" in quote
    (bracket,) = _problems(_edit('["a hospital", "a council"]', '["a hospital", "a council"'))
    assert "; probably the [ opened on line 11 is not closed with ]" in bracket


def test_inconsistent_indentation_is_named():
    (line,) = _problems(_edit("  capacity: 3\n", "   capacity: 3\n"))
    assert "; probably line 18 does not line up with the keys around it" in line
    (line,) = _problems(_edit("  calendar: 8\n", "   calendar: 8\n"))
    assert "; probably line 20 is indented further than the key above it" in line


@pytest.mark.parametrize("old, new, expected", [
    ("    evidence_need: 0.5", "    evidence_needs: 0.5",
     "stakeholders[0].evidence_needs: unknown field; did you mean 'evidence_need'?"),
    ("schema: 1", "shema: 1", "shema: unknown field; did you mean 'schema'?"),
    ("  inducements: {roles: 1, funds: 1, external: 1}",
     "  inducements: {role: 1, funds: 1, external: 1}",
     "player.inducements.role: unknown field; did you mean 'roles'?"),
    ("      issue: architecture", "      isue: architecture",
     "plan.components[0].isue: unknown field; did you mean 'issue'?"),
    ("    trigger: {stage: committee, round: 1}", "    trigger: {stage: committee, rond: 1}",
     "events[0].trigger.rond: unknown field; did you mean 'round'?"),
    ("outcomes:\n", "rules: {w_value: 0.5}\noutcomes:\n",
     "rules.w_value: unknown field; did you mean 'w_values'?"),
])
def test_misspelt_key_suggests_the_nearest_field_of_that_model(old, new, expected):
    problems = _problems(_edit(old, new))
    assert any(p.endswith(expected) for p in problems), problems


def test_unknown_key_with_no_near_name_points_to_the_format_doc():
    problems = _problems(_edit("    drivers: \"Wants", "    banana: 1\n    drivers: \"Wants"))
    assert any(p.endswith("stakeholders[1].banana: unknown field (check the spelling against "
                          "docs/scenario-format.md)") for p in problems), problems


def test_misspelt_choice_and_id_suggest_the_nearest():
    problems = _problems(_edit("    sector: social_care", "    sector: social-care"))
    assert any(p.endswith("got 'social-care'; did you mean 'social_care'?") for p in problems)
    problems = _problems(_edit("forum: [hospital, council]", "forum: [hospital, counsil]"))
    assert any(p.endswith("stages[2].forum[1]: unknown stakeholder 'counsil'; did you mean "
                          "'council'?") for p in problems), problems


def test_duplicate_id_names_the_line_of_the_first():
    text = _edit("  - {id: board, name: \"Board\"", "  - {id: briefing, name: \"Board\"")
    problems = _problems(text)
    assert "case.yaml:69:10: stages[1].id: id 'briefing' is used twice (first at line 68)" \
        in problems, problems


def test_duplicate_component_id_points_at_the_component():
    extra = ("    - id: clinics\n      name: \"More clinics\"\n      summary: \"Again.\"\n"
             "      issue: architecture\n      source: \"Invented for play: test fixture\"\n")
    text = _edit("stakeholders:\n", extra + "stakeholders:\n")
    problems = _problems(text)
    assert "case.yaml:34:11: plan.components[1].id: id 'clinics' is used twice (first at " \
           "line 29)" in problems, problems


def test_cross_references_without_lines_name_the_first_by_its_path():
    sc = parse_scenario(MINI, "mini.yaml")
    twin = sc.model_copy(update={"stages": [*sc.stages[:2], sc.stages[1], *sc.stages[2:]]})
    assert ((("stages", 2, "id"), "id 'board' is used twice (first at stages[1].id)")
            in cross_reference_problems(twin))
