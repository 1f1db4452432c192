"""Save slots and the autosave for the window edition.

A save is the engine's own save (`Table.save`) plus a small `meta` block the window
needs (which scenario file to load, practice mode, when it was saved), written with the
engine's atomic `write_json` so a killed game never leaves a half-written file.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from faultlines.engine.errors import SaveError
from faultlines.engine.logs import write_json
from faultlines.game.paths import saves_dir

if TYPE_CHECKING:
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


class SaveStore:
    """Slots 1-3 and the autosave in one folder."""

    def __init__(self, folder: Path | None = None):
        self.folder = folder or saves_dir()

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

    def info(self, slot: str | int) -> SlotInfo:
        path = self.path(slot)
        key = str(slot)
        if not path.exists():
            return SlotInfo(key, path, False)
        try:
            data = self.read(slot)
            meta = data.get("meta") or {}
            st = data["state"]
            return SlotInfo(
                key, path, True, title=str(meta.get("title", data.get("scenario", "?"))),
                stage=str(meta.get("stage_name", st.get("stage", ""))),
                round=int(st.get("round", 0)), calendar=int(st.get("calendar", 0)),
                outcome=st.get("outcome"), saved_at=str(meta.get("saved_at", "")),
                practice=bool(meta.get("practice", False)),
                difficulty=str(data.get("difficulty", "")), seed=int(data.get("seed", 0)))
        except (SaveError, KeyError, TypeError, ValueError, AttributeError) as exc:
            msg = str(exc).replace(str(path), path.name)
            return SlotInfo(key, path, True, error=msg or exc.__class__.__name__)

    def all(self, *, autosave: bool) -> list[SlotInfo]:
        slots: list[str | int] = ([AUTOSAVE] if autosave else []) + list(SLOTS)
        return [self.info(s) for s in slots]
