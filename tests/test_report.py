"""HTML reports: the debrief, the branch comparison and the class report contain every
section and chart, are self-contained (nothing fetched from outside) and print cleanly."""

from __future__ import annotations

import csv
import io
import re

import pytest
from faultlines.engine.debrief import analyse
from faultlines.engine.debrief.branch import branch_log
from faultlines.engine.debrief.classroom import game_row
from faultlines.engine.simulate import simulate
from faultlines.game.report.class_page import class_csv, render_class
from faultlines.game.report.compare_page import render_compare
from faultlines.game.report.debrief_page import SECTIONS, render_debrief


@pytest.fixture(scope="module")
def logs():
    out = []
    for policy in ("skilled", "hurried", "random", "frame-only", "challenge-only", "pragmatic"):
        out += simulate("elm", policy, 1, 2, keep_logs=True)["logs"]
    return out


@pytest.fixture(scope="module")
def report(logs, elm):
    return render_debrief(analyse(logs[1], elm), elm)


def charts(html: str) -> list[str]:
    return re.findall(r'<svg[^>]*aria-label="([^"]+)"', html)


def assert_self_contained(html: str) -> None:
    assert html.startswith("<!DOCTYPE html>")
    assert not re.search(r'<(script|link|img|iframe)\b', html)
    assert not re.search(r'(src|href)="(https?:)?//', html)
    assert "url(http" not in html and "@import" not in html
    assert "@media print" in html and "break-before: page" in html
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "element ids must be unique across inline charts"


def test_debrief_report_has_every_section_and_chart(report):
    for anchor, title in SECTIONS:
        assert f'id="{anchor}"' in report and title in report
    assert charts(report) == ["Credibility and months left over the game",
                              "How much each move moved stances; turning points numbered",
                              "Each stakeholder's stance over the game",
                              "What changed on each fault-line", "Moves by family"]
    for words in ("Negotiation episodes", "Questions for reflection", "Research:",
                  "Open negotiation", "Options to avoid"):
        assert words in report
    assert_self_contained(report)


def test_charts_use_the_okabe_ito_palette_and_no_pyplot(report):
    import sys

    colours = {c.lower() for c in re.findall(r"#[0-9A-Fa-f]{6}", report)}
    assert {"#0072b2", "#e69f00"} <= colours
    assert "matplotlib.pyplot" not in sys.modules


def test_compare_report_shows_both_branches(logs, elm):
    log = logs[4]
    b = branch_log(log, 5, policy="skilled", case=elm)
    html = render_compare(analyse(log, elm), analyse(b, elm), elm,
                          labels=("original game", "branch: skilled"), branch_at=5)
    assert "original game" in html and "branch: skilled" in html
    assert "first 5 moves" in html and "Final credibility" in html
    assert charts(html) == ["Credibility and months left over the game",
                            "Each stakeholder's stance over the game"]
    for name in ("Prof. Alan Rooke", "Lena Fischer"):
        assert name in html
    assert_self_contained(html)


@pytest.fixture(scope="module")
def rows(logs, elm):
    out = []
    for n, log in enumerate(logs, 1):
        log = dict(log, player=f"Learner Number{n}")
        out.append(game_row(n, analyse(log, elm, replay_check=False), names=False,
                            file=f"/class/learner{n}.json"))
    return out


def test_class_report_compares_games_without_names(rows):
    html = render_class(rows, names=False, skipped=[])
    assert "Learner" not in html and "learner" not in html
    for n in range(1, len(rows) + 1):
        assert f"Game {n}" in html
    assert charts(html) == ["Outcomes across the class", "Move mix per game",
                            "Negotiation episodes per game, by type",
                            "Final credibility against months used, by outcome"]
    for anchor in ("outcomes", "mix", "typology", "credibility", "games"):
        assert f'id="{anchor}"' in html
    assert_self_contained(html)
    table = list(csv.DictReader(io.StringIO(class_csv(rows))))
    assert len(table) == len(rows) and "player" not in table[0]
    assert {"outcome", "listening", "episodes_false", "final_credibility",
            "months_used"} <= set(table[0])


def test_class_report_shows_names_only_when_asked(logs, elm):
    log = dict(logs[0], player="=Ada Lovelace")
    row = game_row(1, analyse(log, elm, replay_check=False), names=True, file="a.json")
    assert "Ada Lovelace" in render_class([row], names=True, skipped=[])
    text = class_csv([row])
    assert "'=Ada Lovelace" in text  # a formula-looking name is defused for spreadsheets
