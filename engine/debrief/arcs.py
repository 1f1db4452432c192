"""Each stakeholder's stance over the game, and the moves that moved it most.

The series merges the per-round snapshots in `history` with the stance after every
recorded shift (shifts smaller than the engine's 0.04 threshold are not logged), so it
follows the stance move by move. x counts moves played so far. A shift that followed a move
as the month turned is attributed to what caused it (another stakeholder's action that moved
this person, a scenario event, a new stage), not to the move: the debrief's answer to "why did
she turn against me?".
"""

from __future__ import annotations

from faultlines.engine.debrief.model import Arc, Push
from faultlines.engine.debrief.timeline import (
    Timeline,
    also_during,
    by_the_move,
    join_words,
    outside_sources,
)

TOP_PUSHES = 3


def pushes(tl: Timeline) -> dict[str, list[Push]]:
    """Every recorded stance change per stakeholder, attributed to what caused it: the move
    itself, or what followed it as the month turned (a scenario event, a new stage)."""
    out: dict[str, list[Push]] = {sid: [] for sid in tl.case.ids}
    for e in tl.of_kind("shift"):
        d = e["data"]
        ref = tl.move(e["move"])
        if d.get("target") not in out:
            continue
        own = ref is not None and by_the_move(e)
        if own:
            text, when, also = ref.text, ref.when, also_during(tl, e["move"])
        else:
            source = join_words(outside_sources(tl, e["move"], d["target"]))
            text, when, also = source[:1].upper() + source[1:], tl.when(e), []
        out[d["target"]].append(Push(
            move=e["move"], move_text=text, when=when, before=float(d["before"]),
            after=float(d["after"]), why={k: float(v) for k, v in d.get("why", {}).items()},
            also=also))
    return out


def build_arcs(tl: Timeline) -> list[Arc]:
    history = tl.log["history"]
    by_person = pushes(tl)
    arcs = []
    for i, s in enumerate(tl.case.scenario.stakeholders):
        points: dict[int, float] = {}
        for h in history:
            points[int(h.get("moves", 0))] = float(h["stances"][i])
        for p in by_person[s.id]:
            points.setdefault(p.move, p.before)
            points[p.move + 1] = p.after
        xs = sorted(points)
        biggest = sorted(by_person[s.id], key=lambda p: -abs(p.delta))[:TOP_PUSHES]
        arcs.append(Arc(
            id=s.id, name=s.name, organisation=s.organisation, position=s.position,
            start=float(history[0]["stances"][i]), end=points[xs[-1]],
            xs=xs, ys=[points[x] for x in xs], biggest=biggest))
    return arcs
