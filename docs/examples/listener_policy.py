"""A small Fault Lines policy: listen first, then answer what listening showed.

Run it:  faultlines simulate --scenario elm --policy docs/examples/listener_policy.py:policy

A policy is a function of (seat, choices, rng) that returns one move. It sees what a
player sees: the seat's public facts and radar, and the move palette. See docs/bots.md.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from faultlines.engine.bots import Seat
    from faultlines.engine.choices import Choice
    from faultlines.engine.moves import Move


def policy(seat: Seat, choices: Sequence[Choice], rng: np.random.Generator) -> Move:
    """Listen to the most influential unknown people, meet demands, tailor frames to
    opponents, and call the decision when the room looks ready."""
    palette = {c.kind: c for c in choices}
    for move in candidates(seat, palette):
        if seat.check(move) is None:  # None: legal now; else the reason, in words
            return move
    return palette["end_round"].move()


def candidates(seat: Seat, palette: dict[str, Choice]) -> Iterator[Move]:
    """Moves worth making now, best first; the first legal one is played."""
    r = seat.radar
    if ready_to_decide(seat):
        yield palette["call_decision"].move()
    # A demand names the move that meets it (e.g. a role for the provider they back).
    for demand in seat.demands:
        if not demand.met and demand.requires in ("offer_role", "offer_funds"):
            yield palette[demand.requires].move(target=demand.beneficiary)
    if seat.standoff is not None and not seat.standoff.resolved:
        first, second = seat.standoff.members[:2]
        yield palette["co_write_case"].move(target=first, other=second)
    if seat.stage_kind == "consultation" and seat.consultation is None:
        yield palette["consult"].move(mode="genuine")
    # What those consulted asked to change: a consultation that changes nothing is false.
    for ask in seat.asks:
        if ask.answer is None:
            yield palette["answer_ask"].move(component=ask.component, mode="accept")
    # Who matters: people in the forum or able to block later, most influential first.
    matters = r.in_forum | seat.future_vetoes
    for i in np.argsort(-r.influence):
        if not matters[i]:
            continue
        person = seat.ids[i]
        if not r.known[i]:
            yield palette["one_to_one"].move(target=person)
        elif r.estimate[i] < 0.2:  # an opponent: speak to what they value, offset a loss
            if seat.frame_uses[i] < 2:
                yield palette["tailored_frame"].move(target=person)
            if r.stakes[i].sum() < 0 and r.offered[i] == 0:
                if seat.funds > 0:
                    yield palette["offer_funds"].move(target=person)
                elif seat.roles > 0:
                    yield palette["offer_role"].move(target=person)
    # Then make the case to everyone: the evidence where it is thinnest, the big picture.
    yield palette["evidence_case"].move(component=seat.components[int(np.argmin(seat.evidence))])
    yield palette["big_picture"].move()


def ready_to_decide(seat: Seat) -> bool:
    """Enough of the forum's influence looks in favour, with room for doubt; nobody who
    can block looks against; no demand or consultation ask is unanswered and no stand-off
    holds the room."""
    if seat.stage_kind == "briefing" or any(not d.met for d in seat.demands):
        return False
    if any(ask.answer is None for ask in seat.asks):
        return False
    if seat.stage_kind == "consultation" and seat.consultation is None:
        return False
    if seat.standoff is not None and not seat.standoff.resolved:
        return False
    r = seat.radar
    weight = r.influence * r.in_forum
    cautious = r.estimate - r.uncertainty / 2
    support = weight[cautious >= 0.1].sum() / max(weight.sum(), 1e-9)
    blockers = (r.can_block & (cautious < 0)).any()
    return support >= seat.threshold + 0.05 and not blockers
