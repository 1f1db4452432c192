"""Charts for the class report: outcomes, move mix and episode types per game, and
credibility against months used, each drawn for the games of one scenario (its label names
the scenario). Inline SVG via svgfig; hatches and markers, not colour,
carry the categories."""

from __future__ import annotations

from typing import Any

from faultlines.engine.debrief.classroom import FAMILIES
from faultlines.engine.debrief.typology import TYPE_NAMES, TYPES
from faultlines.engine.domain import FAMILY_NAMES, OUTCOME_NAMES
from faultlines.game.report.charts import FAMILY_STYLE
from faultlines.game.report.svgfig import (
    HATCHES,
    MARKERS,
    OKABE_ITO,
    integer_ticks,
    new_figure,
    style,
    to_svg,
)

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
    with style():
        fig = new_figure(7.0, 1.9)
        ax = fig.subplots()
        keys = list(reversed(list(counts)))
        for y, k in enumerate(keys):
            colour, hatch, _ = OUTCOME_STYLE[k]
            ax.barh([y], [counts[k]], color=colour, hatch=hatch, edgecolor="#111111", lw=0.6)
            ax.text(counts[k], y, f" {counts[k]}", va="center", fontsize=7.5)
        ax.set_yticks(range(len(keys)), [OUTCOME_NAMES.get(k, "Unfinished") for k in keys])
        ax.set_xlim(0, max(list(counts.values()) + [1]) * 1.15)
        ax.set_xlabel("games")
        integer_ticks(ax)
        return to_svg(fig, label)


def stacked_chart(rows: list[dict[str, Any]], keys: tuple[str, ...], names: dict[str, str],
                  styles: dict[str, tuple[str, str]], xlabel: str, label: str) -> str:
    """One horizontal stacked bar per game (per outcome, averaged, for a large class);
    each category its own colour and hatch."""
    if grouped(rows):
        rows = per_outcome(rows, keys)
        xlabel = f"{xlabel}, average per game"
    with style():
        fig = new_figure(7.0, 0.9 + 0.28 * len(rows))
        ax = fig.subplots()
        ys = list(range(len(rows)))[::-1]
        left = [0.0] * len(rows)
        for k in keys:
            vals = [float(r[k]) for r in rows]
            colour, hatch = styles[k]
            ax.barh(ys, vals, left=left, color=colour, hatch=hatch, edgecolor="#111111",
                    lw=0.5, label=names[k])
            for y, v, x0 in zip(ys, vals, left, strict=True):
                if v >= 2:
                    ax.text(x0 + v / 2, y, f"{v:.0f}" if v == int(v) else f"{v:.1f}", ha="center", va="center", fontsize=6.5,
                            bbox={"boxstyle": "square,pad=0.1", "fc": "white", "lw": 0})
            left = [a + b for a, b in zip(left, vals, strict=True)]
        ax.set_yticks(ys, [r["game"] for r in rows])
        ax.set_xlabel(xlabel)
        integer_ticks(ax)
        fig.legend(*ax.get_legend_handles_labels(), loc="outside lower center", ncols=3,
                   fontsize=7)
        return to_svg(fig, label)


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
    with style():
        fig = new_figure(7.0, 3.0)
        ax = fig.subplots()
        for outcome, (colour, _, marker) in OUTCOME_STYLE.items():
            group = [r for r in rows if outcome_of(r) == outcome]
            if not group:
                continue
            ax.plot([r["months_used"] for r in group], [r["final_credibility"] for r in group],
                    marker, color=colour, ms=8 if not grouped(rows) else 6, mec="#111111",
                    alpha=1.0 if not grouped(rows) else 0.6, ls="none",
                    label=f"{OUTCOME_NAMES.get(outcome, 'Unfinished')} ({len(group)})")
        if not grouped(rows):  # a small class: each point carries its game's number
            for r in rows:
                ax.annotate(r["game"].replace("Game ", ""),
                            (r["months_used"], r["final_credibility"]), xytext=(5, 4),
                            textcoords="offset points", fontsize=7)
        ax.set_xlabel("months of the calendar used")
        ax.set_ylabel("final credibility")
        ax.set_ylim(0, 1.05)
        ax.set_xlim(0, max([r["months_total"] for r in rows] + [1]) + 1)
        integer_ticks(ax)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=7.5)
        return to_svg(fig, label)
