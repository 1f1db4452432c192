"""A validated scenario compiled into arrays the simulation can use quickly.

The authored `Scenario` stays untouched (ink's split between content and runtime); `Case`
holds the same facts as numpy arrays indexed by stakeholder and plan component, built once
per scenario and shared read-only by every game played on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from engine.domain import RS, VALUE_AXES
from engine.loader import load_scenario
from engine.schema import Scenario

SCENARIO_DIR = Path(__file__).resolve().parent.parent / "scenarios"


@dataclass(frozen=True, kw_only=True, eq=False)
class Case:
    scenario: Scenario
    ids: tuple[str, ...]
    index: dict[str, int]
    components: tuple[str, ...]
    comp_index: dict[str, int]
    values: np.ndarray  # (N, 3) stakeholder values on the three axes
    plan_values: np.ndarray  # (3,)
    interests: np.ndarray  # (N, 4) weights over the four Rs
    salience: np.ndarray  # (N, C) how much each component's issue matters to each person
    stakes: np.ndarray  # (N, C) gain (+) or loss (-) from each component at full ambition
    influence: np.ndarray  # (N,)
    trust0: np.ndarray  # (N,)
    evidence_need: np.ndarray  # (N,)
    marginal: np.ndarray  # (N,) bool
    central: np.ndarray  # (N,) bool
    affinity: np.ndarray  # (N, N) symmetric strengths
    conflict: np.ndarray  # (N, N) symmetric strengths
    stage_ids: tuple[str, ...]
    # derived once, used by every stance computation
    values_minus_plan: np.ndarray  # (N, 3)
    stake_weight: np.ndarray  # (N, C) 0.5 + salience, normalised per row
    doubt_weight: np.ndarray  # (N, C) |stake| + 0.05, normalised per row
    affinity_sum: np.ndarray  # (N,)
    stages_by_id: dict = field(default_factory=dict)
    forums: dict[str, np.ndarray] = field(default_factory=dict)  # stage id -> (N,) bool
    vetoes: dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return len(self.ids)

    def stakeholder(self, sid: str):
        return self.scenario.stakeholders[self.index[sid]]

    def stage(self, stage_id: str):
        return self.stages_by_id[stage_id]

    def name(self, sid: str) -> str:
        return self.stakeholder(sid).name


def compile_case(sc: Scenario) -> Case:
    ids = tuple(s.id for s in sc.stakeholders)
    index = {sid: i for i, sid in enumerate(ids)}
    comps = tuple(c.id for c in sc.plan.components)
    comp_index = {c: i for i, c in enumerate(comps)}
    n, c = len(ids), len(comps)
    values = np.array([[getattr(s.values, a) for a in VALUE_AXES] for s in sc.stakeholders])
    plan_values = np.array([getattr(sc.plan.values, a) for a in VALUE_AXES])
    interests = np.array([[getattr(s.interests, r) for r in RS] for s in sc.stakeholders])
    salience = np.zeros((n, c))
    stakes = np.zeros((n, c))
    for i, s in enumerate(sc.stakeholders):
        for j, comp in enumerate(sc.plan.components):
            salience[i, j] = s.issues.get(comp.issue, 0.3)
            stakes[i, j] = s.stakes.get(comp.id, 0.0)
    affinity = np.zeros((n, n))
    conflict = np.zeros((n, n))
    for r in sc.relationships:
        a, b = index[r.a], index[r.b]
        target = affinity if r.kind == "affinity" else conflict
        target[a, b] = target[b, a] = r.strength
    forums, vetoes = {}, {}
    for st in sc.stages:
        mask = np.ones(n, bool) if st.forum == "all" else np.isin(ids, st.forum)
        forums[st.id] = mask
        vetoes[st.id] = np.isin(ids, st.veto) if st.veto else np.zeros(n, bool)
    arrays = dict(
        values=values, plan_values=plan_values, interests=interests, salience=salience,
        stakes=stakes, affinity=affinity, conflict=conflict,
        influence=np.array([s.influence for s in sc.stakeholders]),
        trust0=np.array([s.trust for s in sc.stakeholders]),
        evidence_need=np.array([s.evidence_need for s in sc.stakeholders]),
        marginal=np.array([s.position == "marginal" for s in sc.stakeholders]),
        central=np.array([s.position == "central" for s in sc.stakeholders]),
    )
    weight = 0.5 + salience
    doubt = np.abs(stakes) + 0.05
    arrays.update(
        values_minus_plan=values - plan_values,
        stake_weight=weight / weight.sum(axis=1, keepdims=True),
        doubt_weight=doubt / doubt.sum(axis=1, keepdims=True),
        affinity_sum=affinity.sum(axis=1),
    )
    for arr in list(arrays.values()) + list(forums.values()) + list(vetoes.values()):
        arr.setflags(write=False)
    return Case(
        scenario=sc, ids=ids, index=index, components=comps, comp_index=comp_index,
        stage_ids=tuple(s.id for s in sc.stages), stages_by_id={s.id: s for s in sc.stages},
        forums=forums, vetoes=vetoes, **arrays,
    )


def scenario_path(name: str) -> Path:
    """A scenario id (`elm`) or a path to a YAML file."""
    p = Path(name)
    if p.suffix in (".yaml", ".yml") or p.exists():
        return p
    return SCENARIO_DIR / f"{name}.yaml"


def available_scenarios() -> list[str]:
    return sorted(p.stem for p in SCENARIO_DIR.glob("*.yaml"))


def load_case(name: str) -> Case:
    return compile_case(load_scenario(scenario_path(name)))

