"""Logs and saves: versioned formats, migration from format 1, one-line refusals, and the
scenario copy that lets a facilitator debrief a case their machine never had."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from faultlines.engine.catalogue import Catalogue
from faultlines.engine.debrief import analyse, load_log, prepare_log
from faultlines.engine.errors import SaveError
from faultlines.engine.game import Game
from faultlines.engine.logs import write_json
from faultlines.engine.records import LOG_VERSION, SAVE_VERSION, read_save, validate_log
from faultlines.engine.simulate import simulate
from faultlines.engine.table import Table

from faultlines import __version__
from tests.test_catalogue import trainer_folder


@pytest.fixture(scope="module")
def elm_log():
    return simulate("elm", "skilled", 1, 3, keep_logs=True)["logs"][0]


def as_format_1(log: dict) -> dict:
    old = {k: v for k, v in log.items()
           if k not in ("app_version", "scenario_sha256", "scenario_embedded")}
    return {**old, "version": 1}


def test_a_log_records_the_app_and_format_versions_and_its_scenario(elm_log):
    assert elm_log["version"] == LOG_VERSION and elm_log["app_version"] == __version__
    assert elm_log["scenario_embedded"]["sha256"] == elm_log["scenario_sha256"]
    assert validate_log(elm_log) is elm_log


def test_a_format_1_log_is_migrated_and_still_debriefs(elm_log, tmp_path):
    path = write_json(tmp_path / "old.json", as_format_1(elm_log))
    log = load_log(path)
    assert log["version"] == LOG_VERSION and log["app_version"] is None
    full, case = prepare_log(log, where=str(path))
    assert analyse(full, case).outcome == elm_log["outcome"]


def test_a_log_from_a_newer_release_is_refused_naming_both_versions(elm_log, tmp_path):
    path = write_json(tmp_path / "new.json", {**elm_log, "version": 99, "app_version": "9.0"})
    with pytest.raises(SaveError) as exc:
        load_log(path)
    msg = str(exc.value)
    assert "format version 99" in msg and "9.0" in msg and f"up to {LOG_VERSION}" in msg
    assert str(path) in msg and "\n" not in msg


@pytest.mark.parametrize("damage", [
    {"seed": "seven"}, {"moves": "all of them"}, {"moves": [{"target": "x"}]},
    {"events": [{"kind": "move"}]}, {"history": []}, {"scenario": "../../etc/passwd"},
    {"scenario": "/dev/zero"}, {"player": ["a list"]}, {"version": "2"},
])
def test_a_damaged_log_is_one_line_naming_the_file(elm_log, tmp_path, damage):
    path = write_json(tmp_path / "bad.json", {**elm_log, **damage})
    with pytest.raises(SaveError) as exc:
        load_log(path)
    assert str(exc.value).startswith(str(path)) and "\n" not in str(exc.value)


def test_deeply_nested_json_is_refused_not_a_crash(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    with pytest.raises(SaveError, match="nested too deeply|expected a JSON object"):
        load_log(path)


def test_a_log_of_a_trainers_scenario_debriefs_where_it_was_never_installed(tmp_path):
    cat = Catalogue(trainer_folder(tmp_path))
    from faultlines.engine.case import load_case

    case = load_case("stroke", cat)
    log = simulate(case, "skilled", 1, 4, keep_logs=True)["logs"][0]
    elsewhere = Catalogue(tmp_path / "nothing_here")
    notes: list[str] = []
    full, got = prepare_log(log, where="stroke.json", catalogue=elsewhere, notes=notes)
    assert got.scenario.id == "stroke" and notes == []
    assert analyse(full, got).scenario == "stroke"


def test_a_differing_installed_copy_is_named_and_the_logs_own_copy_used(tmp_path):
    folder = trainer_folder(tmp_path)
    from faultlines.engine.case import load_case

    log = simulate(load_case("stroke", Catalogue(folder)), "random", 1, 4,
                   keep_logs=True)["logs"][0]
    text = (folder / "stroke.yaml").read_text(encoding="utf-8")
    (folder / "stroke.yaml").write_text(text.replace("version: '1.0'", "version: '1.1'")
                                        .replace('version: "1.0"', 'version: "1.1"'),
                                        encoding="utf-8")
    assert (folder / "stroke.yaml").read_text(encoding="utf-8") != text
    notes: list[str] = []
    _, case = prepare_log(log, where="g.json", catalogue=Catalogue(folder), notes=notes)
    assert case.source.sha256 == log["scenario_sha256"]
    assert len(notes) == 1 and "using the copy of scenario 'stroke' saved in the log" in notes[0]


def test_an_old_log_without_a_copy_names_what_is_missing(elm_log):
    old = as_format_1({**elm_log, "scenario": "stroke"})
    with pytest.raises(SaveError, match="'stroke' is not installed, and this older log"):
        prepare_log(old, where="old.json")


def test_saves_migrate_from_format_1_and_refuse_newer_ones(elm, tmp_path):
    g = Game(elm, seed=2, dice="pcg64")  # the dice every save before format 4 drew
    save = g.to_save()
    assert save["version"] == SAVE_VERSION and save["app_version"] == __version__
    old = {k: v for k, v in save.items()
           if k not in ("scenario_embedded", "app_version", "dice")}
    path = write_json(tmp_path / "slot1.json", {**old, "version": 1})
    assert Game.from_save(elm, read_save(path)).digest() == g.digest()
    assert Table.restore(elm, read_save(path)).digest() == g.digest()  # checked, then restored
    newer = write_json(tmp_path / "slot2.json", {**save, "version": SAVE_VERSION + 1})
    with pytest.raises(SaveError, match=f"format version {SAVE_VERSION + 1}"):
        read_save(newer)
    for bad in ({"state": []}, {"meta": "x"}, {"rng": None}, {"dice": None},
                {"dice": {"kind": "counter"}}, {"dice": {"kind": "dice of fate", "key": 1}}):
        path = write_json(tmp_path / "bad.json", {**save, **bad})
        with pytest.raises(SaveError, match="bad.json: the save is damaged"):
            read_save(path)


def test_logs_written_by_the_engine_are_plain_json(elm_log, tmp_path):
    path = write_json(tmp_path / "g.json", elm_log)
    assert json.loads(Path(path).read_text(encoding="utf-8"))["format"] == "faultlines-log"
