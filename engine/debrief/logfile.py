"""Reading game logs for a debrief: one-line errors naming the file, never a traceback.

A log may be a full log (events, history) or a bare one (seed and moves only); a bare
log is completed by replaying it, since same scenario + seed + moves gives the same game.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from engine.case import Case, load_case, scenario_path
from engine.errors import IllegalMove, SaveError, ScenarioError
from engine.game import LOG_FORMAT, replay
from engine.logs import read_json
from engine.state import STATE_VERSION

_EVENT_KEYS = {"kind", "text", "stage", "round", "move", "data"}


def load_log(path: str | Path) -> dict[str, Any]:
    """Read and check one log file; raise SaveError naming the file."""
    data = read_json(path, expect=LOG_FORMAT)
    check_log(data, str(path))
    return data


def check_log(data: dict[str, Any], where: str = "<log>") -> None:
    """Check the fields a debrief relies on, so a damaged log fails with one clear line."""
    if data.get("version") != STATE_VERSION:
        raise SaveError(f"{where}: log version {data.get('version')!r} is not supported "
                        f"(this build reads version {STATE_VERSION})")
    if not isinstance(data.get("scenario"), str) or not data["scenario"]:
        raise SaveError(f"{where}: the log does not name its scenario")
    if not isinstance(data.get("seed"), int) or isinstance(data.get("seed"), bool):
        raise SaveError(f"{where}: the log has no whole-number seed")
    moves = data.get("moves")
    if not isinstance(moves, list) or not all(isinstance(m, dict) and "kind" in m for m in moves):
        raise SaveError(f"{where}: the log's moves are missing or damaged")
    if "events" in data:
        events = data["events"]
        if not isinstance(events, list) or not all(
                isinstance(e, dict) and _EVENT_KEYS <= set(e) and isinstance(e["data"], dict)
                for e in events):
            raise SaveError(f"{where}: the log's events are damaged")
        history = data.get("history")
        if not isinstance(history, list) or not history or not all(
                isinstance(h, dict) and isinstance(h.get("stances"), list) for h in history):
            raise SaveError(f"{where}: the log's per-round history is missing or damaged")
    player = data.get("player")
    if player is not None and not isinstance(player, str):
        raise SaveError(f"{where}: the log's player field should be text")


def case_for(data: dict[str, Any], where: str = "<log>") -> Case:
    """The scenario a log was played on, or a one-line SaveError if it is not installed."""
    name = data["scenario"]
    if not scenario_path(name).exists():
        raise SaveError(f"{where}: the log's scenario {name!r} is not installed")
    try:
        return load_case(name)
    except ScenarioError as exc:
        raise SaveError(f"{where}: its scenario {name!r} does not load: {exc.problems[0]}"
                        ) from None


def prepare_log(data: dict[str, Any], case: Case | None = None, where: str = "<log>"
                ) -> tuple[dict[str, Any], Case]:
    """Return a full log and its case; a bare log is completed by replaying its moves."""
    check_log(data, where)
    case = case or case_for(data, where)
    if case.scenario.id != data["scenario"]:
        raise SaveError(f"{where}: the log is for scenario {data['scenario']!r}, "
                        f"not {case.scenario.id!r}")
    if "events" in data:
        if len(data["history"][0]["stances"]) != case.n:
            raise SaveError(f"{where}: the log's stakeholders do not match scenario "
                            f"{case.scenario.id!r} as installed")
        return data, case
    try:
        game = replay(case, data)
    except (IllegalMove, ValueError, TypeError, KeyError) as exc:
        raise SaveError(f"{where}: the moves do not replay on this scenario ({exc})") from None
    full = game.full_log(abandoned=bool(data.get("abandoned")))
    for key in ("player", "saved_at"):
        if key in data:
            full[key] = data[key]
    return full, case
