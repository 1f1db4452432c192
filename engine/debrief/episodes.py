"""The negotiation episodes of a game, read from its log, each with its dimensions and
Strauss's negotiation context (Waring, Bishop & Roe, Study Context and Methods).

The engine records every episode as it happens (engine.episodes), with its type, the three
dimensions of the typology, who took part, the components at issue and the evidence; each
is an `episode` event in the log. The debrief reads those events and never re-derives
them: it only describes each one's negotiation context in words (issues, negotiators,
occurrence, power, interests, visibility, options to avoid) from what was recorded.

A log written before the engine recorded episodes has no `episode` events. Its episodes
are reconstructed from its other events as the debrief always did - forum decisions;
private deals and backstage talks (grouped per stage round); agenda items kept off the
table; consultations; co-written business cases; decisions a scenario says were settled
offstage - and classified by the older rule (engine.debrief.typology.classify), and the
debrief says so in one line (RECONSTRUCTED).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from faultlines.engine import negotiation
from faultlines.engine.debrief.model import Episode
from faultlines.engine.debrief.timeline import Timeline, by_the_move, join_words, plural
from faultlines.engine.debrief.typology import OUTSIDE_MEANING, Dimensions, classify

RECONSTRUCTED = ("This log was written before the game recorded its negotiation episodes as "
                 "they happened: the episodes below are reconstructed from its other events "
                 "by the older rules, and their types may differ from what the game records "
                 "today.")

DEAL_KINDS = {"offer_funds": "resources (transitional funds)",
              "offer_role": "roles (a leadership role)",
              "backstage": "relationships (private intelligence)"}
SIGNIFICANT_SWING = 0.15


@dataclass
class _Visit:
    """What happened during one visit to a stage, up to its decision."""

    stage: str
    kept_off: list[str] = field(default_factory=list)
    agenda_moves: list[int] = field(default_factory=list)
    reconstituted: bool = False
    consults: list[tuple[int, str]] = field(default_factory=list)
    decisions: int = 0


def find_episodes(tl: Timeline) -> list[Episode]:
    """The game's episodes in the order they happened: as recorded, or for an older log
    reconstructed (see `is_recorded`)."""
    return recorded_episodes(tl) if is_recorded(tl) else reconstruct(tl)


def is_recorded(tl: Timeline) -> bool:
    """Whether the log's game recorded its episodes as they happened. A log written before
    that has no `episode` events although something happened that is always recorded now
    (a forum decision, an item kept off an agenda, a decision taken in advance); a newer
    game in which none of that happened simply had no episode yet."""
    if tl.of_kind("episode"):
        return True
    return not (tl.of_kind("decision") or any(
        e["data"].get("move_kind") == "stage_manage" for e in tl.of_kind("act")) or any(
        "decided_in_advance" in e["data"].get("effects", []) for e in tl.of_kind("scenario")))


# -- the recorded episodes ------------------------------------------------------------------
_FIELDS = {f.name for f in fields(negotiation.Episode)}


def recorded_episodes(tl: Timeline) -> list[Episode]:
    return [_from_record(tl, e) for e in tl.of_kind("episode")]


def _from_record(tl: Timeline, e: dict[str, Any]) -> Episode:
    rec = negotiation.Episode.from_dict({k: v for k, v in e["data"].items() if k in _FIELDS})
    decision = _decision_of(tl, rec) if rec.setting == "forum" else None
    evidence = list(rec.evidence)
    if rec.type is None:
        evidence.append(OUTSIDE_MEANING)
    if rec.type == "false" and rec.setting == "consultation":
        evidence += [x for x in (_exposure_after(tl, e),) if x]
    return Episode(
        setting=rec.setting, title=rec.title, stage=rec.stage, round=rec.round,
        when=f"{tl.stage_name(rec.stage)}, round {rec.round}", move=rec.move, type=rec.type,
        inclusive=rec.inclusive, planned=rec.planned, significant=rec.significant,
        components=list(rec.components), participants=list(rec.participants),
        affected=list(rec.affected), settled_elsewhere=list(rec.settled_elsewhere),
        evidence=evidence, context=_recorded_context(tl, rec, decision),
        moves=[rec.move] if tl.move(rec.move) else [])


def _decision_of(tl: Timeline, rec: negotiation.Episode) -> dict[str, Any] | None:
    """The forum decision a recorded forum episode belongs to."""
    return next((x for x in tl.by_move.get(rec.move, []) if x["kind"] == "decision"
                 and x["data"].get("stage") == rec.stage), None)


_VISIBILITY = {"forum": "overt: a formal meeting",
               "consultation": "overt: a public consultation",
               "agenda": "covert: settled when the agenda was written, before the meeting",
               "backstage": "covert: closed meetings away from any forum",
               "exchange": "covert: a private offer, one to one",
               "withheld": "unseen: the consultation that should have happened did not"}
_AVOID = {"forum": "members could abstain or stay away",
          "consultation": "people could stay away or not reply",
          "agenda": "the issue was avoided by design: it was never tabled",
          "backstage": "those not invited had no say",
          "exchange": "the person could decline the offer",
          "withheld": "the stage decided without asking anyone"}


def _recorded_context(tl: Timeline, rec: negotiation.Episode,
                      decision: dict[str, Any] | None) -> dict[str, str]:
    """Strauss's negotiation context, described from the recorded episode."""
    issues = _comp_names(tl, list(rec.components)) or "no part of the plan"
    return {"issues": issues, "negotiators": _negotiators(tl, rec),
            "occurrence": _occurrence(tl, rec, decision), "power": _power(tl, rec, decision),
            "interests": _interests(tl, rec, decision),
            "visibility": _VISIBILITY.get(rec.setting, rec.setting),
            "avoid": _AVOID.get(rec.setting, "-") + (
                "; budget holders could refuse to commit" if decision and
                tl.case.stage(rec.stage).veto else "")}


def _negotiators(tl: Timeline, rec: negotiation.Episode) -> str:
    if rec.kept_off or not rec.participants:
        return ("none: nobody was consulted" if rec.setting == "withheld" else
                "none: the item was not tabled")
    who = (tl.names(list(rec.participants)) if len(rec.participants) <= 3 else
           plural(len(rec.participants), "person", "people"))
    parts = [f"{n} {pos}" for pos in ("central", "intermediate", "marginal")
             if (n := sum(1 for p in rec.participants if _position(tl, p) == pos))]
    absent = [a for a in rec.affected if a not in rec.participants]
    return (f"{who} ({', '.join(parts)})"
            + (f"; affected but absent: {tl.names(absent)}" if absent else ""))


def _occurrence(tl: Timeline, rec: negotiation.Episode, decision: dict[str, Any] | None
                ) -> str:
    if decision is not None:
        at = tl.events.index(decision)
        attempt = sum(1 for x in tl.events[:at + 1] if x["kind"] == "decision"
                      and x["data"].get("stage") == rec.stage)
        return ("the first decision at this stage" if attempt == 1 else
                f"attempt {attempt} at this stage, linked to the earlier ones")
    if rec.setting == "backstage":
        return "one-shot, before any forum took the matter up"
    if rec.setting == "agenda":
        return "once, for this visit to the stage"
    return "one-shot"


def _power(tl: Timeline, rec: negotiation.Episode, decision: dict[str, Any] | None) -> str:
    if decision is not None:
        d = decision["data"]
        veto = tl.case.stage(rec.stage).veto
        return (f"{d['share']:.0%} of the forum's weight for, {d['opposition']:.0%} against"
                + (f"; {tl.names(list(veto))} could block" if veto else ""))
    if rec.setting in ("agenda", "withheld"):
        return "the convenor's control of the agenda and the process"
    if rec.setting == "consultation":
        return ("those consulted could not change what was already settled"
                if rec.settled_elsewhere or not rec.significant else
                "those consulted could shape the options")
    if rec.setting == "backstage":
        return "those who hold the budgets and the posts"
    return "you hold scarce inducements; they hold their support"


def _interests(tl: Timeline, rec: negotiation.Episode, decision: dict[str, Any] | None
               ) -> str:
    if not rec.components:
        return "what the offer gives one person"
    out = f"the four Rs these parts reallocate, for {plural(len(rec.affected), 'person', 'people')} affected"
    if rec.settled_elsewhere:
        out += "; settled already: " + _comp_names(tl, list(rec.settled_elsewhere))
    if decision is not None and decision["data"].get("oppose"):
        out += f"; opposed by {tl.names(list(decision['data']['oppose']))}"
    return out


def _position(tl: Timeline, sid: str) -> str:
    return tl.case.stakeholder(sid).position if sid in tl.case.index else ""


# -- older logs: episodes reconstructed from the other events ------------------------------------
def reconstruct(tl: Timeline) -> list[Episode]:
    out: list[tuple[int, int, Episode]] = []  # (move, order, episode) for sorting
    deals: dict[tuple[int, str, int], list[dict[str, Any]]] = {}
    visit = _Visit(stage="")
    visit_no = 0
    decided = False
    genuine = False
    tries: dict[str, int] = {}
    for order, e in enumerate(tl.events):
        kind, data = e["kind"], e["data"]
        if kind == "stage" and "entered" in data:
            _flush_consults(tl, visit, out, decided, genuine)
            visit, visit_no = _Visit(stage=data["entered"]), visit_no + 1
        elif kind == "act":
            mk = data.get("move_kind")
            if mk in ("stage_manage", "keep_off"):  # older logs: one move did both
                comp = data.get("params", {}).get("component", "")
                visit.kept_off.append(comp)
                visit.agenda_moves.append(e["move"])
                out.append((e["move"], order, _kept_off(tl, e, comp)))
            elif mk == "set_agenda":
                visit.agenda_moves.append(e["move"])
            elif mk == "reconstitute":
                visit.reconstituted = True
            elif mk == "consult":
                mode = data.get("params", {}).get("mode", "")
                visit.consults.append((e["move"], mode))
                genuine = genuine or mode == "genuine"
            elif mk == "co_write_case":
                out.append((e["move"], order, _business_case(tl, e)))
            elif mk in DEAL_KINDS:
                deals.setdefault((visit_no, e["stage"], e["round"]), []).append(e)
        elif kind == "scenario" and "decided_in_advance" in data.get("effects", []):
            decided = True
            out.append((e["move"], order, _offstage(tl, e)))
        elif kind == "decision":
            tries[data["stage"]] = tries.get(data["stage"], 0) + 1
            visit.decisions += 1
            out.append((e["move"], order, _forum(tl, e, visit, decided and not genuine,
                                                 tries[data["stage"]])))
            visit.consults.clear()
    _flush_consults(tl, visit, out, decided, genuine)
    for group in deals.values():
        out.append((group[0]["move"], tl.events.index(group[0]), _deal(tl, group)))
    out.sort(key=lambda t: (t[0], t[1]))
    return [ep for _, _, ep in out]


# -- one builder per kind of episode ---------------------------------------------------------
def _old(tl: Timeline, e: dict, *, setting: str, parties: list[str], kind: str,
         components: list[str] | None = None, **kw: Any) -> Episode:
    """A reconstructed episode (recorded=False) of an older log, at event e."""
    return Episode(setting=setting, stage=e["stage"], round=e["round"], when=tl.when(e),
                   move=e["move"], type=kind, participants=list(parties),
                   components=list(components or []), affected=[], settled_elsewhere=[],
                   recorded=False, **kw)


def _forum(tl: Timeline, e: dict, visit: _Visit, decided: bool, attempt: int) -> Episode:
    d = e["data"]
    stage = tl.case.stage(d["stage"])
    after = [x for x in tl.by_move.get(e["move"], []) if tl.events.index(x) > tl.events.index(e)]
    followed = {x["kind"] for x in after}
    reopened = any("reopened" in x["data"] for x in after if x["kind"] == "stage")
    significant = d["result"] != "failed" or bool({"hiatus", "outcome"} & followed) or reopened
    members = d["support"] + d["abstain"] + d["oppose"]
    marginal = [s for s in members if s in tl.case.index
                and tl.case.stakeholder(s).position == "marginal"]
    consult_modes = [m for _, m in visit.consults]
    false_here = stage.kind == "consultation" and ("announce" in consult_modes or (
        decided and "genuine" not in consult_modes))
    if visit.kept_off:
        significant = False
    dims = Dimensions(inclusive=bool(d.get("inclusive")) or visit.reconstituted, planned=True,
                      significant=significant, decided_beforehand=false_here,
                      agenda_set=bool(visit.kept_off))
    words = {"passed": "agreed", "failed": "did not agree", "blocked": "was blocked",
             "standoff": "was stuck in a stand-off"}[d["result"]]
    ev = [f"A scheduled decision of the {stage.name} (planned); it {words} with "
          f"{d['share']:.0%} of its weight in support (it needed {d['needed']:.0%})."]
    if marginal:
        ev.append(f"Marginal groups had a vote: {tl.names(marginal)} (inclusive).")
    else:
        ev.append("No marginal group sat in the forum (exclusive).")
    if visit.reconstituted:
        ev.append("You had widened the committee to marginal groups beforehand.")
    if visit.kept_off:
        ev.append(f"You set its agenda and kept {_comp_names(tl, visit.kept_off)} off it, so "
                  "its agreement did not settle that (limited impact).")
    if d["blockers"]:
        ev.append(f"{tl.names(d['blockers'])} held what the plan needed and blocked it.")
    if "hiatus" in followed:
        ev.append("The failure sent the work into a hiatus (significant).")
    if reopened:
        ev.append("The failure re-opened an earlier stage (significant).")
    if d["result"] == "failed" and not significant and not visit.kept_off:
        ev.append("The forum asked for another round and nothing was settled (limited impact): "
                  "a routine scheduled meeting whose bounds were set by the timetable, which "
                  "the typology counts as stage-managed even though you did not set its "
                  "agenda.")
    for move, mode in visit.consults:
        ev.append(f"Move {move + 1}: you ran the consultation as "
                  + ("genuine co-design." if mode == "genuine" else
                     "an announcement of a plan already decided."))
    if false_here and decided and "announce" not in consult_modes:
        ev.append("The decision had been taken before the consultation, and no genuine "
                  "co-design reopened it (false).")
    exposure = _exposure_after(tl, e)
    if false_here and exposure:
        ev.append(exposure)
    opp = list(d["oppose"])
    ctx = {
        "issues": _comp_names(tl, [c for c in tl.case.components if c not in visit.kept_off])
        or "the plan as a whole",
        "negotiators": f"{len(members)} forum members" + (f", {len(marginal)} of them marginal"
                                                          if marginal else ""),
        "occurrence": "first decision at this stage" if attempt == 1 else
        f"attempt {attempt} at this stage (repeated, linked to the earlier ones)",
        "power": f"{d['share']:.0%} of weight for, {d['opposition']:.0%} against"
        + (f"; {_names(tl, stage.veto)} could block" if stage.veto else ""),
        "interests": "the four Rs the components reallocate"
        + (f"; opposed by {tl.names(opp)}" if opp else ""),
        "visibility": "overt: a formal meeting",
        "avoid": "members could abstain" + ("; budget holders could refuse to commit"
                                            if stage.veto else ""),
    }
    setting = "consultation" if stage.kind == "consultation" else "forum"
    return _old(tl, e, setting=setting, title=f"{stage.name}: decision", kind=classify(dims),
                inclusive=dims.inclusive, planned=True, significant=dims.significant,
                parties=members, evidence=ev, context=ctx,
                components=[c for c in tl.case.components if c not in visit.kept_off],
                moves=[e["move"]] + [m for m, _ in visit.consults] + visit.agenda_moves)


def _flush_consults(tl: Timeline, visit: _Visit, out: list, decided: bool,
                    genuine: bool) -> None:
    """A consultation the game ended before any decision followed is its own episode."""
    for move, mode in visit.consults:
        act = next(x for x in tl.by_move[move] if x["kind"] == "act")
        is_false = mode == "announce" or (decided and not genuine)
        dims = Dimensions(inclusive=True, planned=True, significant=mode == "genuine",
                          decided_beforehand=is_false)
        ev = ["You published the plan with a survey; the decision was in truth already made."
              if mode == "announce" else "You opened the plan to co-design before deciding."]
        exposure = _exposure_after(tl, act)
        if exposure:
            ev.append(exposure)
        out.append((move, tl.events.index(act), _old(
            tl, act, setting="consultation", title="Consultation", kind=classify(dims),
            inclusive=True, planned=True, significant=dims.significant, parties=[],
            components=list(tl.case.components), evidence=ev, moves=[move], context={
                "issues": "the plan as decided" if is_false else "the plan's options",
                "negotiators": "the public, GPs and partners",
                "occurrence": "one-shot", "power": "those consulted cannot change the decision"
                if is_false else "those consulted shape the options",
                "interests": "inclusion and governance", "visibility": "overt",
                "avoid": "people could stay away"})))
    visit.consults.clear()


def _kept_off(tl: Timeline, e: dict, comp: str) -> Episode:
    c = tl.case.comp_index.get(comp)
    stakes = tl.case.stakes[:, c] if c is not None else []
    big = [tl.case.ids[i] for i, x in enumerate(stakes) if abs(x) >= 0.3]
    dims = Dimensions(inclusive=False, planned=True, significant=bool(big), kept_off=True)
    name = _comp_names(tl, [comp])
    ev = [f"Move {e['move'] + 1}: you built the {tl.stage_name(e['stage'])}'s agenda around "
          f"shared concerns and kept {name} off it."]
    if big:
        ev.append(f"It mattered most to {tl.names(big)}: an issue held back as too "
                  "significant to open up.")
    else:
        ev.append("Nobody had a large stake in it: an issue held back as not worth the time.")
    return _old(tl, e, setting="agenda", title=f"{name} kept off the agenda",
                kind=classify(dims), inclusive=False, planned=True,
                significant=dims.significant, parties=big, evidence=ev, moves=[e["move"]],
                components=[comp], context={"issues": name, "negotiators": "none: the item was not tabled",
                            "occurrence": "one stage", "power": "the convenor's control of "
                            "the agenda", "interests": f"the four Rs that {name} reallocates",
                            "visibility": "covert: decided before the meeting",
                            "avoid": "the issue was avoided by design"})


def _deal(tl: Timeline, group: list[dict]) -> Episode:
    parties: list[str] = []
    moves = []
    for a in group:
        t = a["data"].get("params", {}).get("target")
        if t and t not in parties:
            parties.append(t)
        moves.append(a["move"])
    swing, crossed, lines = 0.0, [], []
    support_at = tl.case.scenario.rules.support_at
    for s in tl.of_kind("shift"):
        # what the deal itself did: not a scenario event that followed it as the month turned
        if s["move"] in moves and s["data"]["target"] in parties and by_the_move(s):
            d = s["data"]
            swing += abs(d["after"] - d["before"])
            if d["before"] < support_at <= d["after"]:
                crossed.append(d["target"])
            lines.append(f"{tl.name(d['target'])} {d['before']:+.2f} \u2192 {d['after']:+.2f}")
    significant = swing >= SIGNIFICANT_SWING or bool(crossed)
    dims = Dimensions(inclusive=False, planned=False, significant=significant)
    kinds = sorted({a["data"]["move_kind"] for a in group})
    first = group[0]
    labels = [tl.move(m).text for m in moves if tl.move(m)]
    ev = [f"Private, one-to-one dealings with {tl.names(parties)} outside any forum "
          "(exclusive, organic): " + "; ".join(labels) + "."]
    if lines:
        ev.append("Stances moved: " + "; ".join(lines) + ".")
    if crossed:
        ev.append(f"{tl.names(crossed)} crossed into support (significant).")
    elif not significant:
        ev.append("Little changed in the room as a result (limited impact).")
    losers = sorted({x for a in group for y in tl.by_move.get(a["move"], [])
                     if y["kind"] == "move" for x in y["data"].get("new_losers", []) or []})
    if losers:
        ev.append(f"{tl.names(losers)} noticed who was favoured.")
    title = ("Backstage talks" if kinds == ["backstage"] else "Private deal") + \
        f" with {tl.names(parties)}"
    return _old(tl, first, setting="exchange", title=title, kind=classify(dims),
                inclusive=False, planned=False, significant=significant, parties=parties,
                evidence=ev, moves=moves, context={
                       "issues": "what each party stood to lose",
                       "negotiators": "you and " + plural(len(parties), "senior partner"),
                       "occurrence": "linked bilateral deals" if len(group) > 1 else "one-shot",
                       "power": "you hold scarce inducements; they hold their support",
                       "interests": join_words([DEAL_KINDS[k] for k in kinds]),
                       "visibility": "covert: backstage", "avoid": "the party could decline"})


def _business_case(tl: Timeline, e: dict) -> Episode:
    p = e["data"].get("params", {})
    parties = [x for x in (p.get("target"), p.get("other")) if x]
    dims = Dimensions(inclusive=True, planned=True, significant=True)
    return _old(tl, e, setting="forum", title="Co-written business case",
                kind=classify(dims), inclusive=True, planned=True, significant=True,
                parties=parties, moves=[e["move"]], evidence=[
                       f"You asked {tl.names(parties)} to write the case for change together "
                       "and put it to the group (planned, inclusive).",
                       "It broke a stand-off in which nobody would invest first "
                       "(significant)."],
                   context={"issues": "who invests or disinvests first",
                            "negotiators": "the parties to the stand-off and the committee",
                            "occurrence": "repeated meetings that had gone in circles",
                            "power": "no party could move alone",
                            "interests": "resources and responsibilities",
                            "visibility": "overt: put to the group", "avoid": "-"})


def _offstage(tl: Timeline, e: dict) -> Episode:
    ev_def = next((x for x in tl.case.scenario.events if x.id == e["data"].get("event")), None)
    title = ev_def.title if ev_def else "Decided in advance"
    dims = Dimensions(inclusive=False, planned=False, significant=True)
    comp = next((f.component for f in (ev_def.effects if ev_def else [])
                 if f.kind == "decided_in_advance" and f.component), None)
    return _old(tl, e, setting="backstage", title=title, kind=classify(dims),
                inclusive=False, planned=False, significant=True, parties=[], moves=[],
                components=[comp] if comp else list(tl.case.components), evidence=[
                       "A scenario event: senior partners settled this in private before "
                       "anyone else was asked (not your move).",
                       ev_def.text if ev_def else e["text"]],
                   context={"issues": "a major structural change",
                            "negotiators": "a few senior leaders", "occurrence": "one-shot",
                            "power": "those who hold the budgets",
                            "interests": "resources and responsibilities",
                            "visibility": "covert", "avoid": "others were not asked"})


# -- helpers -----------------------------------------------------------------------------------
def _exposure_after(tl: Timeline, e: dict) -> str:
    """The public exposure of a false consultation, if it happened (it may come first)."""
    for x in tl.events:
        if x["kind"] == "exposure":
            return f"It was exposed in public ({tl.when(x)}) as a rubber stamp."
    return ""


def _comp_names(tl: Timeline, comps: list[str]) -> str:
    names = []
    for c in comps:
        if c in tl.case.comp_index:
            names.append(tl.case.scenario.plan.components[tl.case.comp_index[c]].name)
        elif c:
            names.append(c)
    return join_words(names)


def _names(tl: Timeline, sids: list[str]) -> str:
    return tl.names(list(sids))
