"""Charts for the class report: outcomes, move mix and episode types per game, and
credibility against months used, each drawn for the games of one scenario (its label names
the scenario). Plain SVG (svgcharts); hatches and markers, not colour, carry the
categories."""

from __future__ import annotations

from typing import Any

from faultlines.engine.debrief.classroom import FAMILIES
from faultlines.engine.debrief.typology import TYPE_NAMES, TYPES
from faultlines.engine.domain import FAMILY_NAMES, OUTCOME_NAMES
from faultlines.game.report import svgcharts
from faultlines.game.report.charts import FAMILY_STYLE
from faultlines.game.report.svgfig import HATCHES, MARKERS, OKABE_ITO

OUTCOME_STYLE = {o: (OKABE_ITO[i], HATCHES[i], MARKERS[i]) for i, o in enumerate(
    ("consensus", "hollow", "pushed_through", "stalled", "collapsed", "unfinished"))}
#: Up to this many games a chart has a bar (or a numbered point) per game; beyond it, one
#: bar per outcome (the games' average) and unnumbered points, so a chart of a large class
#: stays readable and takes the same time to draw as a small one.
PER_GAME_MAX = 30


def outcome_of(row: dict[str, Any]) -> str:
    """The row's outcome as the charts group it (an unfinished game has none)."""
    return row["outcome"] if row.get("outcome") in OUTCOME_STYLE else "unfinished"


def per_outcome(rows: list[dict[str, Any]], keys: tuple[str, ...]) -> list[dict[str, Any]]:
    """The games' averages of `keys`, one row per outcome (labelled with its group size)."""
    out = []
    for outcome in OUTCOME_STYLE:
        group = [r for r in rows if outcome_of(r) == outcome]
        if group:
            row = {k: sum(float(r[k]) for r in group) / len(group) for k in keys}
            row["game"] = f"{OUTCOME_NAMES.get(outcome, 'Unfinished')} (n={len(group)})"
            out.append(row)
    return out


def grouped(rows: list[dict[str, Any]]) -> bool:
    """Whether the class charts show outcome averages rather than one bar per game."""
    return len(rows) > PER_GAME_MAX


def outcome_chart(counts: dict[str, int], label: str = "Outcomes across the class") -> str:
    rows = [(OUTCOME_NAMES.get(k, "Unfinished"), [(counts[k], *OUTCOME_STYLE[k][:2])])
            for k in counts]
    return svgcharts.hbars(rows, label=label, xlabel="games", row_h=18)


def stacked_chart(rows: list[dict[str, Any]], keys: tuple[str, ...], names: dict[str, str],
                  styles: dict[str, tuple[str, str]], xlabel: str, label: str) -> str:
    """One horizontal stacked bar per game (per outcome, averaged, for a large class);
    each category its own colour and hatch."""
    if grouped(rows):
        rows = per_outcome(rows, keys)
        xlabel = f"{xlabel}, average per game"
    bars = [(str(r["game"]), [(float(r[k]), *styles[k]) for k in keys]) for r in rows]
    return svgcharts.hbars(bars, label=label, xlabel=xlabel, row_h=20,
                           legend_items=[(*styles[k], names[k]) for k in keys])


def mix_chart(rows: list[dict[str, Any]], label: str = "Move mix per game") -> str:
    return stacked_chart(rows, FAMILIES, FAMILY_NAMES, FAMILY_STYLE,
                         "moves played (ending a round not counted)", label)


def typology_chart(rows: list[dict[str, Any]],
                   label: str = "Negotiation episodes per game, by type") -> str:
    keys = tuple(f"episodes_{t}" for t in TYPES)
    names = {f"episodes_{t}": TYPE_NAMES[t] for t in TYPES}
    styles = {f"episodes_{t}": (OKABE_ITO[i], HATCHES[i]) for i, t in enumerate(TYPES)}
    return stacked_chart(rows, keys, names, styles, "negotiation episodes", label)


def credibility_months_chart(rows: list[dict[str, Any]], label: str = "Final credibility "
                             "against months used, by outcome") -> str:
    groups = []
    for outcome, (colour, _, marker) in OUTCOME_STYLE.items():
        pts = [(r["months_used"], r["final_credibility"], r["game"].replace("Game ", ""))
               for r in rows if outcome_of(r) == outcome]
        if pts:
            groups.append((OUTCOME_NAMES.get(outcome, "Unfinished"), colour, marker, pts))
    xmax = max([r["months_total"] for r in rows] + [1])
    return svgcharts.scatter(groups, label=label, xlabel="months of the calendar used",
                             ylabel="final credibility", xmax=xmax, numbered=not grouped(rows),
                             alpha=0.6 if grouped(rows) else 1.0)
