"""The process moves (engine.moves.process) for G games: set_agenda, keep_off, reconstitute,
co_write_case, consult and answer_ask change the state as the reference moves do
(tests/test_batch_moves_process.py); call_decision and end_round have their legality and
cost here (bots need them), while the whole-game driver plays them with
engine.batch.decision and engine.batch.month.

The numbers are arrays, made by the reference's operations in its order. Text in the side
record is written per game by the reference's own functions: the asks a genuine
consultation raises (`consultation.raise_asks`), and the ask answered (its record in `asks`;
a change takes the component out of the `settled` array). The episode of an item kept off
(`episodes.kept_off_episode`) goes into the batch's episode record for all the games at once
(engine.batch.episodes.write; its words are the reference's, made when a game is read).
"""

from __future__ import annotations

from collections import deque
from itertools import chain, repeat
from types import SimpleNamespace

import numpy as np
from faultlines.engine import consultation
from faultlines.engine.batch import worlds
from faultlines.engine.batch.compiled import CONSULTATIONS, BatchCase
from faultlines.engine.batch.episodes import Affected, write
from faultlines.engine.batch.moves import Chosen, register
from faultlines.engine.batch.moves.forms import (
    Form,
    add_where,
    at_least_zero,
    at_most_one,
    meet_demands,
)
from faultlines.engine.batch.state import BatchState, ask_codes, asks_changed
from faultlines.engine.batch.tally import forum
from faultlines.engine.batch.turn import Turn
from faultlines.engine.batch.view import GameView, asks_codes, stage_at
from faultlines.engine.disputes import Ask
from faultlines.engine.tuning import TUNING

_GENUINE, _FALSE = CONSULTATIONS.index("genuine"), CONSULTATIONS.index("false")
_ACCEPT, _NEGOTIATE, _REFUSE = (consultation.ANSWERS.index(a)
                                for a in ("accept", "negotiate", "refuse"))


def _append(ranks: np.ndarray, rows: np.ndarray, item: np.ndarray, what: str) -> None:
    """Append `item` (a code per row) to each row's ordered list held as ranks."""
    if not len(rows):
        return
    if (ranks[rows, item] >= 0).any():
        raise ValueError(f"{what} would name the same item twice; the batch state holds "
                         "each once")
    ranks[rows, item] = ranks[rows].max(axis=1) + 1


class SetAgenda(Form):
    kind = "set_agenda"

    def apply(self, bc: BatchCase, bs: BatchState, idx: np.ndarray, ch: Chosen,
              turn: Turn) -> None:
        idx = np.asarray(idx)
        add_where(bs.agenda, idx, forum(bc, bs, idx), TUNING.set_agenda.agenda)
        bs.agenda_set[idx] = True


class KeepOff(Form):
    kind = "keep_off"

    def own(self, bc, bs, idx, ch):
        return bs.kept_off[idx, ch.component] < 0

    def apply(self, bc: BatchCase, bs: BatchState, idx: np.ndarray, ch: Chosen,
              turn: Turn) -> None:
        idx = np.asarray(idx)
        c = ch.component
        stake = np.abs(worlds.component_stakes(bc, bs, idx, c) +
                       bs.stake_mod[idx, :, c])  # episodes.affected
        hit = stake >= TUNING.negotiation.affected_stake
        add_where(bs.grievance, idx, hit, TUNING.keep_off.grievance)
        _append(bs.kept_off, idx, c, "kept_off")
        comps = np.arange(bc.c) == c[:, None]  # episodes.kept_off_episode, into the record
        nobody = np.zeros((len(idx), bc.n), bool)
        aff = Affected(bc, bs.stake_mod.take(idx, axis=0), comps, worlds.stakes(bc, bs, idx))
        write(bs, idx, "kept_off", "agenda", comps, nobody, aff.inclusive(nobody), aff.hit,
              significant=False, kept_off=True, stage=stage_at(bs, idx),
              round_=bs.round[idx], move=np.asarray(turn.move_index)[idx], a=c)


class Reconstitute(Form):
    kind = "reconstitute"

    def own(self, bc, bs, idx, ch):
        return (bc.marginal & ~forum(bc, bs, idx)).any(axis=1)

    def apply(self, bc: BatchCase, bs: BatchState, idx: np.ndarray, ch: Chosen,
              turn: Turn) -> None:
        idx = np.asarray(idx)
        t = TUNING.reconstitute
        added = bc.marginal & ~forum(bc, bs, idx)
        bs.forum_extra[idx] = bs.forum_extra.take(idx, axis=0) | added
        add_where(bs.grievance, idx, bc.central & forum(bc, bs, idx), t.central_grievance)
        bs.credibility[idx] = at_least_zero(bs.credibility[idx] - t.credibility)


def _standoffs(bc: BatchCase) -> tuple[np.ndarray, np.ndarray]:
    """Per stand-off template: its parties (T, N) and the component it holds up (T,)."""
    found = bc.scratch.get("standoff_facts")
    if found is None:
        members = np.zeros((max(len(bc.standoffs), 1), bc.n), bool)
        comp = np.zeros(max(len(bc.standoffs), 1), np.int64)
        for k, so in enumerate(bc.standoffs):
            members[k, [bc.case.index[x] for x in so.members]] = True
            comp[k] = bc.case.comp_index[so.component]
        found = bc.scratch["standoff_facts"] = (members, comp)
    return found


class CoWriteCase(Form):
    kind = "co_write_case"

    def own(self, bc, bs, idx, ch):
        code = bs.standoff_code[idx]
        members, _ = _standoffs(bc)
        t = np.where(code >= 0, code, 0)
        return (code >= 0) & ~bs.standoff_resolved[idx] & members[t, ch.target] & \
            members[t, ch.other]

    def apply(self, bc: BatchCase, bs: BatchState, idx: np.ndarray, ch: Chosen,
              turn: Turn) -> None:
        idx = np.asarray(idx)
        t = TUNING.co_write_case
        bs.standoff_resolved[idx] = True
        c = _standoffs(bc)[1][bs.standoff_code[idx]]
        bs.evidence[idx, c] = at_most_one(bs.evidence[idx, c] + t.evidence)
        for who in (ch.target, ch.other):
            bs.trust[idx, who] = at_most_one(bs.trust[idx, who] + t.trust)
        meet_demands(bc, bs, idx, "co_write_case", -1)


class Consult(Form):
    kind = "consult"

    def cost(self, bc, bs, idx, ch):
        t = TUNING.consult
        genuine = ch.mode == self.typ.modes.index("genuine")
        return np.where(genuine, t.genuine_cost, t.announce_cost).astype(np.int64)

    def own(self, bc, bs, idx, ch):
        return bs.consultation[idx] < 0

    def apply(self, bc: BatchCase, bs: BatchState, idx: np.ndarray, ch: Chosen,
              turn: Turn) -> None:
        idx = np.asarray(idx)
        t = TUNING.consult
        affected = np.array([s.sector in t.affected_sectors
                             for s in bc.case.scenario.stakeholders])
        genuine = ch.mode == self.typ.modes.index("genuine")
        g, a = idx[genuine], idx[~genuine]
        if len(g):
            bs.consultation[g] = _GENUINE
            bs.calendar[g] = np.maximum(0, bs.calendar[g] - t.genuine_months)
            bs.revealed[g] = np.minimum(1.0, bs.revealed.take(g, axis=0) + t.genuine_reveal)
            trust, grievance = bs.trust.take(g, axis=0), bs.grievance.take(g, axis=0)
            bs.trust[g] = np.where(affected, np.minimum(1.0, trust + t.genuine_trust), trust)
            bs.grievance[g] = np.where(affected,
                                       np.maximum(0.0, grievance - t.genuine_grievance),
                                       grievance)
            bs.credibility[g] = at_most_one(bs.credibility[g] + t.genuine_credibility)
            meet_demands(bc, bs, g, "consult_genuine", -1)
            _raise_asks(bc, bs, g)
        if len(a):
            bs.consultation[a] = _FALSE
            trust = bs.trust[a]
            bs.trust[a] = np.where(affected, np.minimum(1.0, trust + t.announce_trust), trust)


#: distinct consultations' asks kept per case (a few dozen occur in practice)
ASKS_MEMO = 4096


def _raise_asks(bc: BatchCase, bs: BatchState, games: np.ndarray) -> None:
    """`consultation.raise_asks` for each game, by the reference's own function. Its asks
    depend only on the stakes as modified, the items kept off and which components are
    settled, and most games share these, so each distinct answer is worked out once per
    case and kept (the asks are frozen records; each game gets its own list of them). The
    games are grouped by those bytes first, so a key is made once per group."""
    memo = bc.scratch.setdefault("asks", {})
    if len(memo) > ASKS_MEMO:
        memo.clear()
    kept, settled = bs.kept_off.take(games, axis=0) >= 0, bs.settled.take(games, axis=0) >= 0
    k = len(games)
    if bs.cases is not None or not k:  # each game's own world: its own stakes in the key
        groups, which = [(r, int(i)) for r, i in enumerate(games.tolist())], np.arange(k)
    else:
        mod = bs.stake_mod.take(games, axis=0).reshape(k, -1).view(np.uint8)
        rows = np.ascontiguousarray(np.concatenate(
            [mod, kept.view(np.uint8), settled.view(np.uint8)], axis=1))
        _, first, which = np.unique(rows.view(np.dtype((np.void, rows.shape[1]))).ravel(),
                                    return_index=True, return_inverse=True)
        groups = [(r, int(games[r])) for r in first.tolist()]
    made = []
    for r, i in groups:
        world = worlds.case_of(bs, i)  # the asks read the authored stakes too
        key = (bs.stake_mod[i].tobytes(), kept[r].tobytes(), settled[r].tobytes(),
               None if world is bc.case else world.stakes.tobytes())
        found = memo.get(key)
        if found is None:
            view = GameView(bc, bs, i)
            found = memo[key] = tuple(consultation.raise_asks(
                SimpleNamespace(case=world, state=view)))
        made.append(found)
    extras = bs.extras
    deque(map(dict.__setitem__, map(extras.__getitem__, games.tolist()), repeat("asks"),
              map(list, map(made.__getitem__, which.reshape(-1).tolist()))), maxlen=0)
    comp, answer = ask_codes(bc, made)  # each distinct list coded once
    bs.ask_component[games] = comp[which.reshape(-1)]
    bs.ask_answer[games] = answer[which.reshape(-1)]


def pending(bc: BatchCase, bs: BatchState, idx: np.ndarray) -> np.ndarray:
    """(K, C) bool: the components with an ask waiting for an answer (consultation.pending),
    read from each game's side record (`view.asks_codes`: the walk asks this of every game
    with an ask open, every step)."""
    out = np.zeros((len(idx), bc.c), bool)
    comp, answer = asks_codes(bs, np.asarray(idx))
    r, m = np.nonzero((comp >= 0) & (answer < 0))
    out[r, comp[r, m]] = True
    return out


class AnswerAsk(Form):
    kind = "answer_ask"

    def cost(self, bc, bs, idx, ch):
        return np.where(ch.mode == _NEGOTIATE, TUNING.asks.negotiate_cost,
                        self.typ.base_cost).astype(np.int64)

    def own(self, bc, bs, idx, ch):
        waiting = pending(bc, bs, idx)
        return waiting.any(axis=1) & waiting[np.arange(len(idx)), ch.component]

    def apply(self, bc: BatchCase, bs: BatchState, idx: np.ndarray, ch: Chosen,
              turn: Turn) -> None:
        idx = np.asarray(idx)
        t = TUNING.asks
        how, c = ch.mode, ch.component
        by, reopen = self._answer_records(bc, bs, idx, ch)
        # accept or negotiate: the plan changes (consultation.answer)
        change = how != _REFUSE
        rows, j = idx[change], c[change]
        if len(rows):
            accept = how[change] == _ACCEPT
            cut = np.where(accept, t.accept_ambition, t.negotiate_ambition)
            bs.ambition[rows, j] = at_least_zero(bs.ambition[rows, j] - cut)
            ease = np.where(accept, t.accept_grievance, t.negotiate_grievance)[:, None]
            grievance = bs.grievance.take(rows, axis=0)
            bs.grievance[rows] = np.where(by[change], np.maximum(0.0, grievance - ease),
                                          grievance)
            trust = bs.trust.take(rows, axis=0)
            bs.trust[rows] = np.where(by[change] & accept[:, None],
                                      np.minimum(1.0, trust + t.accept_trust), trust)
            _append(bs.reopened, idx[reopen], c[reopen], "reopened")
        # refuse (consultation._refuse)
        rows = idx[~change]
        if len(rows):
            mask = by[~change]
            add_where(bs.grievance, rows, mask, t.refuse_grievance)
            trust = bs.trust.take(rows, axis=0)
            bs.trust[rows] = np.where(mask, np.maximum(0.0, trust - t.refuse_trust), trust)
            bs.credibility[rows] = at_least_zero(bs.credibility[rows] - t.refuse_credibility)
            refer(bc, bs, rows, t.refuse_scrutiny)

    @staticmethod
    def _answer_records(bc: BatchCase, bs: BatchState, idx: np.ndarray, ch: Chosen
                        ) -> tuple[np.ndarray, np.ndarray]:
        """The side record's part of consultation.answer, per game: the ask marked answered
        and, for a change, the component taken out of the settled ledger. Returns who asked
        (K, N) and whether a settled matter was re-opened (K,)."""
        index, answers = bc.case.index, consultation.ANSWERS
        # games raised with the same asks share the Ask objects (_raise_asks): each shared
        # ask is answered once per answer (asks are frozen; held here so no id is reused)
        made: dict[tuple[int, int], tuple[Ask, Ask, list[int]]] = {}
        whom: list[list[int]] = []
        extras, components = bs.extras, bc.components
        for i, k, m in zip(idx.tolist(), ch.component.tolist(), ch.mode.tolist(),
                           strict=True):
            asks, comp = extras[i]["asks"], components[k]
            for n, ask in enumerate(asks):  # noqa: B007 - n: the first open ask on it
                if ask.component == comp and ask.answer is None:
                    break
            else:
                raise StopIteration(comp)  # as the reference's next() on no such ask
            found = made.get((id(ask), m))
            if found is None:
                found = made[id(ask), m] = (ask, ask.answered(answers[m]),
                                            [index[x] for x in ask.by])
            asks[n] = found[1]
            whom.append(found[2])
        asks_changed(bs, idx)
        by = np.zeros((len(idx), bc.n), bool)
        lens = np.fromiter(map(len, whom), np.int64, len(whom))
        by[np.repeat(np.arange(len(idx)), lens),
           np.fromiter(chain.from_iterable(whom), np.int64, int(lens.sum()))] = True
        # consultation.answer: a change takes the component out of the settled ledger
        change = ch.mode != _REFUSE
        games, comps = idx[change], ch.component[change]
        reopen = np.zeros(len(idx), bool)
        reopen[change] = bs.settled[games, comps] >= 0
        bs.settled[games, comps] = -1
        return by, reopen


def refer(bc: BatchCase, bs: BatchState, idx: np.ndarray, amount: float) -> None:
    """consultation.refer: this stage and every later one needs `amount` more support."""
    ahead = np.arange(bc.s) >= stage_at(bs, idx)[:, None]  # (K, S)
    was, held = bs.scrutiny.take(idx, axis=0), bs.scrutiny_set.take(idx, axis=0)
    before = np.where(held, was, 0.0)
    bs.scrutiny[idx] = np.where(ahead, before + amount, was)
    bs.scrutiny_set[idx] = held | ahead


class DriverPlayed(Form):
    """A move the whole-game driver plays itself (calling the decision: engine.batch.decision;
    ending the month: engine.batch.month). Its legality and cost are here for the bots."""

    def __init__(self, kind: str):
        self.kind = kind

    def apply(self, bc: BatchCase, bs: BatchState, idx: np.ndarray, ch: Chosen,
              turn: Turn) -> None:
        raise NotImplementedError(
            f"{self.kind} is played by the whole-game driver (engine.batch.decision and "
            "engine.batch.month), not by its batch form")


register(SetAgenda(), KeepOff(), Reconstitute(), CoWriteCase(), Consult(), AnswerAsk(),
         DriverPlayed("call_decision"), DriverPlayed("end_round"))
