"""The analysis board as HTML: an evaluation chart over the game (plain SVG) with the judged
moves marked, and a table of those moves beside the better move the rollouts found.

`analysis_section` is the part a debrief page can include; `render_analysis` wraps it in a
standalone page (`faultlines analyse LOG --html FILE`).
"""

from __future__ import annotations

from faultlines.engine.analysis.board import HINDSIGHT, JUDGING, Analysis
from faultlines.engine.analysis.judgement import tally_text
from faultlines.game.report.html import esc, page, table

#: the chart's geometry and the judgement marks' colours (the report's palette)
WIDTH, HEIGHT, PAD_L, PAD_R, PAD_T, PAD_B = 760, 260, 48, 16, 16, 36
MARKS = {"inaccuracy": ("#d9a400", 5), "mistake": ("#e06c00", 6), "blunder": ("#c0262d", 7)}
PASS_COLOUR, CONSENSUS_COLOUR, BAND_COLOUR = "#1f5fa8", "#2e8b57", "#c8d8ee"
WORDS = {"inaccuracy": "Inaccuracy", "mistake": "Mistake", "blunder": "Blunder"}


def _x(i: int, n: int) -> float:
    return PAD_L + (WIDTH - PAD_L - PAD_R) * (i / max(n - 1, 1))


def _y(p: float) -> float:
    return PAD_T + (HEIGHT - PAD_T - PAD_B) * (1.0 - p)


def chart(a: Analysis) -> str:
    """Pass chance (with a band of two standard errors) and consensus chance over the
    positions; judged moves marked on the position they were played from."""
    pts = a.positions
    n = len(pts)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
             f'width="100%" role="img" aria-label="Chance the plan passes, move by move">']
    for p in (0.0, 0.25, 0.5, 0.75, 1.0):
        y = _y(p)
        parts.append(f'<line x1="{PAD_L}" x2="{WIDTH - PAD_R}" y1="{y:.1f}" y2="{y:.1f}" '
                     f'stroke="#ddd"/><text x="{PAD_L - 6}" y="{y + 4:.1f}" font-size="11" '
                     f'text-anchor="end">{p:.0%}</text>')
    upper = [(_x(i, n), _y(min(1.0, q.estimate.pass_chance + 2 * q.estimate.stderr)))
             for i, q in enumerate(pts)]
    lower = [(_x(i, n), _y(max(0.0, q.estimate.pass_chance - 2 * q.estimate.stderr)))
             for i, q in enumerate(pts)]
    band = " ".join(f"{x:.1f},{y:.1f}" for x, y in upper + lower[::-1])
    parts.append(f'<polygon points="{band}" fill="{BAND_COLOUR}" stroke="none"/>')
    for key, colour, dash in (("pass", PASS_COLOUR, ""), ("consensus", CONSENSUS_COLOUR,
                                                          ' stroke-dasharray="5 4"')):
        line = " ".join(f"{_x(i, n):.1f},{_y(_chance(q, key)):.1f}" for i, q in enumerate(pts))
        parts.append(f'<polyline points="{line}" fill="none" stroke="{colour}" '
                     f'stroke-width="2"{dash}/>')
    for i, q in enumerate(pts):
        if q.judgement in MARKS:
            colour, r = MARKS[q.judgement]
            parts.append(f'<circle cx="{_x(i, n):.1f}" cy="{_y(q.estimate.pass_chance):.1f}" '
                         f'r="{r}" fill="{colour}"><title>Move {i + 1}: {esc(q.text)} '
                         f'({WORDS[q.judgement].lower()})</title></circle>')
    step = max(1, n // 15)
    for i in range(0, n, step):
        parts.append(f'<text x="{_x(i, n):.1f}" y="{HEIGHT - PAD_B + 16}" font-size="11" '
                     f'text-anchor="middle">{i}</text>')
    parts.append(f'<text x="{(PAD_L + WIDTH) / 2:.0f}" y="{HEIGHT - 4}" font-size="11" '
                 'text-anchor="middle">moves made</text></svg>')
    return "".join(parts)


def _chance(q, key: str) -> float:
    return q.estimate.pass_chance if key == "pass" else q.estimate.consensus_chance


def analysis_section(a: Analysis, *, heading: bool = True) -> str:
    """The analysis as one HTML section (a debrief page can include it; its own chapter
    title then stands in for the section's heading: `heading=False`)."""
    acc = a.accuracy
    rows = [(q.index + 1, f"{q.stage}, round {q.round}", q.text, WORDS[q.judgement],
             q.measured(q.played), q.best.text if q.best else "",
             q.better_chance, q.left_after,
             f"{q.drop * 100:.0f} ± {q.drop_stderr * 100:.0f}")
            for q in a.judged]
    legend = ", ".join(f'<span style="color:{c}">&#9679;</span> {WORDS[k].lower()}'
                       for k, (c, _) in MARKS.items())
    summary = (f"{acc['not_judged']} of {acc['moves']} moves not judged "
               f"({acc['share_not_judged']:.0%}); on average a move gave up "
               f"{acc['average_loss'] * 100:.1f} points of the best chance found (of passing, "
               f"or of genuine consensus where that fell more); {tally_text(acc)}.")
    judged = table(["Move", "Where", "Your move", "Judgement", "Its chance", "Better move",
                    "Its chance", "Best left", "Points given up"], rows,
                   numeric=(0, 4, 6, 7, 8)) if rows else \
        "<p>No move was judged: none lost a clear share of the chance to pass.</p>"
    title = "<h2>Analysis board</h2>" if heading else ""
    # the note that the chances are hindsight prints on the same page as the chart
    return (f'<section id="analysis">{title}<div class="keep"><p><strong>{esc(HINDSIGHT)}'
            f"</strong> Each point is the chance after that many moves, from {a.rollouts} "
            "games played on from there; the shaded band is two standard errors either "
            f"side.</p><figure>{chart(a)}<figcaption>Chance the plan passes (solid) and "
            f"passes with genuine consensus (dashed); marks: {legend}.</figcaption></figure>"
            f"</div><p>{esc(JUDGING)}</p><p>{esc(summary)}</p>"
            f"<h3>Judged moves and the better move</h3>{judged}</section>")


def render_analysis(a: Analysis) -> str:
    """A standalone page."""
    title = f"Analysis: {a.title} (seed {a.seed})"
    outcome = (a.outcome or "unfinished").replace("_", " ")
    body = (f"<h1>{esc(title)}</h1><p>Outcome of the game: {esc(outcome)}.</p>"
            + analysis_section(a))
    return page(title, body)
