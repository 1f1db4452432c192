"""The engine's exceptions: bad content, illegal moves, unreadable and unwritable files."""

from __future__ import annotations


class ScenarioError(Exception):
    """A scenario file is invalid; `problems` holds one line per error, file:line:col first."""

    def __init__(self, problems: list[str]):
        self.problems = list(problems)
        super().__init__(self.problems[0] if self.problems else "invalid scenario")


class IllegalMove(Exception):
    """A move cannot be made now; `reason` is written to be shown to the player."""

    def __init__(self, reason: str):
        self.reason = reason
        super().__init__(reason)


class SaveError(Exception):
    """A save or log file cannot be read; the message names the file and the problem."""


class WriteError(OSError):
    """A file could not be written. It names the file the user asked for (never the temp
    file beside it) and the reason, so a command can print it as one line. An OSError, so
    code that already survives a failed write (the window's and the terminal's log writers)
    keeps doing so; `strerror` holds the reason alone."""

    def __init__(self, path: object, reason: str, code: int | None = None):
        super().__init__(code, reason, str(path))

    def __str__(self) -> str:
        return f"cannot write {self.filename}: {self.strerror}"


class OutputRefused(Exception):
    """A command will not write an output: it would replace one of its inputs, or a file it
    did not write. The message names the path and says how to proceed."""
