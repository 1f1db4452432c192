"""The chain of causes: the events that decided the outcome, in order, each with its
reasons - decisions (and who blocked or opposed, and why), hiatuses, exposures,
differences resurfacing, stages re-opened, scenario episodes and the key moves."""

from __future__ import annotations

from faultlines.engine.debrief.model import Cause, TurningPoint
from faultlines.engine.debrief.timeline import Timeline, contribution, join_words
from faultlines.engine.debrief.trace import Trace
from faultlines.engine.domain import OUTCOME_NAMES

KEY_MOVES = 3


def chain(tl: Timeline, tr: Trace, turning: list[TurningPoint]) -> list[Cause]:
    out: list[Cause] = []
    key = {t.move.index for t in turning[:KEY_MOVES]}
    decision_no = 0
    visions: list[int] = []
    for e in tl.events:
        k, d, when = e["kind"], e["data"], tl.when(e)
        ref = tl.move(e["move"])
        if k == "act" and d.get("move_kind") == "big_picture":
            visions.append(e["move"])
        if k == "scenario":
            out.append(Cause(kind="scenario", when=when, text=e["text"], move=e["move"],
                             because=_effect_notes(tl, d.get("event"))))
        elif k == "decision":
            because = _decision_reasons(tl, d, tr, decision_no)
            decision_no += 1
            out.append(Cause(kind="decision", when=when, text=e["text"], because=because,
                             move=e["move"]))
        elif k == "hiatus":
            out.append(Cause(kind="hiatus", when=when, text=e["text"], move=e["move"]))
        elif k == "stage" and "reopened" in d:
            out.append(Cause(kind="reopen", when=when, text=e["text"], move=e["move"],
                             because=["A downstream dispute re-opened a settled stage "
                                      "(Waring et al. 2023, Findings)."]))
        elif k == "resurface":
            why = [f"You had appealed to the big picture (move "
                   f"{join_words([str(v + 1) for v in visions])})."] if visions else []
            out.append(Cause(kind="resurface", when=when, text=e["text"], move=e["move"],
                             because=why + ["Those whose values differ from the plan find the "
                                            "detail is not what the vision promised."]))
        elif k == "exposure":
            out.append(Cause(kind="exposure", when=when, text=e["text"], move=e["move"],
                             because=["The consultation was run after the decision had been "
                                      "taken; those consulted said so in public, and your "
                                      "credibility fell."]))
        elif k == "move" and ref is not None:
            cause = _key_move(tl, e, ref, key)
            if cause:
                out.append(cause)
        elif k == "outcome":
            name = OUTCOME_NAMES.get(d.get("outcome", ""), d.get("outcome", ""))
            out.append(Cause(kind="outcome", when=when, text=name, move=e["move"],
                             because=list(tl.log.get("outcome_reasons", []))))
    return out


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


def _decision_reasons(tl: Timeline, d: dict, tr: Trace, n: int) -> list[str]:
    out = []
    if d["support"]:
        out.append(f"For: {tl.names(d['support'])}.")
    if d["oppose"]:
        out.append(f"Against: {tl.names(d['oppose'])}.")
    if d["abstain"]:
        out.append(f"Undecided: {tl.names(d['abstain'])}.")
    if d["blockers"]:
        out.append(f"Blocked by {tl.names(d['blockers'])}, who hold what the plan needs.")
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
