"""The class report: many learners' games compared on one page (and as CSV), for a
facilitator's debrief. Names are left out unless the facilitator asks for them."""

from __future__ import annotations

import csv
import io
from typing import Any

from faultlines.engine.debrief.classroom import FAMILIES, outcome_counts, patterns
from faultlines.engine.debrief.typology import TYPE_MARKS, TYPE_MEANINGS, TYPE_NAMES, TYPES
from faultlines.engine.domain import FAMILY_NAMES, OUTCOME_NAMES
from faultlines.game.report import class_charts
from faultlines.game.report.html import bullets, esc, figure, page, table
from faultlines.game.report.sections import badge, chapter


def render_class(rows: list[dict[str, Any]], *, names: bool, skipped: list[str]) -> str:
    scen = sorted({r["scenario"] for r in rows})
    privacy = ("Player names are shown." if names else
               "Player names and file names are left out; games are numbered in the order "
               "the logs were given (use --names to show them).")
    head = (f"<h1>Fault Lines: class report</h1><p class=meta>{len(rows)} games &middot; "
            f"scenario {esc(', '.join(scen))} &middot; {esc(privacy)}</p>")
    if skipped:
        head += ('<div class="warn"><strong>Logs that could not be read:</strong>'
                 + bullets(skipped) + "</div>")
    head += '<div class="box"><h3>What stands out</h3>' + bullets(patterns(rows)) + "</div>"
    counts = outcome_counts(rows)
    outcome_rows = [[OUTCOME_NAMES.get(k, "Unfinished"), str(v),
                     ", ".join(r["game"] for r in rows if r["outcome"] == k)]
                    for k, v in counts.items()]
    outcomes = (figure(class_charts.outcome_chart(counts), "Number of games ending in each "
                       "outcome.") + table(["Outcome", "Games", "Which"], outcome_rows,
                                          numeric=(1,)))
    mix_rows = [[r["game"]] + ([r.get("player", "")] if names else [])
                + [str(r[f]) for f in FAMILIES] + [str(r["moves"])] for r in rows]
    mix = (figure(class_charts.mix_chart(rows), "Moves per game by family; each family has "
                  "its own hatch.")
           + table(["Game"] + (["Player"] if names else []) + [FAMILY_NAMES[f] for f in FAMILIES]
                   + ["All moves"], mix_rows, numeric=range(1 + int(names), 8 + int(names))))
    ty_rows = [[r["game"]] + [str(r[f"episodes_{t}"]) for t in TYPES] for r in rows]
    totals = ["All games"] + [str(sum(r[f"episodes_{t}"] for r in rows)) for t in TYPES]
    typ = (figure(class_charts.typology_chart(rows), "Negotiation episodes per game, by type "
                  "(Waring, Bishop & Roe, Discussion).")
           + table(["Game"] + [f"{TYPE_MARKS[t]} {TYPE_NAMES[t]}" for t in TYPES],
                   ty_rows + [totals], numeric=range(1, 6))
           + table(["Type", "What it means"], [[badge(t), esc(TYPE_MEANINGS[t])] for t in TYPES],
                   raw=True))
    cred_rows = [[r["game"], OUTCOME_NAMES.get(r["outcome"], "Unfinished"),
                  f"{r['final_credibility']:.2f}", f"{r['lowest_credibility']:.2f}",
                  f"{r['months_used']} of {r['months_total']}", str(r["hiatuses"]),
                  CONSULTATION.get(r["consultation"], "not run"), "yes" if r["exposed"] else "no"]
                 for r in rows]
    cred = (figure(class_charts.credibility_months_chart(rows), "Each game's final credibility "
                   "against the months it used; the marker shape shows the outcome, the "
                   "number the game.")
            + table(["Game", "Outcome", "Final credibility", "Lowest", "Months used",
                     "Hiatuses", "Consultation", "Exposed"], cred_rows, numeric=(2, 3, 5)))
    games = table(["Game", "Outcome", "Biggest turning point"],
                  [[r["game"], OUTCOME_NAMES.get(r["outcome"], "Unfinished"),
                    r["top_turning_point"] or "-"] for r in rows])
    body = [head,
            chapter("outcomes", "1. Outcomes", outcomes, first=True),
            chapter("mix", "2. Move mix", mix),
            chapter("typology", "3. Negotiation episodes by type", typ),
            chapter("credibility", "4. Credibility and calendar", cred),
            chapter("games", "5. Each game's biggest turning point", games + PROMPTS)]
    return page("Fault Lines class report", "".join(body))


CONSULTATION = {"genuine": "genuine co-design", "false": "announced (false)"}

PROMPTS = """<h3>Prompts for the class discussion</h3><ol>
<li>Put two games with different outcomes side by side. Where did they first part ways?</li>
<li>Which games reached agreement through private deals, stage-managed agendas or a
consultation after the fact? What would the plan's delivery look like to those left out
(Waring, Bishop &amp; Roe, Discussion)?</li>
<li>Which games spent the most time listening before framing, and did it pay off at the
committee (Waring et al. 2023, Findings: meaning and values)?</li>
</ol>"""


def class_csv(rows: list[dict[str, Any]]) -> str:
    """The same rows as CSV (one line per game) for a spreadsheet."""
    buf = io.StringIO()
    if rows:
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        for r in rows:
            writer.writerow({k: _csv_safe(v) for k, v in r.items()})
    return buf.getvalue()


def _csv_safe(v: Any) -> Any:
    """Defuse spreadsheet formulas in free text (a player name starting with '=')."""
    if isinstance(v, str) and v[:1] in ("=", "+", "-", "@"):
        return "'" + v
    return v
