"""Recording negotiation episodes for G games at once (engine.episodes with a game axis),
into the batch's `EpisodeRecord` (engine.batch.record: arrays, no `Episode` objects).

`Affected` and `DecisionMeasures` are the measures (engine.episodes.measure): who is
affected by the components an episode is about, whether they took part, and who of them was
missing, for every (components, participants) pair a decision's episodes can have, and for
any components and participants (`Affected`). `write` is engine.episodes.record over
arrays: what was settled elsewhere (the ledger's words as codes), planned, and the type by
the reference's own `classify` (tabulated: engine.batch.record.CLASSIFIED). The text is
made only when a game is read, by the reference's wording.

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
from faultlines.engine.batch import worlds
from faultlines.engine.batch.compiled import BatchCase
from faultlines.engine.batch.record import KINDS, PLANNED_SETTING, TYPES, type_codes
from faultlines.engine.batch.stance import pairwise_sum, row_any
from faultlines.engine.batch.state import BatchState
from faultlines.engine.batch.tally import selected_sum
from faultlines.engine.episodes import taints
from faultlines.engine.negotiation import SETTINGS
from faultlines.engine.tuning import TUNING


class Affected:
    """For rows of games (their `stake_mod` rows, (K, N, C)) and a set of components each
    (K, C): who is affected (`hit`, engine.episodes.affected) and the weights
    engine.episodes.inclusion reads; `inclusive(present)` for any participants."""

    def __init__(self, bc: BatchCase, stake_mod: np.ndarray, comps: np.ndarray,
                 stakes: np.ndarray | None = None):
        # the authored stakes: the case's, or (K, N, C) each game's world's (batch.worlds)
        signed = (bc.stakes if stakes is None else stakes) + stake_mod  # (K, N, C)
        largest = _largest(np.abs(signed), comps)
        hit = comps.any(axis=1)[:, None] & (largest >= TUNING.negotiation.affected_stake)
        self.hit = hit
        self.weight = np.where(hit, largest, 0.0)  # the reference's `stake * hit`
        self.loss = np.where(hit, _largest(np.maximum(0.0, -signed), comps), 0.0)
        self.anyone, self.losing = row_any(hit), row_any(self.loss != 0.0)

    def inclusive(self, present: np.ndarray) -> np.ndarray:
        """(K,): did the affected take part (engine.episodes.inclusion's first answer)?

        The answer is two comparisons with the share needed, of the weight present and of
        the loss present, each a quotient of two sums of values >= 0. Summed in any order
        (quick, for all rows), each sum is within (n - 1) units in the last place
        (relative) of the reference's, so a quotient further than `_CLEAR` from the share
        needed compares as the reference's does; the rows nearer (or not finite) are
        summed in the reference's order (`selected_sum`, `pairwise_sum`) and compared
        as it does. The answer is the reference's bit for bit either way."""
        need = TUNING.negotiation.inclusive_share
        w, lo = self.weight, self.loss
        there_w = np.einsum("kn,kn->k", w, present)
        there_l = np.einsum("kn,kn->k", lo, present)
        share = there_w / np.where(self.anyone, w.sum(axis=1), 1.0)
        there = there_l / np.where(self.losing, lo.sum(axis=1), 1.0)
        near = ~(np.abs(share - need) > _CLEAR) | ~(np.abs(there - need) > _CLEAR)
        out = ~self.anyone | ((share >= need) & (~self.losing | (there >= need)))
        r = np.flatnonzero(near & self.anyone)
        if len(r):
            out[r] = self._exactly(r, present[r], need)
        return out

    def _exactly(self, r: np.ndarray, present: np.ndarray, need: float) -> np.ndarray:
        """`inclusive` for rows r (where someone is affected) with the sums in the
        reference's order: the selected values as numpy's `x[mask].sum()` adds them and
        the whole row as `x.sum()`."""
        n, k = self.weight.shape[1], len(r)
        w, lo = self.weight[r], self.loss[r]
        whole = pairwise_sum([w[:, j] for j in range(n)])
        all_lost = pairwise_sum([lo[:, j] for j in range(n)])
        both = selected_sum(np.concatenate([w, lo]),
                            np.concatenate([present, present]))  # each row's sum its own
        share = both[:k] / whole
        losing = self.losing[r]
        there = both[k:] / np.where(losing, all_lost, 1.0)
        return (share >= need) & (~losing | (there >= need))


#: how far (absolute) a share computed in any order must be from the share needed to
#: compare as the reference's does: shares are at most about 1, and a sum of n values >= 0
#: in another order differs from the reference's by at most (n - 1) units in the last
#: place, relative; 1e-9 covers far more people than a case has
_CLEAR = 1e-9


class DecisionMeasures:
    """For deciding games `idx` (forums `members`): the sets of components a decision's
    episodes are about (`sets`), their participants (`who`) and each pair's measures
    (`found`), for all of them at once."""

    def __init__(self, bc: BatchCase, bs: BatchState, idx: np.ndarray, members: np.ndarray,
                 consulting: np.ndarray):
        self.bc, self.members = bc, members
        k, n = len(idx), bc.n
        on = bs.kept_off.take(idx, axis=0) < 0
        settled = settled_codes(bc, bs, idx) >= 0
        self.sets = {"table": on, "decided": on & ~settled, "ratified": on & settled}
        self.consulted = np.zeros((k, n), bool)
        rows = np.flatnonzero(consulting)
        if len(rows):
            self.consulted[rows] = consultation.consultees_by(
                bc.case, bs.stake_mod[idx[rows]], worlds.stakes(bc, bs, idx[rows]))
        self.who = {"forum": members, "consulted": self.consulted,
                    "nobody": np.zeros((k, n), bool)}
        self._stake_mod = bs.stake_mod.take(idx, axis=0)
        self._stakes = worlds.stakes(bc, bs, idx)
        self._per_game = worlds.has(bs)
        self._affected: dict[str, Affected] = {}
        self._found: dict[tuple[str, str], tuple[np.ndarray, np.ndarray, np.ndarray]] = {}

    def found(self, name: str, label: str, rows: np.ndarray | None = None
              ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(inclusive, missing (., N), hit (., N)) of components `name` ("table",
        "decided", "ratified") with participants `label` ("forum", "consulted",
        "nobody"): for every row (kept), or for `rows` only (each row's measures are its
        own: the same bits either way)."""
        if rows is not None:
            return self.measure(rows, self.sets[name][rows], self.who[label][rows])
        got = self._found.get((name, label))
        if got is None:
            aff = self._affected.get(name)
            if aff is None:
                aff = self._affected[name] = Affected(self.bc, self._stake_mod,
                                                      self.sets[name], self._stakes)
            got = self._found[name, label] = self._measure(aff, self.who[label])
        return got

    def measure(self, rows: np.ndarray, comps: np.ndarray, present: np.ndarray
                ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """`found` for rows of the deciding games (a row may come more than once), each
        with its own components (., C) and participants (., N)."""
        stakes = self._stakes[rows] if self._per_game else self._stakes
        return self._measure(Affected(self.bc, self._stake_mod[rows], comps, stakes),
                             present)

    @staticmethod
    def _measure(aff: Affected, present: np.ndarray
                 ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return aff.inclusive(present), aff.hit & ~present, aff.hit


def _largest(values: np.ndarray, comps: np.ndarray) -> np.ndarray:
    """(K, N): each person's largest value over the selected components (-inf if none).
    Up to eight components, component by component: numpy's max over a row that short
    takes them in sequence, a tie going to the later (as `np.maximum(earlier, later)`
    does), so even a zero's sign is the reduction's; longer rows, the reduction itself."""
    c = comps.shape[1]
    if c > 8 or not c:
        return np.where(comps[:, None, :], values, -np.inf).max(axis=2)
    out = np.where(comps[:, 0, None], values[:, :, 0], -np.inf)
    for j in range(1, c):
        out = np.maximum(out, np.where(comps[:, j, None], values[:, :, j], -np.inf))
    return out


# -- engine.episodes.record over arrays ---------------------------------------------------
def settled_codes(bc: BatchCase, bs: BatchState, idx: np.ndarray) -> np.ndarray:
    """(K, C): for games idx, where the ledger says each component was settled, as a
    ledger code (engine.batch.record.ledger_texts), -1 where it is not settled."""
    return bs.settled.take(idx, axis=0)


def settle(bs: BatchState, idx: np.ndarray, comps: np.ndarray, code) -> None:
    """engine.episodes.settle for games idx, components `comps` ((K, C) or (C,)): the
    ledger's words `code` (one, or (K,)) where a component was not settled yet (the first settlement
    wins: later forums on it ratify rather than decide)."""
    cur = bs.settled.take(idx, axis=0)
    code = np.asarray(code)
    bs.settled[idx] = np.where(comps & (cur < 0), code[:, None] if code.ndim else code, cur)


def write(bs: BatchState, idx: np.ndarray, kind: str | np.ndarray,
          setting: str | np.ndarray, comps: np.ndarray, people: np.ndarray,
          inclusive: np.ndarray, hit: np.ndarray, *, significant, stage: np.ndarray,
          round_: np.ndarray, move: np.ndarray, presented=False, agenda_set=False,
          kept_off=False, decided_before=False, a=-1, b=-1, share=0.0, met=False,
          repeats: bool = False) -> np.ndarray:
    """engine.episodes.record for games idx (distinct, unless `repeats`: then a game's
    episodes are recorded in the order given), one episode each: `kind` and a, b, share,
    met are what its text is made from (engine.batch.record); `kind` and `setting` are
    words, or one code per episode (KINDS, SETTINGS); `comps` (K, C) and `people` (K, N)
    its components and participants, measured as `inclusive` and `hit` (Affected).
    Returns the episodes' type codes (engine.batch.record.TYPES)."""
    bc = bs.bc
    now = settled_codes(bc, bs, idx)
    settled = comps & (now >= 0)
    fully = comps.any(axis=1) & ~(comps & (now < 0)).any(axis=1)
    code = SETTINGS.index(setting) if isinstance(setting, str) else setting
    planned = PLANNED_SETTING[code]
    kinds = type_codes(inclusive, planned, significant, fully | decided_before, presented,
                       agenda_set, kept_off)
    bs.record.append(idx, repeats=repeats, setting=code, stage=stage, round=round_,
                     move=move, type=kinds,
                     kind=KINDS.index(kind) if isinstance(kind, str) else kind, a=a, b=b,
                     share=share, met=met,
                     inclusive=inclusive, planned=planned, significant=significant,
                     presented=presented, agenda_set=agenda_set, kept_off=kept_off,
                     comps=comps, settled=settled, ledger=np.where(settled, now, -1),
                     people=people, affected=hit)
    return kinds


#: engine.episodes.taints for every (type code + 1, has components, all re-opened)
_TAINTS = np.array([[[taints(None if t < 0 else TYPES[t], bool(h), bool(r)) for r in (0, 1)]
                     for h in (0, 1)] for t in range(-1, len(TYPES))])


def tainted_titles(bs: BatchState, i: int) -> list[str]:
    """The titles of engine.episodes.tainted for game i (what engine.outcomes.classify_pass
    reads of them): `tainted_of` for one game."""
    return tainted_of(bs, np.array([i]))[0]


def tainted_of(bs: BatchState, idx: np.ndarray) -> list[list[str]]:
    """For each of games idx, the titles of engine.episodes.tainted, from the episode
    record by the reference's own rule (`taints`, tabulated) for all of them at once, and
    its wording only for the episodes that taint; no episode is made as an object."""
    rec = bs.record
    rows = rec.games(np.asarray(idx))
    count = rec.a["count"][rows]
    e = int(count.max(initial=0))
    held = np.arange(e) < count[:, None]
    comps = rec.a["comps"][rows, :e]  # (K, E, C)
    reopened = (bs.reopened.take(idx, axis=0) >= 0)[:, None, :]
    kind = np.where(held, rec.a["type"][rows, :e], -1)
    hit = held & _TAINTS[kind + 1, comps.any(axis=2).astype(np.int64),
                         (~(comps & ~reopened).any(axis=2)).astype(np.int64)]
    out: list[list[str]] = [[] for _ in range(len(rows))]
    for k in np.flatnonzero(hit.any(axis=1)).tolist():
        i = int(idx[k])
        out[k] = [rec.title_at(i, x) for x in np.flatnonzero(hit[k]).tolist()]
    return out
