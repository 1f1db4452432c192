"""Moves in words for the analysis board's outputs (a move as the log records it)."""

from __future__ import annotations

from typing import Any

from faultlines.engine.case import Case
from faultlines.engine.moves import MOVE_TYPES


def move_text(case: Case, move: dict[str, Any] | None) -> str:
    """'One-to-one meeting: Dr Ada Shaw' - the move's label, then whom or what it is on."""
    if not move:
        return ""
    kind = move.get("kind", "?")
    label = MOVE_TYPES[kind].label if kind in MOVE_TYPES else str(kind)
    bits = []
    for p in ("target", "other"):
        if move.get(p) in case.index:
            bits.append(case.name(move[p]))
    if move.get("component") in case.comp_index:
        bits.append(case.scenario.plan.components[case.comp_index[move["component"]]].name)
    if move.get("mode"):
        bits.append(str(move["mode"]))
    return f"{label}: {', '.join(bits)}" if bits else label
