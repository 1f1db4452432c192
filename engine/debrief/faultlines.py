"""The three fault-lines (Waring et al. 2023, Findings): what the player did on each and
what it changed.

What the player did: moves counted by family, each family mapped to the fault-line it
mainly works on (`engine.domain.FAMILY_FAULT_LINE`). What it changed: the stance
contributions recorded in shift events, each contribution assigned to one fault-line:

- meaning and values: values (the plan as framed to them), vision, evidence
- winners and losers: stake (the four Rs), compensation, demand (unmet demands)
- power and influence: allies, pressure, grievance, agenda, trust

The mapping is ours (see docs/debrief.md): trust and grievance sit on power because they
measure the director's standing with each partner and who has been crossed, the agenda
and public scrutiny because they are exercises of position rather than persuasion.
"""

from __future__ import annotations

from collections import Counter

from faultlines.engine.debrief.model import FaultLine
from faultlines.engine.debrief.timeline import (
    Timeline,
    by_the_move,
    event_title,
    join_words,
    plural,
)
from faultlines.engine.domain import FAMILY_FAULT_LINE, FAMILY_NAMES, FAULT_LINE_NAMES, FAULT_LINES

CONTRIBUTION_FAULT_LINE = {
    "values": "meaning", "vision": "meaning", "evidence": "meaning",
    "stake": "winners", "compensation": "winners", "demand": "winners",
    "allies": "power", "pressure": "power", "grievance": "power", "agenda": "power",
    "trust": "power", "lobbying": "power",
}


def move_mix(tl: Timeline) -> dict[str, int]:
    """Moves per family, in the domain's family order (ending rounds left out)."""
    counts = Counter(m.family for m in tl.moves if m.family != "time")
    return {f: counts[f] for f in FAMILY_NAMES if f != "time" and counts[f]}


def family_matrix(tl: Timeline) -> dict[str, dict[str, float]]:
    """Net stance change each family of move caused on each fault-line."""
    out: dict[str, dict[str, float]] = {}
    for e in tl.of_kind("shift"):
        ref = tl.move(e["move"])
        # what followed a move as the month turned is the calendar's, not the move's family
        fam = ref.family if ref and by_the_move(e) else "time"
        row = out.setdefault(fam, {fl: 0.0 for fl in FAULT_LINES})
        for k, v in e["data"].get("why", {}).items():
            row[CONTRIBUTION_FAULT_LINE.get(k, "power")] += float(v)
    return out


def build_fault_lines(tl: Timeline) -> list[FaultLine]:
    mix = move_mix(tl)
    sums = {fl: Counter() for fl in FAULT_LINES}
    gained = dict.fromkeys(FAULT_LINES, 0.0)
    lost = dict.fromkeys(FAULT_LINES, 0.0)
    for e in tl.of_kind("shift"):
        for k, v in e["data"].get("why", {}).items():
            fl = CONTRIBUTION_FAULT_LINE.get(k, "power")
            sums[fl][k] += float(v)
            if v > 0:
                gained[fl] += float(v)
            else:
                lost[fl] += float(v)
    out = []
    for fl in FAULT_LINES:
        fams = {f: n for f, n in mix.items() if FAMILY_FAULT_LINE.get(f) == fl}
        out.append(FaultLine(
            id=fl, name=FAULT_LINE_NAMES[fl], moves=sum(fams.values()), by_family=fams,
            contributions={k: round(v, 4) for k, v in sums[fl].most_common()},
            gained=round(gained[fl], 4), lost=round(lost[fl], 4),
            notes=_notes(tl, fl)))
    return out


def _notes(tl: Timeline, fl: str) -> list[str]:
    """The episodes the log records that belong to this fault-line, in words."""
    notes: list[str] = []
    moves = tl.moves
    if fl == "meaning":
        heard = sorted({m.params["target"] for m in moves if m.kind == "one_to_one"})
        if heard:
            notes.append(f"You listened one to one to {len(heard)} of {tl.case.n} "
                         "stakeholders before or while framing.")
        misfires = [e for e in tl.of_kind("move") if e["data"].get("misfire")]
        if misfires:
            notes.append(f"{plural(len(misfires), 'tailored frame')} misjudged what mattered to "
                         "someone you had not listened to enough.")
        vis = sum(1 for m in moves if m.kind == "big_picture")
        res = tl.of_kind("resurface")
        if vis:
            notes.append(f"You appealed to the big picture {plural(vis, 'time')}"
                         + (f"; the differences it covered resurfaced {plural(len(res), 'time')}"
                            " at later stages." if res else "; nothing resurfaced."))
        ev = sum(1 for m in moves if m.kind == "evidence_case")
        if ev:
            notes.append(f"You commissioned {plural(ev, 'evidence or business case')}.")
    elif fl == "winners":
        losers: Counter = Counter()
        for e in tl.of_kind("move"):
            for sid in e["data"].get("new_losers", []) or []:
                losers[sid] += 1
        if losers:
            notes.append("Compensation created new losers: " + join_words(
                [f"{tl.name(s)} ({n}x)" if n > 1 else tl.name(s) for s, n in losers.items()])
                + ".")
        wrong = [e for e in tl.of_kind("move") if e["data"].get("misplaced")]
        if wrong:
            notes.append("Offers paid in the wrong kind (the loss lay in other Rs, so they "
                         "bought little): " + join_words(
                             [f"{_offer_name(tl, e)} for {tl.name(e['data']['target'])}"
                              for e in wrong]) + ".")
        amended = [m for m in moves if m.kind == "amend_plan"]
        if amended:
            amb = tl.log.get("final", {}).get("ambition") or []
            mean = sum(amb) / len(amb) if amb else 1.0
            notes.append(f"You scaled back the plan {plural(len(amended), 'time')}; {mean:.0%} of its "
                         "ambition was left at the end.")
        for e in tl.of_kind("scenario"):
            if "demand" in e["data"].get("effects", []):
                met = _demand_met(tl, e["data"]["event"])
                notes.append(f"Demand raised ({tl.when(e)}): {event_title(tl, e)} - "
                             + ("met." if met else "never met."))
    else:
        ch = [e for e in tl.of_kind("move") if _act_kind(tl, e) == "challenge"]
        weak = [e for e in ch if e["data"].get("success") is False and "allies" in e["data"]]
        ally = [e for e in ch if e["data"].get("success") is False and "allies" not in e["data"]]
        if ch:
            notes.append(f"You challenged in public {plural(len(ch), 'time')}: "
                         f"{len(weak)} backfired for lack of standing, {len(ally)} targeted "
                         "someone who already supported the plan.")
        for e in tl.of_kind("move"):
            if _act_kind(tl, e) == "build_coalition" and e["data"].get("success"):
                notes.append("A coalition of marginal groups formed: "
                             + tl.names(e["data"].get("members", [])) + ".")
        for e in tl.of_kind("decision"):
            if e["data"].get("outweighed"):
                notes.append(f"At the {tl.case.stage(e['data']['stage']).name} "
                             f"({tl.when(e)}), the coalition outweighed "
                             f"{tl.names(e['data']['outweighed'])}, who would otherwise have "
                             "blocked it.")
        champs = [e["data"]["target"] for e in tl.of_kind("move")
                  if _act_kind(tl, e) == "recruit_champion" and e["data"].get("success")]
        if champs:
            notes.append("Champions recruited: " + tl.names(champs) + ".")
        if any(m.kind == "air_cover" for m in moves):
            notes.append("You secured the Board's air cover.")
        kept = [m for m in moves if m.kind in ("keep_off", "stage_manage")]
        if kept:
            notes.append(f"You set the agenda {plural(len(kept), 'time')}, keeping a component "
                         "off it.")
        if any(m.kind == "reconstitute" for m in moves):
            notes.append("You widened the committee to marginal groups.")
    return notes


def _offer_name(tl: Timeline, e: dict) -> str:
    return {"offer_funds": "transitional funds", "offer_role": "a leadership role"}.get(
        _act_kind(tl, e), "an offer")


def _act_kind(tl: Timeline, e: dict) -> str:
    ref = tl.move(e["move"])
    return ref.kind if ref else ""


def _demand_met(tl: Timeline, event_id: str) -> bool:
    """A demand is met by a move of the kind it requires for its beneficiary, made before
    or after it was raised (the engine counts both, see engine.scripted)."""
    ev = next((x for x in tl.case.scenario.events if x.id == event_id), None)
    if ev is None:
        return False
    for eff in ev.effects:
        if eff.kind != "demand":
            continue
        want = {"consult_genuine": ("consult", "genuine")}.get(eff.requires or "",
                                                              (eff.requires, None))
        for m in tl.moves:
            if m.kind != want[0]:
                continue
            if want[1] and m.params.get("mode") != want[1]:
                continue
            if eff.beneficiary and m.params.get("target") not in (eff.beneficiary, None):
                continue
            return True
    return False
