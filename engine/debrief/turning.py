"""Turning points: the moves with the largest total stance swings they themselves caused,
each explained by the contribution deltas recorded in its shift events and by what else
happened during it; and the swings no move caused (a scenario event, a new stage, an
exposed consultation), attributed to what did."""

from __future__ import annotations

from collections import Counter
from typing import Any

from faultlines.engine.debrief.model import EventSwing, TurningPoint
from faultlines.engine.debrief.timeline import (
    Timeline,
    by_the_move,
    contribution,
    join_words,
    outside_sources,
)

TOP = 5
CONTEXT_KINDS = ("scenario", "decision", "hiatus", "resurface", "exposure", "outcome")


def _size(d: dict[str, Any]) -> float:
    return abs(d["after"] - d["before"])


def effect_line(tl: Timeline, d: dict[str, Any]) -> str:
    """'Name -0.59 → -0.26 (compensation offered +0.32, ...)': one person's recorded shift."""
    why = sorted(d.get("why", {}).items(), key=lambda kv: -abs(kv[1]))
    parts = ", ".join(f"{contribution(k)} {v:+.2f}" for k, v in why[:2])
    return (f"{tl.name(d['target'])} {d['before']:+.2f} \u2192 {d['after']:+.2f}"
            + (f" ({parts})" if parts else ""))


def _grouped(tl: Timeline, *, own: bool) -> list[tuple[int, list[dict[str, Any]]]]:
    """Shift data grouped by the move during which they happened, largest total first:
    `own` the move's own effects, else what followed it as the month turned."""
    groups: dict[int, list[dict[str, Any]]] = {}
    for e in tl.of_kind("shift"):
        if e["move"] >= 0 and by_the_move(e) == own:
            groups.setdefault(e["move"], []).append(e["data"])
    return sorted(groups.items(), key=lambda kv: (-sum(_size(d) for d in kv[1]), kv[0]))


def turning_points(tl: Timeline, top: int = TOP) -> list[TurningPoint]:
    """The moves that moved stances most by what they did themselves; a swing when the
    month turned or a forum decided belongs to an `EventSwing` and the chain of causes."""
    out = []
    for move, shifts in _grouped(tl, own=True)[:top]:
        ref = tl.move(move)
        if ref is None:
            continue
        shifts = sorted(shifts, key=lambda d: -_size(d))
        contrib: Counter = Counter()
        for d in shifts:
            why = sorted(d.get("why", {}).items(), key=lambda kv: -abs(kv[1]))
            contrib.update({k: float(v) for k, v in why})
        context = [x["text"] for x in tl.by_move.get(move, []) if x["kind"] in CONTEXT_KINDS]
        if any(x["kind"] == "round" for x in tl.by_move.get(move, [])) and ref.kind != "end_round":
            context.insert(0, "It used the last of the round's capacity, so the month turned "
                              "during this move.")
        out.append(TurningPoint(
            move=ref, swing=round(sum(_size(d) for d in shifts), 4),
            net=round(sum(d["after"] - d["before"] for d in shifts), 4),
            effects=[effect_line(tl, d) for d in shifts], context=context,
            by_contribution={k: round(v, 4) for k, v in contrib.most_common()}))
    return out


def event_swings(tl: Timeline, top: int | None = TOP) -> list[EventSwing]:
    """The largest swings no move caused, each attributed to what happened as the month
    turned (scenario events, a new stage, an exposed consultation)."""
    out = []
    for move, shifts in _grouped(tl, own=False)[:top]:
        first = next(e for e in tl.by_move[move] if e["kind"] == "shift" and not by_the_move(e))
        out.append(EventSwing(
            move=move, when=tl.when(first), source=join_words(outside_sources(tl, move)),
            swing=round(sum(_size(d) for d in shifts), 4),
            net=round(sum(d["after"] - d["before"] for d in shifts), 4),
            effects=[effect_line(tl, d) for d in sorted(shifts, key=lambda d: -_size(d))]))
    return out


def move_swings(tl: Timeline) -> list[float]:
    """Total |stance change| each move itself caused, indexed by move."""
    out = [0.0] * len(tl.moves)
    for e in tl.of_kind("shift"):
        if 0 <= e["move"] < len(out) and by_the_move(e):
            out[e["move"]] += _size(e["data"])
    return [round(x, 4) for x in out]
