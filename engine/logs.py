"""Game logs and saves on disk: versioned JSON, written atomically, read with clear errors."""

from __future__ import annotations

import errno
import json
import os
import re
import secrets
import time
from pathlib import Path
from typing import Any

from faultlines.engine.errors import SaveError, WriteError

# os.open flags for a new temp file: never follow or reuse an existing name, no CRLF
# translation on Windows, and not inherited by child processes.
_TEMP_FLAGS = (os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
               | getattr(os, "O_CLOEXEC", 0))


def temp_name(path: Path) -> Path:
    """`.NAME.<random>.tmp` beside `path`: in the same folder so the final rename is atomic,
    and recognisable so stale ones (a killed writer's) can be found and cleaned later."""
    return path.with_name(f".{path.name}.{secrets.token_hex(6)}.tmp")


#: what `temp_name` makes, and nothing else: `.NAME.` then 12 hex digits then `.tmp`
TEMP_NAME = re.compile(r"^\..+\.[0-9a-f]{12}\.tmp$")
#: a temp file older than this was left by a writer that was killed (a live write takes
#: well under a second)
STALE_AFTER_S = 60.0


def clean_stale_temps(folder: Path, *, older_than: float = STALE_AFTER_S,
                      now: float | None = None) -> list[Path]:
    """Remove the temp files killed writers left in `folder`: only names `temp_name` makes,
    only regular files (never a link or a folder), only older than `older_than` seconds.
    Returns what was removed; a file that cannot be removed is left (never an error)."""
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        if not TEMP_NAME.match(entry.name):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and \
                    now - entry.stat(follow_symlinks=False).st_mtime > older_than:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            continue
    return removed


def ensure_folder(folder: Path, target: Path) -> None:
    """Create `folder` (and its parents) for `target`, or raise WriteError saying why not."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except FileExistsError:  # a file where a folder should be
        raise WriteError(target, f"{folder} is not a folder", errno.ENOTDIR) from None
    except NotADirectoryError:  # a file further up the path
        raise WriteError(target, f"part of {folder} is a file, not a folder",
                         errno.ENOTDIR) from None
    except OSError as exc:
        raise WriteError(target, f"cannot create the folder {folder} "
                                 f"({exc.strerror or exc})", exc.errno) from None


def write_atomic(path: str | Path, data: str | bytes) -> Path:
    """Write a whole file so a crash mid-write never leaves half of it: a temp file in the
    same folder, flush, fsync, then os.replace. The temp file is created with mode 0o666 so
    the process umask applies, as for any new file (mkstemp would make it 0600). Text is
    written as UTF-8, byte for byte (no newline translation). Raises WriteError, which names
    `path` (never the temp file) and the reason."""
    path = Path(path)
    ensure_folder(path.parent, path)
    raw = data.encode("utf-8") if isinstance(data, str) else data
    tmp = _create_temp(path)
    try:
        _write_fd(tmp, raw)
        os.replace(tmp[1], path)
    except BaseException as exc:
        _discard(tmp[1])
        if isinstance(exc, OSError) and not isinstance(exc, WriteError):
            raise WriteError(path, exc.strerror or str(exc), exc.errno) from None
        raise
    return path


def _create_temp(path: Path, attempts: int = 8) -> tuple[int, Path]:
    """Open a new, unique temp file beside `path`; return (fd, its path)."""
    for _ in range(attempts):
        tmp = temp_name(path)
        try:
            return os.open(tmp, _TEMP_FLAGS, 0o666), tmp
        except FileExistsError:
            continue
        except OSError as exc:
            raise WriteError(path, exc.strerror or str(exc), exc.errno) from None
    raise WriteError(path, "could not create a unique temporary file", errno.EEXIST)


def _write_fd(tmp: tuple[int, Path], raw: bytes) -> None:
    """Write all of `raw` to the temp file, flush it to disk and close it."""
    with os.fdopen(tmp[0], "wb") as fh:
        fh.write(raw)
        fh.flush()
        os.fsync(fh.fileno())


def _discard(tmp: Path) -> None:
    """Remove a temp file after a failed write; a failure here must not hide the first."""
    try:
        tmp.unlink(missing_ok=True)
    except OSError:
        pass


def write_json(path: str | Path, data: dict[str, Any]) -> Path:
    """Write JSON atomically (see write_atomic); compact, as logs and saves are machine-read."""
    return write_atomic(path, json.dumps(data, separators=(",", ":")))


MAX_JSON_BYTES = 64 * 1024 * 1024  # a long game's log is well under 1 MB
#: lists and objects inside each other: our own files nest about six deep; far deeper
#: nesting is refused before anything walks it (a copy, a check or a write would recurse)
MAX_JSON_DEPTH = 64


def read_json(path: str | Path, *, expect: str | tuple[str, ...] | None = None,
              limit: int = MAX_JSON_BYTES) -> dict[str, Any]:
    """Read a save or log (a JSON object); raise SaveError naming the file and the problem
    (see `read_json_value` for the limits)."""
    data = read_json_value(path, limit=limit)
    if not isinstance(data, dict):
        raise SaveError(f"{path}: expected a JSON object")
    if expect is not None:
        kinds = (expect,) if isinstance(expect, str) else expect
        if data.get("format") not in kinds:
            raise SaveError(f"{path}: not a {' or '.join(kinds)} file "
                            f"(format is {data.get('format')!r})")
    return data


def read_json_value(path: str | Path, *, limit: int = MAX_JSON_BYTES) -> Any:
    """Read any JSON file the game is given; raise SaveError naming the file and the
    problem. Only regular files are read, and at most `limit` bytes, so a device or a FIFO
    cannot hang a reader; nesting deeper than MAX_JSON_DEPTH is refused."""
    path = Path(path)
    try:
        if path.exists() and not path.is_file():
            raise SaveError(f"{path}: cannot read: not a regular file")
        with path.open("rb") as fh:
            raw = fh.read(limit + 1)
        if len(raw) > limit:
            raise SaveError(f"{path}: the file is over {_size(limit)}, too large for a "
                            "Fault Lines file of this kind")
        data = json.loads(raw.decode("utf-8"))
    except OSError as exc:
        raise SaveError(f"{path}: cannot read: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        where = f":{exc.lineno}:{exc.colno}" if isinstance(exc, json.JSONDecodeError) else ""
        raise SaveError(f"{path}{where}: not valid JSON ({exc.__class__.__name__})") from None
    except RecursionError:
        raise SaveError(f"{path}: not a Fault Lines file (JSON nested too deeply)") from None
    if too_deep(data):
        raise SaveError(f"{path}: not a Fault Lines file (JSON nested more than "
                        f"{MAX_JSON_DEPTH} deep)")
    return data


def _size(n: int) -> str:
    return f"{n // (1024 * 1024)} MB" if n >= 1024 * 1024 else f"{n // 1024} KB"


def too_deep(data: Any, limit: int = MAX_JSON_DEPTH) -> bool:
    """Whether lists and objects nest more than `limit` deep (walked without recursion)."""
    level: list[Any] = [data]
    for _ in range(limit + 1):
        level = [v for node in level if isinstance(node, dict | list)
                 for v in (node.values() if isinstance(node, dict) else node)]
        if not level:
            return False
        level = [v for v in level if isinstance(v, dict | list)]
        if not level:
            return False
    return True
