"""A validated scenario compiled into arrays the simulation can use quickly.

The authored `Scenario` stays untouched (ink's split between content and runtime); `Case`
holds the same facts as numpy arrays indexed by stakeholder and plan component, built once
per scenario and shared read-only by every game played on it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import yaml
from faultlines.engine.catalogue import Catalogue, ScenarioSource
from faultlines.engine.domain import RS, VALUE_AXES
from faultlines.engine.errors import ScenarioError
from faultlines.engine.loader import parse_scenario
from faultlines.engine.schema import Scenario


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
    #: the scenario's text and checksum, which every log and save embeds so it travels
    source: ScenarioSource | None = None
    #: what other modules build once per case and share (the stage machine: engine.flow)
    derived: dict = field(default_factory=dict, repr=False)

    @property
    def n(self) -> int:
        return len(self.ids)


    def stakeholder(self, sid: str):
        return self.scenario.stakeholders[self.index[sid]]

    def stage(self, stage_id: str):
        return self.stages_by_id[stage_id]

    def name(self, sid: str) -> str:
        return self.stakeholder(sid).name


def compile_case(sc: Scenario, source: ScenarioSource | None = None) -> Case:
    """Arrays for the simulation; `source` is the text it came from (a canonical YAML
    dump of `sc` when it was built some other way), so logs can carry the scenario."""
    if source is None:
        text = yaml.safe_dump(sc.model_dump(mode="json", by_alias=True), sort_keys=False,
                              allow_unicode=True)
        source = ScenarioSource(sc.id, text, "path", f"<{sc.id}>")
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
        forums=forums, vetoes=vetoes, source=source, **arrays,
    )


def case_from_source(source: ScenarioSource) -> Case:
    """Validate and compile a scenario's text; a file found by id must carry that id."""
    sc = parse_scenario(source.text, source.where)
    if source.origin in ("installed", "user") and sc.id != source.id:
        raise ScenarioError([f"{source.where}:1:1: id: the file is named {source.id!r} but its "
                             f"id is {sc.id!r}; a scenario's file must be named <id>.yaml"])
    return compile_case(sc, source)


def load_case(ref: str, catalogue: Catalogue | None = None) -> Case:
    """A case by id (shipped, or in the catalogue's user folder) or by a typed path."""
    return case_from_source((catalogue or Catalogue()).resolve(ref))
