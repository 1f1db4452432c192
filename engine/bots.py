"""Bot policies: the built-in players for balancing and demonstration, and the plug-in
interface for anyone else's (docs/bots.md).

A policy is a function `policy(seat, choices, rng) -> Move`. It sits where a human sits:
the `Seat` holds the public facts, the radar (what listening has revealed, and noisy
estimates of the rest) and the table's legality check; `choices` is the move palette. It
never sees the true stances or the hidden drivers. Each bot has its own generator,
separate from the game's, so its choices never disturb the game's dice. Everything goes
through the doorway (`engine.table.Table`): a bot cannot reach the state.
"""

from __future__ import annotations

import hashlib
import importlib
import importlib.util
import inspect
import os
import re
import sys
import traceback
import types
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from faultlines.engine.choices import Choice
from faultlines.engine.errors import IllegalMove
from faultlines.engine.fault_lines import RELATIONSHIPS, RESOURCES, RESPONSIBILITIES, ROLES
from faultlines.engine.game import Game
from faultlines.engine.moves import MOVE_TYPES, Move
from faultlines.engine.table import Table
from faultlines.engine.view import Glance, PlayerView, Radar

MAX_MOVES = 400  # a safety limit: a game that has not ended by then is "unfinished"


MAX_POLICY_BYTES = 1024 * 1024  # a policy is a page of Python; this is far more


class PolicyError(ValueError):
    """A policy cannot be found or loaded; the message is one line naming what and where."""


class PolicyFailed(RuntimeError):
    """A policy broke during play (raised, or returned something that is not a move); the
    message is one line naming the policy, the move and what went wrong."""


def make(kind: str, **params: Any) -> Move:
    return MOVE_TYPES[kind](**params)


# -- what a policy receives ------------------------------------------------------------
class Seat(Glance):
    """The director's chair, for a bot: the table's public facts (every `Glance` field:
    stage, round, capacity, credibility, inducements, demands, stand-off, consultation,
    ambition, evidence, moves used this stage, who can block later...), the radar, the
    full view when wanted, and the legality of a proposed move.

    A seat describes the table at the moment it was handed over and cannot be changed; it
    shares nothing the game can change, and offers nothing a player could not know.
    """

    def __init__(self, table: Table):
        # the glance's fields, adopted as they are (a seat is made before every move)
        self.__dict__.update(vars(table.glance()), _table=table)

    @property
    def radar(self) -> Radar:
        """What the player can know about each person, as arrays (NaN where not known);
        built when first read."""
        radar = self.__dict__.get("_radar")
        if radar is None:
            radar = self.__dict__["_radar"] = self._table.radar()
        return radar

    @property
    def view(self) -> PlayerView:
        """The full player's view (people's cards, palette, stage tracker): built only when
        read, as it costs more than most bots' whole decision."""
        return self._table.view

    def check(self, move: Move | Choice | str, **params: str) -> str | None:
        """None if the move can be made now, else the reason in the player's words."""
        return self._table.check(move, **params)

    def legal(self, move: Move) -> bool:
        return self._table.check(move) is None

    def options(self, kind: str, **chosen: str) -> dict[str, str | None]:
        """The legal values of the move's next parameter (value -> None, or the reason)."""
        return self._table.options(kind, **chosen)


class Choices(Sequence[Choice]):
    """The move palette, `Table.choices()`, worked out the first time the policy reads it:
    most built-in bots never need it, and it costs more than their own thinking."""

    def __init__(self, table: Table):
        self._table = table
        self._all: list[Choice] | None = None

    def _list(self) -> list[Choice]:
        if self._all is None:
            self._all = self._table.choices()
        return self._all

    def __getitem__(self, i):  # type: ignore[override]
        return self._list()[i]

    def __len__(self) -> int:
        return len(self._list())

    def __iter__(self) -> Iterator[Choice]:
        return iter(self._list())

    def __repr__(self) -> str:
        return f"Choices({self._list()!r})"


Policy = Callable[[Seat, Sequence[Choice], np.random.Generator], Move]


def _first_legal(seat: Seat, candidates: Iterable[Move]) -> Move:
    for m in candidates:
        if seat.legal(m):
            return m
    return make("end_round")


@dataclass(frozen=True)
class ProbeHabits:
    """How the one-note probes play (a student gaming the system; the balance tests hold
    each to a low pass rate). Both engines read these (engine.batch.probes)."""

    big_picture_first: float = 0.4  # frame-only opens with the big picture this often...
    frames: int = 4  # ...then tailors a frame for this many of the most opposed
    challenges: int = 3  # challenge-only confronts this many of the most opposed
    town_hall_first: float = 0.3  # listen-only opens with a town hall this often...
    influence_first: float = 0.3  # ...hears the least known first, influence weighed so
    rivalry_at: float = 0.05  # ...then holds a dialogue over every rivalry this strong
    random_ends_round: float = 0.25  # the random player ends the round this often...
    random_tries: int = 12  # ...else tries this many random moves for a legal one


PROBE_HABITS = ProbeHabits()


# -- one-note and random players -------------------------------------------------------
def random_policy(seat: Seat, choices: Sequence[Choice], rng: np.random.Generator) -> Move:
    """Any move, any target, at random; ends the round a quarter of the time."""
    if rng.random() < PROBE_HABITS.random_ends_round:
        return make("end_round")
    palette = [c for c in choices if c.kind != "end_round"]
    for _ in range(PROBE_HABITS.random_tries):
        choice = palette[rng.integers(len(palette))]
        params: dict[str, str] = {}
        for p in choice.params:
            if p in ("target", "other"):
                params[p] = seat.ids[rng.integers(len(seat.ids))]
            elif p == "component":
                params[p] = seat.components[rng.integers(len(seat.components))]
            elif p == "mode":
                params[p] = choice.modes[rng.integers(len(choice.modes))]
        m = choice.move(**params)
        if seat.legal(m):
            return m
    return make("end_round")


def _targets_by_opposition(seat: Seat) -> list[str]:
    r = seat.radar
    order = np.argsort(r.estimate + np.where(r.in_forum, 0.0, 1.0))
    return [seat.ids[i] for i in order]




def frame_only(seat: Seat, choices: Sequence[Choice], rng: np.random.Generator) -> Move:
    """Frame and reframe: the big picture now and then, else a frame for each opponent."""
    big_first = rng.random() < PROBE_HABITS.big_picture_first
    return _first_legal(seat, _framing(seat, big_first))


def _framing(seat: Seat, big_first: bool) -> Iterator[Move]:
    if big_first:
        yield make("big_picture")
    for t in _targets_by_opposition(seat)[:PROBE_HABITS.frames]:
        yield make("tailored_frame", target=t)
    yield make("big_picture")


def challenge_only(seat: Seat, choices: Sequence[Choice], rng: np.random.Generator) -> Move:
    """Confront the strongest opponents, and nothing else."""
    return _first_legal(seat, (make("challenge", target=t)
                               for t in _targets_by_opposition(seat)[:PROBE_HABITS.challenges]))


def listen_only(seat: Seat, choices: Sequence[Choice], rng: np.random.Generator) -> Move:
    town_hall = rng.random() < PROBE_HABITS.town_hall_first
    return _first_legal(seat, _listening(seat, town_hall))


def _listening(seat: Seat, town_hall: bool) -> Iterator[Move]:
    """Everyone one to one, least known and most influential first; then dialogues."""
    r = seat.radar
    if town_hall:
        yield make("town_hall")
    for i in np.argsort(r.revealed - r.influence * PROBE_HABITS.influence_first):
        yield make("one_to_one", target=seat.ids[i])
    for i, j in zip(*np.nonzero(np.triu(r.conflict) > PROBE_HABITS.rivalry_at), strict=False):
        yield make("dialogue", target=seat.ids[i], other=seat.ids[j])


def repeat(kind: str) -> Policy:
    """Play one kind of move whenever it is allowed (balance check: no single move wins)."""

    def policy(seat: Seat, choices: Sequence[Choice], rng: np.random.Generator) -> Move:
        choice = next(c for c in choices if c.kind == kind)
        if choice.reason is not None:
            return make("end_round")
        params: list[dict[str, str]] = [{}]
        if "target" in choice.params and "other" in choice.params:
            params = [{"target": a, "other": b} for a, b in combinations(seat.ids, 2)]
        elif "target" in choice.params:
            params = [{"target": t} for t in _targets_by_opposition(seat)]
        elif "component" in choice.params:
            params = [{"component": c} for c in seat.components]
        elif "mode" in choice.params:
            params = [{"mode": m} for m in choice.modes]
        return _first_legal(seat, [choice.move(**p) for p in params])

    policy.__name__ = f"repeat_{kind}"
    return policy


# -- the skilled player ------------------------------------------------------------------
@dataclass(frozen=True)
class SkilledJudgement:
    """The skilled player's rules of thumb, named once: the reference bots below and their
    batch form (engine.batch.bots) both read them, so neither holds a copy."""

    room_band: float = 0.5  # how much of the uncertainty band a supporter must clear...
    room_support: float = 0.1  # ...above this estimate to count as support
    #: once the forum has said no at this stage, the whole band: the vote showed the read
    #: of the room was too hopeful, so only supporters the player is sure of count (without
    #: it the skilled player called the same losing vote again and again: 7% of Oak's games
    #: stalled that way, found by the analysis board, docs/debrief.md)
    room_band_refused: float = 1.0
    room_floor: float = 1e-9  # the forum's weight is never divided by less
    room_margin: float = 0.08  # the share wanted above the threshold before calling it
    room_blocker: float = -0.25  # a blocker this far against (after the band) stops a call
    accept_ambition: float = 0.85  # accept an ask while the component keeps this much
    opponent_at: float = -0.2  # a known blocker this far against is a powerful opponent
    threat_at: float = 0.0  # a threatening partner not in support
    coalition_support: float = 0.2  # marginal groups this far for can join a coalition...
    coalition_size: int = 2  # ...when there are at least this many
    future_weight: float = 0.5  # the weight of someone who can block later...
    base_weight: float = 0.2  # ...and of anyone at all, beside a forum member's 1
    need_ceiling: float = 0.6  # support beyond this needs no more winning over
    need_min: float = 0.02  # less need than this is not worth a move
    targets: int = 4  # people worked on per move, most needed first
    loss_at: float = -0.15  # a stake this bad is worth external funding
    doubt_need: float = 0.4  # evidence matters to someone needing this much...
    evidence_enough: float = 0.9  # ...until the case is made this well
    comfortable: float = 0.15  # support from which no compensation is offered
    frames_max: int = 2  # tailored frames per person
    loss_min: float = 0.05  # compensate a loss at least this big...
    loss_share: float = 0.5  # ...and at least this share of the way to comfortable support
    rivalry_at: float = 0.05  # a conflict this strong is worth a dialogue
    champion_at: float = 0.45  # a supporter this firm...
    allies_min: float = 0.5  # ...with this much affinity to others makes a champion
    #: the inducements a demand may require that the player gives at once
    unlocks: tuple[str, ...] = ("offer_role", "offer_funds")
    #: stages where one role is kept in reserve rather than given as compensation
    reserve_role_at: tuple[str, ...] = ("briefing", "board")
    # pragmatic: a forum member this influential and this far from support...
    pragmatic_loser_at: float = 0.1
    pragmatic_influence: float = 0.4
    pragmatic_ambition: float = 0.5  # ...has the plan scaled back while this much is left


SKILLED = SkilledJudgement()


def skilled(seat: Seat, choices: Sequence[Choice], rng: np.random.Generator) -> Move:
    """Listen, tailor, compensate the biggest losers, recruit champions and a coalition of
    marginal groups, consult genuinely, and call the decision when the room is there
    (the strategies of Waring et al. 2023, Findings)."""
    return _first_legal(seat, _skilled_moves(seat))


def varied(variety: float) -> Policy:
    """Research-style play that now and then takes its second or third choice: at each
    move it passes over its best legal candidate with chance `variety`, and over the next
    one likewise. One fixed player is a brittle yardstick (one different move sends it down
    another fixed path); a family of research-style players is what "research-style play
    from here" should mean when a position is valued (engine.analysis)."""

    def policy(seat: Seat, choices: Sequence[Choice], rng: np.random.Generator) -> Move:
        legal: list[Move] = []
        for m in _skilled_moves(seat):
            if seat.legal(m):
                legal.append(m)
                if len(legal) == 3:
                    break
        if not legal:
            return make("end_round")
        k = 0
        while k + 1 < len(legal) and rng.random() < variety:
            k += 1
        return legal[k]

    policy.__name__ = f"varied_{variety:g}"
    policy.variety = variety  # type: ignore[attr-defined]  # its batch form reads it
    return policy


def _skilled_moves(seat: Seat) -> Iterator[Move]:
    """The skilled player's candidates, best first; worked out only as far as the first
    legal one (most moves are decided by the first few)."""
    so = seat.standoff
    deadlocked = so is not None and not so.resolved
    if _room_is_there(seat, deadlocked):
        yield make("call_decision")
    # Unlock what the research says only a specific move unlocks.
    for d in seat.demands:
        if not d.met and d.requires in SKILLED.unlocks:
            yield make(d.requires, target=d.beneficiary)
    if deadlocked:
        r, ids = seat.radar, seat.ids
        members = sorted(so.members, key=lambda s: -r.estimate[ids.index(s)])
        yield make("co_write_case", target=members[0], other=members[1])
    if seat.stage_kind == "consultation" and seat.consultation is None:
        yield make("consult", mode="genuine")
    yield from _answers(seat, accept_all=False)
    if _powerful_opponent(seat) and not seat.radar.coalition.any():
        yield from _coalition(seat)
    if _threatened(seat) and not seat.air_cover:
        yield make("air_cover")  # the Board's cover shields the director from the fallout
    yield from _win_over(seat)
    yield from _alliances(seat)


def _powerful_opponent(seat: Seat) -> bool:
    """Someone who can block now or later, and whom the player has listened to, is set
    against the plan."""
    r = seat.radar
    return bool((r.can_block & r.known & (r.estimate <= SKILLED.opponent_at)).any())


def _threatened(seat: Seat) -> bool:
    """A partner has been heard to threaten withdrawing what the plan needs at this stage
    (the radar marks them as able to block though the scenario gives them no veto)."""
    r = seat.radar
    return bool((r.can_block & ~seat.vetoes_here & (r.estimate <= SKILLED.threat_at)).any())


def _coalition(seat: Seat) -> Iterator[Move]:
    """Marginal groups who back the plan, brought together to counteract a powerful
    opponent (Waring et al. 2023, Findings: power and influence)."""
    r = seat.radar
    if ((r.estimate > SKILLED.coalition_support) & r.marginal & ~r.coalition).sum() >= \
            SKILLED.coalition_size:
        yield make("build_coalition")


def _answers(seat: Seat, *, accept_all: bool) -> Iterator[Move]:
    """Answer what the consultation asked: accept where the component can give a little
    without hollowing the plan, negotiate a middle way where it cannot, refuse nothing."""
    for a in seat.asks:
        if a.answer is None:
            j = seat.components.index(a.component)
            accept = accept_all or seat.ambition[j] >= SKILLED.accept_ambition
            yield make("answer_ask", component=a.component,
                       mode="accept" if accept else "negotiate")
            if not accept:
                yield make("answer_ask", component=a.component, mode="accept")


def _room_is_there(seat: Seat, deadlocked: bool) -> bool:
    """Call the decision when the room is comfortably there: enough of the forum's weight
    seems to support (once the forum has said no here, only those surely for it count),
    nobody who can block seems against, every demand is met."""
    if seat.stage_kind == "briefing" or deadlocked:
        return False
    r = seat.radar
    w = r.influence * r.in_forum
    k = SKILLED
    band = k.room_band_refused if seat.refusals else k.room_band
    share = (w * (r.estimate - r.uncertainty * band >= k.room_support)).sum() / \
        max(w.sum(), k.room_floor)
    blockers = (r.can_block & (r.estimate - r.uncertainty <= k.room_blocker)).any()
    unmet = any(not d.met for d in seat.demands) or any(a.answer is None for a in seat.asks)
    if share >= seat.threshold + k.room_margin and not blockers and not unmet:
        return seat.stage_kind != "consultation" or bool(seat.consultation)
    return False


def _win_over(seat: Seat) -> Iterator[Move]:
    """Who matters now (forum members and anyone who could block later, by influence and
    by how far they are from supporting): listen to them first, then answer what
    listening showed - losses, doubts, the frame."""
    r, ids, k = seat.radar, seat.ids, SKILLED
    weight = r.influence * (r.in_forum + k.future_weight * seat.future_vetoes + k.base_weight)
    need = weight * (k.need_ceiling - np.clip(r.estimate, -1, k.need_ceiling))
    order = [i for i in np.argsort(-need) if need[i] > k.need_min]
    for i in order[:k.targets]:
        sid = ids[i]
        if not r.known[i]:
            yield make("one_to_one", target=sid)
            continue
        stakes = r.stakes[i]
        worst = int(np.argmin(stakes))
        if stakes[worst] < k.loss_at and seat.external > 0:
            yield make("external_funding", component=seat.components[worst])
        doubted = int(np.argmax(np.abs(stakes) * (1.0 - seat.evidence)))
        if r.evidence_need[i] > k.doubt_need and seat.evidence[doubted] < k.evidence_enough:
            yield make("evidence_case", component=seat.components[doubted])
        if r.estimate[i] < k.comfortable:
            yield from _compensate(seat, i)
        if seat.frame_uses[i] < k.frames_max:
            yield make("tailored_frame", target=sid)


def _compensate(seat: Seat, i: int) -> Iterator[Move]:
    """Answer a loss in the R it lies in (Waring et al. 2023, Findings: winners and losers):
    money for resources, a role for roles and responsibilities, a relationship mended or
    made for relationships - never money for a loss of say."""
    r, sid = seat.radar, seat.ids[i]
    left = r.at_stake[i]
    short = SKILLED.comfortable - r.estimate[i]  # how far they are from comfortable support
    if not np.isfinite(left).all() or \
            left.sum() < max(SKILLED.loss_min, SKILLED.loss_share * short):
        return  # what they lose is not what stands between them and support
    share = left / left.sum()
    role, ties, money = share[ROLES] + share[RESPONSIBILITIES], share[RELATIONSHIPS], \
        share[RESOURCES]
    spare_role = seat.roles > (1 if seat.stage_kind in SKILLED.reserve_role_at else 0)
    kind = max((("offer_funds", money), ("offer_role", role), ("relationship", ties)),
               key=lambda kv: kv[1])[0]
    if kind == "offer_funds" and seat.funds > 0:
        yield make("offer_funds", target=sid)
    elif kind == "offer_role" and spare_role:
        yield make("offer_role", target=sid)
    elif kind == "relationship":
        for j in np.flatnonzero(r.conflict[i] > SKILLED.rivalry_at)[:1]:
            yield make("dialogue", target=sid, other=seat.ids[j])
        yield make("backstage", target=sid)


def _alliances(seat: Seat) -> Iterator[Move]:
    """Champions with allies, then a coalition of the margins."""
    r = seat.radar
    supporters = np.flatnonzero((r.estimate > SKILLED.champion_at) & ~r.champion &
                                (r.affinity.sum(axis=1) > SKILLED.allies_min))
    for i in supporters[:1]:
        yield make("recruit_champion", target=seat.ids[i])
    yield from _coalition(seat)


def pragmatic(seat: Seat, choices: Sequence[Choice], rng: np.random.Generator) -> Move:
    """Skilled, but buys agreement by scaling the plan back rather than compensating:
    the road to a plan that passes hollow (Waring, Bishop & Roe, Negotiating the Purpose)."""
    r = seat.radar
    k = SKILLED
    losers = np.flatnonzero(r.in_forum & (r.estimate < k.pragmatic_loser_at) &
                            (r.influence >= k.pragmatic_influence) & r.known)
    for i in losers[np.argsort(-r.influence[losers])]:
        j = int(np.argmin(r.stakes[i]))  # scale back what they lose most from
        m = make("amend_plan", component=seat.components[j])
        if r.stakes[i][j] < 0 and seat.ambition[j] > k.pragmatic_ambition and seat.legal(m):
            return m
    return skilled(seat, choices, rng)


def hurried(seat: Seat, choices: Sequence[Choice], rng: np.random.Generator) -> Move:
    """Skilled, but announces the consultation instead of opening it: a false negotiation
    (Waring, Bishop & Roe, Negotiating Transformation Priorities)."""
    if seat.stage_kind == "consultation" and seat.consultation is None:
        m = make("consult", mode="announce")
        if seat.legal(m):
            return m
    move = skilled(seat, choices, rng)
    if move.kind == "consult":
        return make("end_round")
    return move


# -- probes: what a student trying to game the system would do ---------------------------
def no_coalition(seat: Seat, choices: Sequence[Choice], rng: np.random.Generator) -> Move:
    """Skilled, but never builds a coalition of marginal groups: tries to get past a
    powerful opponent by persuasion and compensation alone."""
    move = skilled(seat, choices, rng)
    if move.kind == "build_coalition":
        return _first_legal(seat, (m for m in _skilled_moves(seat) if m.kind != "build_coalition"))
    return move


def skip_consultation(seat: Seat, choices: Sequence[Choice], rng: np.random.Generator) -> Move:
    """Skilled in every way but one: never runs the consultation (a non-negotiation)."""
    move = skilled(seat, choices, rng)
    if move.kind == "consult":
        return make("call_decision") if seat.legal(make("call_decision")) else \
            make("end_round")
    return move


def stonewall(seat: Seat, choices: Sequence[Choice], rng: np.random.Generator) -> Move:
    """Skilled, consults genuinely, then refuses every ask: a consultation that changes
    nothing, so on a matter settled elsewhere it stays false."""
    for a in seat.asks:
        if a.answer is None:
            return make("answer_ask", component=a.component, mode="refuse")
    return skilled(seat, choices, rng)


def greedy(seat: Seat, choices: Sequence[Choice], rng: np.random.Generator) -> Move:
    """Each turn, whichever legal move lifts the visible support estimate most one step
    ahead (it reads only the radar of the table after the move, as a player trying moves
    in their head would): the 'maximise the meter' strategy the research does not teach."""
    table: Table = seat._table
    best, best_gain = make("end_round"), -1.0
    base = seat.view.support_estimate
    for choice in choices:
        if choice.reason is not None or choice.kind == "end_round":
            continue
        move = _first_option(table, choice)
        if move is None:
            continue
        trial = table.trial()
        try:
            trial.choose(move)
        except Exception:  # noqa: BLE001 - a move that fails in trial is simply not taken
            continue
        gain = trial.view.support_estimate - base + (1.0 if trial.outcome in (
            "consensus", "hollow", "pushed_through") else 0.0)
        if gain > best_gain + 1e-9:
            best, best_gain = move, gain
    return best


def _first_option(table: Table, choice: Choice) -> Move | None:
    """The move with the first legal value of each parameter, or None."""
    chosen: dict[str, str] = {}
    for _ in choice.params:
        legal = [v for v, why in table.options(choice.kind, **chosen).items() if why is None]
        if not legal:
            return None
        nxt = [p for p in choice.params if p not in chosen][0]
        chosen[nxt] = legal[0]
    return choice.move(**chosen)


#: Archetypes beyond the balance set, used to show every outcome can be reached.
ARCHETYPES: dict[str, Policy] = {"pragmatic": pragmatic, "hurried": hurried,
                                 "no-coalition": no_coalition}

#: Probes: strategies that ignore the research; none may pass often (tests/test_balance.py).
PROBES: dict[str, Policy] = {"skip-consultation": skip_consultation, "stonewall": stonewall,
                             "greedy": greedy}

#: The balance set (`simulate --policy all`).
POLICIES: dict[str, Policy] = {
    "random": random_policy,
    "frame-only": frame_only,
    "challenge-only": challenge_only,
    "listen-only": listen_only,
    "skilled": skilled,
}


# -- finding a policy by name, file or module ---------------------------------------------
def policy_named(name: str) -> Policy:
    """A built-in policy by name, `repeat:KIND` (repeat one move kind), or an outside one:
    `path/to/file.py:function` or `package.module:function` (see `load_policy`)."""
    if name.startswith("repeat:"):
        kind = name.split(":", 1)[1]
        if kind not in MOVE_TYPES:
            raise PolicyError(f"unknown move kind {kind!r} in {name!r}; choose one of "
                              f"{', '.join(MOVE_TYPES)}")
        return repeat(kind)
    if name in ARCHETYPES:
        return ARCHETYPES[name]
    if name in PROBES:
        return PROBES[name]
    if name in POLICIES:
        return POLICIES[name]
    if ":" in name:
        return load_policy(name)
    hint = f"; to load a policy from {name}, name its function too: {name}:policy" \
        if name.endswith(".py") else ""
    raise PolicyError(f"unknown policy {name!r}; choose {', '.join(POLICIES)}, "
                      f"{', '.join(ARCHETYPES)}, repeat:KIND, FILE.py:FUNCTION or "
                      f"MODULE:FUNCTION{hint}")


def load_policy(spec: str) -> Policy:
    """An outside policy: `path/to/file.py:function` (a file, read relative to the current
    folder) or `package.module:function` (an importable module; the current folder is
    searched too). Raises PolicyError with one line saying what is wrong and where."""
    where, _, func = spec.rpartition(":")
    if not where or not func:
        raise PolicyError(f"policy {spec!r}: give it as FILE.py:FUNCTION or MODULE:FUNCTION")
    is_file = where.endswith(".py") or "/" in where or os.sep in where
    module = _load_file(Path(where)) if is_file else _import(where)
    if not hasattr(module, func):
        raise PolicyError(f"{where} has no function {func!r}{_defined(module)}")
    policy = getattr(module, func)
    if not callable(policy):
        raise PolicyError(f"{where}: {func!r} is not a function: {func} = {policy!r:.60}")
    _check_signature(policy, spec)
    return policy


def _defined(module: types.ModuleType) -> str:
    """A hint for a misspelt name: the functions the module does define."""
    names = [n for n, v in vars(module).items()
             if inspect.isfunction(v) and v.__module__ == module.__name__ and n[0] != "_"]
    return f" (it defines {', '.join(names)})" if names else " (it defines no functions)"


def _check_signature(policy: Callable, spec: str) -> None:
    try:
        inspect.signature(policy).bind(None, None, None)
    except TypeError:
        raise PolicyError(f"{spec} must take three arguments (seat, choices, rng); it takes "
                          f"({', '.join(inspect.signature(policy).parameters)})") from None
    except ValueError:  # no signature to read (a builtin): it will be tried when called
        pass


_FILES: dict[tuple[str, int, int], types.ModuleType] = {}


def _load_file(path: Path) -> types.ModuleType:
    """Run a policy file as a module (once per process while it is unchanged)."""
    try:
        info = path.stat()
    except OSError:
        raise PolicyError(f"policy file not found: {path}") from None
    if path.is_dir():
        raise PolicyError(f"{path} is a folder, not a Python file")
    if not path.is_file():  # a device or a FIFO would hang the import
        raise PolicyError(f"{path} is not a regular file")
    if info.st_size > MAX_POLICY_BYTES:
        raise PolicyError(f"{path} is over {MAX_POLICY_BYTES // 1024} KB: not a policy file")
    full = str(path.resolve())
    key = (full, info.st_mtime_ns, info.st_size)
    if key in _FILES:
        return _FILES[key]
    stem = re.sub(r"\W", "_", path.stem)
    name = f"faultlines_policy_{stem}_{hashlib.sha256(full.encode()).hexdigest()[:10]}"
    spec = importlib.util.spec_from_file_location(name, full)
    if spec is None or spec.loader is None:
        raise PolicyError(f"{path} is not a Python file")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses and pickling look a module up by name
    try:
        with _on_path(str(path.resolve().parent)):  # the file may import its neighbours
            spec.loader.exec_module(module)  # only a file the user named on the command line
    except SyntaxError as exc:
        del sys.modules[name]
        raise PolicyError(f"syntax error in {path} line {exc.lineno}: {exc.msg}") from None
    except OSError as exc:
        del sys.modules[name]
        raise PolicyError(f"cannot read {path}: {exc.strerror or exc}") from None
    except Exception as exc:
        del sys.modules[name]
        raise PolicyError(f"{path} line {_line_in(exc, full)}: {_one_line(exc)}") from None
    _FILES[key] = module
    return module


def _import(name: str) -> types.ModuleType:
    try:
        with _on_path(os.getcwd()):
            return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name and (name == exc.name or name.startswith(exc.name + ".")):
            raise PolicyError(f"no module named {name!r} (neither installed nor in the "
                              f"current folder)") from None
        raise PolicyError(f"cannot import {name}: {_one_line(exc)}") from None
    except SyntaxError as exc:
        raise PolicyError(f"syntax error in {exc.filename} line {exc.lineno}: {exc.msg}"
                          ) from None
    except Exception as exc:
        raise PolicyError(f"cannot import {name}: {_one_line(exc)}") from None


class _on_path:
    """Put a folder at the front of the import path while a policy loads."""

    def __init__(self, folder: str):
        self.folder = folder

    def __enter__(self) -> None:
        sys.path.insert(0, self.folder)

    def __exit__(self, *exc: object) -> None:
        sys.path.remove(self.folder)


def _line_in(exc: BaseException, filename: str) -> int | str:
    """The line of `filename` the exception came from (the deepest one)."""
    lines = [f.lineno for f in traceback.extract_tb(exc.__traceback__) if f.filename == filename]
    return lines[-1] if lines and lines[-1] is not None else "?"


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


# -- playing ---------------------------------------------------------------------------------
T = TypeVar("T", Table, Game)


def decide(table: Table, policy: Policy, rng: np.random.Generator,
           name: str | None = None) -> Move:
    """Ask the policy for its next move; raise PolicyFailed (one line) if it breaks."""
    try:
        move = policy(Seat(table), Choices(table), rng)
    except Exception as exc:
        raise PolicyFailed(f"{_at(table, policy, name)} raised {_one_line(exc)}{_blame(exc)}"
                           ) from exc
    if not isinstance(move, Move) or MOVE_TYPES.get(move.kind) is not type(move):
        what = f"the {move.kind!r} choice itself" if isinstance(move, Choice) else \
            f"{move!r:.60}"
        raise PolicyFailed(f"{_at(table, policy, name)} returned {what}, not a move; return "
                           "choice.move(...) for one of the choices it was given")
    return move


def _at(table: Table, policy: Policy, name: str | None) -> str:
    return (f"policy {name or _name_of(policy)} at move {len(table.moves) + 1} "
            f"({table.case.scenario.id}, seed {table.seed})")


_NOT_THEIRS = (str(Path(__file__).resolve().parent), sys.prefix, sys.base_prefix)


def _blame(exc: BaseException) -> str:
    """Where in the policy's own code it broke (not in the engine, numpy or Python)."""
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if not frame.filename.startswith(_NOT_THEIRS):
            return f" ({Path(frame.filename).name} line {frame.lineno})"
    return ""


def drive(table: Table, policy: Policy, rng: np.random.Generator, *,
          max_moves: int = MAX_MOVES, name: str | None = None) -> int:
    """Let a policy play until the game ends (or a safety limit of moves). Returns how
    many of its choices were illegal: each is played as the end of the round instead, so
    a buggy plug-in shows up in the count without stopping the simulation."""
    name = name or _name_of(policy)
    illegal = 0
    for _ in range(max_moves):
        if table.over:
            break
        move = decide(table, policy, rng, name)
        try:
            table.choose(move)
        except IllegalMove:
            illegal += 1
            table.choose(make("end_round"))
    return illegal


def _name_of(policy: Policy) -> str:
    return getattr(policy, "__name__", None) or repr(policy)


def play_out(where: T, policy: Policy, rng: np.random.Generator,
             max_moves: int = MAX_MOVES) -> T:
    """Let a policy play a table (or a game, through a table) to its end; returns it."""
    drive(where if isinstance(where, Table) else Table(where), policy, rng, max_moves=max_moves)
    return where
