"""G games' negotiation episodes as arrays (`GameState.episodes` without a Python object per
episode while a batch plays).

Each game has a count and up to E slots (E grows when a game fills them). A slot holds the
numbers of one `Episode` - its setting, stage, round, move, type, flags, and its
components, participants, those it affects and the components already settled elsewhere as
masks - and what its text is made from: the kind of episode (`KINDS`), two integer
arguments (a stage, a person, a component, an event or an offer, by kind), the share in
support and whether an offer met a demand, and for each component settled elsewhere the
ledger's words as a code (`ledger_texts`: every place a case's ledger can name, made by the
reference's own functions).

`Episode`s are made only when a game is read (`episodes(i)`: `BatchState.unpack`, `lend`,
`GameView`), by the reference's wording (engine.episodes: `decided_words`, ...,
`evidence_of`), so the text has one source. `extend(i, eps)` is the other way (packing a
state, taking a lent one back): each episode is matched to a kind and its arguments and
refused unless it reads back equal.

A record made for a sub-batch (`sub(rows)`: `take`, the agency's month) shares the arrays:
an episode it records lands in the whole batch's record.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

import numpy as np
from faultlines.engine import episodes as words
from faultlines.engine.negotiation import PLANNED, SETTINGS, Episode, classify

if TYPE_CHECKING:
    from faultlines.engine.batch.compiled import BatchCase

#: the kinds of episode the game records (engine.episodes), each with its own wording
KINDS = ("decided", "ratified", "not_consulted", "announced", "co_design",
         "co_design_settled", "kept_off", "in_advance", "side_deal", "exchange")
#: a forum's results (the `b` of a "decided" episode), as engine.episodes words them
RESULTS = tuple(words.VERBS)
#: private offers, by code (the `b` of an "exchange" episode)
OFFER_KINDS = tuple(words.OFFERS)
#: the dimensions `classify` reads, as bits of a code (bit q is _DIMENSIONS[q])
_DIMENSIONS = ("inclusive", "planned", "significant", "settled_elsewhere",
               "presented_significant", "agenda_set", "kept_off")
#: every type `classify` can answer, in the order first met over the bit codes
TYPES: tuple[str, ...] = tuple(dict.fromkeys(
    t for bits in range(1 << len(_DIMENSIONS))
    if (t := classify(**{k: bool(bits >> q & 1) for q, k in enumerate(_DIMENSIONS)}))))
#: `classify`'s answer for every bit code, as a TYPES code (-1: None), so the batch asks
#: the reference's own rule for every combination once
CLASSIFIED = np.array([
    -1 if (t := classify(**{k: bool(bits >> q & 1) for q, k in enumerate(_DIMENSIONS)}))
    is None else TYPES.index(t) for bits in range(1 << len(_DIMENSIONS))], np.int64)
#: settings that are planned, as a mask over SETTINGS
PLANNED_SETTING = np.array([s in PLANNED for s in SETTINGS])

#: episodes a game's record holds before it grows: a skilled game of a shipped case records
#: 7-14 (a random one up to 16), so the record is rarely copied to grow mid-run
FIRST_CAPACITY = 16

#: a slot's fields: trailing shape ("n": people, "c": components) and dtype
FIELDS: dict[str, tuple[tuple[str, ...], Any]] = {
    "setting": ((), np.int64), "stage": ((), np.int64), "round": ((), np.int64),
    "move": ((), np.int64), "type": ((), np.int64), "kind": ((), np.int64),
    "a": ((), np.int64), "b": ((), np.int64), "share": ((), float), "met": ((), bool),
    "inclusive": ((), bool), "planned": ((), bool), "significant": ((), bool),
    "presented": ((), bool), "agenda_set": ((), bool), "kept_off": ((), bool),
    "comps": (("c",), bool), "settled": (("c",), bool), "ledger": (("c",), np.int64),
    "people": (("n",), bool), "affected": (("n",), bool),
}


def type_codes(inclusive, planned, significant, settled_elsewhere, presented_significant,
               agenda_set, kept_off) -> np.ndarray:
    """`classify` element-wise, as TYPES codes (-1: a minor exchange, no type)."""
    bits = 0
    for q, x in enumerate((inclusive, planned, significant, settled_elsewhere,
                           presented_significant, agenda_set, kept_off)):
        bits = bits | (np.asarray(x, np.int64) << q)
    return CLASSIFIED[bits]


class EpisodeRecord:
    """Every game's episodes (see the module docstring). `a` holds `count` (G,) and each
    of FIELDS as (G, E, ...): views of one structured (G, E) array, `a["block"]`, so an
    episode's fields lie together (writing one touches a few cache lines, not one per
    field)."""

    def __init__(self, bc: BatchCase, g: int, e: int = FIRST_CAPACITY, *,
                 a: dict[str, np.ndarray] | None = None, rows: np.ndarray | None = None):
        self.bc, self.rows = bc, rows
        if a is None:
            a = _views(np.zeros((g, e), slot_dtype(bc)))
            a["count"] = np.zeros(g, np.int64)
        self.a = a

    # -- sub-batches and copies --------------------------------------------------------
    def sub(self, idx: np.ndarray) -> EpisodeRecord:
        """The record of games idx as a batch of their own: the same arrays."""
        return EpisodeRecord(self.bc, 0, a=self.a, rows=self.games(np.asarray(idx)))

    def copy_rows(self, idx: np.ndarray) -> EpisodeRecord:
        """An independent record whose slot r holds a copy of game idx[r]'s episodes."""
        g = self.games(np.asarray(idx))
        a = _views(self.a["block"][g])
        a["count"] = self.a["count"][g]
        return EpisodeRecord(self.bc, 0, a=a)

    def copy_game(self, i: int, idx: np.ndarray) -> None:
        """Games idx now hold copies of game i's episodes (many games starting from one
        position, as rollouts do, are encoded once)."""
        src, dst = self.games(i), self.games(np.asarray(idx))
        for k in ("block", "count"):
            self.a[k][dst] = self.a[k][src]

    def games(self, idx):
        """The rows of the arrays that hold games idx."""
        return idx if self.rows is None else self.rows[idx]

    @property
    def capacity(self) -> int:
        return self.a["setting"].shape[1]

    def count(self, i: int) -> int:
        return int(self.a["count"][self.games(i)])

    # -- writing -------------------------------------------------------------------------
    def append(self, idx: np.ndarray, *, repeats: bool = False, **fields: Any) -> None:
        """One more episode for each of games idx (distinct; or, with `repeats`, a game
        may come more than once, its episodes recorded in the order given), every field
        of FIELDS given (a scalar, or one value or row per game)."""
        if set(fields) != set(FIELDS):
            raise ValueError(f"an episode needs exactly {sorted(FIELDS)}")
        g = self.games(np.asarray(idx, np.int64))
        if not len(g):
            return
        a = self.a
        slot = a["count"][g]
        if repeats:  # each game's episodes after its earlier ones in idx
            order = np.argsort(g, kind="stable")
            ordered = g[order]
            first = np.flatnonzero(np.r_[True, ordered[1:] != ordered[:-1]])
            many = np.diff(np.r_[first, len(g)])
            rank = np.empty_like(slot)
            rank[order] = np.arange(len(g)) - np.repeat(first, many)
            slot = slot + rank
        if int(slot.max()) >= self.capacity:
            self._grow(int(slot.max()) + 1)
        # the episodes made whole, then written each as one row of the (G * E) slots
        e = self.capacity
        block = a["block"]
        made = np.empty(len(g), block.dtype)
        for k, v in fields.items():
            made[k] = v
        words = block.dtype.itemsize // 8  # an aligned slot: whole 8-byte words, copied
        np.reshape(block.view(np.int64), (block.size, words), copy=False)[g * e + slot] = \
            made.view(np.int64).reshape(len(g), words)  # as such (quicker than by field)
        if repeats:
            a["count"][ordered[first]] += many
        else:
            a["count"][g] = slot + 1

    def _grow(self, need: int) -> None:
        block = self.a["block"]
        e = block.shape[1]
        more = np.zeros((block.shape[0], max(need, 2 * e)), block.dtype)
        more[:, :e] = block
        self.a.update(_views(more))  # the same dict: a sub-batch's record shares it

    def clear(self, idx) -> None:
        """Games idx (one, or an array) have no episodes."""
        self.a["count"][self.games(idx)] = 0

    def extend(self, i: int, eps: list[Episode]) -> None:
        """Append these reference episodes to game i's (each must read back equal; an
        episode met before, as when many games start from one position, is not matched
        again)."""
        if not eps:
            return
        start = self.count(i)
        if [ep.number for ep in eps] != list(range(start + 1, start + len(eps) + 1)):
            raise ValueError("an episode's number is not its place in the record")
        slots = [_encoded(self.bc, ep) for ep in eps]
        end = start + len(eps)
        if end > self.capacity:
            self._grow(end)
        g = int(self.games(i))
        for k in FIELDS:
            self.a[k][g, start:end] = [f[k] for f in slots]
        self.a["count"][g] = end

    # -- reading -------------------------------------------------------------------------
    def episodes(self, i: int) -> list[Episode]:
        """Game i's episodes as the reference's objects (new ones on every call)."""
        return [self.episode_at(i, e) for e in range(self.count(i))]

    def title_at(self, i: int, e: int) -> str:
        """The title of game i's episode in slot e (without making the episode)."""
        g = int(self.games(i))
        return _words(self.bc, {k: self.a[k][g, e] for k in ("kind", "a", "b", "share",
                                                              "agenda_set", "comps",
                                                              "met")})[0]

    def episode_at(self, i: int, e: int) -> Episode:
        """Game i's episode in slot e (its number is e + 1)."""
        g = int(self.games(i))
        return episode(self.bc, e + 1, {k: self.a[k][g, e] for k in FIELDS})


def slot_dtype(bc: BatchCase) -> np.dtype:
    """A slot as one structured element: FIELDS, the 8-byte ones first (aligned)."""
    dims = {"n": bc.n, "c": bc.c}
    fields = sorted(FIELDS.items(), key=lambda kv: -np.dtype(kv[1][1]).itemsize)
    return np.dtype([(k, dtype, tuple(dims[x] for x in shape))
                     for k, (shape, dtype) in fields], align=True)


def _views(block: np.ndarray) -> dict[str, np.ndarray]:
    """`a` of a record whose slots are `block`: the block and a view of each field."""
    return {"block": block, **{k: block[k] for k in FIELDS}}


# -- the text, by the reference's wording -----------------------------------------------
def ledger_texts(bc: BatchCase) -> tuple[list[str], dict[str, int]]:
    """The places a case's ledger of settled matters names, and a code per text: every
    place its rules can name (engine.episodes: a decision taken in advance by each event,
    a side deal between each ordered pair), made by the reference's own functions, then
    any other words a packed state's ledger held (`ledger_code` adds them: the list is
    only ever appended to, so a code keeps its meaning)."""
    found = bc.scratch.get("ledger_texts")
    if found is None:
        case = bc.case
        texts = [words.in_advance_ledger(ev.title) for ev in case.scenario.events]
        texts += [words.side_deal_ledger(words.deal_names(case, (x, y)))
                  for x in case.ids for y in case.ids if x != y]
        texts = list(dict.fromkeys(texts))
        found = bc.scratch["ledger_texts"] = (texts, {t: k for k, t in enumerate(texts)})
    return found


def ledger_code(bc: BatchCase, where: str) -> int:
    """The code of the ledger's words `where` (new words are given the next code)."""
    texts, codes = ledger_texts(bc)
    code = codes.get(where)
    if code is None:
        code = codes[where] = len(texts)
        texts.append(where)
    return code


def _words(bc: BatchCase, f: dict[str, Any]) -> words.Words:
    case = bc.case
    kind, a, b = KINDS[int(f["kind"])], int(f["a"]), int(f["b"])
    if kind == "decided":
        return words.decided_words(case.scenario.stages[a].name, RESULTS[b],
                                   float(f["share"]), bool(f["agenda_set"]))
    if kind == "ratified":
        return words.ratified_words(case.scenario.stages[a].name)
    if kind == "not_consulted":
        return words.NOT_CONSULTED
    if kind == "announced":
        return words.ANNOUNCED
    if kind == "co_design":
        return words.CO_DESIGN
    if kind == "co_design_settled":
        return words.CO_DESIGN_SETTLED
    if kind == "kept_off":
        return words.kept_off_words(words.component_name(case, bc.components[a]))
    if kind == "in_advance":
        return words.in_advance_words(case.scenario.events[a].title)
    if kind == "side_deal":
        comp = bc.components[int(np.flatnonzero(f["comps"])[0])]
        return words.side_deal_words(words.deal_names(case, (case.ids[a], case.ids[b])),
                                     words.component_name(case, comp))
    return words.exchange_words(words.OFFERS[OFFER_KINDS[b]], case.name(case.ids[a]),
                                bool(f["met"]))


def episode(bc: BatchCase, number: int, f: dict[str, Any]) -> Episode:
    """The reference `Episode` a slot's fields make (engine.episodes.record's fields)."""
    case, ids, comps = bc.case, bc.case.ids, bc.components
    title, own = _words(bc, f)
    people, hit = f["people"], f["affected"]
    missing = () if f["kept_off"] else tuple(ids[j] for j in np.flatnonzero(hit & ~people))
    texts = ledger_texts(bc)[0]
    settled = tuple((comps[j], texts[f["ledger"][j]]) for j in np.flatnonzero(f["settled"]))
    t = int(f["type"])
    return Episode(
        number=number, stage=bc.stages[int(f["stage"])], round=int(f["round"]),
        move=int(f["move"]), setting=SETTINGS[int(f["setting"])], title=title,
        components=tuple(comps[j] for j in np.flatnonzero(f["comps"])),
        participants=tuple(ids[j] for j in np.flatnonzero(people)),
        affected=tuple(ids[j] for j in np.flatnonzero(hit)),
        inclusive=bool(f["inclusive"]), planned=bool(f["planned"]),
        significant=bool(f["significant"]), presented_significant=bool(f["presented"]),
        settled_elsewhere=tuple(c for c, _ in settled), agenda_set=bool(f["agenda_set"]),
        kept_off=bool(f["kept_off"]), type=None if t < 0 else TYPES[t],
        evidence=words.evidence_of(case, own, missing, settled))


# -- a reference episode's slot ---------------------------------------------------------
def _titles(bc: BatchCase) -> dict[str, list[tuple[int, int, int]]]:
    """Every title a case's episodes can have -> the (kind, a, b) that make it."""
    found = bc.scratch.get("episode_titles")
    if found is None:
        case = bc.case
        out: dict[str, list[tuple[int, int, int]]] = {}

        def add(title: str, kind: str, a: int = -1, b: int = -1) -> None:
            out.setdefault(title, []).append((KINDS.index(kind), a, b))

        for s, stage in enumerate(case.scenario.stages):
            for r, result in enumerate(RESULTS):
                add(words.decided_words(stage.name, result, 0.0, False)[0], "decided", s, r)
            add(words.ratified_words(stage.name)[0], "ratified", s)
        for kind, w in (("not_consulted", words.NOT_CONSULTED), ("announced", words.ANNOUNCED),
                        ("co_design", words.CO_DESIGN),
                        ("co_design_settled", words.CO_DESIGN_SETTLED)):
            add(w[0], kind)
        names = [words.component_name(case, c) for c in bc.components]
        for j, name in enumerate(names):
            add(words.kept_off_words(name)[0], "kept_off", j)
        for e, ev in enumerate(case.scenario.events):
            add(words.in_advance_words(ev.title)[0], "in_advance", e)
        for x, xid in enumerate(case.ids):
            for y, yid in enumerate(case.ids):
                if x != y:
                    pair = words.deal_names(case, (xid, yid))
                    for name in names:
                        add(words.side_deal_words(pair, name)[0], "side_deal", x, y)
            for o, offer in enumerate(OFFER_KINDS):
                add(words.exchange_words(words.OFFERS[offer], case.name(xid), False)[0],
                    "exchange", x, o)
        found = bc.scratch["episode_titles"] = out
    return found


_SHARE = re.compile(r" with (\d+)% of its weight in support\.$")
_SETTLED_LINE = "Already settled elsewhere: "


def _encoded(bc: BatchCase, ep: Episode) -> dict[str, Any]:
    """`_encode`, remembered per case for the episodes met lately (an episode is
    immutable and its slot depends only on the case)."""
    memo = bc.scratch.setdefault("episode_slots", {})
    found = memo.get(ep)
    if found is None:
        if len(memo) >= _REMEMBERED:
            memo.clear()
        found = memo[ep] = _encode(bc, ep)
    return found


#: how many episodes' slots a case remembers
_REMEMBERED = 4096


def _encode(bc: BatchCase, ep: Episode) -> dict[str, Any]:
    """The slot of a reference episode, refused unless it reads back equal."""
    case = bc.case
    mask_c = np.isin(bc.components, ep.components)
    f: dict[str, Any] = {
        "setting": SETTINGS.index(ep.setting), "stage": bc.stages.index(ep.stage),
        "round": ep.round, "move": ep.move,
        "type": -1 if ep.type is None else TYPES.index(ep.type),
        "inclusive": ep.inclusive, "planned": ep.planned, "significant": ep.significant,
        "presented": ep.presented_significant, "agenda_set": ep.agenda_set,
        "kept_off": ep.kept_off, "comps": mask_c,
        "settled": np.isin(bc.components, ep.settled_elsewhere),
        "people": np.isin(case.ids, ep.participants),
        "affected": np.isin(case.ids, ep.affected),
        "ledger": _ledger_of(bc, ep), "share": 0.0,
        "met": bool(ep.evidence) and ep.evidence[0].endswith(", meeting their demand."),
    }
    for kind, a, b in _titles(bc).get(ep.title, ()):
        f.update(kind=kind, a=a, b=b, share=0.0)
        if KINDS[kind] == "decided":
            m = _SHARE.search(ep.evidence[0]) if ep.evidence else None
            if m is None:
                continue
            f["share"] = int(m.group(1)) / 100
        if episode(bc, ep.number, f) == ep:
            return f
    raise ValueError(f"the episode {ep.title!r} has no batch form")


def _ledger_of(bc: BatchCase, ep: Episode) -> np.ndarray:
    """(C,): the ledger's words for each component settled elsewhere, read back from the
    episode's evidence (-1 elsewhere)."""
    out = np.full(bc.c, -1, np.int64)
    if not ep.settled_elsewhere:
        return out
    line = next((x for x in ep.evidence if x.startswith(_SETTLED_LINE)), "")
    rest = line[len(_SETTLED_LINE):]
    texts = ledger_texts(bc)[0]
    for c in ep.settled_elsewhere:
        head = words.component_name(bc.case, c) + " ("
        if not rest.startswith(head):
            raise ValueError(f"the episode {ep.title!r} has no batch form")
        rest = rest[len(head):]
        fits = [k for k, t in enumerate(texts) if rest.startswith(t + ")")]
        if not fits:
            raise ValueError(f"the episode {ep.title!r} names a ledger entry with no batch "
                             "form")
        k = max(fits, key=lambda k: len(texts[k]))
        out[bc.components.index(c)] = k
        rest = rest[len(texts[k]) + 1:].removeprefix(", ")
    return out
