"""The debrief's charts: credibility and calendar, stance small multiples, turning-point
swings, fault-lines and move mix. Each returns inline SVG (see svgfig)."""

from __future__ import annotations

from faultlines.engine.debrief.model import Debrief
from faultlines.engine.domain import FAMILY_NAMES
from faultlines.game.report import stance_chart
from faultlines.game.report.svgfig import (
    HATCHES,
    LINESTYLES,
    MARKERS,
    OKABE_ITO,
    integer_ticks,
    new_figure,
    shade_stages,
    style,
    to_svg,
)

FAMILY_ORDER = ("listening", "framing", "compensation", "alliance", "challenge", "process")
FAMILY_STYLE = {f: (OKABE_ITO[i], HATCHES[i + 1]) for i, f in enumerate(FAMILY_ORDER)}
RESULT_MARK = {"passed": ("^", "agreed"), "failed": ("v", "not agreed"),
               "blocked": ("X", "blocked"), "standoff": ("X", "stand-off")}


def short_names(d: Debrief) -> dict[str, str]:
    """The scenario's own stage names (a custom "Clinical Senate Review" stays itself)."""
    return {sid: name for sid, name, _, _ in d.stage_spans}


def credibility_chart(runs: list[tuple[str, Debrief]], kinds: dict[str, str],
                      decisions: list[list[tuple[int, str]]], floor: float) -> str:
    """Credibility (top) and months left (bottom) against moves played, per run."""
    with style():
        fig = new_figure(7.0, 2.9)
        top, bottom = fig.subplots(2, 1, sharex=True, height_ratios=(3, 2))
        first = runs[0][1]
        if len(runs) == 1:  # two games have different stage timings: no bands then
            shade_stages(top, first.stage_spans, short=short_names(first),
                         numbers=stance_chart.stage_numbers(first, list(kinds)))
            shade_stages(bottom, first.stage_spans, labels=False)
        for k, (label, d) in enumerate(runs):
            xs, ys = zip(*d.credibility, strict=True)
            top.plot(xs, ys, LINESTYLES[k], marker=MARKERS[k], ms=4, color=OKABE_ITO[k * 3 % 8],
                     lw=1.6, label=label)
            cx, cy = zip(*d.calendar, strict=True)
            bottom.step(cx, cy, LINESTYLES[k], where="post", marker=MARKERS[k], ms=3.5,
                        color=OKABE_ITO[k * 3 % 8], lw=1.4, label=label)
            for x, result in decisions[k]:
                mark, _ = RESULT_MARK.get(result, ("o", result))
                top.plot([x], [1.04 + 0.06 * k], mark, color="#111111", ms=5, clip_on=False,
                         mfc="white" if result != "passed" else "#111111")
        for k, (_, d) in enumerate(runs):
            for c in d.causes:
                if c.kind == "hiatus":
                    bottom.axvline(c.move + 1, color="#111111", lw=0.9, ls=LINESTYLES[k + 1])
                    bottom.text(c.move + 1, 0.97, " hiatus", transform=bottom.get_xaxis_transform(),
                                fontsize=6.5, va="top", ha="left")
        top.axhline(floor, color="#111111", lw=0.8, ls=":")
        top.text(0.01, floor - 0.02, f"legitimacy floor {floor:.2f}", va="top", ha="left",
                 fontsize=6.5, transform=top.get_yaxis_transform())
        top.set_ylim(0, 1.1)
        top.set_ylabel("credibility")
        bottom.set_ylabel("months left")
        bottom.set_ylim(bottom=0)
        bottom.set_xlabel("moves played")
        integer_ticks(bottom)
        if len(runs) > 1:
            top.legend(loc="lower left", ncols=len(runs))
        return to_svg(fig, "Credibility and months left over the game")


def stance_multiples(d: Debrief, kinds: dict[str, str], *, other: Debrief | None = None,
                     labels: tuple[str, str] = ("this game", "branch"),
                     branch_at: int | None = None) -> str:
    """One small panel per stakeholder (plain SVG: see stance_chart)."""
    return stance_chart.stance_multiples(d, list(kinds), other=other, labels=labels,
                                         branch_at=branch_at)


def swing_chart(d: Debrief, swings: dict[int, float]) -> str:
    """Total stance swing caused by each move; the turning points are numbered."""
    top = {t.move.index for t in d.turning_points}
    with style():
        fig = new_figure(7.0, 1.8)
        ax = fig.subplots()
        xs = list(range(1, len(d.moves) + 1))
        ys = [swings.get(i, 0.0) for i in range(len(d.moves))]
        ax.bar(xs, ys, color=["#222222" if i in top else "#bbbbbb" for i in range(len(xs))],
               edgecolor="#222222", lw=0.4, width=0.8)
        for rank, t in enumerate(d.turning_points, 1):
            ax.annotate(f"#{rank}", (t.move.index + 1, t.swing), ha="center", va="bottom",
                        fontsize=7, xytext=(0, 2), textcoords="offset points")
        ax.set_xlabel("move number")
        ax.set_ylabel("total stance swing")
        ax.set_xlim(0.3, max(len(xs), 1) + 0.7)
        integer_ticks(ax)
        return to_svg(fig, "How much each move moved stances; turning points numbered")


def fault_line_chart(d: Debrief) -> str:
    """Per fault-line: stance gained (right) and lost (left) through its contributions."""
    with style():
        fig = new_figure(7.0, 1.7)
        ax = fig.subplots()
        fls = list(reversed(d.fault_lines))
        ys = range(len(fls))
        ax.barh(ys, [f.gained for f in fls], color=OKABE_ITO[0], hatch="//",
                edgecolor="#111111", lw=0.6, label="stance gained")
        ax.barh(ys, [f.lost for f in fls], color=OKABE_ITO[1], hatch="\\\\",
                edgecolor="#111111", lw=0.6, label="stance lost")
        ax.plot([f.gained + f.lost for f in fls], list(ys), "D", color="#111111", ms=5,
                label="net")
        for y, f in zip(ys, fls, strict=True):
            if f.gained:
                ax.annotate(f"{f.gained:+.2f}", (f.gained, y), xytext=(6, 0),
                            textcoords="offset points", va="center", fontsize=7)
            if f.lost:
                ax.annotate(f"{f.lost:+.2f}".replace("-", "\u2212"), (f.lost, y),
                            xytext=(-6, 0), textcoords="offset points", va="center",
                            ha="right", fontsize=7)
        ax.axvline(0, color="#111111", lw=0.8)
        ax.set_yticks(list(ys), [f"{f.name}\n({f.moves} moves)" for f in fls])
        lim = max([abs(f.gained) for f in fls] + [abs(f.lost) for f in fls] + [0.3]) * 1.35
        ax.set_xlim(-lim, lim)
        ax.set_xlabel("sum of stance contributions changed (all stakeholders)")
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.35), ncols=3)
        return to_svg(fig, "What changed on each fault-line")


def move_mix_chart(mix: dict[str, int]) -> str:
    """Moves by family, each family with its own colour and hatch, counts labelled."""
    fams = [f for f in FAMILY_ORDER]
    with style():
        fig = new_figure(7.0, 1.6)
        ax = fig.subplots()
        ys = range(len(fams))
        for y, f in zip(ys, reversed(fams), strict=True):
            colour, hatch = FAMILY_STYLE[f]
            n = mix.get(f, 0)
            ax.barh([y], [n], color=colour, hatch=hatch, edgecolor="#111111", lw=0.6)
            ax.text(n, y, f" {n}", va="center", fontsize=7.5)
        ax.set_yticks(list(ys), [FAMILY_NAMES[f] for f in reversed(fams)])
        ax.set_xlabel("moves played (ending a round not counted)")
        ax.set_xlim(0, max(list(mix.values()) + [1]) * 1.15)
        integer_ticks(ax)
        return to_svg(fig, "Moves by family")


def _short(name: str, limit: int = 26) -> str:
    return name if len(name) <= limit else name[: limit - 1] + "\u2026"
