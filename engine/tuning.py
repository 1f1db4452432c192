"""The tuned numbers of the rules that a scenario does not set, in one typed place.

A trainer tunes a case through its `rules:` block (engine.schema.Rules); everything else
that shapes play lives here, each number with a one-line reason and, where it comes from
the research, a citation. `docs/scenario-format.md` explains the `rules:` knobs; this table
is the defaults behind the rest. Change a number here and run `bench/balance_report.py`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields


def tuned(value, why: str):
    """A default with its reason (kept in the field's metadata for the docs and tests)."""
    return field(default=value, metadata={"why": why})


@dataclass(frozen=True)
class Tuning:
    # -- stages and decisions ----------------------------------------------------------
    decision_passed_credibility: float = tuned(
        0.04, "A forum that agrees adds a little to the director's standing (Waring et al. "
        "2023, Findings: power and influence - legitimacy built through visible progress).")
    decision_failed_credibility: float = tuned(
        0.05, "A failed vote costs a little more standing than a pass gains: failure is "
        "public (Invented for play).")
    failures_before_hiatus: int = tuned(
        3, "After the third failed vote in a row partners stop engaging and the work pauses "
        "(Invented for play, after the stand-offs in Waring, Bishop & Roe).")
    pressure_kept_between_stages: float = tuned(
        0.5, "Scrutiny from a public challenge halves when the arena changes (Invented for "
        "play).")
    # -- the broad vision resurfacing --------------------------------------------------
    vision_fade_per_stage: float = tuned(
        0.5, "Half of the glow of a broad vision fades at each new stage, as its vagueness "
        "meets detail (Waring et al. 2023, Findings: meaning and values).")
    resurface_below_alignment: float = tuned(
        0.1, "Those whose values do not really fit the plan feel misled when the vision "
        "fades (Waring et al. 2023, Findings: meaning and values).")
    resurface_grievance: float = tuned(
        1.2, "A faded vision turns into slightly more grievance than the goodwill it "
        "bought (Invented for play).")
    # -- a false consultation exposed --------------------------------------------------
    exposure_credibility: float = tuned(
        0.2, "Exposure of a consultation held after the decision damages legitimacy "
        "(Waring, Bishop & Roe, Negotiating Transformation Priorities: the commissioning "
        "merger called tokenistic).")
    exposure_grievance: float = tuned(
        0.25, "Those who expected a say resent the rubber stamp (Waring, Bishop & Roe).")
    exposure_trust: float = tuned(
        0.1, "...and trust the director less (Waring, Bishop & Roe).")
    exposure_sectors: tuple[str, ...] = tuned(
        ("primary_care", "patients"), "GPs and patient groups were the ones who called the "
        "merger consultation tokenistic (Waring, Bishop & Roe).")


TUNING = Tuning()


def reasons() -> dict[str, str]:
    """Every tuned number's name and reason, for documentation and tests."""
    return {f.name: f.metadata["why"] for f in fields(Tuning)}
