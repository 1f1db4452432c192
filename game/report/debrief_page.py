"""The single-game debrief report: one self-contained HTML page (see docs/debrief.md)."""

from __future__ import annotations

from faultlines.engine.case import Case
from faultlines.engine.debrief.model import Debrief
from faultlines.game.report import charts, stance_chart
from faultlines.game.report.html import esc, figure, page
from faultlines.game.report.sections import (
    causes_list,
    chapter,
    episode_cards,
    event_swing_list,
    family_matrix_table,
    fault_line_cards,
    mapping_note,
    moves_table,
    notes_section,
    outcome_box,
    question_list,
    stakeholder_table,
    turning_list,
    typology_summary,
)

SECTIONS = (
    ("outcome", "1. Outcome and the chain of causes"),
    ("turning", "2. Turning points"),
    ("stakeholders", "3. Stakeholders: stance over time"),
    ("faultlines", "4. The three fault-lines"),
    ("mix", "5. Move mix"),
    ("episodes", "6. Negotiation episodes"),
    ("questions", "7. Questions for reflection"),
    ("notes", "8. Notes from the case and how to read this report"),
    ("moves", "Appendix: every move"),
)


def stage_kinds(case: Case) -> dict[str, str]:
    return {s.id: s.kind for s in case.scenario.stages}


def header(d: Debrief, title: str) -> str:
    who = f" &middot; player {esc(d.player)}" if d.player else ""
    return (f"<h1>{esc(title)}</h1><p class=\"meta\">{esc(d.scenario_title)} "
            f"(scenario {esc(d.scenario)} v{esc(d.scenario_version)}) &middot; seed "
            f"{d.seed} &middot; {esc(d.difficulty)} difficulty &middot; {len(d.moves)} moves"
            f"{who}</p>")


#: the analysis board's chapter, when the debrief was asked for it (`--analyse`)
ANALYSIS = ("analysis", "9. Analysis board: where the game was won or lost (hindsight)")


def toc(sections=SECTIONS) -> str:
    # the titles carry their own numbers ("1. Outcome..."): a plain list, not "1. 1."
    items = "".join(f'<li><a href="#{a}">{esc(t)}</a></li>' for a, t in sections)
    return (f'<nav class="toc" aria-label="Contents"><strong>Contents</strong>'
            f'<ul class="plain">{items}</ul></nav>')


def render_debrief(d: Debrief, case: Case, *, analysis: str | None = None) -> str:
    """The debrief page; `analysis` is the analysis board's section (engine.analysis, shown
    by game/report/analysis_page.py), included as its own chapter when given."""
    kinds = stage_kinds(case)
    floor = case.scenario.rules.legitimacy_floor
    dec = [(x["move"] + 1, x["result"]) for x in d.decisions]
    sections = SECTIONS[:-1] + ((ANALYSIS,) if analysis else ()) + SECTIONS[-1:]
    body = [header(d, "Fault Lines debrief"), outcome_box(d), toc(sections)]
    body.append(chapter("outcome", SECTIONS[0][1], figure(
        charts.credibility_chart([("this game", d)], kinds, [dec], floor),
        "Credibility (top) and months left (bottom) after each round. Grey bands are the "
        "stages, each named or, where it is narrow, numbered: "
        + stance_chart.stage_key(d, list(kinds)) + " Markers above the top panel are forum decisions: filled triangle = agreed, "
        "open triangle down = not agreed, cross = blocked or stand-off; dashed lines in the "
        "lower panel mark hiatuses. Below the floor a plan that passes is pushed through "
        "rather than agreed.")
        + "<h3>How it came about</h3>" + causes_list(d), first=True))
    body.append(chapter("turning", SECTIONS[1][1],
                        "<p>The moves that shifted stances most by what they did themselves, "
                        "summed over everyone they moved, each explained by the stance "
                        "contributions that changed.</p>"
                        + figure(charts.swing_chart(d, dict(enumerate(d.swings))),
                                 "Total stance swing caused by each move (dark bars: turning "
                                 "points, numbered by size).") + turning_list(d)
                        + event_swing_list(d)))
    body.append(chapter("stakeholders", SECTIONS[2][1], figure(
        charts.stance_multiples(d, kinds),
        "Stance from \u22121 (strongly opposes) to +1 (champions the plan) after each move. "
        "Dotted lines at +0.1 and \u22120.1: above counts as support in a vote, below as "
        "opposition. Grey bands are the stages, numbered as in the key above the panels; the "
        "figure in each panel's corner is the final stance.") + stakeholder_table(d, case)))
    body.append(chapter("faultlines", SECTIONS[3][1],
                        "<p>What you did on each fault-line (moves by family) and what it "
                        "changed (stance contributions, summed over all stakeholders).</p>"
                        + figure(charts.fault_line_chart(d), "Stance gained and lost on each "
                                 "fault-line; the diamond is the net change.")
                        + fault_line_cards(d) + family_matrix_table(d) + mapping_note()))
    body.append(chapter("mix", SECTIONS[4][1], figure(
        charts.move_mix_chart(d.move_mix), "Moves played by family.")
        + "<p class=small>Families and the fault-line each mainly works on: listening and "
        "framing on meaning and values; compensation on winners and losers; alliances, "
        "challenge and process on power and influence (Waring et al. 2023, Discussion).</p>"))
    body.append(chapter("episodes", SECTIONS[5][1],
                        episodes_intro(d) + typology_summary(d.episodes)
                        + episode_cards(d.episodes)))
    body.append(chapter("questions", SECTIONS[6][1],
                        "<p>Chosen for what happened in this game.</p>" + question_list(d)))
    body.append(chapter("notes", SECTIONS[7][1], notes_section(d) + READING_NOTES))
    if analysis:
        body.append(chapter(ANALYSIS[0], ANALYSIS[1], analysis))
    body.append(chapter("moves", SECTIONS[8][1], moves_table(d)))
    return page(f"Debrief: {d.scenario_title}", "".join(body))


def episodes_intro(d: Debrief) -> str:
    """What the episodes chapter shows, and whether the game recorded them or the debrief
    had to reconstruct them from an older log."""
    how = ("recorded by the game as it happened: who took part, the parts of the plan at "
           "issue and the three dimensions (inclusive or exclusive, planned or organic, "
           "significant or limited impact), judged against who the matter affected and "
           "whether it had been settled elsewhere first" if d.episodes_recorded else
           "reconstructed from this older log's events, which did not record them, by the "
           "older rules: types may differ from what the game records today")
    return (f"<p>Every negotiation episode in the game, {how}. Each comes with its evidence "
            "and Strauss's negotiation context (as Waring, Bishop &amp; Roe use it, Study "
            "Context and Methods). A forum vote on what had already been settled counts as "
            "a false negotiation, a consultation never run as a non-negotiation, and a small "
            "private offer that settled nothing as an exchange outside the typology.</p>")


READING_NOTES = """
<h3>How to read this report</h3>
<ul class="small">
<li>Everything here is read from the game's log: the moves, the events they caused and a
snapshot of every stance, your credibility and the calendar at the end of each round.
Stance changes smaller than 0.04 are not recorded move by move.</li>
<li>A stance is the sum of named contributions (values, stake, compensation, trust,
allies, grievance, vision, evidence, demands, public scrutiny, agenda), so every change
can be traced to what moved it.</li>
<li>Sources: Waring et al. (2023), <em>Navigating the micro-politics of major system
change</em>, J Health Serv Res Policy 28(4); Waring, Bishop &amp; Roe, <em>Negotiating the
dilemmas of health system governance</em>. All wording here is ours.</li>
</ul>
"""
