"""Every move the player (or a bot) can make, by kind."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from faultlines.engine.moves.alliance import AirCover, Backstage, BuildCoalition, RecruitChampion
from faultlines.engine.moves.base import Move
from faultlines.engine.moves.challenge import Challenge
from faultlines.engine.moves.compensation import (
    AmendPlan,
    EveryoneGives,
    ExternalFunding,
    OfferFunds,
    OfferRole,
)
from faultlines.engine.moves.framing import BigPicture, EvidenceCase, TailoredFrame
from faultlines.engine.moves.listening import FacilitatedDialogue, OneToOne, TownHall
from faultlines.engine.moves.process import (
    AnswerAsk,
    CallDecision,
    Consult,
    CoWriteCase,
    EndRound,
    KeepOff,
    Reconstitute,
    SetAgenda,
)

if TYPE_CHECKING:
    from faultlines.engine.case import Case

MOVE_TYPES: dict[str, type[Move]] = {
    m.kind: m
    for m in (
        OneToOne, TownHall, FacilitatedDialogue,
        BigPicture, TailoredFrame, EvidenceCase,
        OfferRole, OfferFunds, ExternalFunding, AmendPlan, EveryoneGives,
        RecruitChampion, BuildCoalition, Backstage, AirCover,
        Challenge,
        SetAgenda, KeepOff, Reconstitute, CoWriteCase, Consult, AnswerAsk, CallDecision,
        EndRound,
    )
}


#: kinds older logs used: `stage_manage` (0.1) set the agenda AND kept an item off; its
#: logged form (a component) is the item kept off, now its own move
LEGACY_KINDS = {"stage_manage": "keep_off"}


def move_from_dict(d: dict[str, Any]) -> Move:
    """Rebuild a move from its logged form; raises ValueError for an unknown kind."""
    kind = d.get("kind")
    kind = LEGACY_KINDS.get(kind, kind) if isinstance(kind, str) else kind
    if kind not in MOVE_TYPES:
        raise ValueError(f"unknown move kind {kind!r:.60}")
    params = {k: v for k, v in d.items() if k != "kind"}
    allowed = {"target", "other", "component", "mode"}
    if not set(params) <= allowed:
        raise ValueError(f"unexpected move fields {sorted(set(params) - allowed)}")
    return MOVE_TYPES[kind](**params)


def malformed(d: dict[str, Any], case: Case) -> str | None:
    """Why a logged move could never be played in this case (an unknown kind, a parameter
    it does not take, a name the case does not have), in the player's words; else None."""
    try:
        move = move_from_dict(d)
    except (ValueError, TypeError) as exc:
        return str(exc)
    return move.malformed(case)


def make(kind: str, **params: Any) -> Move:
    return move_from_dict({"kind": kind, **params})


__all__ = ["MOVE_TYPES", "Move", "make", "malformed", "move_from_dict"]
