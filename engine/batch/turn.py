"""What a batch step knows of its games besides their state: the index of the move each is
playing (episodes record it), the seam through which scenario events fire, and the games'
counter-based dice (`Counters`), which batch rules and the seam draw from alike.

Entering a stage fires its scenario events, so a batch rule that enters a stage calls
`Turn.scripts(bs, games, rest_of_stage)`: in play that is engine.batch.scripts.BatchScripts;
the tests also put the reference's `scripted.fire`, run per game, behind the same seam
(tests/batch_kit.py `ReferenceScripts`) to prove the batch rules against it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from faultlines.engine.batch.state import BatchState

#: fire the scenario events due now for games `idx` (with `rest_of_stage`, the rest of the
#: stage's too, as a decision does)
Scripts = Callable[[BatchState, np.ndarray, bool], None]


@dataclass(frozen=True, eq=False)
class Counters:
    """The counter-based dice of G games' current moves (engine.draws): each game's key and
    its next unused slot (the move is `Turn.move_index`). A rule that draws for many games
    reads `slot` and writes back how far it went, so the next draw of each game, batched or
    through a per-game seam, is the one `CounterDice(key, move)` would make next."""

    key: np.ndarray  # (G,) int
    slot: np.ndarray  # (G,) int64, advanced in place


@dataclass(frozen=True, eq=False)
class Turn:
    """Per game: the move being played, the scenario-events seam, and (for the rules that
    draw themselves) the games' dice."""

    move_index: np.ndarray  # (G,) int
    scripts: Scripts
    #: the games' dice, for rules that draw themselves (a month's end does)
    counters: Counters | None = None
    #: each game's moves so far, as `Game.moves` (the move being played included): the
    #: rules that read what the player did before (intelligence, an authored demand already
    #: met) read them
    moves: Sequence[list[dict[str, Any]]] | None = None
