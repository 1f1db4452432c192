"""The state of G games of one case as arrays: `GameState`'s fields with a leading game axis.

`pack(bc, states)` fills a `BatchState` from reference states and `unpack(i)` gives game i
back as a `GameState` whose digest equals the original's; `put(i, state)` refills one slot
(a finished game's slot takes a new game without the others waiting).

How each kind of field is held (codes are engine.batch.compiled's):

- numbers: per game `(G,)`; per person `(G, N)`; `frame` `(G, N, 3)`; `offset` `(G, N, 4)`;
  `conflict` `(G, N, N)`; per component `(G, C)`; `stake_mod` `(G, N, C)`, each in the
  reference's own dtype (float64, int64 or bool);
- names: integer codes, -1 for None (`stage`, `last_stage`, `difficulty`, `consultation`,
  `outcome`);
- ordered lists of distinct names (`kept_off`, `passed`, `reopened`, `fired_events`): a
  rank per possible name, -1 when absent, else its position in the list. Capacity is one
  slot per name: none of these lists holds a name twice (an event fires once; a stage is
  passed once until a re-opening drops it from the list; a component is kept off, or
  re-opened, at most once), and `pack` refuses a state where one does;
- `threats` (person -> stage): the stage code per person (-1: no threat) and the order the
  threats were made in, as ranks; `delays` (stage -> count): a count per stage, 0 when
  absent (a delay is only ever recorded as 1 or more); `scrutiny` (stage -> share): the
  share per stage and whether it is set (unpacked in stage order: no rule reads its order,
  and a digest sorts it); `stage_uses` (move kind -> count): a count per kind, likewise;
- `demands`: up to D = len(bc.demands) slots, in the order raised, each the code of the
  template it is (every demand a case can hold is listed in advance, and each is raised at
  most once) and whether it is met; `standoff`: its template code and whether it is broken.

Kept beside the fields, worked out from them (`unpack` reads neither):

- `rivalry` `(G, N)`, each person's conflicts added up (engine.stance.rivalry of
  `conflict`), which every stance reads and only a few moves change; a rule that changes
  `conflict` calls `conflict_changed` for those games;
- `ask_component` and `ask_answer` `(G, M)`, M = the most asks a consultation raises: the
  side record's asks as codes, in the order asked (-1: no ask there; answer -1: not yet
  answered, else its place in engine.consultation.ANSWERS). The player's radar reads them
  every step, and they change only when asks are raised or answered; a rule that changes a
  game's asks calls `asks_changed` for it.

`_put` works both out from the state it puts.

`episodes`: an `EpisodeRecord` (engine.batch.record), arrays with a slot per episode;
`Episode` objects are made only when a game is read (`unpack`, `lend`).

`settled` (component -> where the ledger says it was settled): the ledger's words per
component as a code (engine.batch.record.ledger_texts), -1 where not settled (unpacked in
component order: no rule reads its order, and a digest sorts it).

Kept as a per-game side record (`extras`, plain Python, not arrays yet): `referrals`,
`asks` and `outcome_reasons`. They hold text made as play goes
(titles, names, reasons) and only the episode, consultation and agency rules read them
(docs/batch_engine.md). A batch rule may keep a memo derived from them in the same record
under a key starting with "_" (engine.batch.radar keeps whom a game cultivated): `unpack` reads only `EXTRAS`,
and `put` gives the slot a new record.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass, field, replace
from itertools import chain
from operator import attrgetter
from typing import Any

import numpy as np
from faultlines.engine.batch.compiled import CONSULTATIONS, BatchCase
from faultlines.engine.batch.record import EpisodeRecord, ledger_code, ledger_texts
from faultlines.engine.consultation import ANSWERS
from faultlines.engine.stance import rivalry
from faultlines.engine.state import GameState
from faultlines.engine.tuning import TUNING

#: scalar fields by dtype
_INTS = ("hiatus_left", "round", "extra_rounds", "calendar", "capacity", "capacity_max",
         "roles", "funds", "external", "vision_uses", "hiatus_count", "reopenings",
         "failures", "moves_made")
_FLOATS = ("credibility",)
_BOOLS = ("agenda_set", "decided_in_advance", "exposed", "air_cover")
#: per-game arrays with their trailing shape ("n": people, "c": components) and dtype
_ARRAYS: dict[str, tuple[tuple[str, ...], type]] = {
    "frame": (("n", 3), float), "frame_uses": (("n",), np.int64),
    "compensation": (("n",), float), "trust": (("n",), float), "grievance": (("n",), float),
    "vision": (("n",), float), "pressure": (("n",), float), "agenda": (("n",), float),
    "revealed": (("n",), float), "champion": (("n",), bool), "coalition": (("n",), bool),
    "noise": (("n",), float), "ambition": (("c",), float), "evidence": (("c",), float),
    "stake_mod": (("n", "c"), float), "conflict": (("n", "n"), float),
    "forum_extra": (("n",), bool), "lobbied": (("n",), float), "seat_asked": (("n",), bool),
    "offset": (("n", 4), float),
}
#: the side record's fields (see the module docstring)
EXTRAS = ("referrals", "asks", "outcome_reasons")
#: held by the batch's EpisodeRecord
_RECORDED = ("episodes",)
#: fields held as codes, ranks or slots (everything not above)
_CODED = ("stage", "last_stage", "difficulty", "consultation", "outcome", "kept_off",
          "passed", "reopened", "fired_events", "threats", "delays", "scrutiny",
          "stage_uses", "demands", "standoff", "settled")
#: every GameState field has exactly one batch form (tests/test_batch_state.py checks)
COVERED = (*_INTS, *_FLOATS, *_BOOLS, *_ARRAYS, *_CODED, *EXTRAS, *_RECORDED)


@dataclass(eq=False)
class BatchState:
    """G games' state (see the module docstring for each field's form). Attributes are
    the GameState field names where the form is the same array with a game axis;
    `extras[g]` is game g's side record; `record` its episodes (a sub-batch's record
    shares the whole batch's arrays)."""

    bc: BatchCase
    arrays: dict[str, np.ndarray]
    extras: list[dict[str, Any]]
    record: EpisodeRecord = field(default=None)  # type: ignore[assignment]
    #: the case each slot plays in, when games play in worlds of their own (a fair
    #: hint's rollouts: engine.batch.worlds); None: every game plays in `bc.case`
    cases: list[Any] | None = None

    def __post_init__(self) -> None:
        if self.record is None:
            self.record = EpisodeRecord(self.bc, len(self.extras))

    @property
    def g(self) -> int:
        return len(self.extras)

    def __getattr__(self, name: str) -> np.ndarray:
        try:
            return self.__dict__["arrays"][name]
        except KeyError:
            raise AttributeError(name) from None

    @property
    def kept_off_mask(self) -> np.ndarray:
        """(G, C) bool: the items kept off this forum's table."""
        return self.arrays["kept_off"] >= 0

    def put(self, i: int, st: GameState) -> None:
        """Game i's slot now holds `st` (copied)."""
        _put(self.bc, self.arrays, i, st)
        self.extras[i] = {k: copy.deepcopy(getattr(st, k)) for k in EXTRAS}
        self.record.clear(i)
        self.record.extend(i, st.episodes)

    def put_many(self, idx: np.ndarray, st: GameState) -> None:
        """Slots idx each hold a copy of `st`: packed once, then copied slot to slot (the
        side record's containers are copied; what they hold - names and frozen records -
        never changes in place)."""
        idx = np.asarray(idx)
        if not len(idx):
            return
        first, rest = int(idx[0]), idx[1:]
        self.put(first, st)
        if not len(rest):
            return
        for a in self.arrays.values():
            a[rest] = a[first]
        if self.cases is not None:
            for i in rest.tolist():
                self.cases[i] = self.cases[first]
        for i in rest.tolist():
            self.extras[i] = {k: list(v) if isinstance(v, list) else dict(v)
                              for k, v in self.extras[first].items()}
        self.record.copy_game(first, rest)

    def unpack(self, i: int) -> GameState:
        """Game i as a reference state (a fresh object: changing it changes no array)."""
        return _get(self.bc, self.arrays, self.extras[i], i, self.record.episodes(i))

    def lend(self, i: int) -> GameState:
        """Game i as a reference state for a reference rule to change, to be handed back
        with `take_back(i, st)`: its side record is the slot's own (not copied), so the
        round trip costs the arrays and the episodes. Use the state for nothing else."""
        return _get(self.bc, self.arrays, self.extras[i], i, self.record.episodes(i),
                    share=True)

    def take_back(self, i: int, st: GameState) -> None:
        """A lent state, changed, back into its slot (its side record is kept, not
        copied: the lender no longer uses the state). Episodes are only ever appended
        (engine.episodes.record), so those beyond the record's count are the new ones."""
        _put(self.bc, self.arrays, i, st)
        self.extras[i] = {k: getattr(st, k) for k in EXTRAS}
        self.record.extend(i, st.episodes[self.record.count(i):])


def empty(bc: BatchCase, g: int) -> BatchState:
    """G slots, every array zero (no game in them yet: fill with `put`)."""
    n, c, s = bc.n, bc.c, bc.s
    dims = {"n": n, "c": c}
    a: dict[str, np.ndarray] = {}
    for k in _INTS:
        a[k] = np.zeros(g, np.int64)
    for k in _FLOATS:
        a[k] = np.zeros(g)
    for k in _BOOLS:
        a[k] = np.zeros(g, bool)
    for k, (shape, dtype) in _ARRAYS.items():
        a[k] = np.zeros((g, *(dims.get(x, x) for x in shape)), dtype)
    for k in ("stage", "last_stage", "difficulty", "consultation", "outcome",
              "standoff_code"):
        a[k] = np.full(g, -1, np.int64)
    a["standoff_resolved"] = np.zeros(g, bool)
    for k, size in (("kept_off", c), ("passed", s), ("reopened", c),
                    ("fired_events", len(bc.events)), ("threat_rank", n)):
        a[k] = np.full((g, size), -1, np.int64)
    a["threat_at"] = np.full((g, n), -1, np.int64)
    a["delays"] = np.zeros((g, s), np.int64)
    a["scrutiny"] = np.zeros((g, s))
    a["scrutiny_set"] = np.zeros((g, s), bool)
    a["stage_uses"] = np.zeros((g, len(bc.move_kinds)), np.int64)
    a["demand_code"] = np.full((g, len(bc.demands)), -1, np.int64)
    a["demand_met"] = np.zeros((g, len(bc.demands)), bool)
    a["settled"] = np.full((g, c), -1, np.int64)
    a["rivalry"] = np.zeros((g, n))
    a["ask_component"] = np.full((g, TUNING.asks.max_asks), -1, np.int64)
    a["ask_answer"] = np.full((g, TUNING.asks.max_asks), -1, np.int64)
    return BatchState(bc=bc, arrays=a, extras=[{} for _ in range(g)])


def asks_changed(bs: BatchState, idx: np.ndarray) -> None:
    """Games idx's asks were raised or answered: their codes are read again from their
    side records."""
    idx = np.asarray(idx)
    comp, answer = ask_codes(bs.bc, [bs.extras[i].get("asks", ()) for i in idx.tolist()])
    bs.ask_component[idx] = comp
    bs.ask_answer[idx] = answer


def ask_codes(bc: BatchCase, lists: list) -> tuple[np.ndarray, np.ndarray]:
    """(K, M) component and answer codes of these lists of asks (see the module docstring).
    Coded as one flat list, each pass over the games a builtin's, not a Python loop."""
    k, m = len(lists), TUNING.asks.max_asks
    lens = np.fromiter(map(len, lists), np.int64, k)
    if k and int(lens.max()) > m:
        raise ValueError(f"a game holds {int(lens.max())} asks; a consultation raises at "
                         f"most {m} (TUNING.asks.max_asks)")
    comp = np.full((k, m), -1, np.int64)
    answer = np.full((k, m), -1, np.int64)
    flat = list(chain.from_iterable(lists))  # game by game, each in the order asked
    if not flat:
        return comp, answer
    cols = np.arange(len(flat)) - np.repeat(np.cumsum(lens) - lens, lens)
    at = np.repeat(np.arange(k) * m, lens) + cols  # the flat index of (row, col)
    comp.reshape(-1)[at] = np.fromiter(map(bc.case.comp_index.__getitem__,
                                           map(_COMPONENT, flat)), np.int64, len(flat))
    answer.reshape(-1)[at] = np.fromiter(map(_ANSWER_CODES.__getitem__, map(_ANSWER, flat)),
                                         np.int64, len(flat))
    return comp, answer


_COMPONENT, _ANSWER = attrgetter("component"), attrgetter("answer")
#: an answer's code: its first place in ANSWERS (as ANSWERS.index), -1 for none yet
_ANSWER_CODES: dict[str | None, int] = {None: -1, **{a: ANSWERS.index(a) for a in ANSWERS}}


def conflict_changed(bs: BatchState, idx: np.ndarray) -> None:
    """Games idx's conflicts were changed: their `rivalry` is worked out again (by the
    reference's own sum, row by row)."""
    bs.rivalry[idx] = rivalry(bs.conflict.take(idx, axis=0))


def pack(bc: BatchCase, states: list[GameState]) -> BatchState:
    """The batch form of these states (copied; the states are not kept)."""
    out = empty(bc, len(states))
    for i, st in enumerate(states):
        out.put(i, st)
    return out


# -- one slot --------------------------------------------------------------------------
def _ranks(codes: list[int], size: int, what: str) -> np.ndarray:
    r = np.full(size, -1, np.int64)
    for pos, code in enumerate(codes):
        if r[code] >= 0:
            raise ValueError(f"{what} names the same item twice; the batch state holds "
                             "each once")
        r[code] = pos
    return r


def _in_order(ranks: np.ndarray) -> list[int]:
    held = np.flatnonzero(ranks >= 0)
    return [int(k) for k in held[np.argsort(ranks[held], kind="stable")]]


def _code(names: tuple[str, ...], value: str | None) -> int:
    return -1 if value is None else names.index(value)


def _put(bc: BatchCase, a: dict[str, np.ndarray], i: int, st: GameState) -> None:
    for k in (*_INTS, *_FLOATS, *_BOOLS):
        a[k][i] = getattr(st, k)
    for k in _ARRAYS:
        a[k][i] = getattr(st, k)
    a["rivalry"][i] = rivalry(st.conflict)
    a["ask_component"][i], a["ask_answer"][i] = (x[0] for x in ask_codes(bc, [st.asks]))
    a["stage"][i] = bc.stage_code(st.stage)
    a["last_stage"][i] = bc.stage_code(st.last_stage)
    a["difficulty"][i] = _code(bc.difficulties, st.difficulty)
    a["consultation"][i] = _code(CONSULTATIONS, st.consultation)
    a["outcome"][i] = _code(bc.outcomes, st.outcome)
    comps, stages = bc.components, bc.stages
    a["kept_off"][i] = _ranks([comps.index(x) for x in st.kept_off], bc.c, "kept_off")
    a["passed"][i] = _ranks([stages.index(x) for x in st.passed], bc.s, "passed")
    a["reopened"][i] = _ranks([comps.index(x) for x in st.reopened], bc.c, "reopened")
    a["fired_events"][i] = _ranks([bc.events.index(x) for x in st.fired_events],
                                  len(bc.events), "fired_events")
    people = bc.people
    a["threat_rank"][i] = _ranks([people.index(x) for x in st.threats], bc.n, "threats")
    a["threat_at"][i] = -1
    for sid, at in st.threats.items():
        a["threat_at"][i, people.index(sid)] = stages.index(at)
    a["delays"][i] = 0
    for sid, count in st.delays.items():
        if count <= 0:
            raise ValueError("a delay count below 1 has no batch form")
        a["delays"][i, stages.index(sid)] = count
    a["scrutiny"][i] = 0.0
    a["scrutiny_set"][i] = False
    for sid, share in st.scrutiny.items():
        a["scrutiny"][i, stages.index(sid)] = share
        a["scrutiny_set"][i, stages.index(sid)] = True
    a["stage_uses"][i] = 0
    for kind, count in st.stage_uses.items():
        if count <= 0:
            raise ValueError("a move count below 1 has no batch form")
        a["stage_uses"][i, bc.move_kinds.index(kind)] = count
    codes = [bc.demand_code(d) for d in st.demands]
    if len(set(codes)) != len(codes):
        raise ValueError("the same demand is raised twice; the batch state holds each once")
    a["demand_code"][i] = -1
    a["demand_met"][i] = False
    a["demand_code"][i, :len(codes)] = codes
    a["demand_met"][i, :len(codes)] = [d.met for d in st.demands]
    a["standoff_code"][i] = -1 if st.standoff is None else bc.standoff_code(st.standoff)
    a["standoff_resolved"][i] = st.standoff is not None and st.standoff.resolved
    a["settled"][i] = -1
    for cid, where in st.settled.items():
        if cid not in comps:
            raise ValueError(f"the ledger settles {cid!r}, which is no component")
        a["settled"][i, comps.index(cid)] = ledger_code(bc, where)


def _get(bc: BatchCase, a: dict[str, np.ndarray], extras: dict[str, Any],
         i: int, episodes: list, share: bool = False) -> GameState:
    d: dict[str, Any] = {}
    for k in _INTS:
        d[k] = int(a[k][i])
    for k in _FLOATS:
        d[k] = float(a[k][i])
    for k in _BOOLS:
        d[k] = bool(a[k][i])
    for k in _ARRAYS:
        d[k] = a[k][i].copy()
    stages, comps = bc.stages, bc.components
    d["stage"] = stages[a["stage"][i]]
    d["last_stage"] = bc.stage_name(int(a["last_stage"][i]))
    d["difficulty"] = bc.difficulties[a["difficulty"][i]]
    d["consultation"] = None if a["consultation"][i] < 0 else \
        CONSULTATIONS[a["consultation"][i]]
    d["outcome"] = None if a["outcome"][i] < 0 else bc.outcomes[a["outcome"][i]]
    d["kept_off"] = [comps[k] for k in _in_order(a["kept_off"][i])]
    d["passed"] = [stages[k] for k in _in_order(a["passed"][i])]
    d["reopened"] = [comps[k] for k in _in_order(a["reopened"][i])]
    d["fired_events"] = [bc.events[k] for k in _in_order(a["fired_events"][i])]
    d["threats"] = {bc.people[k]: stages[a["threat_at"][i, k]]
                    for k in _in_order(a["threat_rank"][i])}
    d["delays"] = {stages[k]: int(a["delays"][i, k])
                   for k in np.flatnonzero(a["delays"][i])}
    d["scrutiny"] = {stages[k]: float(a["scrutiny"][i, k])
                     for k in np.flatnonzero(a["scrutiny_set"][i])}
    d["stage_uses"] = {bc.move_kinds[k]: int(a["stage_uses"][i, k])
                       for k in np.flatnonzero(a["stage_uses"][i])}
    held = [int(k) for k in a["demand_code"][i] if k >= 0]
    d["demands"] = [replace(bc.demands[k], met=bool(a["demand_met"][i, pos]))
                    for pos, k in enumerate(held)]
    t = int(a["standoff_code"][i])
    d["standoff"] = None if t < 0 else \
        replace(bc.standoffs[t], resolved=bool(a["standoff_resolved"][i]))
    d["settled"] = ledger_of(bc, a["settled"][i])
    for k in EXTRAS:
        d[k] = extras[k] if share else copy.deepcopy(extras[k])
    d["episodes"] = episodes
    return GameState(**d)


def take(bs: BatchState, idx: np.ndarray) -> BatchState:
    """Games idx as a batch of their own, for rules that read a whole batch (the stance):
    the arrays are copies; the side records are the same objects, not copies, and the
    episode record is the batch's own."""
    idx = _rows(idx)
    rows = idx.tolist()
    return BatchState(bc=bs.bc, arrays={k: v.take(idx, axis=0) for k, v in bs.arrays.items()},
                      extras=[bs.extras[i] for i in rows], record=bs.record.sub(idx),
                      cases=None if bs.cases is None else [bs.cases[i] for i in rows])


def rows_of(bs: BatchState, idx: np.ndarray) -> BatchState:
    """Games idx as a batch of their own, like `take`, but each array is copied out only
    when first read: a rule that reads a few of the many arrays (a stance) then costs
    only those. Read it before the whole batch changes (a lazily copied array shows the
    batch as it is when first read); writes go to its own copies, as with `take`."""
    idx = _rows(idx)
    rows = idx.tolist()
    return BatchState(bc=bs.bc, arrays=RowsOf(bs.arrays, idx),
                      extras=[bs.extras[i] for i in rows], record=bs.record.sub(idx),
                      cases=None if bs.cases is None else [bs.cases[i] for i in rows])


def _rows(idx: np.ndarray) -> np.ndarray:
    """Row numbers as an integer array (a mask's rows where it is true), for `take`."""
    idx = np.asarray(idx)
    if idx.dtype == bool:
        return np.flatnonzero(idx)
    return idx.astype(np.intp) if not idx.size else idx  # [] reads no row


class RowsOf(MutableMapping):
    """Rows idx of a dict of arrays, each copied out when first read (see `rows_of`)."""

    def __init__(self, source: dict[str, np.ndarray], idx: np.ndarray):
        self._source, self._idx, self._own = source, idx, {}

    def __getitem__(self, key: str) -> np.ndarray:
        own = self._own
        found = own.get(key)
        if found is None:
            # the rows copied out by take: the same values as `a[idx]`, quicker for
            # a short trailing shape
            found = own[key] = self._source[key].take(self._idx, axis=0)
        return found

    def __setitem__(self, key: str, value: np.ndarray) -> None:
        self._own[key] = value

    def __delitem__(self, key: str) -> None:
        raise TypeError("a batch's arrays are fixed")

    def __iter__(self) -> Iterator[str]:
        return iter(self._source)

    def __len__(self) -> int:
        return len(self._source)

    def __contains__(self, key: object) -> bool:
        return key in self._source

    def read(self, key: str) -> bool:
        """Has this array been read (copied out) yet? Until then it is the source's."""
        return key in self._own


def ledger_of(bc: BatchCase, codes: np.ndarray) -> dict[str, str]:
    """One game's `settled` (its (C,) ledger codes) as the reference's dict."""
    texts = ledger_texts(bc)[0]
    return {bc.components[k]: texts[codes[k]] for k in np.flatnonzero(codes >= 0).tolist()}
