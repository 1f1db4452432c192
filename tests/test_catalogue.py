"""Scenarios by id or by typed path; a trainer's folder; copies that travel inside logs."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from faultlines.engine.case import case_from_source, load_case
from faultlines.engine.catalogue import (
    Catalogue,
    ScenarioSource,
    embed,
    is_id,
    looks_like_path,
    shipped_ids,
    unembed,
)
from faultlines.engine.errors import ScenarioError

REPO_SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"


def trainer_folder(tmp_path: Path, name: str = "stroke") -> Path:
    folder = tmp_path / "scenarios"
    folder.mkdir(parents=True, exist_ok=True)
    text = (REPO_SCENARIOS / "elm.yaml").read_text(encoding="utf-8")
    (folder / f"{name}.yaml").write_text(text.replace("\nid: elm\n", f"\nid: {name}\n"),
                                         encoding="utf-8")
    return folder


def test_the_shipped_cases_are_package_data_with_the_tutorial_first():
    assert {"tutorial", "elm", "willow", "oak"} <= set(shipped_ids())
    assert Catalogue().ids()[0] == "tutorial"
    assert Catalogue().find("elm").origin == "installed"


def test_ids_and_paths_follow_one_rule():
    assert is_id("stroke_pathway") and not is_id("my-case") and not is_id("Elm")
    assert looks_like_path("./elm.yaml") and looks_like_path("cases/elm") \
        and looks_like_path("elm.yml")
    assert not looks_like_path("elm")


def test_an_id_is_never_a_file_in_the_current_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "elm").mkdir()  # a folder named like an id must not win
    (tmp_path / "elm.yaml").write_text("not a scenario", encoding="utf-8")
    assert load_case("elm").scenario.id == "elm"
    with pytest.raises(ScenarioError, match="no such scenario"):
        Catalogue().find("dev_zero")


def test_a_trainers_folder_adds_scenarios_by_id(tmp_path):
    cat = Catalogue(trainer_folder(tmp_path))
    assert "stroke" in cat.ids() and cat.find("stroke").origin == "user"
    assert load_case("stroke", cat).scenario.id == "stroke"
    assert "stroke" not in Catalogue().ids()


def test_a_trainers_file_cannot_replace_a_shipped_case_or_break_the_name_rule(tmp_path):
    folder = trainer_folder(tmp_path, "elm")
    (folder / "my-case.yaml").write_text("id: x\n", encoding="utf-8")
    cat = Catalogue(folder)
    assert cat.find("elm").origin == "installed"
    problems = " ".join(cat.problems())
    assert "a shipped scenario is called 'elm'" in problems and "my-case.yaml" in problems
    assert "my-case" not in cat.ids()


def test_a_file_named_unlike_its_id_is_refused_by_id(tmp_path):
    folder = trainer_folder(tmp_path)
    os.rename(folder / "stroke.yaml", folder / "stroke2.yaml")
    with pytest.raises(ScenarioError, match="file is named 'stroke2' but its id is 'stroke'"):
        load_case("stroke2", Catalogue(folder))


def test_a_typed_path_is_read_and_special_files_are_refused(tmp_path):
    folder = trainer_folder(tmp_path)
    assert load_case(str(folder / "stroke.yaml")).scenario.id == "stroke"
    with pytest.raises(ScenarioError, match="it is a folder"):
        Catalogue().resolve(str(folder) + "/")
    if Path("/dev/zero").exists():
        with pytest.raises(ScenarioError, match="not a regular file"):
            Catalogue().resolve("/dev/zero")


def test_an_embedded_copy_round_trips_and_detects_damage():
    text = (REPO_SCENARIOS / "tutorial.yaml").read_text(encoding="utf-8")
    blob = embed(text)
    assert len(blob["data"]) < len(text) / 2  # compressed
    assert unembed(blob, "log") == text
    with pytest.raises(ScenarioError, match="does not match its checksum"):
        unembed({**blob, "sha256": "0" * 64}, "log")
    with pytest.raises(ScenarioError, match="damaged"):
        unembed({**blob, "data": "!!"}, "log")


def test_a_case_remembers_its_source_so_games_can_carry_it():
    case = load_case("elm")
    assert case.source.sha256 == ScenarioSource("elm", case.source.text, "path", "x").sha256
    again = case_from_source(ScenarioSource("elm", case.source.text, "log", "a log"))
    assert again.scenario == case.scenario
