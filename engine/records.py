"""The versioned file formats a game writes: game logs and saves.

Every file is read through a pydantic model of its format version, after explicit
migrations from each earlier version this project has written, so a log from an older
release still debriefs and a file from a newer release is refused in one line naming both
versions. A damaged file is one line naming the file (SaveError), never a traceback.

Format history (bump the number and add a migration whenever a field changes meaning):
- log 1, save 1: the first release (no application version; the scenario was looked up by
  id on the machine reading the log).
- log 2, save 2: the application version and the scenario's SHA-256 are recorded, and a
  compressed copy of the scenario travels inside the file (`scenario_embedded`). From
  0.2.0 a log's events also hold `snapshot` events, from which its `history` is collected.
- save 3: the state no longer keeps the per-round history (it is collected from the
  `snapshot` events) and records where play left the stages (`last_stage`) and the months
  of hiatus left; the separate `stage_id` is gone (the stage lives in one place).
- log 3, save 4: random draws are counter-based, named by (seed, move, slot)
  (engine.draws), so the batch engine can make the same draws for thousands of games at
  once. The same seed now gives a different game, so a log records its `dice`; an older
  log or save is read as `dice: pcg64` and replays with the old engine's generator,
  exactly as it was played (a save of that kind keeps the generator's position, `rng`).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, Literal

from faultlines.engine.draws import COUNTER, LEGACY
from faultlines.engine.errors import SaveError
from faultlines.engine.eventrecords import Num, Share, Stance, data_problem
from faultlines.engine.logs import read_json
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationError,
    model_validator,
)

from faultlines import __version__ as APP_VERSION

LOG_FORMAT = "faultlines-log"
SAVE_FORMAT = "faultlines-save"
LOG_VERSION = 3
SAVE_VERSION = 4

__all__ = ["APP_VERSION", "LOG_FORMAT", "LOG_VERSION", "SAVE_FORMAT", "SAVE_VERSION",
           "older_engine_note", "read_log", "read_save", "validate_log", "validate_save"]


class _Open(BaseModel):
    """Known fields are typed; fields a later minor change adds are kept, not refused."""

    model_config = ConfigDict(extra="allow")


_Name = Annotated[StrictStr, Field(min_length=1, max_length=80)]


class MoveRecord(BaseModel):
    """A move as logged: its kind and the names it was played with, nothing else (whether
    the kind and the names exist in the scenario is checked against the case on replay)."""

    model_config = ConfigDict(extra="forbid")
    kind: str = Field(min_length=1, max_length=40)
    target: _Name | None = None
    other: _Name | None = None
    component: _Name | None = None
    mode: _Name | None = None


class EventRecord(_Open):
    kind: str = Field(max_length=40)
    text: str
    stage: str = Field(max_length=80)
    round: StrictInt
    move: StrictInt
    data: dict[str, Any]

    @model_validator(mode="after")
    def _typed_data(self) -> EventRecord:
        problem = data_problem(self.kind, self.data)
        if problem:
            raise ValueError(problem)
        return self


class HistoryRecord(_Open):
    stage: str = Field(max_length=80)
    round: StrictInt
    calendar: StrictInt
    credibility: Share
    moves: Annotated[StrictInt, Field(ge=0)]
    stances: list[Stance] = Field(min_length=1)


class FinalRecord(_Open):
    """Where the game ended: what a class report's row is made of."""

    credibility: Share
    calendar: StrictInt
    ambition: list[Num] = Field(default_factory=list)
    passed: list[Annotated[StrictStr, Field(max_length=80)]] = Field(default_factory=list)
    consultation: Literal["genuine", "false"] | None = None
    exposed: StrictBool = False


class EmbeddedScenario(BaseModel):
    model_config = ConfigDict(extra="forbid")
    encoding: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    data: str


class _Head(_Open):
    """What logs and saves share: which game this is."""

    format: str
    version: StrictInt
    app_version: str | None = None
    scenario: str = Field(pattern=r"^[a-z][a-z0-9_]{0,39}$")
    scenario_version: str | None = None
    scenario_sha256: str | None = None
    scenario_embedded: EmbeddedScenario | None = None
    seed: StrictInt
    difficulty: str = "standard"
    moves: list[MoveRecord]
    #: how the game's random draws were made (engine.draws); older files are migrated
    dice: Literal["counter", "pcg64"] = COUNTER
    outcome: str | None = None


class GameLog(_Head):
    abandoned: bool = False
    outcome_reasons: list[str] = Field(default_factory=list)
    events: list[EventRecord] | None = None
    history: list[HistoryRecord] | None = None
    final: FinalRecord | None = None
    player: str | None = Field(default=None, max_length=200)
    saved_at: str | None = None


_U128 = Annotated[StrictInt, Field(ge=0, lt=2**128)]


class PCG64State(BaseModel):
    model_config = ConfigDict(extra="forbid")
    state: _U128
    inc: _U128


class RngRecord(BaseModel):
    """The seeded generator's position (numpy's PCG64 state), so a save resumes the same
    game; numbers outside the generator's range are damage, not something to try."""

    model_config = ConfigDict(extra="forbid")
    bit_generator: Literal["PCG64"]
    state: PCG64State
    has_uint32: Literal[0, 1]
    uinteger: Annotated[StrictInt, Field(ge=0, lt=2**32)]


class DiceRecord(BaseModel):
    """Where a saved game's dice are: counter draws need only their key (the seed, or a
    rollout's own) and how many were drawn; the older generator keeps its position in
    `rng`."""

    model_config = ConfigDict(extra="forbid")
    kind: Literal["counter", "pcg64"]
    key: Annotated[StrictInt, Field(ge=-2**63, lt=2**64)] | None = None
    drawn: Annotated[StrictInt, Field(ge=0)] = 0


class GameSave(_Head):
    dice: DiceRecord  # type: ignore[assignment]  (a save says more than a log)
    state: dict[str, Any]
    rng: RngRecord | None = None
    events: list[EventRecord]
    meta: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _dice_complete(self) -> GameSave:
        if self.dice.kind == LEGACY and self.rng is None:
            raise ValueError("an older engine's save must keep its generator's position")
        if self.dice.kind == COUNTER and self.dice.key is None:
            raise ValueError("the dice have no key")
        return self


def _v1_to_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 had no application version and no scenario copy; nothing else changed."""
    return {**data, "version": 2, "app_version": data.get("app_version")}


def _save_v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    """Move the state's history rows into snapshot events; name where a finished game
    stopped; drop the second record of the stage."""
    from faultlines.engine.history import as_events

    state = data.get("state")
    if not isinstance(state, dict) or not isinstance(state.get("history", []), list):
        return {**data, "version": 3}  # validation names what is wrong
    rows = [r for r in state.get("history", []) if isinstance(r, dict)]
    try:
        snaps = [e.to_dict() for e in as_events(rows)]
    except (KeyError, TypeError):
        snaps = []
    new_state = {k: v for k, v in state.items() if k != "history"}
    if new_state.get("stage") == "outcome":
        new_state["last_stage"] = data.get("stage_id")
    events = data.get("events") if isinstance(data.get("events"), list) else []
    rest = {k: v for k, v in data.items() if k != "stage_id"}
    return {**rest, "version": 3, "state": new_state, "events": snaps + events}


def _log_v2_to_v3(data: dict[str, Any]) -> dict[str, Any]:
    """Logs before format 3 drew from PCG64 seeded with the seed: they replay with it."""
    return {**data, "version": 3, "dice": LEGACY}


def _save_v3_to_v4(data: dict[str, Any]) -> dict[str, Any]:
    """Saves before format 4 drew from PCG64; its position (`rng`) continues the game."""
    return {**data, "version": 4, "dice": {"kind": LEGACY}}


LOG_MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: _v1_to_v2, 2: _log_v2_to_v3}
SAVE_MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: _v1_to_v2, 2: _save_v2_to_v3, 3: _save_v3_to_v4}


def older_engine_note(data: dict[str, Any], where: str) -> str | None:
    """One line when a (migrated) log or save was made by an engine with the older dice."""
    dice = data.get("dice")
    kind = dice.get("kind") if isinstance(dice, dict) else dice
    if kind != LEGACY:
        return None
    made = data.get("app_version")
    by = f"Fault Lines {made}" if isinstance(made, str) else "an older Fault Lines"
    return (f"{where}: made by {by}, whose dice came from one random stream; it is "
            "replayed with those dice, so it plays out exactly as it did")


def _migrate(data: dict[str, Any], where: str, what: str, current: int,
             steps: dict[int, Callable[[dict[str, Any]], dict[str, Any]]]) -> dict[str, Any]:
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SaveError(f"{where}: the {what} has no valid format version")
    if version > current:
        made = data.get("app_version")
        by = f" by Fault Lines {made}" if isinstance(made, str) else ""
        raise SaveError(f"{where}: this {what} has format version {version} (written{by}); "
                        f"this Fault Lines ({APP_VERSION}) reads {what} format versions up "
                        f"to {current} - upgrade Fault Lines to open it")
    while data["version"] < current:
        step = steps.get(data["version"])
        if step is None:
            raise SaveError(f"{where}: {what} format {data['version']} cannot be upgraded")
        data = step(data)
    return data


def _first_problem(exc: ValidationError) -> str:
    err = exc.errors()[0]
    loc = ".".join(str(p) for p in err["loc"]) or "(top level)"
    msg = err["msg"].removeprefix("Value error, ")
    return f"{loc}: {msg[0].lower()}{msg[1:]}"


def validate_log(data: dict[str, Any], where: str = "<log>") -> dict[str, Any]:
    """Migrate a log to the current format and check it; returns the migrated dict."""
    if data.get("format") != LOG_FORMAT:
        raise SaveError(f"{where}: not a Fault Lines game log (format is "
                        f"{data.get('format')!r})")
    data = _migrate(data, where, "log", LOG_VERSION, LOG_MIGRATIONS)
    try:
        log = GameLog.model_validate(data)
    except ValidationError as exc:
        raise SaveError(f"{where}: the log is damaged ({_first_problem(exc)})") from None
    if (log.events is None) != (log.history is None) or (log.history == []):
        raise SaveError(f"{where}: the log's per-round history is missing or damaged")
    return _no_negative_calendar(data)


def _no_negative_calendar(data: dict[str, Any]) -> dict[str, Any]:
    """Releases up to 0.2.0 could end a game with the calendar at -1 months (a genuine
    consultation in a month a scenario event had already taken); such a log is read with
    the calendar at zero, so no report shows more months used than the game had."""
    rows = data.get("history") or []
    final = data.get("final") or {}
    if all(r["calendar"] >= 0 for r in rows) and final.get("calendar", 0) >= 0:
        return data
    out = {**data, "history": [{**r, "calendar": max(0, r["calendar"])} for r in rows]}
    if final:
        out["final"] = {**final, "calendar": max(0, final["calendar"])}
    return out


def validate_save(data: dict[str, Any], where: str = "<save>") -> dict[str, Any]:
    """Migrate a save to the current format and check it; returns the migrated dict."""
    if data.get("format") != SAVE_FORMAT:
        raise SaveError(f"{where}: not a Fault Lines save (format is {data.get('format')!r})")
    data = _migrate(data, where, "save", SAVE_VERSION, SAVE_MIGRATIONS)
    try:
        GameSave.model_validate(data)
    except ValidationError as exc:
        raise SaveError(f"{where}: the save is damaged ({_first_problem(exc)})") from None
    return data


def read_log(path: str | Path) -> dict[str, Any]:
    return validate_log(read_json(path), str(path))


def read_save(path: str | Path) -> dict[str, Any]:
    return validate_save(read_json(path), str(path))
