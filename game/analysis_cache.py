"""Finished analyses kept on disk, so reopening a game's analysis board is instant.

An analysis takes minutes on the reference engine and depends only on the game's log and
the analysis's size, so it is kept under the user's data folder (`<data>/analysis`), named
by a hash of the log's content, the rollouts and the screening budget. Written atomically
like saves and logs (a killed write leaves a temp file the next start removes). A file
that cannot be read back exactly is ignored with one line and the analysis is run again.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from faultlines.engine.analysis.board import Analysis
from faultlines.engine.analysis.stored import STORED_FORMAT, analysis_from_record, analysis_record
from faultlines.engine.errors import SaveError
from faultlines.engine.logs import read_json_value, write_json
from faultlines.game.paths import analysis_dir

#: a cached analysis is a few kilobytes a move; far larger is not ours
MAX_CACHE_BYTES = 8 * 1024 * 1024


def cache_key(log: dict[str, Any], rollouts: int, screen: int) -> str:
    """The same log (its moves, seed, scenario and version) analysed at the same size."""
    text = json.dumps(log, sort_keys=True, separators=(",", ":"), default=str)
    h = hashlib.sha256(text.encode())
    h.update(f"|{rollouts}|{screen}|{STORED_FORMAT}".encode())
    return h.hexdigest()[:40]


def cache_path(log: dict[str, Any], rollouts: int, screen: int) -> Path:
    return analysis_dir() / f"{cache_key(log, rollouts, screen)}.json"


def load_cached(log: dict[str, Any], rollouts: int, screen: int,
                notes: list[str] | None = None) -> Analysis | None:
    """The kept analysis, or None (not kept yet, or unreadable: then one line in `notes`)."""
    path = cache_path(log, rollouts, screen)
    if not path.exists():
        return None
    try:
        return analysis_from_record(read_json_value(path, limit=MAX_CACHE_BYTES))
    except (SaveError, ValueError) as exc:
        if notes is not None:
            notes.append(f"A kept analysis could not be read and will be made again "
                         f"({path.name}: {str(exc).replace(str(path) + ': ', '')}).")
        return None


def store(log: dict[str, Any], screen: int, a: Analysis) -> Path | None:
    """Keep a finished analysis; None if the disk refused (the analysis is still shown)."""
    path = cache_path(log, a.rollouts, screen)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return write_json(path, analysis_record(a))
    except OSError:
        return None
