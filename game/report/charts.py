"""The debrief's charts: credibility and calendar, stance small multiples, turning-point
swings, fault-lines and move mix. Each returns inline SVG (svgcharts, stance_chart)."""

from __future__ import annotations

from faultlines.engine.debrief.model import Debrief
from faultlines.engine.domain import FAMILY_NAMES
from faultlines.game.report import stance_chart, svgcharts
from faultlines.game.report.svgfig import HATCHES, MARKERS, OKABE_ITO

FAMILY_ORDER = ("listening", "framing", "compensation", "alliance", "challenge", "process")
FAMILY_STYLE = {f: (OKABE_ITO[i], HATCHES[i + 1]) for i, f in enumerate(FAMILY_ORDER)}
RESULT_MARK = {"passed": ("^", "agreed"), "failed": ("v", "not agreed"),
               "blocked": ("X", "blocked"), "standoff": ("X", "stand-off")}


def credibility_chart(runs: list[tuple[str, Debrief]], kinds: dict[str, str],
                      decisions: list[list[tuple[int, str]]], floor: float) -> str:
    """Credibility (top) and months left (bottom) against moves played, per run."""
    first = runs[0][1]
    rows = []
    for k, (label, d) in enumerate(runs):
        hiatuses = [c.move + 1 for c in d.causes if c.kind == "hiatus"]
        rows.append((label, d.credibility, d.calendar, decisions[k], hiatuses))
    return svgcharts.runs_chart(
        rows, spans=first.stage_spans if len(runs) == 1 else None,  # two games' stages differ
        numbers=stance_chart.stage_numbers(first, list(kinds)), floor=floor,
        colours=[OKABE_ITO[k * 3 % 8] for k in range(len(runs))],
        dashes=["", "5 3", "1.5 2", "6 2 1.5 2"], shapes=list(MARKERS),
        result_marks=RESULT_MARK, label="Credibility and months left over the game")


def stance_multiples(d: Debrief, kinds: dict[str, str], *, other: Debrief | None = None,
                     labels: tuple[str, str] = ("this game", "branch"),
                     branch_at: int | None = None) -> str:
    """One small panel per stakeholder (plain SVG: see stance_chart)."""
    return stance_chart.stance_multiples(d, list(kinds), other=other, labels=labels,
                                         branch_at=branch_at)


def swing_chart(d: Debrief, swings: dict[int, float]) -> str:
    """Total stance swing caused by each move; the turning points are numbered."""
    top = {t.move.index for t in d.turning_points}
    ys = [swings.get(i, 0.0) for i in range(len(d.moves))]
    notes = {t.move.index: f"#{rank}" for rank, t in enumerate(d.turning_points, 1)}
    return svgcharts.columns(ys, dark=top, notes=notes, xlabel="move number",
                             ylabel="total stance swing",
                             label="How much each move moved stances; turning points numbered")


def fault_line_chart(d: Debrief) -> str:
    """Per fault-line: stance gained (right) and lost (left) through its contributions."""
    rows = [(f"{f.name}\n({f.moves} moves)", f.gained, f.lost) for f in d.fault_lines]
    return svgcharts.diverging(rows, label="What changed on each fault-line",
                               xlabel="sum of stance contributions changed (all stakeholders)",
                               colours=(OKABE_ITO[0], OKABE_ITO[1]), hatches=("//", "\\\\"),
                               names=("stance gained", "stance lost", "net"))


def move_mix_chart(mix: dict[str, int]) -> str:
    """Moves by family, each family with its own colour and hatch, counts labelled."""
    rows = [(FAMILY_NAMES[f], [(mix.get(f, 0), *FAMILY_STYLE[f])]) for f in FAMILY_ORDER]
    return svgcharts.hbars(rows, label="Moves by family",
                           xlabel="moves played (ending a round not counted)", row_h=18)
