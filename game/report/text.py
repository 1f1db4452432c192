"""The debrief as plain text, for the terminal and screen readers (`faultlines debrief LOG`
without --html)."""

from __future__ import annotations

import textwrap

from faultlines.engine.debrief.model import Debrief, Episode
from faultlines.engine.debrief.typology import OPEN_IS_OURS, type_mark, type_name
from faultlines.engine.domain import FAMILY_NAMES
from faultlines.game.report.words import plural, true_minus


def dimensions(e: Episode) -> str:
    """The typology's three dimensions of an episode, in words."""
    return ", ".join(["inclusive" if e.inclusive else "exclusive",
                      "planned" if e.planned else "organic",
                      "significant" if e.significant else "limited impact"])


def render_text(d: Debrief, width: int = 88) -> str:
    out: list[str] = []

    def para(text: str, indent: str = "") -> None:
        # continuation lines hang under the text, never repeat a bullet's dash
        out.append(textwrap.fill(text, width, initial_indent=indent,
                                 subsequent_indent=" " * len(indent) + "  "))

    out.append(f"FAULT LINES DEBRIEF - {d.scenario_title} (seed {d.seed}, {len(d.moves)} moves)")
    out.append("")
    title = "" if d.outcome_title.lower() == d.outcome_name.lower() else f" {d.outcome_title}."
    para(f"Outcome: {d.outcome_name}.{title} {d.outcome_text}")
    for r in d.outcome_reasons:
        para(r, "  ")
    for w in d.warnings:
        para(f"Note: {w}")
    out += ["", "HOW IT CAME ABOUT"]
    for n, c in enumerate(d.causes, 1):
        para(f"{n}. [{c.kind}] {c.when}: {c.text}")
        for b in dict.fromkeys(c.because):  # two effects can read alike
            para(b, "     - ")
    out += ["", "TURNING POINTS"]
    for n, t in enumerate(d.turning_points, 1):
        para(f"{n}. Move {t.move.index + 1} ({t.move.when}): {t.move.text}; swing {t.swing:.2f}")
        for e in t.effects[:4]:
            para(e, "     - ")
    if d.event_swings:
        out += ["", "WHAT MOVED PEOPLE THAT WAS NOT A MOVE"]
        for s in d.event_swings:
            para(f"- {s.title} ({s.when}); swing {s.swing:.2f}")
            for e in s.effects[:4]:
                para(e, "     - ")
    out += ["", "THE THREE FAULT-LINES"]
    for f in d.fault_lines:
        para(f"{f.name}: {plural(f.moves, 'move')}; stance "
             + (f"gained {f.gained:+.2f}" if round(f.gained, 2) else "gained nothing")
             + (f", lost {abs(f.lost):.2f}." if round(f.lost, 2) else ", none lost."))
        for note in f.notes:
            para(note, "     - ")
    out += ["", "MOVE MIX: " + ", ".join(f"{FAMILY_NAMES[k]} {v}" for k, v in d.move_mix.items())]
    out += ["", "NEGOTIATION EPISODES (Waring, Bishop & Roe typology)"]
    for n, e in enumerate(d.episodes, 1):
        para(f"{n}. {type_mark(e.type)} {type_name(e.type)}: {e.title} ({e.when}; "
             f"{dimensions(e)})")
        for ev in e.evidence:
            para(ev, "     - ")
    if any(e.type == "open" for e in d.episodes):
        para(OPEN_IS_OURS)
    out += ["", "QUESTIONS FOR REFLECTION"]
    for n, q in enumerate(d.questions, 1):
        para(f"{n}. {q.text}")
        para(f"Why: {q.why} Research: {q.source}.", "     ")
    heads = {k for k, line in enumerate(out) if line.isupper() and line}
    for k in sorted(heads, reverse=True):
        if k + 1 >= len(out) or out[k + 1] == "":
            out.insert(k + 1, "(none)")
    return true_minus("\n".join(out)) + "\n"
