"""Where the report verbs write, and what they refuse to replace.

Every file goes through the engine's one atomic writer (engine.logs.write_atomic: temp
file in the same folder, fsync, rename, ordinary permissions). Before anything is written a
command checks its outputs: an output that is one of its own inputs is always refused, and
an existing file is replaced only with --force, since Fault Lines cannot tell a report it
wrote earlier from a file of the same name that a person made, renamed or edited.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path

from faultlines.engine.errors import OutputRefused
from faultlines.engine.logs import write_atomic

FORCE_HINT = "pass --force to replace it, or choose another name"


def write_text(path: str | Path, text: str) -> Path:
    """Write a report (HTML, CSV) as UTF-8, atomically; raises WriteError."""
    return write_atomic(path, text)


def same_file(a: str | Path, b: str | Path) -> bool:
    """True if two paths name one file (through links and `..` too); False if either is
    missing, since a file that does not exist yet cannot be one of the inputs."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def check_outputs(outputs: Mapping[str, str | Path | None], inputs: Iterable[str | Path],
                  *, force: bool) -> None:
    """Refuse, before anything is written, outputs that would replace an input, an existing
    file without --force, a folder, or another output of the same command.

    `outputs` maps a flag (`--html`) to its path, or None when the flag was not given.
    """
    given = {flag: Path(p) for flag, p in outputs.items() if p is not None}
    sources = [Path(p) for p in inputs]
    _check_distinct(given)
    for flag, path in given.items():
        check_output(flag, path, sources, force=force)


def check_output(flag: str, path: Path, inputs: list[Path], *, force: bool) -> None:
    """One output: see check_outputs. Raises OutputRefused naming the path."""
    if any(same_file(path, source) for source in inputs):
        raise OutputRefused(f"{flag} {path} is one of this command's inputs; "
                            "choose another name for the output")
    if path.is_dir():
        raise OutputRefused(f"{flag} {path} is a folder; name a file inside it")
    if (path.exists() or path.is_symlink()) and not force:
        raise OutputRefused(f"{flag} {path} already exists; {FORCE_HINT}")


def _check_distinct(given: Mapping[str, Path]) -> None:
    """Two outputs of one command may not name the same file (one would replace the other)."""
    seen: dict[Path, str] = {}
    for flag, path in given.items():
        key = path.resolve()
        if key in seen:
            raise OutputRefused(f"{seen[key]} and {flag} both name {path}; "
                                "give each output its own name")
        seen[key] = flag
