"""Game logs and saves on disk: versioned JSON, written atomically, read with clear errors."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

from faultlines.engine.errors import SaveError


def write_json(path: str | Path, data: dict[str, Any]) -> Path:
    """Write JSON so a crash mid-write never leaves a half file: temp file, fsync, rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, separators=(",", ":"))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path


MAX_JSON_BYTES = 64 * 1024 * 1024  # a long game's log is well under 1 MB


def read_json(path: str | Path, *, expect: str | tuple[str, ...] | None = None,
              limit: int = MAX_JSON_BYTES) -> dict[str, Any]:
    """Read a save or log; raise SaveError naming the file and the problem. Only regular
    files are read, and at most `limit` bytes, so a device or a FIFO cannot hang a reader."""
    path = Path(path)
    try:
        if path.exists() and not path.is_file():
            raise SaveError(f"{path}: cannot read: not a regular file")
        with path.open("rb") as fh:
            raw = fh.read(limit + 1)
        if len(raw) > limit:
            raise SaveError(f"{path}: the file is over {limit // (1024 * 1024)} MB, too large "
                            "for a Fault Lines file")
        data = json.loads(raw.decode("utf-8"))
    except OSError as exc:
        raise SaveError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        where = f":{exc.lineno}:{exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise SaveError(f"{path}{where}: not valid JSON ({exc.__class__.__name__})") from None
    except RecursionError:
        raise SaveError(f"{path}: not a Fault Lines file (JSON nested too deeply)") from None
    if not isinstance(data, dict):
        raise SaveError(f"{path}: expected a JSON object")
    if expect is not None:
        kinds = (expect,) if isinstance(expect, str) else expect
        if data.get("format") not in kinds:
            raise SaveError(f"{path}: not a {' or '.join(kinds)} file "
                            f"(format is {data.get('format')!r})")
    return data
