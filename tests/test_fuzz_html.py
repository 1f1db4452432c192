"""HTML output escapes every text that comes from a scenario, a log or the command line: a
scenario whose every text field is a script tag or an attribute breaking out into an image
with an `onerror`, played by a player with such a name, is rendered through the HTML
debrief, the role pack and the class report, and none of it arrives unescaped."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import numpy as np
import pytest
import yaml
from faultlines.engine.bots import play_out, policy_named
from faultlines.engine.case import load_case
from faultlines.engine.table import Table
from faultlines.game.cli import main

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
PAYLOADS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>')
#: what must never reach a page as it is: the start of either payload's markup
RAW = ("<script>alert", "<img src=x", "onerror=alert(1)>")
#: every free-text field of a scenario (names, titles, stances, notes, sources ...)
TEXT_FIELDS = {"authority", "board", "committee", "consultation", "signoff", "drivers",
               "footprint", "history", "name", "note", "organisation", "organisations",
               "politics", "public_stance", "role", "source", "start", "study", "summary",
               "text", "title", "controls"}


def hostile_scenario(folder: Path) -> tuple[Path, int]:
    """Elm with every text field replaced by a payload; returns its path and how many
    fields were replaced."""
    data = yaml.safe_load((SCENARIOS / "elm.yaml").read_text(encoding="utf-8"))
    count = itertools.count()

    def text() -> str:
        n = next(count)
        return f"{PAYLOADS[n % 2]} {n}"

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for k, v in node.items():
                if k in TEXT_FIELDS and isinstance(v, str):
                    node[k] = text()
                elif k in TEXT_FIELDS and isinstance(v, list) and \
                        all(isinstance(i, str) for i in v):
                    node[k] = [text() for _ in v]
                else:
                    walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(data)
    data["id"] = "hostile"
    path = folder / "hostile.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path, next(count)


@pytest.fixture(scope="module")
def played(tmp_path_factory):
    folder = tmp_path_factory.mktemp("hostile")
    path, fields = hostile_scenario(folder)
    table = Table.open(load_case(str(path)), seed=4)
    play_out(table, policy_named("skilled"), np.random.default_rng(4))
    log = {**table.log(), "player": PAYLOADS[1]}
    name = folder / f"{PAYLOADS[1].replace('/', '')}.json"  # a file name from the command line
    name.write_text(json.dumps(log), encoding="utf-8")
    return folder, path, name, fields


def unescaped(folder: Path) -> list[str]:
    found = []
    for page in sorted(folder.rglob("*.html")) + sorted(folder.rglob("*.svg")):
        text = page.read_text(encoding="utf-8")
        found += [f"{page.name}: {raw}" for raw in RAW if raw in text]
    return found


def test_the_hostile_scenario_replaces_every_text_field(played):
    assert played[3] > 200  # every name, title, stance, note and source of the case


def test_the_html_debrief_escapes_every_text(played, tmp_path):
    folder, _, log, _ = played
    assert main(["debrief", str(log), "--html", str(tmp_path / "debrief.html")]) == 0
    page = (tmp_path / "debrief.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page  # the texts are there, escaped
    assert unescaped(tmp_path) == []


def test_the_role_pack_escapes_every_text(played, tmp_path):
    _, scenario, _, _ = played
    assert main(["role-pack", "--scenario", str(scenario), "--out", str(tmp_path / "pack")]) == 0
    assert list((tmp_path / "pack").glob("*.html"))
    assert unescaped(tmp_path / "pack") == []


def test_the_class_report_escapes_every_text_names_included(played, tmp_path):
    _, _, log, _ = played
    assert main(["class-report", str(log), "--html", str(tmp_path / "class.html"),
                 "--names"]) == 0
    page = (tmp_path / "class.html").read_text(encoding="utf-8")
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in page  # the player's name
    assert unescaped(tmp_path) == []


@pytest.mark.parametrize("name", ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)",
                                  "\t=1+1", "\r=1+1"])
def test_the_class_csv_defuses_spreadsheet_formulas_in_names(played, tmp_path, name):
    import csv

    _, _, log, _ = played
    data = json.loads(log.read_text(encoding="utf-8"))
    path = tmp_path / "game.json"
    path.write_text(json.dumps({**data, "player": name}), encoding="utf-8")
    assert main(["class-report", str(path), "--csv", str(tmp_path / "c.csv"), "--names"]) == 0
    with (tmp_path / "c.csv").open(newline="", encoding="utf-8") as fh:
        row = next(csv.DictReader(fh))
    assert row["player"] == "'" + name.replace("\r", "\n")  # a CR would end the row
    assert not any(v.startswith(("=", "+", "@", "\t", "\r")) for v in row.values())
