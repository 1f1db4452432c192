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


# -- issue 11: every stage labelled, print, large classes, wording ------------------------------
def test_every_stage_is_labelled_in_every_stance_panel(report, logs, elm):
    from faultlines.game.report import charts as report_charts
    from faultlines.game.report.debrief_page import stage_kinds

    d = analyse(logs[1], elm)
    svg = report_charts.stance_multiples(d, stage_kinds(elm))
    stages = {sid for sid, *_ in d.stage_spans}
    assert len(stages) >= 4
    for sid in stages:  # the key names each stage by the scenario's own name
        assert f"{list(stage_kinds(elm)).index(sid) + 1} {elm.stage(sid).name}" in svg
    labels = re.findall(r'font-size="6" text-anchor="middle" fill="#333333">(\d+)</text>', svg)
    assert len(labels) == len(d.stage_spans) * len(d.arcs)  # every band of every panel
    assert "Stages: 1 " in report


def test_print_leaves_the_page_size_to_the_printer_and_forces_no_half_pages(report):
    css = report[report.index("<style>"):report.index("</style>")]
    pages = re.findall(r"@page\s*{([^}]*)}", css)
    assert pages and all("size" not in p for p in pages)
    assert not re.search(r"section\.chapter\s*{[^}]*break-before:\s*page", css)
    assert re.search(r"figure\s*{[^}]*break-inside:\s*avoid", css)
    assert re.search(r"\.card\s*{[^}]*break-inside:\s*avoid", css)


def test_the_contents_are_not_numbered_twice(report):
    toc = report[report.index('<nav class="toc"'):report.index("</nav>")]
    assert "<ol>" not in toc and "1. Outcome" in toc


def test_a_large_class_is_charted_by_outcome_not_a_bar_per_game(rows):
    from faultlines.game.report import class_charts

    many = [dict(r, game=f"Game {n}") for n, r in enumerate(rows * 6, 1)]
    assert class_charts.grouped(many) and not class_charts.grouped(rows)
    svg = class_charts.mix_chart(many)
    assert "(n=" in svg and "Game 31" not in svg
    assert "average per game" in svg
    scatter = class_charts.credibility_months_chart(many)
    assert ">31<" not in scatter  # a large class's points are not numbered


def test_months_used_never_exceeds_the_calendar(rows):
    from faultlines.game.report.class_page import within_range

    over = dict(rows[0], months_used=rows[0]["months_total"] + 1)
    fixed = within_range(over)
    assert fixed["months_used"] == over["months_total"]
    html = render_class([fixed], names=False, skipped=[])
    assert f"{over['months_total'] + 1} of {over['months_total']}" not in html


def test_text_debrief_bullets_wrap_without_repeating_their_dash(logs, elm):
    from faultlines.game.report.text import render_text

    text = render_text(analyse(logs[1], elm), width=60)
    assert "\n     - Dr" in text  # bullets long enough to wrap at this width
    assert "\n     -   " not in text  # a wrapped line hangs under the text, no second dash
    assert "lost +0.00" not in text and "lost 0.00" not in text
    assert not re.search(r"(?<![\w.\-])-\d", text)  # numbers read "minus", not "dash"
