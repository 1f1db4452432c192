"""The class report: many learners' games compared on one page (and as CSV), for a
facilitator's debrief. Games are compared only with games of the same scenario file (one
section each, its group sizes beside every rate); names are left out unless the facilitator
asks for them."""

from __future__ import annotations

import csv
import io
from typing import Any

from faultlines.engine.debrief.classroom import (
    FAMILIES,
    MIN_GROUP,
    ScenarioGroup,
    averages,
    by_scenario,
    outcome_counts,
    patterns,
    share,
)
from faultlines.engine.debrief.typology import (
    OPEN_IS_OURS,
    SOURCE,
    TYPE_MARKS,
    TYPE_NAMES,
    TYPES,
    type_meaning,
)
from faultlines.engine.domain import FAMILY_NAMES, OUTCOME_NAMES, PASSING_OUTCOMES
from faultlines.game.report import class_charts
from faultlines.game.report.html import bullets, esc, figure, page, table
from faultlines.game.report.sections import badge, chapter
from faultlines.game.report.words import plural


def render_class(rows: list[dict[str, Any]], *, names: bool, skipped: list[str]) -> str:
    groups = by_scenario(rows)
    privacy = ("Player names are shown." if names else
               "Player names and file names are left out; games are numbered in the order "
               "the logs were given (use --names to show them).")
    head = (f"<h1>Fault Lines: class report</h1><p class=meta>{len(rows)} games &middot; "
            f"{plural(len(groups), 'scenario')} &middot; "
            f"{esc(privacy)}</p>")
    if skipped:
        head += ('<div class="warn"><strong>Logs that could not be read:</strong>'
                 + bullets(skipped) + "</div>")
    contents = [f'<a href="#{esc(g.anchor)}">{esc(g.label)}</a>: '
                f"{plural(len(g.rows), 'game')}" for g in groups]
    head += ('<div class="box"><h3>Scenarios</h3><p>Games are compared only with games of '
             "the same scenario file: another case, or another version of this one, has other "
             "people, stakes and rules. Each has its own section.</p>"
             + bullets(contents, raw=True) + "</div>")
    body = [head] + [_group(g, n == 0, names) for n, g in enumerate(groups)]
    return page("Fault Lines class report", "".join(body))


def _group(g: ScenarioGroup, first: bool, names: bool) -> str:
    """One scenario's games: what stands out, outcomes, move mix, episodes, credibility."""
    rows, a = g.rows, g.anchor
    intro = (f'<p class="meta">{plural(len(rows), "game")} of scenario '
             f"{esc(g.scenario)} &middot; version {esc(g.version)}"
             + (f" &middot; file checksum {esc(g.checksum[:12])}" if g.checksum else "")
             + "</p>")
    stands = ('<div class="box"><h3>What stands out</h3>' + bullets(patterns(rows))
              + f'<p class="small">A contrast is named only with at least {MIN_GROUP} games '
              "on each side and a difference larger than chance would give. It is a pattern "
              "to discuss, not a cause: games that got further, for instance, met more "
              "forums.</p></div>")
    parts = [intro, stands, _sub(a, "outcomes", "Outcomes", _outcomes(g)),
             _sub(a, "mix", "Move mix", _mix(g, names)),
             _sub(a, "typology", "Negotiation episodes by type", _typology(g)),
             _sub(a, "credibility", "Credibility and calendar", _credibility(g)),
             _sub(a, "games", "Each game's biggest turning point", _games(g) + PROMPTS)]
    return chapter(a, f"{g.label}: {plural(len(rows), 'game')}",
                   "".join(parts), first=first)


def _sub(anchor: str, key: str, title: str, body: str) -> str:
    return f'<div id="{esc(anchor)}-{key}"><h3>{esc(title)}</h3>{body}</div>'


def _outcomes(g: ScenarioGroup) -> str:
    counts, n = outcome_counts(g.rows), len(g.rows)
    rows = [[OUTCOME_NAMES.get(k, "Unfinished"), share(v, n),
             ", ".join(r["game"] for r in g.rows if r["outcome"] == k)]
            for k, v in counts.items()]
    return (figure(class_charts.outcome_chart(counts, f"Outcomes: {g.label}, {n} games"),
                   f"Number of games ending in each outcome ({n} games).")
            + table(["Outcome", "Games", "Which"], rows, numeric=(1,)))


def _mix(g: ScenarioGroup, names: bool) -> str:
    rows = [[r["game"]] + ([r.get("player", "")] if names else [])
            + [str(r[f]) for f in FAMILIES] + [str(r["moves"])] for r in g.rows]
    how = ("Average moves per game by family, for the games of each outcome (n: how many "
           "games)" if class_charts.grouped(g.rows) else "Moves per game by family")
    mix = (figure(class_charts.mix_chart(g.rows, f"Move mix per game: {g.label}"),
                  f"{how}; each family has its own hatch.")
           + table(["Game"] + (["Player"] if names else []) + [FAMILY_NAMES[f] for f in FAMILIES]
                   + ["All moves"], rows, numeric=range(1 + int(names), 8 + int(names))))
    return mix + _averages(g)


def _averages(g: ScenarioGroup) -> str:
    """Mean moves per family by result, with the group sizes: a description, not a finding."""
    passed = sum(1 for r in g.rows if r["outcome"] in PASSING_OUTCOMES)
    other = len(g.rows) - passed
    if not passed or not other:
        return ""
    means = averages(g.rows)
    rows = [[FAMILY_NAMES.get(k, "Final credibility"), f"{x:.2f}" if k == "final_credibility"
             else f"{x:.1f}", f"{y:.2f}" if k == "final_credibility" else f"{y:.1f}"]
            for k, (x, y) in means.items()]
    return (table(["Average per game", f"Games that passed (n={passed})",
                   f"The others (n={other})"], rows, numeric=(1, 2))
            + '<p class="small">Averages describe these games; with groups this size they are '
            "not evidence of what makes a game pass (see What stands out).</p>")


def _typology(g: ScenarioGroup) -> str:
    rows = g.rows
    ty_rows = [[r["game"]] + [str(r[f"episodes_{t}"]) for t in TYPES] for r in rows]
    totals = [f"All {len(rows)} games"] + [str(sum(r[f"episodes_{t}"] for r in rows))
                                          for t in TYPES]
    with_any = [[badge(t), esc(share(sum(1 for r in rows if r[f"episodes_{t}"] > 0),
                                     len(rows))), esc(type_meaning(t))] for t in TYPES]
    return (figure(class_charts.typology_chart(rows, f"Negotiation episodes per game, by type: "
                                                     f"{g.label}"),
                   ("Average negotiation episodes per game of each outcome"
                    if class_charts.grouped(rows) else "Negotiation episodes per game")
                   + ", by type (Waring, Bishop & Roe, Discussion).")
            + table(["Game"] + [f"{TYPE_MARKS[t]} {TYPE_NAMES[t]}" for t in TYPES],
                    ty_rows + [totals], numeric=range(1, 6))
            + table(["Type", "Games with at least one", "What it means"], with_any, raw=True,
                    numeric=(1,))
            + f'<p class="source">Typology: {esc(SOURCE)}. {esc(OPEN_IS_OURS)}</p>')


def _credibility(g: ScenarioGroup) -> str:
    rows = [[r["game"], OUTCOME_NAMES.get(r["outcome"], "Unfinished"),
             f"{r['final_credibility']:.2f}", f"{r['lowest_credibility']:.2f}",
             f"{r['months_used']} of {r['months_total']}", str(r["hiatuses"]),
             CONSULTATION.get(r["consultation"], "not run"), "yes" if r["exposed"] else "no"]
            for r in g.rows]
    return (figure(class_charts.credibility_months_chart(
                g.rows, f"Final credibility against months used, by outcome: {g.label}"),
                "Each game's final credibility against the months it used; the marker shape "
                "shows the outcome" + ("" if class_charts.grouped(g.rows) else
                                       ", the number the game") + ".")
            + table(["Game", "Outcome", "Final credibility", "Lowest", "Months used",
                     "Hiatuses", "Consultation", "Exposed"], rows, numeric=(2, 3, 5)))


def _games(g: ScenarioGroup) -> str:
    return table(["Game", "Outcome", "Biggest turning point"],
                 [[r["game"], OUTCOME_NAMES.get(r["outcome"], "Unfinished"),
                   r["top_turning_point"] or "-"] for r in g.rows])


CONSULTATION = {"genuine": "genuine co-design", "false": "announced (false)"}

PROMPTS = """<h3>Prompts for the class discussion</h3><ol>
<li>Put two games with different outcomes side by side. Where did they first part ways?</li>
<li>Which games reached agreement through private deals, stage-managed agendas or a
consultation after the fact? What would the plan's delivery look like to those left out
(Waring, Bishop &amp; Roe, Discussion)?</li>
<li>Which games spent the most time listening before framing, and did it pay off at the
committee (Waring et al. 2023, Findings: meaning and values)?</li>
</ol>"""


def within_range(row: dict[str, Any]) -> dict[str, Any]:
    """A game's row with its figures inside their ranges as a facilitator reads them: a
    calendar run one month past its end is every month used, not "13 of 12"."""
    total = row.get("months_total")
    if isinstance(total, int) and isinstance(row.get("months_used"), int):
        row = {**row, "months_used": max(0, min(row["months_used"], total))}
    return row


def class_csv(rows: list[dict[str, Any]]) -> str:
    """The same rows as CSV (one line per game) for a spreadsheet."""
    buf = io.StringIO()
    if rows:
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        for r in rows:
            writer.writerow({k: _csv_safe(v) for k, v in r.items()})
    return buf.getvalue()


#: a cell beginning with one of these is read as a formula by spreadsheet programs (OWASP's
#: advice on CSV injection: prefix such a cell with a single quote)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _csv_safe(v: Any) -> Any:
    """Defuse spreadsheet formulas in free text (a player name starting with '='); a bare
    carriage return becomes a line break, which the writer quotes (it would end the row)."""
    if not isinstance(v, str):
        return v
    if v.startswith(FORMULA_STARTS):
        v = "'" + v
    return v.replace("\r\n", "\n").replace("\r", "\n")
