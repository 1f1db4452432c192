"""The measures of a decision's episodes for G games at once: who is affected by the
components an episode is about, whether they took part, and who of them was missing
(engine.episodes.measure), for every (components, participants) pair a decision's episodes
can have. The episodes themselves, with their titles and evidence, are still written per
game by the reference's `episodes.decision_episodes`; it asks `measures_of(k)` first and
measures for itself whatever it is handed that is not one of these pairs.

The pairs (engine.episodes.decision_episodes): the components on the table, those of them
decided here, those only ratified (settled elsewhere); the participants: the forum, those
a consultation reaches, or nobody. Each mirrors engine.episodes.inclusion and `affected`
with the reference's own operations in its order: the largest stake and the largest loss
over the components, a weight per person, the shares present as numpy sums them
(`selected_sum`). The rule itself is written twice (here over arrays, there for one game):
tests/test_batch_episodes.py compares every pair with `episodes.measure` on real games, so
a change to the reference's rule that is not made here fails there.
"""

from __future__ import annotations

import numpy as np
from faultlines.engine import consultation
from faultlines.engine.batch.compiled import BatchCase
from faultlines.engine.batch.stance import pairwise_sum
from faultlines.engine.batch.state import BatchState
from faultlines.engine.batch.tally import selected_sum
from faultlines.engine.batch.view import GameView
from faultlines.engine.episodes import Measured, Measures
from faultlines.engine.tuning import TUNING


class DecisionMeasures:
    """For deciding games `idx` (forums `members`): each episode pair's measures, computed
    for all of them at once; `of(k)` is what row k's `decision_episodes` asks."""

    def __init__(self, bc: BatchCase, bs: BatchState, idx: np.ndarray, members: np.ndarray,
                 consulting: np.ndarray):
        self.bc, self.members = bc, members
        k, n = len(idx), bc.n
        on = bs.kept_off[idx] < 0
        settled = np.array([[c in bs.extras[i]["settled"] for c in bc.components]
                            for i in idx.tolist()], bool).reshape(k, bc.c)
        sets = {"table": on, "decided": on & ~settled, "ratified": on & settled}
        self.codes = {name: _bits(mask) for name, mask in sets.items()}
        self.consulted = np.zeros((k, n), bool)
        for row in np.flatnonzero(consulting).tolist():
            self.consulted[row] = consultation.consultees_of(bc.case,
                                                             GameView(bc, bs, int(idx[row])))
        who = {"forum": members, "consulted": self.consulted, "nobody": np.zeros((k, n), bool)}
        signed = bc.stakes + bs.stake_mod[idx]  # (K, N, C)
        stake, lost = np.abs(signed), np.maximum(0.0, -signed)
        need = TUNING.negotiation.inclusive_share
        self.found: dict[tuple[str, str], tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
        for name, comps in sets.items():
            largest = _largest(stake, comps)
            hit = comps.any(axis=1)[:, None] & (largest >= TUNING.negotiation.affected_stake)
            weight = np.where(hit, largest, 0.0)  # the reference's `stake * hit`
            loss = np.where(hit, _largest(lost, comps), 0.0)
            whole = pairwise_sum([weight[:, j] for j in range(n)])
            all_lost = pairwise_sum([loss[:, j] for j in range(n)])
            anyone, losing = hit.any(axis=1), (loss != 0.0).any(axis=1)
            for label, present in who.items():
                share = selected_sum(weight, present) / np.where(anyone, whole, 1.0)
                there = selected_sum(loss, present) / np.where(losing, all_lost, 1.0)
                inclusive = ~anyone | ((share >= need) & (~losing | (there >= need)))
                self.found[name, label] = (inclusive, hit & ~present, hit)

    def of(self, k: int) -> Measures:
        """Row k's measures, for `episodes.decision_episodes(measures=...)`."""
        return lambda components, participants: self._lookup(k, components, participants)

    def _lookup(self, k: int, components: tuple[str, ...],
                participants: np.ndarray) -> Measured | None:
        bc = self.bc
        code = sum(1 << bc.components.index(c) for c in components)
        name = next((x for x, codes in self.codes.items() if codes[k] == code), None)
        if np.array_equal(participants, self.members[k]):
            label = "forum"
        elif not participants.any():
            label = "nobody"
        elif np.array_equal(participants, self.consulted[k]):
            label = "consulted"
        else:
            label = None
        if name is None or label is None:
            return None  # not a pair measured here: the reference measures it
        inclusive, missing, hit = self.found[name, label]
        ids = bc.people
        return (bool(inclusive[k]), tuple(ids[i] for i in np.flatnonzero(missing[k])),
                hit[k])


def _largest(values: np.ndarray, comps: np.ndarray) -> np.ndarray:
    """(K, N): each person's largest value over the selected components (-inf if none)."""
    return np.where(comps[:, None, :], values, -np.inf).max(axis=2)


def _bits(mask: np.ndarray) -> np.ndarray:
    """(K,) int: a set of components as bits (component j is bit j)."""
    return (mask.astype(np.int64) << np.arange(mask.shape[1])).sum(axis=1)
