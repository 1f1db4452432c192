"""The stakeholder card: who they are, what you know of them, and WHY their stance is
what it is, as the named contributions the engine reports (hidden ones say "unknown -
listen to learn"). This card is where most of the game's teaching happens."""

from __future__ import annotations

from typing import TYPE_CHECKING

from faultlines.engine.domain import CONTRIBUTIONS, RS, VALUE_AXES
from faultlines.engine.view import PersonView, PlayerView
from faultlines.game.palette import MUTED, SECTOR_NAME, Palette, hexs
from faultlines.game.text import esc, signed, stance_phrase

AXIS_ENDS = {
    "care": ("cure and treatment", "prevention and wellbeing"),
    "integration": ("managing demand on hospitals", "collaboration between agencies"),
    "system": ("a set of services", "a place and its communities"),
}
AXIS_NAMES = {"care": "Care", "integration": "Integration", "system": "The system"}
UNKNOWN = "unknown \u2014 listen to learn"

if TYPE_CHECKING:
    from faultlines.engine.case import Case


def lean(x: float, ends: tuple[str, str]) -> str:
    side = ends[1] if x > 0 else ends[0]
    if abs(x) < 0.15:
        return "in between"
    return ("strongly " if abs(x) >= 0.5 else "leans to ") + side


def person_card(case: Case, view: PlayerView, sid: str, pal: Palette, *,
                revealed: bool = False) -> str:
    """The card of one person in `view` (the table and the replay show the same card)."""
    rel = []
    for r in case.scenario.relationships:
        if sid in (r.a, r.b):
            other = r.b if r.a == sid else r.a
            rel.append((r.kind, case.name(other), r.note))
    return card_html(view.person(sid), view, pal=pal,
                     plan_values=case.scenario.plan.values.model_dump(),
                     component_names={c["id"]: c["name"] for c in view.components},
                     relations=rel, revealed=revealed)


def card_html(p: PersonView, view: PlayerView, *, pal: Palette, plan_values: dict[str, float],
              component_names: dict[str, str], relations: list[tuple[str, str, str]],
              revealed: bool = False) -> str:
    """`relations`: (kind, other person's name, note) for this person's relationships;
    `revealed`: the view shows the true stance (a debrief), not the player's estimate."""
    muted = hexs(MUTED)
    sup, opp = hexs(pal.support), hexs(pal.oppose)
    grp = pal.group(p.sector)
    out: list[str] = []
    sector = SECTOR_NAME.get(p.sector, p.sector)
    group = "" if grp.name.lower() == sector.lower() else f"{grp.name.lower()}, "
    out.append(f"<b>{esc(p.name)}</b><br>{esc(p.role)}, {esc(p.organisation)}<br>"
               f"<font color='{muted}'>{esc(sector).capitalize()}"
               f" ({esc(group)}{esc(grp.shape.replace('_', ' '))} marker); "
               f"{esc(p.position)} position in the system</font>")
    out.append(f"<b>Says in public:</b> <i>\u201c{esc(p.public_stance)}\u201d</i>")
    col = hexs(pal.stance_colour(p.estimate))
    rng = f" \u00b1 {p.uncertainty:.2f}" if p.uncertainty >= 0.02 else ""
    sure = " You are guessing: listen to narrow it." if p.uncertainty > 0.2 else ""
    label = "Stance (true, revealed for the debrief)" if revealed else "Stance (your estimate)"
    out.append(f"<b>{label}:</b> <font color='{col}'>{signed(p.estimate)}{rng}"
               f" \u2014 {esc(stance_phrase(p.estimate))}</font>.{sure}")
    # WHY: the named contributions to their stance
    known = [(k, x) for k, x in p.why if x is not None]
    unknown = [k for k, x in p.why if x is None]
    moving = sorted([(k, x) for k, x in known if abs(x) >= 0.005], key=lambda kv: -abs(kv[1]))
    idle = [k for k, x in known if abs(x) < 0.005]
    why = ["<b>Why their stance is what it is</b> (each pull towards + or against \u2212 "
           "the plan):"]
    for k, x in moving:
        c = sup if x > 0 else opp
        arrow = "\u25b2" if x > 0 else "\u25bc"
        why.append(f"\u2022 {esc(CONTRIBUTIONS[k])}: <font color='{c}'>{arrow} {signed(x)}</font>")
    for k in unknown:
        why.append(f"\u2022 {esc(CONTRIBUTIONS[k])}: <font color='{muted}'><i>{UNKNOWN}</i></font>")
    if idle:
        why.append(f"<font color='{muted}'>Not at work yet: "
                   + ", ".join(esc(CONTRIBUTIONS[k].lower()) for k in idle) + ".</font>")
    out.append("<br>".join(why))

    if p.drivers:
        out.append(f"<b>What drives them:</b> {esc(p.drivers)}")
    else:
        out.append(f"<b>What drives them:</b> <font color='{muted}'><i>{UNKNOWN} (a one-to-one "
                   "meeting reveals the most)</i></font>")
    seat = ("Sits in the forum deciding now." if p.in_forum
            else "Not in the forum deciding now (no vote at this stage).")
    block = " <b>Can block the decision here</b>, because they control what the plan needs." \
        if p.can_block else ""
    marks = []
    if p.champion:
        marks.append("\u2605 your champion")
    if p.coalition:
        marks.append("in your coalition")
    out.append(f"<b>Influence:</b> {p.influence:.2f}. {seat}{block}"
               + (f" ({', '.join(marks)})" if marks else ""))
    controls = ", ".join(esc(c) for c in p.controls) or "nothing the plan needs"
    trust = UNKNOWN if p.trust is None else f"{p.trust:.2f} (out of 1)"
    out.append(f"<b>Controls:</b> {controls}.<br><b>Trust in you:</b> {trust}")

    if p.history and p.history != "-":
        out.append(f"<b>History:</b> {esc(p.history)}")
    elif p.history is None:
        out.append(f"<b>History:</b> <font color='{muted}'><i>{UNKNOWN}</i></font>")
    if p.values:
        rows = []
        for a in VALUE_AXES:
            x = p.values[a]
            plan = plan_values.get(a, 0.0)
            rows.append(f"\u2022 {AXIS_NAMES[a]}: {esc(lean(x, AXIS_ENDS[a]))} ({signed(x)}); "
                        f"the plan: {esc(lean(plan, AXIS_ENDS[a]))} ({signed(plan)})")
        out.append("<b>Values</b> (what care, integration and the system mean to them):<br>"
                   + "<br>".join(rows))
    if p.interests:
        ordered = sorted(RS, key=lambda r: -p.interests[r])
        out.append("<b>Interests</b> (how much each of the four Rs matters): "
                   + ", ".join(f"{r} {p.interests[r]:.0%}" for r in ordered) + ".")
    if p.at_stake:
        out.append(f"<b>What would answer their loss:</b> {esc(p.at_stake)}")
    if p.stakes:
        rows = []
        for cid, x in sorted(p.stakes.items(), key=lambda kv: kv[1]):
            word = "gains" if x > 0.05 else "loses" if x < -0.05 else "barely affected"
            c = sup if x > 0.05 else opp if x < -0.05 else muted
            rows.append(f"\u2022 {esc(component_names.get(cid, cid))}: "
                        f"<font color='{c}'>{word} ({signed(x)})</font>")
        out.append("<b>Stakes in the plan</b> (gain or loss from each part):<br>"
                   + "<br>".join(rows))
    if relations:
        rows = []
        for kind, name, note in relations:
            tag = "ally" if kind == "affinity" else "history of conflict"
            rows.append(f"\u2022 {esc(name)} ({tag}): {esc(note)}")
        out.append("<b>Relationships</b> (public knowledge):<br>" + "<br>".join(rows))
    return "<br><br>".join(out)
