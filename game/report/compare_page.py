"""Two games side by side: a game and its branch (rewound at move N and played on
differently), or any two logs of the same scenario. Outcome, stances, credibility and
calendar, move mix and negotiation episodes, column by column."""

from __future__ import annotations

from faultlines.engine.case import Case
from faultlines.engine.debrief.model import Debrief
from faultlines.engine.debrief.typology import TYPES
from faultlines.engine.domain import FAMILY_NAMES
from faultlines.game.report import charts
from faultlines.game.report.debrief_page import header, stage_kinds
from faultlines.game.report.html import esc, figure, page, signed, table
from faultlines.game.report.sections import badge, chapter, outcome_box


def summary_rows(d: Debrief) -> dict[str, str]:
    """The comparable facts of one game, as display strings."""
    cred = d.credibility[-1][1] if d.credibility else 0.0
    months = d.calendar_start - (d.calendar[-1][1] if d.calendar else d.calendar_start)
    rows = {
        "Outcome": d.outcome_name,
        "Moves played": str(len(d.moves)),
        "Months used": f"{months} of {d.calendar_start}",
        "Final credibility": f"{cred:.2f}",
        "Stages passed": ", ".join(d.final.get("passed", [])) or "none",
        "Hiatuses": str(sum(1 for c in d.causes if c.kind == "hiatus")),
        "Consultation": d.final.get("consultation") or "not run",
        "Exposed as false": "yes" if d.final.get("exposed") else "no",
    }
    for fam, name in FAMILY_NAMES.items():
        if fam != "time":
            rows[f"{name} moves"] = str(d.move_mix.get(fam, 0))
    for t in TYPES:
        rows[f"Episodes: {t.replace('_', '-')}"] = str(sum(1 for e in d.episodes if e.type == t))
    rows["Exchanges outside the typology"] = str(sum(1 for e in d.episodes if e.type is None))
    return rows


def render_compare(a: Debrief, b: Debrief, case: Case, *, labels: tuple[str, str],
                   branch_at: int | None = None) -> str:
    kinds = stage_kinds(case)
    floor = case.scenario.rules.legitimacy_floor
    title = "Fault Lines: two branches compared" if branch_at is not None else \
        "Fault Lines: two games compared"
    intro = (f"<p class=lede>Both games share the seed and the first {branch_at} moves; from "
             f"move {branch_at + 1} the branch ({esc(labels[1])}) plays on differently. "
             "Same seed, same moves, same game: every difference below comes from the moves "
             "after the branch point.</p>" if branch_at is not None else
             f"<p class=lede>{esc(labels[0])} and {esc(labels[1])}, on the same scenario.</p>")
    boxes = (f'<div class="sidebyside"><div><h3>{esc(labels[0])}</h3>{outcome_box(a)}</div>'
             f'<div><h3>{esc(labels[1])}</h3>{outcome_box(b)}</div></div>')
    ra, rb = summary_rows(a), summary_rows(b)
    facts = table(["", labels[0], labels[1]], [[k, ra[k], rb.get(k, "")] for k in ra],
                  numeric=())
    decs = [[(x["move"] + 1, x["result"]) for x in d.decisions] for d in (a, b)]
    cred = figure(charts.credibility_chart([(labels[0], a), (labels[1], b)], kinds, decs, floor),
                  f"Credibility and months left: {labels[0]} solid with circles, {labels[1]} "
                  "dashed with squares. Decision markers: upper row for the first game, lower "
                  "row for the second; filled triangle = agreed, open = not agreed, cross = "
                  "blocked or stand-off.")
    stance_rows = []
    for arc in a.arcs:
        other = b.arc(arc.id)
        stance_rows.append([arc.name, signed(arc.end), signed(other.end),
                            signed(other.end - arc.end)])
    stances = (figure(charts.stance_multiples(a, kinds, other=b, labels=labels,
                                              branch_at=branch_at),
                      f"Stances: {labels[0]} solid (circles), {labels[1]} dashed (triangles); "
                      "the numbers are the final stances of each"
                      + (f"; the dash-dot line marks the branch point after move {branch_at}."
                         if branch_at is not None else "."))
               + table(["Stakeholder", f"End ({labels[0]})", f"End ({labels[1]})",
                        "Difference"], stance_rows, numeric=(1, 2, 3)))
    eps = (f'<div class="sidebyside"><div><h3>{esc(labels[0])}</h3>{_episodes(a, branch_at)}'
           f'</div><div><h3>{esc(labels[1])}</h3>{_episodes(b, branch_at)}</div></div>')
    body = [f"<h1>{esc(title)}</h1>", header(a, "").replace("<h1></h1>", ""), intro, boxes,
            chapter("facts", "At a glance", facts, first=True),
            chapter("credibility", "Legitimacy and time", cred),
            chapter("stances", "Stances", stances),
            chapter("episodes", "Negotiation episodes", eps),
            chapter("reflect", "Questions for comparison", QUESTIONS)]
    return page(title, "".join(body))


def _episodes(d: Debrief, branch_at: int | None) -> str:
    items = []
    for e in d.episodes:
        first = min(e.moves) if e.moves else -1
        later = branch_at is not None and first >= branch_at
        mark = f" <strong>(after move {branch_at})</strong>" if later else ""
        items.append(f"<li>{badge(e.type)} {esc(e.title)} <span class=\"muted small\">"
                     f"({esc(e.when)})</span>{mark}</li>")
    return f"<ul>{''.join(items)}</ul>" if items else "<p>None recorded.</p>"


QUESTIONS = """<ol>
<li>What did the second game do differently after the point where they part, and which of
those moves made the difference? Look at the stakeholders whose final stances differ most.</li>
<li>Which game spent more credibility, and on what? Was it spent or invested?</li>
<li>Did either game reach agreement through private deals or a consultation held after the
fact? What would each outcome have looked like to those left out (Waring, Bishop &amp; Roe,
Discussion)?</li>
</ol>"""
