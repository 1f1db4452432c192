"""Where the window writes game logs and whose name they carry: the title screen needs it
before any game exists, so it lives apart from the session (which imports the engine)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class LogPlace:
    """Where the window writes game logs and whose name they carry (the CLI's --log-dir
    and --player, as in the terminal edition)."""

    folder: str | None = None
    player: str | None = None
    #: logs this window has written since it opened: the only files it may replace
    written: set[Path] = field(default_factory=set, compare=False)


__all__ = ["LogPlace"]
