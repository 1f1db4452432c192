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
                            file=f"/class/learner{n}.json", checksum=elm.source.sha256))
    return out


def test_class_report_compares_games_without_names(rows, elm):
    html = render_class(rows, names=False, skipped=[])
    assert "Learner" not in html and "learner" not in html
    for n in range(1, len(rows) + 1):
        assert f"Game {n}" in html
    label = f"{elm.scenario.title} (version {elm.scenario.version})"
    assert charts(html) == [f"Outcomes: {label}, {len(rows)} games",
                            f"Move mix per game: {label}",
                            f"Negotiation episodes per game, by type: {label}",
                            f"Final credibility against months used, by outcome: {label}"]
    group = f"elm-{elm.source.sha256[:8]}"
    for anchor in ("outcomes", "mix", "typology", "credibility", "games"):
        assert f'id="{group}-{anchor}"' in html
    assert_self_contained(html)
    table = list(csv.DictReader(io.StringIO(class_csv(rows))))
    assert len(table) == len(rows) and "player" not in table[0]
    assert {"outcome", "listening", "episodes_false", "final_credibility", "months_used",
            "scenario_checksum"} <= set(table[0])


@pytest.fixture(scope="module")
def willow_rows():
    from faultlines.engine.case import load_case

    willow = load_case("willow")
    return [game_row(10 + n, analyse(log, willow, replay_check=False), names=False,
                     checksum=willow.source.sha256)
            for n, log in enumerate(simulate("willow", "skilled", 2, 4, keep_logs=True)["logs"])]


def test_class_report_has_one_section_per_scenario_and_never_pools_them(rows, willow_rows):
    html = render_class(rows + willow_rows, names=False, skipped=[])
    sections = re.findall(r'<section class="chapter[^"]*" id="([^"]+)"><h2>([^<]+)</h2>', html)
    assert [title.split(":")[0] for _, title in sections] == ["Elm", "Willow"]
    assert sections[0][1].endswith(f"{len(rows)} games")
    assert sections[1][1].endswith(f"{len(willow_rows)} games")
    willow = html[html.index(f'id="{sections[1][0]}"'):]
    assert "Game 1<" not in willow and "Game 11" in willow  # no Elm game in Willow's section
    passed = sum(1 for r in willow_rows if r["outcome"] in ("consensus", "hollow",
                                                             "pushed_through"))
    assert f"{passed} of {len(willow_rows)} (" in willow


def test_class_report_never_calls_a_difference_between_tiny_groups_a_finding(rows):
    html = render_class(rows, names=False, skipped=[])
    stands = html[html.index("What stands out"):html.index("</div>", html.index("What stands"))]
    assert "Of the " not in stands and "averaged" not in stands
    assert "Too few games to compare" in stands or "Every game ended the same way" in stands
    from faultlines.engine.debrief.classroom import outcome_counts, share

    for count in outcome_counts(rows).values():  # each count out of the group's size
        assert f">{share(count, len(rows))}<" in html


def test_class_report_shows_names_only_when_asked(logs, elm):
    log = dict(logs[0], player="=Ada Lovelace")
    row = game_row(1, analyse(log, elm, replay_check=False), names=True, file="a.json",
                   checksum=elm.source.sha256)
    assert "Ada Lovelace" in render_class([row], names=True, skipped=[])
    text = class_csv([row])
    assert "'=Ada Lovelace" in text  # a formula-looking name is defused for spreadsheets
