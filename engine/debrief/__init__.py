"""Debrief analysis: what happened in a game and why, read from its log.

Pure analysis (no drawing): `analyse(log)` returns a `Debrief` that the HTML report, the
terminal and the window can all render, and `summarise(debrief)` its compact `Summary`
for the end of a game. See docs/debrief.md for the rules it applies.
"""

from __future__ import annotations

from faultlines.engine.debrief.analyse import analyse
from faultlines.engine.debrief.logfile import load_log, prepare_log
from faultlines.engine.debrief.model import Debrief
from faultlines.engine.debrief.summary import Summary, summarise

__all__ = ["Debrief", "Summary", "analyse", "load_log", "prepare_log", "summarise"]
