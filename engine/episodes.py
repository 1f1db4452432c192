"""Where the game records its negotiation episodes as they happen (engine.negotiation
computes each one's dimensions and type). Each recorded episode is also an `episode` event,
so the log, the replay and the debrief read it from the one event stream.

- A forum deciding: one episode for what it really decided and, if some components had been
  settled elsewhere first, one for what it only ratified (a false negotiation: a Board
  ratifying a backstage deal is presented as deciding but does not).
- A consultation stage deciding: the consultation as it was run - genuine (open, unless the
  matter had been settled elsewhere and its terms did not change), announced (false), or
  never run (a non-negotiation: those who expected a say were not asked).
- An item kept off a forum's agenda: a non-negotiation, recorded when it is kept off.
- A scenario's decision taken in advance: an exclusive negotiation that settles the matter.
- A side deal two dominant actors strike backstage (engine.agency): an exclusive negotiation
  that settles the component they share, so a later forum on it only ratifies.
- A private offer: an exchange, outside the typology unless it settles a demand with a
  central actor backstage.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from faultlines.engine.consultation import consultees_of
from faultlines.engine.negotiation import PLANNED, Episode, classify
from faultlines.engine.tuning import TUNING

if TYPE_CHECKING:
    from faultlines.engine.case import Case
    from faultlines.engine.context import MoveContext
    from faultlines.engine.decision import Decision
    from faultlines.engine.state import GameState


def emit(ctx: MoveContext, ep: Episode) -> Episode:
    """Add the episode's event to the stream (it is already in the state's record)."""
    ctx.events.append(ctx.event("episode", ep.title, **ep.to_dict()))
    return ep


def _record(ctx: MoveContext, **kw) -> Episode:
    st = ctx.state
    return emit(ctx, record(ctx.case, st, stage=st.stage_at, round_=st.round,
                                        move=ctx.move_index, **kw))


def at_decision(ctx: MoveContext, d: Decision) -> None:
    """The forum decides: record what it decided, what it only ratified, and (at a
    consultation stage) how the consultation was run."""
    for ep in decision_episodes(ctx.case, ctx.state, ctx.stage, ctx.forum(), d.result,
                                d.share, ctx.move_index):
        emit(ctx, ep)


def decision_episodes(case: Case, st: GameState, stage, forum: np.ndarray, result: str,
                      share: float, move: int) -> list[Episode]:
    """`at_decision`'s episodes, recorded on `st` and returned in order for the caller to
    emit (engine.batch.decision records the same for many games at once, with this
    module's wording)."""
    out: list[Episode] = []

    def rec(**kw) -> None:
        out.append(record(case, st, stage=st.stage_at, round_=st.round, move=move, **kw))

    if stage.kind == "consultation":
        _consultation(case, st, rec)
    on_table = tuple(c for c in case.components if c not in st.kept_off)
    ratified = tuple(c for c in on_table if c in st.settled)
    decided = tuple(c for c in on_table if c not in st.settled)
    if decided:
        title, evidence = decided_words(stage.name, result, share, st.agenda_set)
        rec(setting="forum", title=title, components=decided,
            participants=forum, significant=True, presented_significant=True,
            agenda_set=st.agenda_set, evidence=evidence)
    if ratified and result == "passed":
        title, evidence = ratified_words(stage.name)
        rec(setting="forum", title=title, components=ratified, participants=forum,
            significant=False, presented_significant=True, evidence=evidence)
    return out


def _consultation(case: Case, st: GameState, rec) -> None:
    comps = tuple(c for c in case.components if c not in st.kept_off)
    consulted = consultees_of(case, st)
    if st.consultation is None:
        title, evidence = NOT_CONSULTED
        rec(setting="withheld", title=title, components=comps,
            participants=np.zeros(case.n, bool), significant=False, kept_off=True,
            evidence=evidence)
    elif st.consultation == "false":
        title, evidence = ANNOUNCED
        rec(setting="consultation", title=title,
            components=comps, participants=consulted, significant=False,
            presented_significant=True, decided_before=True, evidence=evidence)
    else:
        open_ = tuple(c for c in comps if c not in st.settled)
        settled = tuple(c for c in comps if c in st.settled)
        if open_:
            title, evidence = CO_DESIGN
            rec(setting="consultation", title=title, components=open_,
                participants=consulted, significant=True, presented_significant=True,
                evidence=evidence)
        if settled:
            title, evidence = CO_DESIGN_SETTLED
            rec(setting="consultation", title=title, components=settled,
                participants=consulted, significant=False, presented_significant=True,
                evidence=evidence)


def kept_off(ctx: MoveContext, component: str) -> None:
    """An item held off this forum's agenda."""
    st = ctx.state
    st.kept_off.append(component)
    emit(ctx, kept_off_episode(ctx.case, st, component, stage=st.stage_at, round_=st.round,
                               move=ctx.move_index))


def kept_off_episode(case: Case, st: GameState, component: str, *, stage: str, round_: int,
                     move: int) -> Episode:
    """`kept_off`'s episode, recorded on `st` (the item already off the table): one
    definition that the batch engine also runs, per game, on a view of its side record."""
    title, evidence = kept_off_words(component_name(case, component))
    return record(case, st, stage=stage, round_=round_, move=move, setting="agenda",
                  title=title, components=(component,), participants=np.zeros(case.n, bool),
                  significant=False, kept_off=True, evidence=evidence)


def decided_in_advance(ctx: MoveContext, event_title: str, components: tuple[str, ...],
                       deciders: tuple[str, ...]) -> None:
    """A matter settled by a few senior actors before anyone else could take part."""
    case, st = ctx.case, ctx.state
    comps = components or case.components
    who = np.isin(case.ids, deciders) if deciders else case.central.copy()
    settle(st, comps, in_advance_ledger(event_title))
    title, evidence = in_advance_words(event_title)
    _record(ctx, setting="backstage", title=title, components=comps, participants=who,
            significant=True, evidence=evidence)


def side_deal(ctx: MoveContext, who: tuple[str, str], component: str) -> Episode:
    """Two dominant actors settle a component between themselves, out of the forums: the
    ledger records it, so a later forum or consultation on it ratifies rather than decides
    (Waring, Bishop & Roe, Discussion: exclusive negotiation, then false negotiation)."""
    st = ctx.state
    return emit(ctx, settle_side_deal(ctx.case, st, who, component, stage=st.stage_at,
                                      round_=st.round, move=ctx.move_index))


def settle_side_deal(case: Case, st: GameState, who: tuple[str, str], component: str, *,
                     stage: str, round_: int, move: int) -> Episode:
    """`side_deal` without its event: the episode recorded and the component settled (one
    definition for both engines; the batch engine passes a view holding only the fields
    `record` and `settle` read and write: `stake_mod`, `settled`, `episodes`)."""
    names = deal_names(case, who)
    present = np.zeros(case.n, bool)
    present[[case.index[x] for x in who]] = True
    title, evidence = side_deal_words(names, component_name(case, component))
    ep = record(case, st, stage=stage, round_=round_, move=move, setting="backstage",
                title=title, components=(component,), participants=present,
                significant=True, evidence=evidence)
    settle(st, (component,), side_deal_ledger(names))
    return ep


def exchange(ctx: MoveContext, target: str, what: str, *, met_demand: bool) -> None:
    """A private offer to one person; in the typology only when it settles a demand with a
    central actor (a backstage bargain), otherwise a minor exchange."""
    st = ctx.state
    emit(ctx, exchange_episode(ctx.case, st, target, what, met_demand=met_demand,
                               stage=st.stage_at, round_=st.round, move=ctx.move_index))


def exchange_episode(case: Case, st: GameState, target: str, what: str, *, met_demand: bool,
                     stage: str, round_: int, move: int) -> Episode:
    """`exchange`'s episode, recorded on `st`: one definition that the batch engine also
    runs, per game, on a view of its side record."""
    i = case.index[target]
    losing = tuple(c for j, c in enumerate(case.components)
                   if case.stakes[i, j] + st.stake_mod[i, j] < -TUNING.negotiation.affected_stake)
    significant = met_demand and bool(case.central[i])
    present = np.zeros(case.n, bool)
    present[i] = True
    title, evidence = exchange_words(what, case.name(target), met_demand)
    return record(case, st, stage=stage, round_=round_, move=move, setting="exchange",
                  title=title, components=losing if significant else (),
                  participants=present, significant=significant, evidence=evidence)


# -- computing an episode's dimensions -----------------------------------------------
def affected(case: Case, st: GameState, components: tuple[str, ...]) -> np.ndarray:
    """Who stands to gain or lose from these components (a mask over stakeholders)."""
    if not components:
        return np.zeros(case.n, bool)
    cols = [case.comp_index[c] for c in components]
    stake = np.abs(case.stakes[:, cols] + st.stake_mod[:, cols]).max(axis=1)
    return stake >= TUNING.negotiation.affected_stake


def inclusion(case: Case, st: GameState, components: tuple[str, ...],
              present: np.ndarray) -> tuple[bool, tuple[str, ...]]:
    """Whether the affected took part (by the weight of what they stand to gain or lose),
    and who of them was missing. Those who lose must be there too, by the same share of
    their own weight: the winners alone settling a matter is not inclusive however much
    they gain (Waring, Bishop & Roe, Discussion: exclusive negotiation leaves out parties
    the matter affects; Waring et al. 2023, Findings: winners and losers)."""
    hit = affected(case, st, components)
    if not hit.any():
        return True, ()
    cols = [case.comp_index[c] for c in components]
    stake = case.stakes[:, cols] + st.stake_mod[:, cols]
    weight = np.abs(stake).max(axis=1) * hit
    loss = np.maximum(0.0, -stake).max(axis=1) * hit
    need = TUNING.negotiation.inclusive_share
    share = float(weight[present].sum() / weight.sum())
    losers_there = not loss.any() or float(loss[present].sum() / loss.sum()) >= need
    missing = tuple(case.ids[i] for i in np.flatnonzero(hit & ~present))
    return share >= need and losers_there, missing


#: what an episode is measured by: whether the affected took part, who of them was missing,
#: and who is affected (a mask)
Measured = tuple[bool, tuple[str, ...], np.ndarray]


def measure(case: Case, st: GameState, components: tuple[str, ...],
            participants: np.ndarray) -> Measured:
    """`inclusion` and `affected` of an episode's components and participants."""
    inclusive, missing = inclusion(case, st, components, participants)
    return inclusive, missing, affected(case, st, components)


def record(case: Case, st: GameState, *, stage: str, round_: int, move: int, setting: str,
           title: str, components: tuple[str, ...], participants: np.ndarray,
           significant: bool, presented_significant: bool = False,
           agenda_set: bool = False, kept_off: bool = False, decided_before: bool = False,
           evidence: tuple[str, ...] = ()) -> Episode:
    """Compute an episode's dimensions from what happened, append it to the state's record
    and return it. `decided_before`: its convenor treated the matter as decided before it
    began (a plan announced for comment), whether or not the ledger says where."""
    planned = setting in PLANNED
    inclusive, missing, hit = measure(case, st, components, participants)
    settled = tuple(c for c in components if c in st.settled)
    fully_settled = bool(components) and len(settled) == len(components)
    why = evidence_of(case, evidence, () if kept_off else missing,
                      tuple((c, st.settled[c]) for c in settled))
    kind = classify(inclusive=inclusive, planned=planned, significant=significant,
                    settled_elsewhere=fully_settled or decided_before,
                    presented_significant=presented_significant, agenda_set=agenda_set,
                    kept_off=kept_off)
    ep = Episode(number=len(st.episodes) + 1, stage=stage, round=round_, move=move,
                 setting=setting, title=title, components=components,
                 participants=tuple(case.ids[i] for i in np.flatnonzero(participants)),
                 affected=tuple(case.ids[i] for i in np.flatnonzero(hit)),
                 inclusive=inclusive, planned=planned, significant=significant,
                 presented_significant=presented_significant, settled_elsewhere=settled,
                 agenda_set=agenda_set, kept_off=kept_off, type=kind, evidence=why)
    st.episodes.append(ep)
    return ep


def settle(st: GameState, components: tuple[str, ...], where: str) -> None:
    """Note that these components were settled (first settlement wins: later forums on
    them ratify rather than decide)."""
    for c in components:
        st.settled.setdefault(c, where)


def tainted(st: GameState) -> list[Episode]:
    """Significant episodes on the way that were false or non-negotiations: a plan that
    passed through them cannot be called a genuine consensus. A false episode stops
    counting once every matter it ratified was re-opened and changed in the open: the plan
    that passes was no longer decided by it (our reading of Waring, Bishop & Roe,
    Discussion: a false negotiation is one whose matter was settled elsewhere)."""
    return [e for e in st.episodes
            if taints(e.type, bool(e.components), all(c in st.reopened for c in e.components))]


def taints(kind: str | None, components: bool, all_reopened: bool) -> bool:
    """`tainted`'s rule for one episode of type `kind`: has it components, and were all
    of them re-opened since? (The batch engine tabulates it: one definition.)"""
    return kind in ("false", "non_negotiation") and not (
        kind == "false" and components and all_reopened)


# -- the wording (one source: the batch engine makes its episodes' text with these too) -----
#: an episode's title and its own evidence, before `evidence_of` adds who was absent and
#: what had been settled elsewhere
Words = tuple[str, tuple[str, ...]]

#: a forum's decision, by its result (engine.decision's results)
VERBS = {"passed": "agrees", "failed": "does not agree", "blocked": "is blocked",
         "standoff": "is stuck in a stand-off"}
NOT_CONSULTED: Words = (
    "No consultation was run",
    ("The consultation stage reached its decision without anyone being consulted: those "
     "who expected a say were not asked.",))
ANNOUNCED: Words = (
    "The plan is announced and surveyed",
    ("A website and an online survey were presented as consultation; the decision had "
     "already been made.",))
CO_DESIGN: Words = (
    "The plan is opened to co-design",
    ("Those affected worked on the options before the decision.",))
CO_DESIGN_SETTLED: Words = (
    "Co-design on what was already settled",
    ("Genuine co-design, but on a matter settled before it began, and its terms did not "
     "change.",))
#: what a private offer is, by its move's kind (engine.moves.compensation)
OFFERS = {"offer_role": "A leadership role", "offer_funds": "Transitional funds"}


def decided_words(stage_name: str, result: str, share: float, agenda_set: bool) -> Words:
    """A forum deciding (`result` one of VERBS) with `share` of its weight in support."""
    verb = VERBS[result]
    evidence = (f"{stage_name} {verb} with {share:.0%} of its weight in support.",)
    if agenda_set:
        evidence += ("You had set its agenda around shared concerns, and so its bounds.",)
    return f"The {stage_name} {verb}", evidence


def ratified_words(stage_name: str) -> Words:
    return (f"The {stage_name} ratifies what was settled elsewhere",
            ("The vote was presented as a decision, but these parts of the plan had "
             "already been settled before it.",))


def kept_off_words(component_name: str) -> Words:
    return (f"{component_name} is kept off the agenda",
            ("You built the agenda so that this item would not be discussed.",))


def in_advance_words(event_title: str) -> Words:
    return (f"{event_title}: settled before anyone was asked",
            ("A few senior actors settled it in closed meetings before any forum or "
             "consultation took it up.",))


def side_deal_words(names: str, component_name: str) -> Words:
    return (f"{names} settle {component_name} between themselves",
            ("Two senior partners agreed in private how the change would fall on their "
             "organisations, before any forum took it up.",))


def exchange_words(what: str, name: str, met_demand: bool) -> Words:
    return (f"{what} for {name}",
            (f"A private offer to {name}" + (", meeting their demand." if met_demand
                                             else "."),))


def deal_names(case: Case, who: tuple[str, ...]) -> str:
    """The two partners of a side deal, as its title and the ledger name them."""
    return " and ".join(case.name(x) for x in who)


def in_advance_ledger(event_title: str) -> str:
    """Where the ledger says a matter decided in advance was settled."""
    return f"decided in advance: {event_title}"


def side_deal_ledger(names: str) -> str:
    """Where the ledger says a side deal's component was settled."""
    return f"side deal between {names}"


def evidence_of(case: Case, own: tuple[str, ...], missing: tuple[str, ...],
                settled: tuple[tuple[str, str], ...]) -> tuple[str, ...]:
    """An episode's evidence: its own, who was affected but absent (ids), and the
    components at issue already settled elsewhere with where (the ledger's words)."""
    why = list(own)
    if missing:
        why.append("Affected but absent: " + ", ".join(case.name(x) for x in missing) + ".")
    if settled:
        why.append("Already settled elsewhere: " + ", ".join(
            f"{component_name(case, c)} ({where})" for c, where in settled) + ".")
    return tuple(why)


def component_name(case: Case, cid: str) -> str:
    return case.scenario.plan.components[case.comp_index[cid]].name
