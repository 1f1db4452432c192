"""A world redrawn from what the player can see, for a fair hint (determinised rollouts).

A fair hint may not read what the player has not found out. So each hint rollout plays in a
world of its own: for everyone whose drivers the radar does not show yet, their true stance
is drawn from the radar's band (the estimate, with the radar's own error as the spread), and
their values, interests, stakes and need for evidence are drawn afresh and then set so they
add up to that stance; the radar's error about them is set so the radar reads exactly what
the player saw. People the player has listened to keep their drivers (the player knows them).

What this does not redraw: other hidden state the engine keeps (trust not yet shown,
grievances, lobbying behind the scenes) stays as it is; it only shapes how a stance moves
later, never the stance the world starts from.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from typing import Any

import numpy as np
from faultlines.engine import stance
from faultlines.engine.case import Case
from faultlines.engine.game import Game
from faultlines.engine.state import GameState
from faultlines.engine.tuning import DIFFICULTIES
from faultlines.engine.view import KNOWN_AT, Radar, build_radar

#: derived tables that depend only on the stages, forums and positions (kept, not rebuilt)
_SHARED = ("flow", "agency", "vetoes_ahead")
CALIBRATION_STEPS = 4  # fixed-point steps that set the redrawn stakes to the drawn stance


def world(case: Case, save: dict[str, Any], seed: int) -> tuple[Case, dict[str, Any]]:
    """A case and a save for one determinised rollout (the save is not changed)."""
    game = Game.from_save(case, save)
    drawn = redraw(case, game.state, build_radar(game), seed)
    if drawn is None:
        return case, save
    state = GameState.from_dict(copy.deepcopy(save["state"]))
    state.noise = drawn[1]
    return drawn[0], {**save, "state": state.to_dict()}


def redraw(case: Case, state: GameState, radar: Radar, seed: int
           ) -> tuple[Case, np.ndarray] | None:
    """The world rollout `seed` plays in from this state, as seen on `radar`: the redrawn
    case and the state's new radar noise (None when the radar shows everyone's drivers:
    the world is the true one). The state is not changed; the radar is the same for every
    seed, so many worlds can be drawn from one."""
    rng = np.random.default_rng(np.random.SeedSequence([int(seed), 1]))
    unknown = ~radar.known
    if not unknown.any():
        return None
    idx = np.flatnonzero(unknown)
    hidden = np.maximum(0.0, 1.0 - state.revealed / KNOWN_AT)
    sd = hidden * DIFFICULTIES[state.difficulty].noise
    target = np.clip(radar.estimate + rng.normal(0.0, 1.0, case.n) * sd, -1.0, 1.0)
    values, interests = case.values.copy(), case.interests.copy()
    stakes, need = case.stakes.copy(), case.evidence_need.copy()
    values[idx] = rng.uniform(-1.0, 1.0, (len(idx), values.shape[1]))
    interests[idx] = rng.uniform(0.0, 1.0, (len(idx), interests.shape[1]))
    stakes[idx] = rng.uniform(-1.0, 1.0, (len(idx), stakes.shape[1]))
    need[idx] = rng.uniform(0.0, 1.0, len(idx))
    drawn = _redrawn(case, values, interests, stakes, need)
    ambition = state.ambition
    reach = case.scenario.rules.w_stake * (drawn.stake_weight @ ambition)
    for _ in range(CALIBRATION_STEPS):
        gap = target - stance.compute(drawn, state).total
        stakes[idx] += (gap[idx] / np.maximum(reach[idx], 0.05))[:, None]
        drawn = _redrawn(case, values, interests, stakes, need)
    noise = state.noise.copy()
    seen = idx[hidden[idx] > 1e-9]
    noise[seen] = (radar.estimate[seen] - target[seen]) / hidden[seen]
    return drawn, noise


def _redrawn(case: Case, values: np.ndarray, interests: np.ndarray, stakes: np.ndarray,
             need: np.ndarray) -> Case:
    doubt = np.abs(stakes) + 0.05
    arrays = dict(values=values.copy(), interests=interests.copy(), stakes=stakes.copy(),
                  evidence_need=need.copy(),
                  values_minus_plan=values - case.plan_values,
                  doubt_weight=doubt / doubt.sum(axis=1, keepdims=True))
    for a in arrays.values():
        a.setflags(write=False)
    return replace(case, **arrays, derived={k: v for k, v in case.derived.items()
                                            if k in _SHARED})

