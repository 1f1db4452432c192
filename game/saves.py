"""Save slots and the autosave for the window edition.

A save is the engine's own save (`Table.save`) plus a small `meta` block the window
needs (which scenario file to load, practice mode, when it was saved), written with the
engine's atomic `write_json` so a killed game never leaves a half-written file.

A slot is described (`info`) by restoring it the way Continue would: a save that would
not load, or would load a game the engine refuses, is shown as damaged with the reason
and never offered as Continue.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from faultlines.engine.errors import SaveError
from faultlines.engine.logs import clean_stale_temps, write_json
from faultlines.game.paths import analysis_dir, logs_dir, saves_dir, settings_path

if TYPE_CHECKING:  # the engine loads when a save is read, not with the title screen
    from faultlines.engine.case import Case
    from faultlines.engine.table import Table

SLOTS = (1, 2, 3)
AUTOSAVE = "autosave"


@dataclass(frozen=True)
class SlotInfo:
    """What the load/save screens show about one slot without loading the whole game."""

    slot: str  # "autosave", "1", "2", "3"
    path: Path
    exists: bool
    error: str | None = None
    title: str = ""
    stage: str = ""
    round: int = 0
    calendar: int = 0
    outcome: str | None = None
    saved_at: str = ""
    practice: bool = False
    difficulty: str = ""
    seed: int = 0

    @property
    def label(self) -> str:
        return "Autosave" if self.slot == AUTOSAVE else f"Slot {self.slot}"

    def summary(self) -> str:
        if not self.exists:
            return "empty"
        if self.error:
            return f"cannot be loaded: {self.error}"
        where = "finished" if self.outcome else f"{self.stage}, round {self.round}"
        mode = ", practice" if self.practice else ""
        short = self.title.split(":")[0]
        return (f"{short} \u2014 {where}; {self.calendar} months left "
                f"({self.difficulty}{mode}); saved {self.saved_at}")


@dataclass(frozen=True)
class SaveMeta:
    """The window's own fields of a save, typed (fields a later release adds are ignored)."""

    scenario_ref: str | None = None
    practice: bool = False
    title: str = ""
    stage_name: str = ""
    saved_at: str = ""
    log: str | None = None
    logged: str | None = None
    branch: dict[str, Any] | None = None


#: each meta field's types and, for text, its longest sensible length
_META = {"scenario_ref": ((str, type(None)), 4096), "practice": ((bool,), 0),
         "title": ((str,), 400), "stage_name": ((str,), 400), "saved_at": ((str,), 40),
         "log": ((str, type(None)), 4096), "logged": ((str, type(None)), 128),
         "branch": ((dict, type(None)), 0)}


def tidy_folders() -> list[Path]:
    """On start: remove the temp files an interrupted save, settings or log write left in
    Fault Lines' own folders (engine.logs.clean_stale_temps says which count as stale)."""
    removed: list[Path] = []
    for folder in (saves_dir(), settings_path().parent, logs_dir(), analysis_dir()):
        removed += clean_stale_temps(folder)
    return removed


def saved_case(data: dict[str, Any]) -> Case:
    """The case a save was played on: the copy inside the save (so a scenario file moved
    or edited since cannot break it), or for an older save the scenario with its id. A
    name read from a save is never opened as a path."""
    from faultlines.engine.debrief.logfile import case_for
    from faultlines.game.paths import catalogue

    return case_for(data, "the save", catalogue=catalogue())


def read_meta(data: dict[str, Any]) -> SaveMeta:
    """The save's `meta` block, checked; raises SaveError naming the field."""
    meta = data.get("meta") or {}
    if not isinstance(meta, dict):
        raise SaveError("the save is damaged (meta: expected an object)")
    for name, (kinds, longest) in _META.items():
        value = meta.get(name)
        if name in meta and (not isinstance(value, kinds) or
                             (isinstance(value, str) and len(value) > longest)):
            what = " or ".join("nothing" if k is type(None) else
                               {str: "text", bool: "true or false", dict: "an object"}[k]
                               for k in kinds)
            raise SaveError(f"the save is damaged (meta.{name}: expected {what}"
                            f"{f' of at most {longest} characters' if str in kinds else ''})")
    return SaveMeta(**{k: meta[k] for k in _META if k in meta})


class SaveStore:
    """Slots 1-3 and the autosave in one folder."""

    def __init__(self, folder: Path | None = None):
        self.folder = folder or saves_dir()
        #: cases already built from a save's embedded scenario, by that text (the load
        #: screen describes every slot by restoring it; each distinct scenario is parsed once)
        self._cases: dict[tuple[str, str], Case] = {}

    def path(self, slot: str | int) -> Path:
        name = AUTOSAVE if slot == AUTOSAVE else f"slot{slot}"
        return self.folder / f"{name}.json"

    def write(self, slot: str | int, table: Table, *, scenario_ref: str,
              extra: dict[str, Any] | None = None) -> Path:
        """The table's own save plus `meta`; `extra`: more of the window's own fields (the
        game log already written, a branch's origin), so a resumed game keeps them."""
        meta = {**(extra or {}), "scenario_ref": scenario_ref, "practice": table.practice,
                "title": table.case.scenario.title, "stage_name": table.view.stage_name,
                "saved_at": _dt.datetime.now().strftime("%Y-%m-%d %H:%M")}
        return write_json(self.path(slot), {**table.save(), "meta": meta})

    def read(self, slot: str | int) -> dict[str, Any]:
        """The raw save; raises SaveError naming the file and the problem."""
        from faultlines.engine.records import read_save  # pydantic: only when a save is read

        return read_save(self.path(slot))

    def restore(self, slot: str | int) -> tuple[dict[str, Any], SaveMeta, Table]:
        """The save, its meta and the game it holds, restored and checked by the engine;
        raises SaveError naming the file and the problem."""
        from faultlines.engine.table import Table

        path = self.path(slot)
        data = self.read(slot)
        try:
            meta = read_meta(data)
            table = Table.restore(self._case(data), data, practice=meta.practice)
        except SaveError as exc:
            raise SaveError(f"{path}: {exc}") from None
        return data, meta, table

    def _case(self, data: dict[str, Any]) -> Case:
        blob = data.get("scenario_embedded") or {}
        key = (data["scenario"], str(blob.get("data", "")))
        case = self._cases.get(key) if blob else None
        if case is None:
            case = saved_case(data)
            if blob:
                self._cases = {key: case}  # the last one only: slots usually share it
        return case

    def info(self, slot: str | int) -> SlotInfo:
        path = self.path(slot)
        key = str(slot)
        if not path.exists():
            return SlotInfo(key, path, False)
        try:
            data, meta, table = self.restore(slot)
        except SaveError as exc:
            msg = str(exc).replace(str(path), path.name)
            return SlotInfo(key, path, True, error=msg)
        view = table.view
        return SlotInfo(
            key, path, True, title=meta.title or table.case.scenario.title,
            stage=meta.stage_name or view.stage_name, round=view.round,
            calendar=view.calendar, outcome=table.outcome, saved_at=meta.saved_at,
            practice=meta.practice, difficulty=table.difficulty, seed=table.seed)

    def all(self, *, autosave: bool) -> list[SlotInfo]:
        slots: list[str | int] = ([AUTOSAVE] if autosave else []) + list(SLOTS)
        return [self.info(s) for s in slots]
