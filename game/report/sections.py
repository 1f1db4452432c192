"""HTML sections of the debrief report, one function per section, shared by the single
game report and the branch comparison."""

from __future__ import annotations

from faultlines.engine.debrief.faultlines import CONTRIBUTION_FAULT_LINE
from faultlines.engine.debrief.model import Debrief, Episode
from faultlines.engine.debrief.summary import CAUSE_WORDS
from faultlines.engine.debrief.timeline import contribution
from faultlines.engine.debrief.typology import (
    OPEN_IS_OURS,
    SOURCE,
    TYPES,
    type_key,
    type_mark,
    type_meaning,
    type_name,
)
from faultlines.engine.domain import FAMILY_NAMES, FAULT_LINE_NAMES, FAULT_LINES
from faultlines.game.report.html import bullets, esc, signed, table
from faultlines.game.report.words import plural

CONTEXT_LABELS = {"issues": "Issues", "negotiators": "Negotiators", "occurrence": "Occurrence",
                  "power": "Balance of power", "interests": "Interests at stake",
                  "visibility": "Visibility", "avoid": "Options to avoid"}


def badge(kind: str | None) -> str:
    """An episode type's mark and name (None: an exchange outside the typology)."""
    return (f'<span class="badge t-{esc(type_key(kind))}">{type_mark(kind)} '
            f"{esc(type_name(kind))}</span>")


def chapter(anchor: str, title: str, body: str, *, first: bool = False) -> str:
    cls = "chapter first" if first else "chapter"
    return f'<section class="{cls}" id="{anchor}"><h2>{esc(title)}</h2>{body}</section>'


def outcome_box(d: Debrief) -> str:
    reasons = bullets(d.outcome_reasons)
    warn = "".join(f'<p class="warn">{esc(w)}</p>' for w in d.warnings)
    return (f'<div class="box"><h3>Outcome: {esc(d.outcome_name)}</h3>'
            f'<p class="lede"><strong>{esc(d.outcome_title)}.</strong> {esc(d.outcome_text)}'
            f"</p>{reasons}</div>{warn}")


def causes_list(d: Debrief) -> str:
    items = []
    for c in d.causes:
        because = bullets(dict.fromkeys(c.because))  # two effects can read alike
        items.append(f'<li class="k-{esc(c.kind)}"><span class="kind">'
                     f"{esc(CAUSE_WORDS.get(c.kind, c.kind))}</span> "
                     f'<span class="muted small">({esc(c.when)})</span><br>{esc(c.text)}'
                     f"{because}</li>")
    return f'<ol class="chain">{"".join(items)}</ol>'


def turning_list(d: Debrief) -> str:
    out = []
    for rank, t in enumerate(d.turning_points, 1):
        parts = ", ".join(f"{contribution(k)} {signed(v)}"
                          for k, v in list(t.by_contribution.items())[:4] if abs(v) >= 0.005)
        ctx = bullets(t.context)
        out.append(
            f'<div class="card"><h4>#{rank} &middot; Move {t.move.index + 1}: '
            f"{esc(t.move.text)}</h4><p class=\"muted small\">{esc(t.move.when)}; total swing "
            f"{t.swing:.2f}, net {signed(t.net)}. Contributions: {esc(parts)}.</p>"
            f"{bullets(t.effects)}"
            + (f"<p class=small><strong>Also during this move:</strong></p>{ctx}" if ctx else "")
            + "</div>")
    return (f'<div class="cards2">{"".join(out)}</div>' if out else
            "<p>No move shifted anyone's stance enough to be recorded.</p>")


def event_swing_list(d: Debrief) -> str:
    """The largest swings no move caused, each under what caused it."""
    if not d.event_swings:
        return ""
    items = "".join(
        f"<li><strong>{esc(s.title)}</strong> <span class='muted small'>({esc(s.when)}; "
        f"total swing {s.swing:.2f}, net {signed(s.net)})</span>{bullets(s.effects)}</li>"
        for s in d.event_swings)
    return ("<h3>What moved people that was not a move</h3><p class=small>Swings that "
            "followed a move as the month turned (a scenario event, a new stage, differences "
            f"resurfacing) are theirs, not the move's.</p><ul class='swings'>{items}</ul>")


def stakeholder_table(d: Debrief, case) -> str:
    rows = []
    for a in d.arcs:
        s = case.stakeholder(a.id)
        moved = "<br>".join(
            f"{esc(p.move_text)} <span class=muted>({esc(p.when)})</span>: "
            f"{signed(p.before)} &rarr; {signed(p.after)}"
            + (f" <span class=small>[{esc(_why(p.why))}]</span>" if p.why else "")
            + (f" <span class=\"small muted\">(same move: {esc('; '.join(p.also))})</span>"
               if p.also else "")
            for p in a.biggest) or "<span class=muted>no recorded shift</span>"
        rows.append([f"<strong>{esc(a.name)}</strong><br><span class=small>{esc(s.role)}, "
                     f"{esc(a.organisation)} ({esc(a.position)})</span>",
                     signed(a.start), signed(a.end), moved])
    return table(["Stakeholder", "Start", "End", "Moves that moved them most"], rows,
                 numeric=(1, 2), raw=True)


def _why(why: dict[str, float]) -> str:
    top = sorted(why.items(), key=lambda kv: -abs(kv[1]))[:2]
    return ", ".join(f"{contribution(k)} {v:+.2f}" for k, v in top)


def changed(gained: float, lost: float) -> str:
    """"gained +0.42, lost \u22120.10"; a side with nothing is said as nothing, not "+0.00"."""
    parts = [f"gained {signed(gained)}" if round(gained, 2) else "gained nothing",
             f"lost {signed(lost)}" if round(lost, 2) else "lost nothing"]
    return ", ".join(parts)


def fault_line_cards(d: Debrief) -> str:
    cards = []
    for f in d.fault_lines:
        did = ", ".join(f"{FAMILY_NAMES[k]} {n}" for k, n in f.by_family.items()) or "no moves"
        contribs = ", ".join(f"{contribution(k)} {signed(v)}"
                             for k, v in f.contributions.items()) or "nothing recorded"
        cards.append(f'<div class="card"><h3>{esc(f.name)}</h3>'
                     f"<p><strong>What you did:</strong> {plural(f.moves, 'move')}: {esc(did)}.</p>"
                     f"<p><strong>What it changed:</strong> {changed(f.gained, f.lost)} "
                     f"({esc(contribs)}).</p>{bullets(f.notes)}</div>")
    return f'<div class="grid">{"".join(cards)}</div>'


def family_matrix_table(d: Debrief) -> str:
    rows = []
    for fam in list(FAMILY_NAMES):
        row = d.family_matrix.get(fam)
        if row is None:
            continue
        rows.append([FAMILY_NAMES[fam]] + [signed(row[fl]) for fl in FAULT_LINES])
    if not rows:
        return ""
    return ("<h3>Which moves changed which fault-line</h3><p class=small>Net stance change "
            "caused by each family of move, split by the fault-line of the contribution it "
            "changed. Compensation that creates new losers, for instance, shows up as a loss "
            "on power and influence (grievance).</p>"
            + table(["Moves of family"] + [FAULT_LINE_NAMES[f] for f in FAULT_LINES], rows,
                    numeric=(1, 2, 3)))


def mapping_note() -> str:
    by_line = {fl: [contribution(k) for k, v in CONTRIBUTION_FAULT_LINE.items()
                    if v == fl] for fl in FAULT_LINES}
    items = [f"<strong>{esc(FAULT_LINE_NAMES[fl])}</strong>: {esc('; '.join(v))}"
             for fl, v in by_line.items()]
    return ("<p class=small>How contributions are assigned to fault-lines "
            "(our reading of Waring et al. 2023, Findings):</p>" + bullets(items, raw=True))


def typology_summary(episodes: list[Episode]) -> str:
    kinds: list[str | None] = list(TYPES)
    if any(e.type is None for e in episodes):
        kinds.append(None)
    rows = [[badge(t), str(sum(1 for e in episodes if e.type == t)), esc(type_meaning(t))]
            for t in kinds]
    return (table(["Type", "Episodes", "What it means"], rows, numeric=(1,), raw=True)
            + f'<p class="source">Typology: {esc(SOURCE)}. {esc(OPEN_IS_OURS)}</p>')


def episode_cards(episodes: list[Episode]) -> str:
    out = []
    for n, e in enumerate(episodes, 1):
        dims = " &middot; ".join([
            "Inclusive" if e.inclusive else "Exclusive",
            "Planned" if e.planned else "Organic",
            "Significant impact" if e.significant else "Limited impact"])
        ctx = "".join(f"<dt>{esc(CONTEXT_LABELS.get(k, k))}</dt><dd>{esc(v)}</dd>"
                      for k, v in e.context.items())
        out.append(f'<div class="card"><h4>{n}. {esc(e.title)} {badge(e.type)}</h4>'
                   f'<p class="dims">{esc(e.when)} &mdash; {dims}</p>{bullets(e.evidence)}'
                   f'<dl class="ctx">{ctx}</dl></div>')
    return (f'<div class="cards2">{"".join(out)}</div>' if out else
            "<p>No negotiation episodes were recorded.</p>")


def question_list(d: Debrief) -> str:
    items = []
    for q in d.questions:
        notes = "".join(f'<p class="small"><strong>From the case: {esc(n["title"])}.</strong> '
                        f'{esc(n["text"])} <span class="source">({esc(n["source"])})</span></p>'
                        for n in q.notes)
        items.append(f"<li><p><strong>{esc(q.text)}</strong></p>"
                     f'<p class="small"><em>Why this question:</em> {esc(q.why)}</p>'
                     f'<p class="source">Research: {esc(q.source)}</p>{notes}</li>')
    return f"<ol>{''.join(items)}</ol>"


def notes_section(d: Debrief) -> str:
    return "".join(f'<div class="card"><h4>{esc(n["title"])}</h4><p>{esc(n["text"])}</p>'
                   f'<p class="source">{esc(n["source"])}</p></div>' for n in d.notes)


def moves_table(d: Debrief) -> str:
    rows = [[str(m.index + 1), m.when, FAMILY_NAMES.get(m.family, m.family), m.text]
            for m in d.moves]
    return f'<div class="dense">{table(["#", "Where", "Family", "Move"], rows, numeric=(0,))}</div>'
