"""The stances of G games at once: engine.stance.compute with a game axis, equal to it bit
for bit (tests/test_batch_stance.py).

Every step is the reference's own operation on the same numbers in the same order, so the
sums come out the same to the last bit:

- element-wise steps are exact whatever the array's shape;
- a sum over a short last axis (the Rs, the components) is done as whole (G, N) blocks in
  numpy's own pairwise order (`pairwise_sum`), or as a reduction along the same axis of the
  same per-game block (`np.add.reduce`); the sum of the contributions runs down a column,
  in sequence, as the reference's does;
- each matrix-vector product is numpy's stacked `matmul` with a vector as an (n, 1) matrix:
  numpy hands every game's product to the same BLAS `gemv` the reference's `A @ x` calls,
  so its (vectorised, machine-specific) summation order is the reference's too. A plain
  batched sum (`einsum`, `x @ A.T`) would add in another order and differ in the last bits;
- `einsum` contractions keep the reference's subscripts with a game axis added, or add in
  the sequence numpy's `einsum` does (over the components, for the losses by R).

The contributions are kept contribution-major, (K, G, N), so each is one block;
`BatchStances.matrix` is the (G, K, N) view of them: `matrix[g]` is the reference's
`Stances.matrix`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
from faultlines.engine.batch import worlds
from faultlines.engine.batch.compiled import BatchCase
from faultlines.engine.batch.state import BatchState
from faultlines.engine.stance import _DIST_SCALE, _ROW, NAMES, squared_distance
from faultlines.engine.tuning import TUNING

_add = np.add


@dataclass(frozen=True, eq=False)
class _Source:
    """What the losses by R are worked out from (the stance's own arrays, made fresh by
    `compute`; for a batch with worlds, `bs`'s profiles, read when asked)."""

    bc: BatchCase
    bs: BatchState
    weighed: np.ndarray  # (G, N, C) (stakes + stake_mod) * stake_weight
    table: np.ndarray  # (G, C) on_table
    stake: np.ndarray  # (G, N) the stake part


@dataclass(frozen=True, kw_only=True, eq=False)
class BatchStances:
    """Stances of G games: `total[g]` and `matrix[g]` are game g's `Stances`."""

    total: np.ndarray  # (G, N)
    matrix: np.ndarray  # (G, K, N)
    source: _Source | None = None

    def part(self, name: str) -> np.ndarray:
        """(G, N): one contribution for every game."""
        return self.matrix[:, _ROW[name]]

    @cached_property
    def lost(self) -> list[np.ndarray]:
        """engine.fault_lines.losses for the same stake, as four (G, N) blocks in RS order
        (worked out when first read: the radar's `at_stake`; a batch with worlds reads its
        profiles then, so read this before the state changes)."""
        src = self.source
        assert src is not None
        return _losses(src.bc, src.bs, src.weighed, src.table, np.maximum(-src.stake, 0.0))

    def lost_at(self, rows: np.ndarray, people: np.ndarray) -> np.ndarray:
        """(S, 4) `lost` at (rows[s], people[s]), worked out for those only (the same
        operations on the same numbers: each person's losses are their own)."""
        src = self.source
        assert src is not None
        return np.stack(_losses_at(src, np.asarray(rows), np.asarray(people)), axis=1)


def _mv(a: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Per game `a[g] @ x[g]` through BLAS gemv, as the reference's `A @ x` (see above)."""
    return np.matmul(a, x[..., None])[..., 0]


def _unit(x: np.ndarray) -> np.ndarray:
    return np.minimum(np.maximum(x, -1.0, out=x), 1.0, out=x)


def on_table(bs: BatchState) -> np.ndarray:
    """(G, C): the plan's ambition as each forum weighs it (engine.fault_lines.on_table)."""
    return np.where(bs.kept_off_mask, 0.0, bs.ambition)


def alignment(bc: BatchCase, bs: BatchState) -> np.ndarray:
    """(G, N): engine.stance.alignment."""
    frame_free = _tiled(bc, "values_minus_plan", bs.g) if bs.cases is None else \
        worlds.field(bc, bs, "values_minus_plan")
    diff = frame_free - bs.frame
    dist = np.sqrt(squared_distance(diff)) * _DIST_SCALE
    return np.maximum(1.0 - dist, -1.0)


def compute(bc: BatchCase, bs: BatchState) -> BatchStances:
    """engine.stance.compute for every game of the batch (each part written straight into
    its row of the matrix: the same operations, fewer passes over memory)."""
    r = bc.case.scenario.rules
    g, n = bs.g, bc.n
    m = np.empty((len(NAMES), g, n))  # contribution-major: each row one (G, N) block
    weighed = _stakes(bc, bs) + bs.stake_mod
    np.multiply(weighed, _tiled(bc, "stake_weight", g), out=weighed)
    table = on_table(bs)
    values = np.multiply(r.w_values, alignment(bc, bs), out=m[_ROW["values"]])
    stake = np.multiply(r.w_stake, _mv(weighed, table), out=m[_ROW["stake"]])
    src = _Source(bc, bs, weighed, table, stake)
    m[_ROW["compensation"]] = _compensation(src)
    trust = np.subtract(bs.trust, 0.5, out=m[_ROW["trust"]])
    np.multiply(2.0 * r.w_trust, trust, out=trust)
    np.negative(bs.grievance, out=m[_ROW["grievance"]])
    gap = np.maximum(-values, 0.0)
    gap += TUNING.fault_lines.vision_goodwill
    np.minimum(bs.vision, gap, out=m[_ROW["vision"]])
    believed = np.subtract(1.0, _mv(worlds.field(bc, bs, "doubt_weight"), bs.evidence))
    np.multiply(-r.w_evidence * worlds.field(bc, bs, "evidence_need"), believed,
                out=m[_ROW["evidence"]])
    m[_ROW["demand"]] = _demands(bc, bs)
    m[_ROW["pressure"]] = bs.pressure
    m[_ROW["agenda"]] = bs.agenda
    m[_ROW["lobbying"]] = bs.lobbied
    m[_ROW["allies"]] = 0.0
    base = _unit(_add.reduce(m, axis=0))  # down a column: in sequence, as the reference
    allies = np.multiply(r.w_allies, _pull(bc, bs, base), out=m[_ROW["allies"]])
    return BatchStances(total=_unit(np.add(base, allies, out=base)),
                        matrix=m.transpose(1, 0, 2), source=src)


def pairwise_sum(parts: list[np.ndarray]) -> np.ndarray:
    """The sum of `parts` in the order numpy's `sum` adds a contiguous row: from +0.0, eight
    running sums combined as a tree and the rest added in sequence (numpy's pairwise
    summation; for fewer than eight, plainly in sequence). So a sum over a short last axis
    can be done as whole (G, N) blocks and still equal the reference's `x.sum(axis=-1)` to
    the last bit, signed zeros included (tests/test_batch_stance.py checks this against
    numpy itself)."""
    return 0.0 + _pairwise(parts) if parts else 0.0


def _pairwise(parts: list[np.ndarray]) -> np.ndarray:
    k = len(parts)
    if k < 8:
        out = parts[0]
        for p in parts[1:]:
            out = out + p
        return out
    if k <= 128:
        acc = list(parts[:8])  # the first addition to each makes its own array
        whole = k - k % 8
        for i in range(8, whole, 8):
            for j in range(8):
                if i == 8:
                    acc[j] = acc[j] + parts[i + j]
                else:
                    acc[j] += parts[i + j]
        out = ((acc[0] + acc[1]) + (acc[2] + acc[3])) + ((acc[4] + acc[5]) + (acc[6] + acc[7]))
        for p in parts[whole:]:
            out = out + p
        return out
    half = k // 2
    half -= half % 8
    return _pairwise(parts[:half]) + _pairwise(parts[half:])


def row_max(x: np.ndarray) -> np.ndarray:
    """`x.max(axis=-1)` to the last bit, quicker for a short last axis: up to eight values,
    numpy's reduction takes them in sequence, a tie going to the later, as `np.maximum(
    earlier, later)` does (tests/test_batch_stance.py); a longer axis, the reduction."""
    k = x.shape[-1]
    if not 1 < k <= 8:
        return x.max(axis=-1)
    out = np.maximum(x[..., 0], x[..., 1])
    for j in range(2, k):
        out = np.maximum(out, x[..., j])
    return out


def row_any(x: np.ndarray) -> np.ndarray:
    """`x.any(axis=-1)` of a bool array, quicker for a short last axis: the columns or-ed
    in turn (numpy's reduction along a short axis works row by row; about half the time
    for (4096, 13), while for fewer than `_FEW` elements numpy's own is quicker)."""
    k = x.shape[-1]
    if x.dtype != bool or not 1 < k <= 32 or x.size < _FEW:
        return x.any(axis=-1)
    out = x[..., 0] | x[..., 1]
    for j in range(2, k):
        out |= x[..., j]
    return out


#: below this many elements numpy's row-by-row reduction is the quicker (measured: the
#: two cross near 600 rows of 13)
_FEW = 8192


def row_count(x: np.ndarray) -> np.ndarray:
    """`np.count_nonzero(x, axis=-1)` of a bool array (int64), for a short last axis: the
    columns added in turn (numpy's own for fewer than `_FEW` elements)."""
    k = x.shape[-1]
    if x.dtype != bool or not 1 < k <= 32 or x.size < _FEW:
        return np.count_nonzero(x, axis=-1).astype(np.int64, copy=False)
    out = x[..., 0].astype(np.int64)
    for j in range(1, k):
        out += x[..., j]
    return out


def stakes_of(bc: BatchCase, bs: BatchState, idx: np.ndarray) -> np.ndarray:
    """(K, N, C): the authored stakes plus games idx's `stake_mod` (the case's stakes
    tiled, a flat loop; or each game's world's, engine.batch.worlds)."""
    stake_mod = bs.stake_mod.take(idx, axis=0)
    if bs.cases is None:
        return _tiled(bc, "stakes", len(stake_mod)) + stake_mod
    return worlds.stakes(bc, bs, idx) + stake_mod


def _tiled(bc: BatchCase, name: str, g: int) -> np.ndarray:
    """A case array repeated for G games: adding it to a per-game array is then one long
    loop instead of G short ones (the same sums). One copy for the most games asked for
    is kept; fewer games read its first rows (still one contiguous block)."""
    return _tile(bc, f"tiled:{name}", getattr(bc, name), g)


def _tile(bc: BatchCase, key: str, a: np.ndarray, g: int) -> np.ndarray:
    found = bc.scratch.get(key)
    if found is None or len(found) < g:
        found = bc.scratch[key] = np.ascontiguousarray(np.broadcast_to(a, (g, *a.shape)))
        found.setflags(write=False)
    return found[:g]


def _profile_tiles(bc: BatchCase, g: int) -> np.ndarray:
    """(C, 4, G, N): `bc.profile[:, j, col]` repeated for G games, each (j, col) one
    contiguous (G, N) block (so the losses' products are flat loops)."""
    found = bc.scratch.get("profile_tiles")
    if found is None or found.shape[2] < g:
        by = bc.profile.transpose(1, 2, 0)[:, :, None, :]  # (C, 4, 1, N)
        found = bc.scratch["profile_tiles"] = np.ascontiguousarray(
            np.broadcast_to(by, (*by.shape[:2], g, by.shape[3])))
        found.setflags(write=False)
    return found[:, :, :g]


def _compensation(src: _Source) -> np.ndarray:
    """engine.fault_lines.compensation (with losses): worked out only for the people
    something was offered (in an R or in general), each with the reference's operations on
    their own numbers; everyone else's is `_nothing_paid`, what the same operations give
    them whatever their loss (see there). A stake that is not finite is worked out too."""
    bc, bs, stake = src.bc, src.bs, src.stake
    g, n = stake.shape
    bits = bs.offset.view(np.uint64)  # any bit set: anything but +0.0 (-0.0 and NaN too)
    paid = (bits[:, :, 0] | bits[:, :, 1]) | (bits[:, :, 2] | bits[:, :, 3])
    some = (paid != 0) | (bs.compensation.view(np.uint64) != 0) | ~np.isfinite(stake)
    out = np.full((g, n), _nothing_paid(bc))
    at = np.flatnonzero(some)
    if len(at):
        rows, people = np.divmod(at, n)
        owed = np.maximum(-stake.reshape(-1)[at], 0.0)
        loss = _losses_at(src, rows, people, owed)
        offset = bs.offset.reshape(g * n, 4).take(at, axis=0)
        out.reshape(-1)[at] = _paid([offset[:, col] for col in range(4)], loss, owed,
                                    bs.compensation.reshape(-1)[at])
    return out


def _paid(offset: list[np.ndarray], loss: list[np.ndarray], owed: np.ndarray,
          general_offer: np.ndarray) -> np.ndarray:
    """engine.fault_lines.compensation from the losses by R, element by element (each sum
    over the Rs in the order the reference's reduction adds)."""
    typed = pairwise_sum([np.minimum(o, x) for o, x in zip(offset, loss, strict=True)])
    over = [np.maximum(o - x, 0.0) for o, x in zip(offset, loss, strict=True)]
    wrong = pairwise_sum([v * (x <= 1e-12) for v, x in zip(over, loss, strict=True)])
    surplus = pairwise_sum(over) - wrong + TUNING.fault_lines.gesture_worth * wrong
    left = owed - typed
    general = np.minimum(general_offer, np.maximum(left, 0.0))
    surplus += general_offer - general
    return typed + general + np.minimum(surplus, TUNING.stance.compensation_goodwill)


def _nothing_paid(bc: BatchCase) -> float:
    """The compensation part of someone offered nothing (every offset and the general
    offer +0.0) whose stake is finite. Their losses x by R are then finite and never below
    zero (+0.0, -0.0 or more), so min(+0.0, x) is +0.0 and max(+0.0 - x, 0.0) is +0.0
    whatever x is, and nothing after reads x: `_paid` gives them all one value, worked
    out here by `_paid` itself on x = +0.0, once per case (tests/test_batch_stance.py)."""
    found = bc.scratch.get("nothing_paid")
    if found is None:
        z = np.zeros(1)
        found = bc.scratch["nothing_paid"] = float(_paid([z] * 4, [z] * 4, z, z)[0])
    return found


def _losses_at(src: _Source, rows: np.ndarray, people: np.ndarray,
               owed: np.ndarray | None = None) -> list[np.ndarray]:
    """_losses for the people at (rows[s], people[s]) only: four (S,) arrays."""
    bc, bs = src.bc, src.bs
    # rows taken whole (`take`: a row gather costs a third of fancy indexing's)
    flat = rows * bc.n + people
    weighed = src.weighed.reshape(-1, bc.c).take(flat, axis=0)  # (S, C)
    table = src.table.take(rows, axis=0)
    if owed is None:
        owed = np.maximum(-src.stake.reshape(-1).take(flat), 0.0)
    if bs.cases is None:
        prof = bc.profile.take(people, axis=0)
    else:
        prof = worlds.field(bc, bs, "profile")[rows, people]
    lost = [-np.minimum(weighed[:, j] * table[:, j], 0.0) for j in range(bc.c)]
    return _by_r(lost, prof.transpose(1, 2, 0), owed)


def _stakes(bc: BatchCase, bs: BatchState) -> np.ndarray:
    """(G, N, C): the authored stakes of every game (its world's, if it has one)."""
    return _tiled(bc, "stakes", bs.g) if bs.cases is None else worlds.field(bc, bs, "stakes")


def _losses(bc: BatchCase, bs: BatchState, weighed: np.ndarray, table: np.ndarray,
            owed: np.ndarray) -> list[np.ndarray]:
    lost = [-np.minimum(weighed[:, :, j] * table[:, j, None], 0.0) for j in range(bc.c)]
    if bs.cases is None:
        prof = _profile_tiles(bc, len(owed))  # prof[j, col] is bc.profile[:, j, col] per game
    else:  # each game's world's: (G, N, C, 4) seen as (C, 4, G, N)
        prof = worlds.field(bc, bs, "profile").transpose(2, 3, 0, 1)
    return _by_r(lost, prof, owed)


def _by_r(lost: list[np.ndarray], prof: np.ndarray, owed: np.ndarray) -> list[np.ndarray]:
    """The losses by R (engine.fault_lines.losses) from the losses by component, element
    by element: `prof[j, col]` is the profile's (j, col) for each element."""
    weight = pairwise_sum(lost)
    below = np.where(weight > 1e-12, weight, 1.0)
    loss = []
    for col in range(4):  # einsum("ij,ijr->ir") adds over components in sequence
        share = lost[0] * prof[0, col]
        for j in range(1, len(lost)):
            share = share + lost[j] * prof[j, col]
        loss.append(owed * (share / below))
    return loss


def _demands(bc: BatchCase, bs: BatchState) -> np.ndarray:
    """(G, N): what unmet demands withhold, subtracted demand by demand and person by
    person in the order the reference does (a person named twice is subtracted twice).
    Worked out only for the games with a demand unmet (the rest withhold nothing: +0.0)."""
    out = np.zeros((bs.g, bc.n))
    active = (bs.demand_code >= 0) & ~bs.demand_met  # (G, D)
    rows = np.flatnonzero(row_any(active))
    if not len(rows):
        return out
    codes, active = bs.demand_code.take(rows, axis=0), active[rows]
    sub = np.zeros((len(rows), bc.n))
    times = int(bc.demand_by.max(initial=0))
    for slot in np.flatnonzero(active.any(axis=0)).tolist():  # in order
        here = active[:, slot]
        k = np.where(here, codes[:, slot], 0)
        amount = np.where(here, bc.demand_amount[k], 0.0)[:, None]
        named = bc.demand_by[k] * here[:, None]  # (S, N) how often each is named
        for rep in range(times):
            sub -= np.where(named > rep, amount, 0.0)
    out[rows] = sub
    return out


def _pull(bc: BatchCase, bs: BatchState, base: np.ndarray) -> np.ndarray:
    """engine.stance._pull: allies drift together (champions pull harder), rivals apart."""
    backing = base * np.where(bs.champion, TUNING.stance.champion_pull, 1.0)
    pull = _mv(bc.affinity, backing) - TUNING.stance.rival_push * _mv(bs.conflict, base)
    return pull / (1.0 + bc.affinity_sum + bs.rivalry)  # kept beside conflict (state.py)
