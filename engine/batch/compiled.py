"""A compiled case as the batch engine reads it: every name the rules use as an integer
code, and every number as an array indexed by those codes.

Built once per `Case` and kept in `case.derived["batch"]` (like the stage machine,
engine.flow.flow_for), so every batch of games on the case shares it. Nothing here is a
second source of truth: each array is the `Case`'s own (the same read-only object, not a
copy) or is read from the authored scenario and `TUNING` at build time.

Codes (all 0-based, in the order the scenario or the engine lists them):

- person i: `case.ids[i]` (the scenario's stakeholder order, as every `Case` array);
- component j: `case.components[j]`;
- stage s: the scenario's stages in order, then `hiatus` (`bc.hiatus`), then `outcome`
  (`bc.outcome`): the states of the reference stage machine (engine.flow);
- move kind k: `engine.moves.MOVE_TYPES` order (one_to_one = 0 ... end_round = last);
- difficulty: `engine.tuning.DIFFICULTIES` order; outcome: `engine.domain.OUTCOMES` order;
  consultation run: `CONSULTATIONS` order; scenario event e: the scenario's event order;
- demand d: `bc.demands[d]`, every demand a game of this case can ever hold (each authored
  demand effect, then each person's private price for their support, one per inducement);
- stand-off t: `bc.standoffs[t]`, every authored stand-off effect.

`-1` means "none" wherever a code may be absent (no last stage, no outcome yet, ...).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np
from faultlines.engine import agency, fault_lines, scripted
from faultlines.engine.disputes import Demand, Standoff
from faultlines.engine.domain import OUTCOMES, STAGE_KINDS
from faultlines.engine.flow import HIATUS, OUTCOME
from faultlines.engine.moves import MOVE_TYPES
from faultlines.engine.tuning import DIFFICULTIES

if TYPE_CHECKING:
    from faultlines.engine.case import Case

#: what a consultation was run as (GameState.consultation; None is -1)
CONSULTATIONS = ("genuine", "false")
#: what a stage does after a failed vote (engine.schema.Stage.on_fail)
ON_FAIL = ("retry", "reopen", "hiatus")
#: the inducements a person may privately ask for as the price of their support
#: (engine.agency._demand_wanted chooses between exactly these)
PRIVATE_PRICES = ("offer_role", "offer_funds")


@dataclass(frozen=True, kw_only=True, eq=False)
class BatchCase:
    """Integer codes and arrays of one compiled case (see the module docstring)."""

    case: Case
    people: tuple[str, ...]
    components: tuple[str, ...]
    stages: tuple[str, ...]  # scenario stages, then hiatus, then outcome
    hiatus: int
    outcome: int
    move_kinds: tuple[str, ...]
    difficulties: tuple[str, ...]
    outcomes: tuple[str, ...]
    events: tuple[str, ...]
    demands: tuple[Demand, ...]  # templates, met=False
    standoffs: tuple[Standoff, ...]  # templates, resolved=False
    # -- per stage (scenario stages only: shape (S,)) --------------------------------
    stage_kind: np.ndarray  # code in engine.domain.STAGE_KINDS
    stage_rounds: np.ndarray  # preparation rounds
    stage_threshold: np.ndarray
    stage_on_fail: np.ndarray  # code in ON_FAIL
    stage_reopen_to: np.ndarray  # stage code, -1 if it never re-opens
    decision_stage: np.ndarray  # whose forum decides: a briefing looks to the next stage
    forums: np.ndarray  # (S, N) bool, the authored forum (a committee adds forum_extra)
    vetoes: np.ndarray  # (S, N) bool
    # -- per demand template ---------------------------------------------------------
    demand_amount: np.ndarray  # (D,) support withheld while unmet
    demand_by: np.ndarray  # (D, N) int: how often each person is named among its `by`
    # -- the Case's own arrays, for the rules ------------------------------------------
    values_minus_plan: np.ndarray  # (N, 3)
    stakes: np.ndarray  # (N, C)
    stake_weight: np.ndarray  # (N, C)
    doubt_weight: np.ndarray  # (N, C)
    profile: np.ndarray  # (N, C, 4) engine.fault_lines.profile
    evidence_need: np.ndarray  # (N,)
    influence: np.ndarray  # (N,)
    trust0: np.ndarray  # (N,)
    marginal: np.ndarray  # (N,) bool
    central: np.ndarray  # (N,) bool
    affinity: np.ndarray  # (N, N)
    affinity_sum: np.ndarray  # (N,)
    conflict0: np.ndarray  # (N, N) the authored rivalries every game starts with
    #: working copies the batch rules keep between calls (case arrays tiled to a batch size)
    scratch: dict = field(default_factory=dict, repr=False)

    @property
    def n(self) -> int:
        return len(self.people)

    @property
    def c(self) -> int:
        return len(self.components)

    @property
    def s(self) -> int:
        """Scenario stages (hiatus and outcome come after them)."""
        return self.hiatus

    def stage_code(self, stage: str | None) -> int:
        return -1 if stage is None else self.stages.index(stage)

    def stage_name(self, code: int) -> str | None:
        return None if code < 0 else self.stages[code]

    def demand_code(self, d: Demand) -> int:
        """The template a state's demand is (its `met` aside); ValueError if none is."""
        return self.demands.index(replace(d, met=False))

    def standoff_code(self, t: Standoff) -> int:
        return self.standoffs.index(replace(t, resolved=False))


def batch_case(case: Case) -> BatchCase:
    """The case's batch form, built on first use and kept with the case."""
    found = case.derived.get("batch")
    if found is None:
        found = case.derived["batch"] = _build(case)
    return found


def _build(case: Case) -> BatchCase:
    sc = case.scenario
    stage_ids = case.stage_ids
    stages = (*stage_ids, HIATUS, OUTCOME)
    n = case.n
    demands, standoffs = _dispute_templates(case)
    by = np.zeros((len(demands), n), int)
    for k, d in enumerate(demands):
        for sid in d.by:
            by[k, case.index[sid]] += 1
    decision = [min(k + 1, len(stage_ids) - 1) if s.kind == "briefing" else k
                for k, s in enumerate(sc.stages)]
    arrays = dict(
        stage_kind=np.array([STAGE_KINDS.index(s.kind) for s in sc.stages]),
        stage_rounds=np.array([s.rounds for s in sc.stages]),
        stage_threshold=np.array([s.threshold for s in sc.stages], float),
        stage_on_fail=np.array([ON_FAIL.index(s.on_fail) for s in sc.stages]),
        stage_reopen_to=np.array([stage_ids.index(s.reopen_to)
                                  if s.on_fail == "reopen" and s.reopen_to else -1
                                  for s in sc.stages]),
        decision_stage=np.array(decision),
        forums=np.array([case.forums[s] for s in stage_ids]).reshape(len(stage_ids), n),
        vetoes=np.array([case.vetoes[s] for s in stage_ids]).reshape(len(stage_ids), n),
        demand_amount=np.array([d.amount for d in demands], float),
        demand_by=by,
    )
    for arr in arrays.values():
        arr.setflags(write=False)
    return BatchCase(
        case=case, people=case.ids, components=case.components, stages=stages,
        hiatus=len(stage_ids), outcome=len(stage_ids) + 1, move_kinds=tuple(MOVE_TYPES),
        difficulties=tuple(DIFFICULTIES), outcomes=OUTCOMES,
        events=tuple(e.id for e in sc.events), demands=demands, standoffs=standoffs,
        values_minus_plan=case.values_minus_plan, stakes=case.stakes,
        stake_weight=case.stake_weight, doubt_weight=case.doubt_weight,
        profile=fault_lines.profile(case), evidence_need=case.evidence_need,
        influence=case.influence, trust0=case.trust0, marginal=case.marginal,
        central=case.central, affinity=case.affinity, affinity_sum=case.affinity_sum,
        conflict0=case.conflict, **arrays)


def _dispute_templates(case: Case) -> tuple[tuple[Demand, ...], tuple[Standoff, ...]]:
    """Every demand and stand-off a game of this case can hold, as the rules write them
    (engine.scripted._apply for authored ones, engine.agency._demand for private ones).
    An authored event fires at most once (`fired_events`) and a person asks a private
    price at most once (agency._demand_wanted), so each template occurs at most once."""
    demands: list[Demand] = []
    standoffs: list[Standoff] = []
    for ev in case.scenario.events:
        for eff in ev.effects:
            if eff.kind == "demand":
                demands.append(scripted.demand_of(ev, eff))
            elif eff.kind == "standoff":
                standoffs.append(scripted.standoff_of(ev, eff))
    demands += [agency.private_demand(sid, wanted) for sid in case.ids
                for wanted in PRIVATE_PRICES]
    return tuple(demands), tuple(standoffs)
