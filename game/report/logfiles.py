"""Where game logs live, and saving one: the text edition and the window both call this.

Logs go to `platformdirs.user_data_dir("faultlines")/logs`, beside the window's saves. If
the environment variable FAULTLINES_HOME is set, everything lives under it instead (logs in
$FAULTLINES_HOME/data/logs, the same layout as game/paths.py uses for saves), and an
explicit folder (the CLI's --log-dir) overrides both.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from faultlines.engine.logs import write_json
from faultlines.game.paths import logs_dir


def log_dir(folder: str | Path | None = None) -> Path:
    """The folder game logs are written to: `folder` if given, else <data dir>/logs."""
    return Path(folder).expanduser() if folder else logs_dir()


def log_name(log: dict[str, Any], when: datetime | None = None) -> str:
    """A file name that sorts by time and says which scenario and seed it was."""
    when = when or datetime.now(UTC)
    state = "abandoned" if log.get("abandoned") else (log.get("outcome") or "unfinished")
    scenario = re.sub(r"[^a-z0-9_-]", "", str(log.get("scenario", "game")).lower()) or "game"
    return f"{when:%Y%m%d-%H%M%S}-{scenario}-{log.get('seed', 0)}-{state}.json"


def save_game_log(full_log: dict[str, Any], folder: str | Path | None = None, *,
                  player: str | None = None, extra: dict[str, Any] | None = None) -> Path:
    """Write a game's full log (`Table.log()`, which says whether it was abandoned)
    atomically and return its path.

    `player` (optional) is kept in the log for class reports, which leave names out unless
    asked to show them; `extra` adds fields (the window marks a branch's origin with
    `branch`, as engine/debrief does). The log given is not changed.
    """
    now = datetime.now(UTC)
    log = {**full_log, **(extra or {})}
    log["saved_at"] = now.isoformat(timespec="seconds")
    if player:
        log["player"] = player.strip()[:80]
    path = log_dir(folder) / log_name(log, now)
    n = 1
    while path.exists():
        path = path.with_name(f"{path.stem}-{n}.json")
        n += 1
    return write_json(path, log)
