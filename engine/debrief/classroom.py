"""A class's games side by side: one row of comparable facts per game, and the patterns
a facilitator can open a discussion with (what passing games did differently).

Player names are left out unless asked for: a class report is often projected, and a
learner's log may carry their name.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from faultlines.engine.debrief.model import Debrief
from faultlines.engine.debrief.typology import TYPES
from faultlines.engine.domain import FAMILY_NAMES, OUTCOMES, PASSING_OUTCOMES

FAMILIES = tuple(f for f in FAMILY_NAMES if f != "time")


def superseded(logs: list[dict[str, Any]]) -> dict[int, int]:
    """Logs that are an earlier, abandoned record of a game another log continues (a game
    left, then resumed with Continue): {index of the earlier log: index of the later}. A
    class report counts each game once, without deleting anybody's files."""
    def key(log: dict[str, Any]) -> tuple:
        return (log.get("scenario"), log.get("scenario_sha256"), log.get("seed"),
                log.get("difficulty"), log.get("player"))

    out: dict[int, int] = {}
    for i, early in enumerate(logs):
        if not early.get("abandoned"):
            continue
        moves = early.get("moves") or []
        for j, later in enumerate(logs):
            if j != i and key(later) == key(early) and \
                    len(later.get("moves") or []) >= len(moves) and \
                    (later.get("moves") or [])[:len(moves)] == moves and \
                    (len(later["moves"]) > len(moves) or not later.get("abandoned") or j > i):
                out[i] = j
                break
    return out


def game_row(n: int, d: Debrief, *, names: bool, file: str = "") -> dict[str, Any]:
    """The comparable facts of game n (1-based) as a flat dict (one CSV row)."""
    months_left = d.calendar[-1][1] if d.calendar else d.calendar_start
    creds = [c for _, c in d.credibility] or [0.0]
    types = Counter(e.type for e in d.episodes)
    row: dict[str, Any] = {"game": f"Game {n}"}
    if names:
        row["player"] = d.player or ""
        row["file"] = file
    row.update({
        "scenario": d.scenario, "seed": d.seed, "difficulty": d.difficulty,
        "outcome": d.outcome or "unfinished", "abandoned": d.abandoned,
        "moves": len(d.moves), "months_used": d.calendar_start - months_left,
        "months_total": d.calendar_start, "final_credibility": round(creds[-1], 3),
        "lowest_credibility": round(min(creds), 3),
        "stages_passed": len(d.final.get("passed", [])),
        "hiatuses": sum(1 for c in d.causes if c.kind == "hiatus"),
        "consultation": d.final.get("consultation") or "",
        "exposed": bool(d.final.get("exposed")),
    })
    for f in FAMILIES:
        row[f] = d.move_mix.get(f, 0)
    for t in TYPES:
        row[f"episodes_{t}"] = types.get(t, 0)
    top = d.turning_points[0] if d.turning_points else None
    row["top_turning_point"] = f"move {top.move.index + 1}: {top.move.text}" if top else ""
    return row


def outcome_counts(rows: list[dict[str, Any]]) -> dict[str, int]:
    counts = Counter(r["outcome"] for r in rows)
    keys = list(OUTCOMES) + (["unfinished"] if counts.get("unfinished") else [])
    return {k: counts.get(k, 0) for k in keys}


def patterns(rows: list[dict[str, Any]]) -> list[str]:
    """Plain-words contrasts between the games that passed and those that did not."""
    passed = [r for r in rows if r["outcome"] in PASSING_OUTCOMES]
    other = [r for r in rows if r["outcome"] not in PASSING_OUTCOMES]
    out = [f"{len(passed)} of {len(rows)} games got the plan signed off."]
    if not passed or not other:
        return out

    def mean(group: list[dict[str, Any]], key: str) -> float:
        return sum(float(r[key]) for r in group) / len(group)

    diffs = []
    for key in FAMILIES + ("final_credibility", "episodes_exclusive", "episodes_false"):
        a, b = mean(passed, key), mean(other, key)
        scale = 1.0 if key != "final_credibility" else 0.1
        if abs(a - b) >= scale:
            diffs.append((abs(a - b) / scale, key, a, b))
    for _, key, a, b in sorted(diffs, reverse=True)[:4]:
        label = FAMILY_NAMES.get(key, key.replace("episodes_", "").replace("_", " "))
        what = (f"{label.lower()} moves" if key in FAMILIES else
                "final credibility" if key == "final_credibility" else f"{label} episodes")
        fmt = "{:.2f}" if key == "final_credibility" else "{:.1f}"
        out.append(f"Games that passed averaged {fmt.format(a)} {what}; the others "
                   f"{fmt.format(b)}.")
    return out
