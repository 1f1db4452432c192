"""The per-round history of a game, collected from its event stream (like Mesa's
DataCollector: the model does not keep a second record of itself).

The flow emits a `snapshot` event at the start, at the end of every month and at the end
of the game; each becomes one row: stage, round, months left, credibility, moves made so
far and every stakeholder's stance. The debrief's charts and the logs read these rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from faultlines.engine.events import Event


def row(event: Event) -> dict[str, Any]:
    d = event.data
    return {"stage": event.stage, "round": event.round, "calendar": d["calendar"],
            "credibility": d["credibility"], "moves": d["moves"], "stances": d["stances"]}


def collect(events: Iterable[Event]) -> list[dict[str, Any]]:
    """One row per snapshot, in order."""
    return [row(e) for e in events if e.kind == "snapshot"]


def as_events(rows: list[dict[str, Any]]) -> list[Event]:
    """Snapshot events rebuilt from rows (to migrate saves that stored the rows)."""
    return [Event(kind="snapshot", text="", stage=r["stage"], round=r["round"],
                  move=r["moves"] - 1,
                  data={k: r[k] for k in ("calendar", "credibility", "moves", "stances")})
            for r in rows]
