"""Reading game logs for a debrief: one-line errors naming the file, never a traceback.

A log may be a full log (events, history) or a bare one (seed and moves only); a bare
log is completed by replaying it, since same scenario + seed + moves gives the same game.
A log carries a copy of its scenario (format 2 on), so a facilitator can debrief a game
played on a case their machine never had; an older log's scenario is looked up by id among
the installed and user scenarios, never opened as a path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from faultlines.engine.case import Case, case_from_source
from faultlines.engine.catalogue import Catalogue, ScenarioSource, unembed
from faultlines.engine.errors import IllegalMove, SaveError, ScenarioError
from faultlines.engine.game import replay
from faultlines.engine.moves import malformed
from faultlines.engine.records import older_engine_note, read_log, validate_log


def load_log(path: str | Path) -> dict[str, Any]:
    """Read, migrate and check one log file; raise SaveError naming the file."""
    return read_log(path)


def check_log(data: dict[str, Any], where: str = "<log>") -> dict[str, Any]:
    """Check (and migrate) a log already in memory, so a damaged one fails in one line."""
    if not isinstance(data, dict):
        raise SaveError(f"{where}: expected a JSON object")
    return validate_log(data, where)


def case_for(data: dict[str, Any], where: str = "<log>", *,
             catalogue: Catalogue | None = None, notes: list[str] | None = None) -> Case:
    """The scenario a log was played on: its own embedded copy when it has one, otherwise
    the installed or user scenario with its id. `notes` collects one-line remarks (an
    installed scenario of that id that differs from the log's copy)."""
    name = data["scenario"]
    cat = catalogue or Catalogue()
    blob = data.get("scenario_embedded")
    if blob is not None:
        try:
            text = unembed(blob, where)
            case = case_from_source(ScenarioSource(name, text, "log",
                                                   f"{where} (embedded scenario)"))
        except ScenarioError as exc:
            raise SaveError(exc.problems[0]) from None
        if case.scenario.id != name:
            raise SaveError(f"{where}: its embedded scenario is {case.scenario.id!r}, "
                            f"not {name!r}")
        if notes is not None:
            try:
                local = cat.find(name)
            except ScenarioError:
                local = None
            if local is not None and local.sha256 != case.source.sha256:
                notes.append(f"{where}: using the copy of scenario {name!r} saved in the log; "
                             f"the {local.origin} one ({local.where}) differs")
        return case
    try:
        return case_from_source(cat.find(name))
    except ScenarioError as exc:
        if "no such scenario" in exc.problems[0]:
            raise SaveError(f"{where}: the log's scenario {name!r} is not installed, and "
                            "this older log carries no copy of it") from None
        raise SaveError(f"{where}: its scenario {name!r} does not load: {exc.problems[0]}"
                        ) from None


def prepare_log(data: dict[str, Any], case: Case | None = None, where: str = "<log>", *,
                catalogue: Catalogue | None = None, notes: list[str] | None = None
                ) -> tuple[dict[str, Any], Case]:
    """Return a full log and its case; a bare log is completed by replaying its moves."""
    data = check_log(data, where)
    older = older_engine_note(data, where)
    if older and notes is not None:
        notes.append(older)
    case = case or case_for(data, where, catalogue=catalogue, notes=notes)
    if case.scenario.id != data["scenario"]:
        raise SaveError(f"{where}: the log is for scenario {data['scenario']!r}, "
                        f"not {case.scenario.id!r}")
    for i, move in enumerate(data["moves"]):
        problem = malformed(move, case)
        if problem:
            raise SaveError(f"{where}: move {i + 1} cannot be played on this scenario "
                            f"({problem})")
    if data.get("events") is not None:
        if len(data["history"][0]["stances"]) != case.n:
            raise SaveError(f"{where}: the log's stakeholders do not match scenario "
                            f"{case.scenario.id!r}")
        return data, case
    try:
        game = replay(case, data)
    except (IllegalMove, ValueError, TypeError, KeyError) as exc:
        raise SaveError(f"{where}: the moves do not replay on this scenario ({exc})") from None
    full = game.full_log(abandoned=bool(data.get("abandoned")))
    for key in ("player", "saved_at", "branch"):
        if key in data:
            full[key] = data[key]
    return full, case
