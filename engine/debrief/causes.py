"""The chain of causes: the events that decided the outcome, in order, each with its
reasons - decisions (and who blocked or opposed, and why), hiatuses, exposures,
differences resurfacing, stages re-opened, scenario episodes (with the stance swings they
caused), what stakeholders did of their own accord that mattered, and the key moves - and
the few links that most changed the game's course."""

from __future__ import annotations

from collections.abc import Callable

from faultlines.engine.debrief.model import Cause, EventSwing, TurningPoint
from faultlines.engine.debrief.timeline import Timeline, contribution, join_words
from faultlines.engine.debrief.trace import Trace
from faultlines.engine.domain import OUTCOME_NAMES

KEY_MOVES = 3
KEY_CAUSES = 3
SWING_EFFECTS = 3  # people named when an event's swing is told


def chain(tl: Timeline, tr: Trace, turning: list[TurningPoint],
          swings: list[EventSwing] | None = None) -> list[Cause]:
    """Every link, in order. `swings` (all of them, see turning.event_swings) are told with
    the scenario event, else the exposure or resurfacing, of the month they followed."""
    out: list[Cause] = []
    key = {t.move.index for t in turning[:KEY_MOVES]}
    untold = _tellers(tl, swings or [])
    decision_no = 0
    visions: list[int] = []
    threats: dict[str, str] = {}  # who threatened to withdraw what, so far
    for at, e in enumerate(tl.events):
        k, d, when = e["kind"], e["data"], tl.when(e)
        ref = tl.move(e["move"])
        if k == "act" and d.get("move_kind") == "big_picture":
            visions.append(e["move"])
        if k == "scenario":
            out.append(_with_swing(Cause(kind="scenario", when=when, text=e["text"],
                                         move=e["move"],
                                         because=_effect_notes(tl, d.get("event"))), at, untold))
        elif k == "action":
            if d["action"] == "threaten_withdrawal":
                threats[d["actor"]] = d.get("effects", {}).get("threat", "a resource")
            cause = _action(tl, e)
            if cause is not None:
                out.append(cause)
        elif k == "decision":
            because = _decision_reasons(tl, d, tr, decision_no, threats)
            decision_no += 1
            out.append(Cause(kind="decision", when=when, text=e["text"], because=because,
                             move=e["move"], result=d.get("result", "")))
        elif k == "hiatus":
            out.append(Cause(kind="hiatus", when=when, text=e["text"], move=e["move"]))
        elif k == "stage" and "reopened" in d:
            out.append(Cause(kind="reopen", when=when, text=e["text"], move=e["move"],
                             because=["A downstream dispute re-opened a settled stage "
                                      "(Waring et al. 2023, Findings)."]))
        elif k == "resurface":
            why = [f"You had appealed to the big picture (move "
                   f"{join_words([str(v + 1) for v in visions])})."] if visions else []
            out.append(_with_swing(Cause(
                kind="resurface", when=when, text=e["text"], move=e["move"],
                because=why + ["Those whose values differ from the plan find the detail is "
                               "not what the vision promised."]), at, untold))
        elif k == "exposure":
            out.append(_with_swing(Cause(
                kind="exposure", when=when, text=e["text"], move=e["move"],
                because=["The consultation was run after the decision had been taken; those "
                         "consulted said so in public, and your credibility fell."]), at, untold))
        elif k == "move" and ref is not None:
            cause = _key_move(tl, e, ref, key)
            if cause:
                out.append(cause)
        elif k == "outcome":
            name = OUTCOME_NAMES.get(d.get("outcome", ""), d.get("outcome", ""))
            out.append(Cause(kind="outcome", when=when, text=name, move=e["move"],
                             because=list(tl.log.get("outcome_reasons", []))))
    return out


#: Actions that matter whatever they moved: they settle, block, delay, bind or raise the bar.
_MATERIAL = ("side_deal", "threaten_withdrawal", "demand", "delay", "refer_to_scrutiny")
_ACTION_NOTES = {
    "side_deal": "Settled backstage between them: a later forum on it only ratifies what was "
                 "agreed, a false negotiation (Waring, Bishop & Roe, Discussion).",
    "threaten_withdrawal": "Until won round, they could block the stage's decision like a "
                           "holder of a veto.",
    "demand": "Their support was withheld until the concession was made.",
    "delay": "The decision moved back a month, and the calendar with it.",
    "refer_to_scrutiny": "A formal route: the director had to justify the process in public.",
}


def _action(tl: Timeline, e: dict) -> Cause | None:
    """A stakeholder's own action, if it changed something that mattered: who it moved, what
    it cost you, and the channel it went through (the debrief shows backstage ones too)."""
    d = e["data"]
    eff = d.get("effects", {})
    moved = eff.get("support", {})
    swing = round(sum(abs(v) for v in moved.values()), 4)
    cost = eff.get("credibility", 0.0)
    if swing < SWING_AT and cost > -COST_AT and d["action"] not in _MATERIAL:
        return None
    who = [d["actor"], *([eff["partner"]] if "partner" in eff else [])]
    if d["action"] == "demand":
        channel = "Put to you in private."
    elif d.get("public"):
        channel = ("In public, through a formal route." if d.get("channel") == "formal" else
                   "In the open, at the forum.")
    else:
        channel = ("Behind the scenes: you could have learned of it only through intelligence "
                   f"on {' or '.join(tl.name(x) for x in who)} (cultivating them backstage, "
                   "or listening).")
    because = [channel]
    if d["action"] in _ACTION_NOTES:
        because.append(_ACTION_NOTES[d["action"]])
    if moved:
        because.append("Moved: " + "; ".join(f"{tl.name(x)} {v:+.2f}" for x, v in
                                             sorted(moved.items(), key=lambda kv: kv[1])) + ".")
    if cost < 0:
        because.append(f"Your credibility {cost:+.2f}.")
    return Cause(kind="action", when=tl.when(e), text=e["text"], move=e["move"],
                 because=because, swing=swing)


SWING_AT = 0.04  # an action that moved people this much in all is a link in the chain
COST_AT = 0.02  # ...or one that cost you this much credibility


def _tellers(tl: Timeline, swings: list[EventSwing]) -> dict[int, tuple[int, EventSwing]]:
    """For each month's swing, the event that tells it (by its place in the log): the
    month's first scenario event, else its exposure, else its resurfacing."""
    out: dict[int, tuple[int, EventSwing]] = {}
    for s in swings:
        happened = [(i, e) for i, e in enumerate(tl.events) if e["move"] == s.move]
        for kind in ("scenario", "exposure", "resurface"):
            first = next((i for i, e in happened if e["kind"] == kind), None)
            if first is not None:
                out[s.move] = (first, s)
                break
    return out


def _with_swing(cause: Cause, at: int, tellers: dict[int, tuple[int, EventSwing]]) -> Cause:
    """The cause (the log's event number `at`) with the stance swing of its month, if it
    is the event that tells it."""
    told, s = tellers.get(cause.move, (-1, None))
    if s is None or told != at:
        return cause
    line = (f"Stances moved {s.swing:.2f} in all as this month turned ({s.source}): "
            + "; ".join(s.effects[:SWING_EFFECTS]) + ".")
    return Cause(kind=cause.kind, when=cause.when, text=cause.text, move=cause.move,
                 because=[*cause.because, line], swing=s.swing)


#: What most changes a game's course, in the order the key links are picked from: a
#: change of course (hiatus, exposure, re-opened stage), a forum that did not agree, the
#: event that moved stances most; a game without setbacks is told by its decisions.
_KEY_GROUPS: tuple[tuple[Callable[[Cause], bool], Callable[[int, Cause], tuple]], ...] = (
    (lambda c: c.kind in ("hiatus", "exposure", "reopen"), lambda i, c: (i,)),
    (lambda c: c.kind == "decision" and c.result not in ("", "passed"),
     lambda i, c: (c.result in ("blocked", "standoff"), i)),
    (lambda c: c.kind in ("scenario", "resurface", "exposure", "action") and c.swing > 0,
     lambda i, c: (c.swing, i)),
    (lambda c: c.kind == "decision", lambda i, c: (i,)),
)


def key_causes(causes: list[Cause], top: int = KEY_CAUSES) -> list[Cause]:
    """The few links that most changed the game's course, in the chain's order: one from
    each kind of turn in turn (the latest change of course, the most serious failed
    decision, the event with the largest swing), so a short summary tells different things."""
    ranked = [sorted((i for i, c in enumerate(causes) if wanted(c)),
                     key=lambda i, rank=rank: rank(i, causes[i]), reverse=True)
              for wanted, rank in _KEY_GROUPS]
    picked: list[int] = []
    while len(picked) < top and any(ranked):
        for group in ranked:
            while group and group[0] in picked:
                group.pop(0)
            if group and len(picked) < top:
                picked.append(group.pop(0))
    return [causes[i] for i in sorted(picked)]


def _key_move(tl: Timeline, e: dict, ref, key: set[int]) -> Cause | None:
    d = e["data"]
    text = f"Move {ref.index + 1}: {ref.text}. {e['text']}"
    if ref.kind == "challenge" and d.get("success") is False:
        why = ("A challenge without enough standing backfires, and the target's allies "
               "close ranks (Waring et al. 2023, Findings: power and influence)."
               if "allies" in d else "They already supported the plan: singling out an ally "
               "for scrutiny costs trust and credibility.")
        return Cause(kind="move", when=ref.when, text=text, move=ref.index, because=[why])
    if ref.kind == "build_coalition" and d.get("success"):
        return Cause(kind="move", when=ref.when, text=text, move=ref.index,
                     because=["Marginal groups together count for more in a vote."])
    if ref.kind == "consult":
        return Cause(kind="move", when=ref.when, text=text, move=ref.index)
    if ref.index in key:
        return Cause(kind="move", when=ref.when, text=text, move=ref.index,
                     because=["One of the game's turning points (see below)."])
    return None


def _effect_notes(tl: Timeline, event_id: str | None) -> list[str]:
    ev = next((x for x in tl.case.scenario.events if x.id == event_id), None)
    if ev is None:
        return []
    notes = []
    for eff in ev.effects:
        who = tl.names(list(eff.targets)) if eff.targets else ""
        what = {"grievance": "grievance", "trust": "trust in you", "credibility":
                "your credibility", "calendar": "the calendar", "stake": "what is at stake",
                "demand": "a demand", "standoff": "a stand-off",
                "decided_in_advance": "a decision taken in advance"}[eff.kind]
        line = f"Effect: {what}" + (f" ({who})" if who else "")
        if eff.note and eff.note != "-":
            line += f" - {eff.note}"
        notes.append(line)
    return notes


def _decision_reasons(tl: Timeline, d: dict, tr: Trace, n: int,
                      threats: dict[str, str] | None = None) -> list[str]:
    out = []
    if d["support"]:
        out.append(f"For: {tl.names(d['support'])}.")
    if d["oppose"]:
        out.append(f"Against: {tl.names(d['oppose'])}.")
    if d["abstain"]:
        out.append(f"Undecided: {tl.names(d['abstain'])}.")
    if d["blockers"]:
        out.append(f"Blocked by {tl.names(d['blockers'])}, who hold what the plan needs.")
        for sid in d["blockers"]:
            if sid in (threats or {}):
                out.append(f"{tl.name(sid)} had threatened, behind the scenes, to withdraw "
                           f"{threats[sid]}.")
    if d.get("outweighed"):
        out.append(f"{tl.names(d['outweighed'])} would have blocked it, but the coalition of "
                   "marginal groups together outweighed them.")
    if d["result"] == "standoff":
        out.append("An unresolved stand-off: nobody would invest before the others did.")
    if tr.ok and n < len(tr.decisions):
        st = tr.decisions[n]
        for sid in (d["blockers"] or d["oppose"])[:3]:
            i = tl.case.index[sid]
            neg = [(k, v) for k, v in st.explain(i) if v < -0.02][:2]
            if neg:
                out.append(f"{tl.name(sid)} was held back by "
                           + " and ".join(f"{contribution(k)} ({v:+.2f})" for k, v in neg)
                           + ".")
    return out
