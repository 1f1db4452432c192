"""Turning points: the moves with the largest total stance swings, each explained by the
contribution deltas recorded in its shift events and by what else happened during it."""

from __future__ import annotations

from collections import Counter

from faultlines.engine.debrief.model import TurningPoint
from faultlines.engine.debrief.timeline import Timeline, contribution

TOP = 5
CALENDAR = ("end_round", "call_decision")
CONTEXT_KINDS = ("scenario", "decision", "hiatus", "resurface", "exposure", "outcome")


def turning_points(tl: Timeline, top: int = TOP) -> list[TurningPoint]:
    swings: dict[int, list[dict]] = {}
    for e in tl.of_kind("shift"):
        # a turning point is what a move itself did; swings when the month turned or a forum
        # decided are told in the chain of causes instead
        if e["move"] >= 0 and e["data"].get("cause", "move") == "move":
            swings.setdefault(e["move"], []).append(e["data"])
    ranked = sorted(swings.items(),
                    key=lambda kv: (-sum(abs(d["after"] - d["before"]) for d in kv[1]), kv[0]))
    out = []
    for move, shifts in ranked[:top]:
        ref = tl.move(move)
        if ref is None:
            continue
        contrib: Counter = Counter()
        effects = []
        for d in sorted(shifts, key=lambda d: -abs(d["after"] - d["before"])):
            why = sorted(d.get("why", {}).items(), key=lambda kv: -abs(kv[1]))
            contrib.update({k: float(v) for k, v in why})
            parts = ", ".join(f"{contribution(k)} {v:+.2f}" for k, v in why[:2])
            effects.append(f"{tl.name(d['target'])} {d['before']:+.2f} \u2192 {d['after']:+.2f}"
                           + (f" ({parts})" if parts else "")
                           + (" when the month turned, not from the move itself"
                              if d.get("cause") == "calendar" and ref.kind not in CALENDAR
                              else ""))
        context = [x["text"] for x in tl.by_move.get(move, []) if x["kind"] in CONTEXT_KINDS]
        if any(x["kind"] == "round" for x in tl.by_move.get(move, [])) and ref.kind != "end_round":
            context.insert(0, "It used the last of the round's capacity, so the month turned "
                              "during this move.")
        out.append(TurningPoint(
            move=ref, swing=round(sum(abs(d["after"] - d["before"]) for d in shifts), 4),
            net=round(sum(d["after"] - d["before"] for d in shifts), 4), effects=effects,
            context=context, by_contribution={k: round(v, 4) for k, v in contrib.most_common()}))
    return out


def move_swings(tl: Timeline) -> list[float]:
    """Total |stance change| each move itself caused, indexed by move."""
    out = [0.0] * len(tl.moves)
    for e in tl.of_kind("shift"):
        if 0 <= e["move"] < len(out) and e["data"].get("cause", "move") == "move":
            out[e["move"]] += abs(e["data"]["after"] - e["data"]["before"])
    return [round(x, 4) for x in out]
