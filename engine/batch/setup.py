"""New games in batch slots: what `Game.__init__` does for one, for many at once.

A new game's state is the same for every seed of a case and difficulty except the radar's
estimate noise, which is drawn from the game's setup dice (`CounterDice(seed, SETUP_MOVE)`,
two uniforms per person, made for all games at once with the same bits, then Box-Muller
with `math`'s log and cos as the reference draws it, so the bits are equal). So the state without noise is made once by the
reference's own `initial_state` and copied into the slots; then the noise; then the first
stage is entered (engine.batch.endings.enter, as `flow.enter(fresh=True)`): its scenario
events fire from the setup dice where the noise left them, and it decides at once if it has
no rounds. Returns each game's draws so far, which `Game.drawn` counts.
"""

from __future__ import annotations

import numpy as np
from faultlines.engine.batch import endings
from faultlines.engine.batch.compiled import BatchCase
from faultlines.engine.batch.decision import decide
from faultlines.engine.batch.state import BatchState, pack
from faultlines.engine.batch.turn import Counters, Turn
from faultlines.engine.draws import SETUP_MOVE, normal_array, uniform_array
from faultlines.engine.state import initial_state
from faultlines.engine.tuning import DIFFICULTIES


class _NoNoise:
    """Dice for the template: the noise is drawn per game afterwards."""

    def normal(self, loc: float, scale: float, size: int) -> np.ndarray:
        return np.zeros(size)

    def random(self, size: int | None = None) -> float | np.ndarray:
        raise AssertionError("a new game draws only its noise before its first stage")


def _template(bc: BatchCase, difficulty: str) -> BatchState:
    found = bc.scratch.get(("new_game", difficulty))
    if found is None:
        st = initial_state(bc.case, _NoNoise(), difficulty)  # type: ignore[arg-type]
        st.capacity_max = st.capacity
        found = bc.scratch[("new_game", difficulty)] = pack(bc, [st])
    return found


def start(bc: BatchCase, bs: BatchState, games: np.ndarray, seeds: np.ndarray,
          difficulty: str, scripts_for) -> np.ndarray:
    """New games from `seeds` in slots `games`; returns each one's draws. `scripts_for(
    counters, move_index)` makes the scenario-events seam over the setup dice."""
    if not len(games):
        return np.zeros(0, np.int64)
    tmpl = _template(bc, difficulty)
    # a run's first games fill slots 0, 1, ...: a slice is written as one block (an index
    # array scatters row by row, as many times dearer for a game's (N, N) conflicts)
    rows = slice(int(games[0]), int(games[-1]) + 1) if \
        int(games[-1]) - int(games[0]) + 1 == len(games) and (np.diff(games) == 1).all() \
        else games
    for k, arr in tmpl.arrays.items():
        bs.arrays[k][rows] = arr[0]
    for i in games.tolist():
        bs.extras[i] = {k: [] if isinstance(v, list) else type(v)()
                        for k, v in tmpl.extras[0].items()}
    if tmpl.record.count(0):
        raise AssertionError("a new game has no episodes yet")
    bs.record.clear(games)
    n, scale = bc.n, DIFFICULTIES[difficulty].noise
    u = uniform_array(seeds[:, None], SETUP_MOVE, np.arange(2 * n))
    # the reference's normal_from pair by pair (draws.normal_array: the same bits), the
    # scaling as arrays (the same float64 operations)
    bs.noise[games] = 0.0 + scale * normal_array(u[:, 0::2], u[:, 1::2])
    g = bs.g
    key, slot = np.zeros(g, np.int64), np.zeros(g, np.int64)
    key[games], slot[games] = seeds, 2 * n
    counters = Counters(key=key, slot=slot)
    move_index = np.full(g, SETUP_MOVE, np.int64)
    turn = Turn(move_index=move_index, scripts=scripts_for(counters, move_index),
                counters=counters)
    step = endings.Step(bc=bc, bs=bs, turn=turn, decision=None, stances=None, decide=decide)
    endings.enter(step, games, fresh=True)
    return counters.slot[games].copy()
