"""Games that each play in a world of their own: a fair hint's rollouts.

A fair hint (engine.analysis.hint) may not read the hidden drivers, so each of its rollouts
plays in a world redrawn from what the player can see (engine.analysis.determinise.world):
a `Case` whose values, interests, stakes and need for evidence differ from the true case's
for the people the player has not heard yet. Everything else about the case (stages,
forums, influence, rivalries, events, tuning) is the true case's.

So a batch of such games keeps, per slot, the arrays a world changes (`FIELDS`, under
`world_<name>` in the batch's arrays: a sub-batch takes its rows like any other field) and
the world's `Case` itself (`BatchState.cases`, for the reference functions a rule calls per
game). A batch without worlds keeps neither, and every rule reads the case's own arrays as
before: `of(bs)` is None and costs nothing more.

Each rule that reads one of these arrays asks here for the games it works on (`stakes`,
`interests`, ...): the case's own array when the batch has no worlds (it broadcasts over
the games), else the games' own rows. tests/test_batch_worlds.py plays determinised
rollouts on both engines and compares them game by game.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from faultlines.engine import fault_lines
from faultlines.engine.batch import state
from faultlines.engine.batch.state import BatchState

if TYPE_CHECKING:
    from faultlines.engine.batch.compiled import BatchCase
    from faultlines.engine.case import Case

#: the case arrays a redrawn world changes (engine.analysis.determinise._redrawn), with
#: what the batch engine derives from them (the fault-line profile reads the interests);
#: name -> trailing shape ("n": people, "c": components)
FIELDS: dict[str, tuple[str | int, ...]] = {
    "values": ("n", 3), "interests": ("n", 4), "stakes": ("n", "c"),
    "evidence_need": ("n",), "values_minus_plan": ("n", 3), "doubt_weight": ("n", "c"),
    "profile": ("n", "c", 4),
}
_KEYS = {name: f"world_{name}" for name in FIELDS}


def empty(bc: BatchCase, g: int) -> BatchState:
    """G empty slots (engine.batch.state.empty), each with room for a world of its own
    (filled by `put`; until then, the case's)."""
    bs = state.empty(bc, g)
    dims = {"n": bc.n, "c": bc.c}
    bs.arrays.update({_KEYS[name]: np.zeros((g, *(dims.get(x, x) for x in shape)))
                      for name, shape in FIELDS.items()})  # type: ignore[misc]
    bs.cases = [bc.case] * g
    return bs


def arrays_of(case: Case) -> dict[str, np.ndarray]:
    """A world's arrays as the batch keeps them (the profile worked out as the reference
    works it out for that case: engine.fault_lines.profile)."""
    return {"values": case.values, "interests": case.interests, "stakes": case.stakes,
            "evidence_need": case.evidence_need, "values_minus_plan": case.values_minus_plan,
            "doubt_weight": case.doubt_weight, "profile": fault_lines.profile(case)}


def put(bs: BatchState, idx: np.ndarray, case: Case) -> None:
    """Slots idx play in `case` (the true case, or a world redrawn from it)."""
    for name, arr in arrays_of(case).items():
        bs.arrays[_KEYS[name]][idx] = arr
    for i in np.asarray(idx).tolist():
        bs.cases[i] = case  # type: ignore[index]


def has(bs: BatchState) -> bool:
    """Does this batch play games in worlds of their own?"""
    return bs.cases is not None


def case_of(bs: BatchState, i: int) -> Case:
    """The case game i plays in (its world, or the batch's case)."""
    return bs.bc.case if bs.cases is None else bs.cases[i]


def field(bc: BatchCase, bs: BatchState, name: str, idx: np.ndarray | None = None
          ) -> np.ndarray:
    """Array `name` for games idx (None: every game of `bs`): the case's own, which
    broadcasts over the games, when the batch has no worlds; else each game's, with the
    games first. Reading the case's own for many games costs nothing."""
    if bs.cases is None:
        return fault_lines.profile(bc.case) if name == "profile" else getattr(bc.case, name)
    rows = bs.arrays[_KEYS[name]]
    return rows if idx is None else rows[idx]


def stakes(bc: BatchCase, bs: BatchState, idx: np.ndarray | None = None) -> np.ndarray:
    """(N, C), or (K, N, C) with worlds: the authored stakes for games idx."""
    return bc.stakes if bs.cases is None else field(bc, bs, "stakes", idx)


def stakes_of(bc: BatchCase, bs: BatchState, idx: np.ndarray, who: np.ndarray | int
              ) -> np.ndarray:
    """(K, C): the authored stakes of person who[k] in game idx[k]."""
    if bs.cases is None:
        return bc.stakes[who]
    return bs.arrays[_KEYS["stakes"]][idx, who]


def component_stakes(bc: BatchCase, bs: BatchState, idx: np.ndarray, c: np.ndarray
                     ) -> np.ndarray:
    """(K, N): everyone's authored stake in component c[k] in game idx[k]."""
    if bs.cases is None:
        return bc.stakes[:, c].T
    return bs.arrays[_KEYS["stakes"]][idx, :, c]


def interests(bc: BatchCase, bs: BatchState, idx: np.ndarray | None = None) -> np.ndarray:
    """(N, 4), or (K, N, 4) with worlds: what each person cares about in games idx."""
    return bc.case.interests if bs.cases is None else field(bc, bs, "interests", idx)


def stake_in(bc: BatchCase, bs: BatchState, idx: np.ndarray, who: np.ndarray | int,
             c: np.ndarray) -> np.ndarray:
    """(K,): the authored stake of person who[k] in component c[k] in game idx[k]."""
    if bs.cases is None:
        return bc.stakes[who, c]
    return bs.arrays[_KEYS["stakes"]][idx, who, c]


def interests_of(bc: BatchCase, bs: BatchState, idx: np.ndarray, who: np.ndarray | int
                 ) -> np.ndarray:
    """(K, 4): what person who[k] cares about in game idx[k]."""
    if bs.cases is None:
        return bc.case.interests[who]
    return bs.arrays[_KEYS["interests"]][idx, who]


def values_of(bc: BatchCase, bs: BatchState, idx: np.ndarray, who: np.ndarray | int
              ) -> np.ndarray:
    """(K, 3): person who[k]'s values in game idx[k]."""
    if bs.cases is None:
        return bc.case.values[who]
    return bs.arrays[_KEYS["values"]][idx, who]
