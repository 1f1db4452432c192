"""The engine's two domain exceptions: bad content and illegal moves."""

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
