"""The tuned numbers of the rules that a scenario does not set, in one typed place.

A trainer tunes a case through its `rules:` block (engine.schema.Rules); everything else
that shapes play lives here, each number with a one-line reason and, where it comes from
the research, a citation. `docs/scenario-format.md` explains the `rules:` knobs; this table
is the defaults behind the rest, and `docs/fidelity.md` lists it (generated from here).
Change a number here and run `bench/balance_report.py`.

Per-move numbers sit in one small group per move (`TUNING.challenge.pressure`), in the
order of the move families; the stance model, the forum's vote, the radar and the
difficulty levels have a group each; the stage flow's numbers are the flat fields.

    python -m faultlines.engine.tuning                              # print the tables
    python -m faultlines.engine.tuning --write docs/fidelity.md     # regenerate the doc
    python -m faultlines.engine.tuning --check docs/fidelity.md     # exit 1 if stale
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

from faultlines.engine import docsection


def tuned(value, why: str):
    """A default with its reason (kept in the field's metadata for the docs and tests)."""
    return field(default=value, metadata={"why": why})


def group(kind: type, why: str, **values: Any):
    """A group of tuned numbers (one move, one concern) with the reason for the group."""
    return field(default_factory=lambda: kind(**values), metadata={"why": why})


# -- the stance model, the vote, the radar --------------------------------------------------

@dataclass(frozen=True)
class StanceTuning:
    """The stance model (engine/stance.py)."""

    value_distance: float = tuned(
        1.6, "Alignment with the plan reaches zero when the plan as framed sits about 0.6 from "
        "the person's values on each of the three axes (Invented for play; the axes are the "
        "contested meanings of Waring et al. 2023, Findings: meaning and values).")
    champion_pull: float = tuned(
        2.5, "A champion pulls their allies 2.5 times as hard as an ordinary ally (Waring et "
        "al. 2023, Findings: winners and losers - early adopters champion change to reticent "
        "groups; the factor is invented for play).")
    rival_push: float = tuned(
        0.6, "A rival pushes a stance the other way at 0.6 of an ally's pull (Invented for play, "
        "after the engrained tensions between partners in Waring et al. 2023, Findings).")
    compensation_goodwill: float = tuned(
        0.1, "Compensation counts only up to the person's loss plus this much goodwill: it "
        "offsets a loss, it does not buy enthusiasm (Waring et al. 2023, Findings: winners and "
        "losers - losses traded against gains; the cap is invented for play).")


@dataclass(frozen=True)
class DecisionTuning:
    """How a forum decides (engine/decision.py)."""

    coalition_bonus: float = tuned(
        0.35, "Members of a coalition of marginal groups weigh 35% more in a vote, together "
        "counteracting more powerful groups (Waring et al. 2023, Findings: power and influence; "
        "35% invented for play).")
    coalition_counterweight: float = tuned(
        0.4, "Per unit of the coalition's combined influence (with its bonus), how much "
        "further below the blocking line a partner must be to block: marginal groups "
        "collectively counteract more powerful ones (Waring et al. 2023, Findings: power and "
        "influence; the size is invented for play).")
    coalition_counterweight_max: float = tuned(
        0.5, "However large the coalition, a partner firmly enough opposed can still "
        "withhold what it holds (Invented for play).")


@dataclass(frozen=True)
class FaultLineTuning:
    """What each issue puts at stake, and what answers it (engine/fault_lines.py)."""

    # How a loss in a component of each issue falls over the four Rs (the tasks a party
    # carries out, who leads and answers for what, which parties work together, and the
    # money, staff and buildings involved - Waring, Bishop & Roe, Towards Integration in
    # the English Health System). The six issues are Waring et al. 2023, Table 2, whose
    # winners and losers come from reallocating these Rs (Findings); the split of each
    # issue over the Rs is invented for play from the issue descriptions in Table 2.
    purpose: tuple[float, float, float, float] = tuned(
        (0.3, 0.4, 0.3, 0.0), "A dispute over what the system is for is about tasks, "
        "leadership and partnerships, not money (invented for play after Waring et al. "
        "2023, Table 2: politics of purpose).")
    governance: tuple[float, float, float, float] = tuned(
        (0.5, 0.5, 0.0, 0.0), "Governance puts roles and responsibilities at stake - who "
        "leads, who reports to whom - so it cannot be bought off with money (invented for "
        "play after Waring et al. 2023, Table 2: politics of governance).")
    inclusion: tuple[float, float, float, float] = tuned(
        (0.4, 0.0, 0.6, 0.0), "Inclusion is about having a seat and being heard: roles and "
        "relationships.")
    architecture: tuple[float, float, float, float] = tuned(
        (0.3, 0.3, 0.0, 0.4), "Moving services moves staff and standing (roles, "
        "responsibilities) and budgets (resources).")
    resources: tuple[float, float, float, float] = tuned(
        (0.0, 0.0, 0.0, 1.0), "A resources component is about money and assets.")
    prioritisation: tuple[float, float, float, float] = tuned(
        (0.0, 0.4, 0.0, 0.6), "Choosing what comes first shifts budgets and who is "
        "responsible for what.")
    vision_goodwill: float = tuned(
        0.05, "A broad vision closes a gap in meaning and values; beyond that gap it is "
        "worth only this much goodwill (Waring et al. 2023, Findings: meaning and values; "
        "Discussion: the strategies answer different fault-lines; size invented for play).")
    dialogue_relationship: float = tuned(
        0.12, "A facilitated dialogue repairs what each side stood to lose in relationships "
        "(Waring et al. 2023, Findings: meaning and values - dialogue between opposing "
        "groups; size invented for play).")
    backstage_relationship: float = tuned(
        0.08, "A private relationship with the director makes up a little of what a "
        "leader stood to lose in relationships (Waring et al. 2023, Findings: power and "
        "influence; size invented for play).")
    gesture_worth: float = tuned(
        0.2, "An offer paid in an R the person loses nothing in (money for a loss of say) is "
        "a gesture: it counts at a fifth of its value, within the goodwill cap (Waring et al. "
        "2023, Findings and Discussion: strategies answer their own fault-line; the fraction "
        "is invented for play).")
    misplaced_below: float = tuned(
        0.5, "An offer is said not to answer someone's loss when less than half of it lies "
        "in the Rs the offer pays in (Invented for play: the narrative names the mismatch).")
    noticed_loss: float = tuned(
        0.02, "A loss smaller than this on the stance scale is not worth naming (Invented for "
        "play).")
    main_loss_share: float = tuned(
        0.6, "The Rs named as 'mostly' what someone loses are the largest ones that together "
        "make up this share of the loss (Invented for play).")
    passed_over_rivalry: float = tuned(
        0.05, "Compensating one partner damages their rival's relationship with them: the "
        "rivalry deepens and pushes their stances apart (Waring et al. 2023, Findings: "
        "winners and losers - compensation creates new losers; size invented for play).")


@dataclass(frozen=True)
class RadarTuning:
    """What the player's political radar shows (engine/view.py)."""

    known_at: float = tuned(
        0.5, "Share of a person revealed from which their drivers, values and stakes are shown "
        "and the radar's estimate of them is exact (Invented for play: one meeting in person "
        "reaches it, one online meeting does not).")
    trust_known_at: float = tuned(
        0.25, "Share revealed from which the player can read how far someone trusts them "
        "(Invented for play: trust shows before motives do).")
    band_sds: float = tuned(
        2.0, "The uncertainty band spans two standard deviations of the estimate's error either "
        "side, so the truth is inside it about 95% of the time (a statistical convention).")


@dataclass(frozen=True)
class Difficulty:
    """One difficulty level: how much the radar hides and how big the team is."""

    noise: float = tuned(
        0.22, "Standard deviation of the radar's error about an unrevealed person's stance "
        "(Invented for play).")
    capacity: int = tuned(
        0, "Change to the team's monthly capacity, never below 1 (Invented for play).")
    revealed: float = tuned(
        0.0, "Share of every person revealed at the start (Invented for play).")
    hints: bool = tuned(
        False, "Whether the scenario's stage hints are shown (a teaching aid; a scenario can "
        "show them at every level).")
    describe: str = tuned(
        "", "What the player is told about the level when choosing it, in plain words.")


@dataclass(frozen=True)
class Difficulties:
    """The difficulty levels a player chooses from, easiest first (engine/state.py)."""

    guided: Difficulty = group(
        Difficulty, "For a first game: a clearer radar, a bigger team, a start on everyone's "
        "drivers, and hints (Invented for play).",
        noise=0.12, capacity=1, revealed=0.35, hints=True,
        describe="For a first game: your guesses of where people stand are close, your team "
        "can do one more thing each month, you start knowing something of what drives each "
        "partner, and hints suggest what to try.")
    standard: Difficulty = group(
        Difficulty, "The game as the scenarios are calibrated for (bench/balance_report.py).",
        noise=0.22, capacity=0, revealed=0.0, hints=False,
        describe="The game as the cases were balanced: your guesses of where people stand "
        "are rough until you listen to them, and there are no hints.")
    hard: Difficulty = group(
        Difficulty, "A foggier radar and a smaller team (Invented for play).",
        noise=0.34, capacity=-1, revealed=0.0, hints=False,
        describe="Your guesses of where people stand are far off until you listen, your team "
        "can do one thing fewer each month, and there are no hints.")


# -- listening: Waring et al. 2023, Findings: meaning and values ----------------------------

@dataclass(frozen=True)
class OneToOneTuning:
    """One-to-one meeting (listening)."""

    cost: int = tuned(
        1, "One private meeting fills one slot of the team's month (Invented for play).")
    reveal: float = tuned(
        0.6, "Share of the person revealed by a meeting, times the case's listening depth "
        "(Invented for play; that online meetings reveal less is our extrapolation from what "
        "limited the researchers' own fieldwork in Oak, Waring et al. 2023, Methods).")
    reveal_floor: float = tuned(
        0.1, "Revealed by any meeting, however shallow the listening (Invented for play).")
    trust_share: float = tuned(
        0.08, "Share of the missing trust a meeting builds: listening builds trust fastest "
        "where there is least (Invented for play).")
    trust: float = tuned(0.02, "Trust every meeting adds besides (Invented for play).")


@dataclass(frozen=True)
class TownHallTuning:
    """Town hall meeting (listening)."""

    cost: int = tuned(
        2, "A public meeting takes more organising than a one-to-one (Invented for play).")
    public_sectors: tuple[str, ...] = tuned(
        ("patients", "voluntary", "primary_care", "community", "social_care"),
        "The public-facing sectors a town hall reaches best: change has to feel driven by "
        "the community (Waring et al. 2023, Findings: meaning and values; the list is "
        "invented for play).")
    reveal_public: float = tuned(
        0.35, "Share of a public-facing person revealed, times listening depth (Invented for "
        "play).")
    reveal_others: float = tuned(
        0.15, "Share of everyone else revealed, times listening depth (Invented for play).")
    trust_public: float = tuned(
        0.04, "Trust the public-facing groups gain from being heard (Invented for play).")
    credibility: float = tuned(
        0.03, "Listening in public shows a willingness to be inclusive (Waring et al. 2023, "
        "Findings: meaning and values - the performative quality of town halls).")


@dataclass(frozen=True)
class DialogueTuning:
    """Facilitated dialogue (listening)."""

    cost: int = tuned(
        2, "Bringing two adversaries together takes preparation on both sides (Invented for "
        "play).")
    min_conflict: float = tuned(
        0.05, "Conflict at or below which there is nothing to work through (Invented for play).")
    conflict_kept: float = tuned(
        0.4, "Share of the rivalry left after the two hear each other (Waring et al. 2023, "
        "Findings: meaning and values - dialogue between opposing groups; the share is "
        "invented for play).")
    grievance_eased: float = tuned(
        0.1, "Grievance each side lets go of (Invented for play).")
    reveal: float = tuned(0.2, "Share of each side revealed (Invented for play).")
    trust: float = tuned(0.03, "Trust each side gains (Invented for play).")


# -- framing: Waring et al. 2023, Findings and Discussion; Waring, Bishop & Roe -------------

@dataclass(frozen=True)
class BigPictureTuning:
    """Big-picture vision (framing)."""

    cost: int = tuned(1, "Setting out the vision is one month's piece of work (Invented for play).")
    lift: float = tuned(
        0.12, "Goodwill a first appeal to the big picture adds for everyone: hard to argue "
        "against (Waring et al. 2023, Findings: meaning and values - seeing the big picture; "
        "the size is invented for play).")
    repeat_factor: float = tuned(
        0.55, "Each repeat lifts 0.55 times as much as the one before: the statements are "
        "all-encompassing but thin (Waring, Bishop & Roe, Negotiating the Purpose; the factor "
        "is invented for play).")


@dataclass(frozen=True)
class TailoredFrameTuning:
    """Tailored frame (framing)."""

    cost: int = tuned(1, "A pitch to one person is one month's piece of work (Invented for play).")
    strength: float = tuned(
        0.2, "Share of the gap between the person's values and the plan that a blind pitch "
        "closes (Waring et al. 2023, Discussion - parallel frames for different groups; the "
        "size is invented for play).")
    strength_known: float = tuned(
        0.5, "Added share, times how much is known about them: working out what matters "
        "helps to sell change (Waring et al. 2023, Findings: winners and losers).")
    repeat_factor: float = tuned(
        0.6, "Each further pitch to the same person works 0.6 times as well (Invented for play).")
    misfire_chance: float = tuned(
        0.55, "Chance that a pitch to a stranger misjudges them (Invented for play).")
    misfire_power: int = tuned(
        2, "The chance goes with the square of the share of them still unknown, so a little "
        "listening already makes a pitch much safer (Invented for play).")
    misfire_shift: float = tuned(
        0.25, "A misfire pushes the frame away from them by this share of the gap (Invented "
        "for play).")
    misfire_trust: float = tuned(0.04, "Trust a misfire costs (Invented for play).")


@dataclass(frozen=True)
class EvidenceCaseTuning:
    """Evidence and business case (framing)."""

    cost: int = tuned(
        2, "Outcomes data and a business case take time to assemble (Invented for play).")
    evidence: float = tuned(
        0.5, "Evidence a business case adds to a component: two make it as strong as it gets "
        "(Waring et al. 2023, Findings: winners and losers - persuading specialists who "
        "oppose un-evidenced change; the size is invented for play).")
    doubter_need: float = tuned(
        0.3, "Need for evidence above which a person is named as one the case reaches "
        "(Invented for play).")


# -- compensation: Waring et al. 2023, Findings: winners and losers ------------------------

@dataclass(frozen=True)
class OfferRoleTuning:
    """Offer a leadership role (compensation)."""

    cost: int = tuned(
        1, "Offering a role is one conversation; the roles themselves are scarce (Invented for "
        "play).")
    gain: float = tuned(
        0.12, "Compensation a role is worth to anyone (Waring et al. 2023, Findings: winners "
        "and losers - leadership roles as compensation; the size is invented for play).")
    gain_per_interest: float = tuned(
        0.45, "Added worth, times how much the person cares about roles (Invented for play).")
    passed_over_grievance: float = tuned(
        0.12, "Grievance each rival gains, times their conflict with the person chosen: "
        "compensation creates new losers (Invented for play, after the same change read in "
        "opposite ways in Waring et al. 2023, Findings: winners and losers).")


@dataclass(frozen=True)
class OfferFundsTuning:
    """Offer transitional funds (compensation)."""

    cost: int = tuned(
        1, "Finding the money is one piece of work; the funds themselves are scarce (Invented for "
        "play).")
    gain: float = tuned(
        0.12, "Compensation transitional money is worth to anyone, as much as a role (Waring "
        "et al. 2023, Discussion - inducements to offset perceived losses; the size is "
        "invented for play).")
    gain_per_interest: float = tuned(
        0.45, "Added worth, times how much the person cares about resources (Invented for "
        "play).")
    passed_over_grievance: float = tuned(
        0.12, "Grievance each rival gains, times their conflict with the person paid "
        "(Invented for play).")
    credibility: float = tuned(
        0.02, "Paying one partner off behind closed doors costs a little standing (Invented "
        "for play).")


@dataclass(frozen=True)
class ExternalFundingTuning:
    """Seek charitable or external funding (compensation)."""

    cost: int = tuned(
        2, "A charitable or outside bid takes time to write and win (Invented for play).")
    offset_per_interest: float = tuned(
        1.6, "Share of a resource loss that outside money offsets, times how much the person "
        "cares about resources (Waring, Bishop & Roe, Negotiating Governance Arrangements - "
        "charitable funding for the cancer pathway; the size is invented for play).")
    offset_min: float = tuned(
        0.3, "...but at least this share: money eases every budget a little (Invented for play).")
    offset_max: float = tuned(
        0.9, "...and at most this share: outside money never makes a loss disappear "
        "(Invented for play).")


@dataclass(frozen=True)
class AmendPlanTuning:
    """Amend the plan (compensation)."""

    cost: int = tuned(
        1, "Rewriting one component is one month's piece of work (Invented for play).")
    step: float = tuned(
        0.25, "Share of a component's original ambition each amendment gives up (Invented for "
        "play).")
    floor: float = tuned(
        0.25, "Ambition a component never falls below: scaled back further it would be "
        "dropped (Invented for play).")
    stop_at: float = tuned(
        0.3, "Ambition at or below which a component cannot be amended again, just above the "
        "floor (Invented for play).")


@dataclass(frozen=True)
class EveryoneGivesTuning:
    """Everyone gives up a little (compensation)."""

    cost: int = tuned(
        2, "Making the case to every partner takes a month's concerted effort (Invented for "
        "play).")
    loser_below: float = tuned(
        -0.05, "Net stake below which someone counts as losing from the plan (Invented for "
        "play).")
    softening: float = tuned(
        0.15, "Compensation each loser takes from the argument, times their trust in you: "
        "short-term losses accepted for long-term gains (Waring et al. 2023, Findings: "
        "winners and losers - 'everyone gives up a little'; the size is invented for play).")
    winner_above: float = tuned(
        0.2, "Net stake above which someone counts as a clear winner (Invented for play).")
    winner_gives: float = tuned(
        0.03, "What each clear winner gives up in turn (Invented for play).")


# -- alliances: Waring et al. 2023, Findings; Waring, Bishop & Roe -------------------------

@dataclass(frozen=True)
class RecruitChampionTuning:
    """Recruit a champion (alliance)."""

    cost: int = tuned(
        1, "Asking a supporter to champion the plan is one conversation (Invented for play).")
    max_champions: int = tuned(
        3, "Champions the director can sustain at once (Invented for play: a small team "
        "cannot support more).")
    min_stance: float = tuned(
        0.2, "Stance a person needs before they agree to champion the plan: only those who "
        "are sold on it become early adopters (Waring et al. 2023, Findings: winners and "
        "losers; the threshold is invented for play).")
    refusal_trust: float = tuned(
        0.03, "Trust lost by asking someone not yet sold on it (Invented for play).")
    trust: float = tuned(0.05, "Trust a new champion gains (Invented for play).")


@dataclass(frozen=True)
class BuildCoalitionTuning:
    """Build a coalition of marginal groups (alliance)."""

    cost: int = tuned(
        2, "Drawing several groups together takes a month's concerted effort (Invented for play).")
    min_members: int = tuned(
        2, "Supportive marginal groups needed to form a coalition (Waring et al. 2023, "
        "Findings: power and influence - alliances of marginal groups).")
    member_stance: float = tuned(
        0.1, "Stance from which a marginal group joins (Invented for play).")
    credibility: float = tuned(
        0.03, "Standing the director gains from a coalition behind the plan (Invented for "
        "play).")


@dataclass(frozen=True)
class BackstageTuning:
    """Cultivate backstage (alliance)."""

    cost: int = tuned(
        1, "Private conversations with one leader are one piece of work (Invented for play).")
    min_influence: float = tuned(
        0.45, "Influence a leader needs to be worth cultivating: the research names "
        "influential leaders (Waring et al. 2023, Findings: power and influence; the "
        "threshold is invented for play).")
    reveal: float = tuned(
        0.4, "Share of the leader revealed by the private relationship (Invented for play).")
    reveal_allies: float = tuned(
        0.25, "Share of each of their allies revealed: intelligence on likely opposition "
        "(Waring et al. 2023, Findings: power and influence; the size is invented for play).")
    trust: float = tuned(0.05, "Trust the leader gains (Invented for play).")


@dataclass(frozen=True)
class AirCoverTuning:
    """Secure the Board's air cover (alliance)."""

    cost: int = tuned(1, "Asking the Board's executives is one piece of work (Invented for play).")
    credibility: float = tuned(
        0.1, "Standing the Board's public backing gives the core team (Waring, Bishop & Roe, "
        "Negotiating Governance Arrangements - air cover; the size is invented for play).")
    shield: float = tuned(
        0.5, "Share of a public loss of standing (a failed vote, an exposed consultation) the "
        "Board's air cover absorbs: covered core teams weathered criticism and rarely had to "
        "justify themselves (Waring, Bishop & Roe, Negotiating Governance Arrangements; the "
        "share is invented for play). Air cover shields; it is not a weapon.")


# -- challenge: Waring et al. 2023, Findings: meaning and values; power and influence ------

@dataclass(frozen=True)
class ChallengeTuning:
    """Challenge in public (challenge)."""

    cost: int = tuned(1, "A challenge is one intervention in one meeting (Invented for play).")
    coalition_standing: float = tuned(
        0.05, "Standing each coalition member adds (Invented for play).")
    margin: float = tuned(
        0.1, "Standing must exceed the target's influence by this much (Invented for play).")
    friendly_above: float = tuned(
        0.1, "Stance above which the target is on your side, so a challenge baffles the room "
        "(Invented for play).")
    friendly_credibility: float = tuned(
        0.06, "Credibility lost by challenging a supporter (Invented for play).")
    friendly_grievance: float = tuned(
        0.15, "Grievance of the supporter challenged (Invented for play).")
    pressure: float = tuned(
        0.3, "Pressure of collective scrutiny on the one singled out (Waring et al. 2023, "
        "Findings: meaning and values; the size is invented for play).")
    repeat_factor: float = tuned(
        0.6, "Each further challenge at the same stage presses 0.6 times as hard (Invented "
        "for play).")
    success_grievance: float = tuned(
        0.05, "Grievance a successful challenge still leaves (Invented for play).")
    success_credibility: float = tuned(
        0.02, "Standing gained by a challenge that works (Invented for play).")
    backfire_credibility: float = tuned(
        0.12, "Credibility lost when the room closes ranks behind the target (Invented for "
        "play).")
    backfire_grievance: float = tuned(
        0.25, "Grievance of the target of a failed challenge (Invented for play).")
    backfire_ally_grievance: float = tuned(
        0.1, "Grievance of each of the target's allies (Invented for play).")


# -- process: Waring, Bishop & Roe, Negotiating Governance Arrangements and Priorities ------

@dataclass(frozen=True)
class SetAgendaTuning:
    """Set the agenda around shared concerns (process)."""

    cost: int = tuned(1, "Building one stage's agenda is one piece of work (Invented for play).")
    agenda: float = tuned(
        0.1, "Warmth of the forum's members towards an agenda built on shared concerns "
        "(Waring et al. 2023, Findings: meaning and values - stage-managed interactions; "
        "the size is invented for play).")


@dataclass(frozen=True)
class KeepOffTuning:
    """Keep an item off the table (process)."""

    cost: int = tuned(1, "Arranging an agenda so an item is not discussed is one piece of work "
                      "(Invented for play).")
    grievance: float = tuned(
        0.05, "Grievance of those the item affects when it is kept off: they wanted it "
        "discussed (Waring, Bishop & Roe, Discussion: non-negotiation; size invented).")
    resurface_grievance: float = tuned(
        0.1, "Grievance when a deferred item comes back at the next stage unsettled: it was "
        "postponed, not resolved (Waring et al. 2023, Findings - differences concealed "
        "resurface later; size invented for play).")


@dataclass(frozen=True)
class ReconstituteTuning:
    """Reconstitute the committee (process)."""

    cost: int = tuned(
        2, "Renegotiating a committee's membership takes a month's argument (Invented for play).")
    central_grievance: float = tuned(
        0.08, "Grievance of each central member of the widened committee (Waring, Bishop & "
        "Roe, Negotiating Governance Arrangements - heated disagreement over membership; "
        "the size is invented for play).")
    credibility: float = tuned(
        0.02, "Standing lost in the row, without formal authority to mandate membership "
        "(Waring, Bishop & Roe, Negotiating Governance Arrangements; the size is invented "
        "for play).")


@dataclass(frozen=True)
class CoWriteCaseTuning:
    """Ask partners to co-write a business case (process)."""

    cost: int = tuned(
        2, "Two partners writing a joint case takes a month of their time (Invented for play).")
    evidence: float = tuned(
        0.3, "Evidence the joint case adds to the disputed component: attention moves from "
        "interests to the case for change (Waring, Bishop & Roe, Negotiating Transformation "
        "Priorities; the size is invented for play).")
    trust: float = tuned(0.04, "Trust each co-author gains (Invented for play).")


@dataclass(frozen=True)
class ConsultTuning:
    """Run the consultation (process)."""

    genuine_cost: int = tuned(
        2, "Co-design with those affected takes more of the team than publishing the plan "
        "(Invented for play; the contrast is from Waring, Bishop & Roe, Negotiating "
        "Transformation Priorities).")
    announce_cost: int = tuned(
        1, "Proposal documents, a website and an online survey, as in the merger's post-hoc "
        "engagement, are cheap (Waring, Bishop & Roe, Negotiating Transformation Priorities; "
        "the cost is invented for play).")
    genuine_months: int = tuned(
        1, "Months a genuine consultation adds: it has to come before the decision (Waring, "
        "Bishop & Roe, Negotiating Transformation Priorities; one month invented for play).")
    affected_sectors: tuple[str, ...] = tuned(
        ("primary_care", "patients", "voluntary", "community"),
        "The sectors a consultation is for: GPs and the public (Waring, Bishop & Roe, "
        "Negotiating Transformation Priorities), with the voluntary and community sectors "
        "(added for play).")
    genuine_reveal: float = tuned(
        0.3, "Share of everyone revealed by real engagement (Invented for play).")
    genuine_trust: float = tuned(
        0.08, "Trust the affected groups gain from real co-design (Invented for play).")
    genuine_grievance: float = tuned(
        0.1, "Grievance the affected groups let go of (Invented for play).")
    genuine_credibility: float = tuned(
        0.05, "Legitimacy of a decision that was open to those affected (Waring, Bishop & "
        "Roe, Negotiating Transformation Priorities; the size is invented for play).")
    announce_trust: float = tuned(
        0.05, "The affected groups still feel heard at first: a false negotiation looks "
        "legitimate (Waring, Bishop & Roe, Discussion; the size is invented for play).")


@dataclass(frozen=True)
class AnswerAskTuning:
    """Answer the consultation (process)."""

    cost: int = tuned(
        0, "Accepting or refusing an ask is a decision, not a piece of work; negotiating one "
        "costs `asks.negotiate_cost` (Invented for play).")


@dataclass(frozen=True)
class AskTuning:
    """What a genuine consultation asks, and answering it (process)."""

    ask_stake: float = tuned(
        0.15, "Those consulted ask for a change to a component they stand to lose this much "
        "from (Waring, Bishop & Roe, Negotiating Transformation Priorities: GPs questioned a "
        "merger that cost them; the threshold is invented for play).")
    max_asks: int = tuned(
        3, "A consultation's main asks the team can answer in its time (Invented for play).")
    accept_ambition: float = tuned(
        0.15, "Ambition a component gives up when an ask is accepted: the terms really change, "
        "and those who wanted the full version lose a little (Waring, Bishop & Roe, "
        "Discussion: a consultation matters when it changes the outcome; size invented).")
    accept_grievance: float = tuned(
        0.12, "Grievance the askers let go of when heard in substance (Invented for play).")
    accept_trust: float = tuned(
        0.05, "Trust the askers gain when their ask is accepted (Invented for play).")
    negotiate_cost: int = tuned(
        1, "Working out a middle way with the askers takes a piece of the team's time "
        "(Invented for play).")
    negotiate_ambition: float = tuned(
        0.07, "Ambition a negotiated change gives up: about half an accepted one (Invented for "
        "play).")
    negotiate_grievance: float = tuned(
        0.06, "Grievance a negotiated answer eases (Invented for play).")
    refuse_grievance: float = tuned(
        0.12, "Grievance of askers who are heard and then refused: they took part and "
        "nothing changed (Waring, Bishop & Roe: GPs called the merger consultation "
        "tokenistic; size invented).")
    refuse_trust: float = tuned(
        0.05, "Trust a refused ask costs (Invented for play).")
    refuse_credibility: float = tuned(
        0.03, "Standing a refusal costs in public (Invented for play).")
    refuse_scrutiny: float = tuned(
        0.05, "Those refused take the procedural route and refer the decision to scrutiny: "
        "this stage and every later one needs 5 points more support per refusal (Waring, "
        "Bishop & Roe, Discussion: marginal actors negotiate through formal and procedural "
        "means; the referral and its size are our invention).")
    withheld_grievance: float = tuned(
        0.15, "Grievance of those who expected a say when no consultation is run (Waring, "
        "Bishop & Roe, Discussion: non-negotiation; size invented for play).")
    withheld_credibility: float = tuned(
        0.08, "Standing lost when a consultation stage decides without consulting: the "
        "process is open to scrutiny (Waring, Bishop & Roe, Negotiating Governance "
        "Arrangements: the core team's precarious legitimacy; size invented).")
    withheld_scrutiny: float = tuned(
        0.1, "Those denied a say take the procedural route: they refer the decision to "
        "scrutiny, and this stage and every later one needs 10 points more support "
        "(Waring, Bishop & Roe, Discussion: marginal actors negotiate through formal and "
        "procedural means; the referral and its size are our invention).")


@dataclass(frozen=True)
class CallDecisionTuning:
    """Call the decision now (process)."""

    cost: int = tuned(
        0, "Choosing the moment costs no capacity: the timing is the choice (Invented for "
        "play).")


@dataclass(frozen=True)
class EndRoundTuning:
    """End the round (time)."""

    cost: int = tuned(0, "Letting the month pass is always possible (Invented for play).")


# -- all of it ------------------------------------------------------------------------------

@dataclass(frozen=True)
class NegotiationTuning:
    """How the engine records negotiation episodes (engine/negotiation.py)."""

    affected_stake: float = tuned(
        0.15, "Someone whose gain or loss from a component at full ambition is at least this "
        "counts as affected by a negotiation on it (our reading of the inclusive/exclusive "
        "dimension, which Waring, Bishop & Roe, Discussion, name but do not define: the "
        "parties to the dilemma take part; the threshold is invented for play).")
    inclusive_share: float = tuned(
        0.6, "An episode is inclusive when the affected present carry at least this share of "
        "what all the affected stand to gain or lose (Invented for play, after Waring, Bishop "
        "& Roe's inclusive/exclusive dimension).")


# -- stakeholders' own actions: Waring, Bishop & Roe, Discussion ------------------------------

@dataclass(frozen=True)
class LobbyTuning:
    """Lobbying allies behind the scenes (a hidden channel)."""

    rate: float = tuned(
        0.5, "Monthly chance of lobbying, times how far the person opposes the plan, when an "
        "ally sits in the deciding forum (Invented for play).")
    pull: float = tuned(
        0.25, "Stance each ally loses, times the lobbyist's opposition and the strength of "
        "the tie (Waring, Bishop & Roe, Discussion: dominant actors work through discursive "
        "representation and hidden channels; the size is invented for play).")
    cap: float = tuned(
        0.25, "Lobbying never pulls a person more than this far (Invented for play).")
    kept: float = tuned(
        0.6, "Share of lobbying's pull that lasts into the next month unless renewed "
        "(Invented for play).")


@dataclass(frozen=True)
class SideDealTuning:
    """A side deal between dominant actors (a hidden channel)."""

    rate: float = tuned(
        0.25, "Monthly chance of a side deal, times twice the smaller of the two partners' "
        "losses on the component they share, the share of the author's loss you have not "
        "compensated and their distrust of you; only someone not yet supporting the plan "
        "looks for one (Invented for play).")
    min_loss: float = tuned(
        0.15, "Loss from a component, at full ambition, from which two partners have "
        "something to settle between them (Invented for play).")
    relief: float = tuned(
        0.5, "Share of each partner's loss on the component that the deal takes away: they "
        "protect each other's share of the resources (Waring, Bishop & Roe, Discussion: a "
        "small group of senior actors pooling resources in closed, backstage meetings; the "
        "share is invented for play).")


@dataclass(frozen=True)
class ThreatTuning:
    """A threat to withdraw a resource (a hidden channel)."""

    rate: float = tuned(
        0.3, "Monthly chance that an opponent who controls a resource threatens to withdraw "
        "it, times their opposition, at a stage where partners commit what they hold (one "
        "with veto holders) (Waring et al. 2023, Findings: power and influence - "
        "organisations withholding resources; the rate is invented for play).")
    unmet_demand: float = tuned(
        1.0, "Added chance, as a share, while the person has a demand you have not met "
        "(Invented for play).")
    air_cover_margin: float = tuned(
        0.2, "With the Board's air cover a threatener blocks only this much further below "
        "`block_at`: the Board stands behind the director (Waring, Bishop & Roe, Negotiating "
        "Governance Arrangements - 'air cover'; the size is invented for play).")


@dataclass(frozen=True)
class DemandTuning:
    """A demand for a concession (a hidden channel, made to the director in private)."""

    rate: float = tuned(
        0.5, "Monthly chance of a demand, times the person's uncompensated loss on the stance "
        "scale (Invented for play, after Waring et al. 2023, Findings: winners and losers).")
    min_loss: float = tuned(
        0.08, "Uncompensated loss on the stance scale from which a partner demands something "
        "in return (Invented for play).")
    amount: float = tuned(
        0.1, "Support withheld until the demand is met, as a scenario's demands withhold it "
        "(Invented for play).")


@dataclass(frozen=True)
class DelayTuning:
    """A request for more time before a forum decides (public)."""

    rate: float = tuned(
        0.5, "Chance that an opponent in the forum asks for one more round when the decision "
        "is due, times their opposition (Invented for play, after the circular meetings of "
        "Waring, Bishop & Roe, Negotiating Transformation Priorities).")
    per_stage: int = tuned(
        1, "Rounds a stage can be delayed at its members' request (Invented for play).")


@dataclass(frozen=True)
class SeatTuning:
    """Asking for a seat on the committee (a formal route)."""

    rate: float = tuned(
        0.4, "Monthly chance that a group affected by the plan but left off the committee "
        "asks for a seat, times how much it stands to gain or lose (Waring, Bishop & Roe, "
        "Negotiating Governance Arrangements - groups who saw the urgent care committee as "
        "dominated by the hospitals; the rate is invented for play).")
    grievance: float = tuned(
        0.03, "Grievance that grows each month until the committee is reconstituted with "
        "them on it, or decides without them (Invented for play).")


@dataclass(frozen=True)
class ScrutinyTuning:
    """A referral to scrutiny (a formal route)."""

    rate: float = tuned(
        0.6, "Monthly chance of a referral, times 0.5 plus the person's grievance, once they "
        "have grounds: an announced consultation, a consultation about to be skipped, or a "
        "matter affecting them kept off the table or settled elsewhere (Waring, Bishop & Roe, "
        "Negotiating Transformation Priorities - GPs questioning the procedure in public "
        "meetings; the rate is invented for play).")
    credibility: float = tuned(
        0.04, "Credibility the director loses having to justify the process (Invented for "
        "play).")
    threshold: float = tuned(
        0.06, "Added share of support a consultation stage's decision needs after each "
        "referral: the scrutiny asks for a wider backing (Invented for play).")
    max_threshold: float = tuned(
        0.12, "Most that referrals can add to a decision's threshold (Invented for play).")


@dataclass(frozen=True)
class CampaignTuning:
    """A public campaign (a formal route)."""

    rate: float = tuned(
        0.3, "Monthly chance of a campaign, times the group's grievance (Invented for play).")
    min_grievance: float = tuned(
        0.15, "Grievance from which a group campaigns in public (Invented for play).")
    spread: float = tuned(
        0.3, "Share of the campaigner's grievance each marginal ally takes up, times the "
        "strength of the tie (Invented for play, after the alliances of marginal groups in "
        "Waring et al. 2023, Findings: power and influence).")
    credibility: float = tuned(
        0.02, "Credibility a public campaign costs the director (Invented for play).")


@dataclass(frozen=True)
class ComplainTuning:
    """A formal complaint (a formal route)."""

    rate: float = tuned(
        0.15, "Monthly chance of a complaint, times the person's grievance plus opposition "
        "(Invented for play).")
    min_grievance: float = tuned(
        0.05, "Grievance from which someone who does not oppose the plan still complains "
        "(Invented for play).")
    credibility: float = tuned(
        0.01, "Credibility a complaint costs the director: minor (Invented for play).")


@dataclass(frozen=True)
class AgencyTuning:
    """What stakeholders do of their own accord each month (engine/agency.py)."""

    max_act: float = tuned(
        0.6, "Highest chance that one person takes an action in a month: the others have "
        "their own organisations to run (Invented for play).")
    distrust: float = tuned(
        0.8, "How much distrust of the director raises the chance of acting against the plan "
        "(trust 0.2 raises it by about half, trust 0.8 lowers it by as much) (Invented for "
        "play).")
    air_cover_shield: float = tuned(
        0.5, "Share of lobbying's pull and of the credibility a referral, campaign or "
        "complaint costs that the Board's air cover absorbs: the core team rarely had to "
        "justify itself in public (Waring, Bishop & Roe, Negotiating Governance Arrangements "
        "- 'air cover'; the share is invented for play).")
    lobby: LobbyTuning = group(
        LobbyTuning, "Waring, Bishop & Roe, Discussion (hidden channels of dominant actors).")
    side_deal: SideDealTuning = group(
        SideDealTuning, "Waring, Bishop & Roe, Discussion (exclusive negotiation: senior "
        "actors pooling resources backstage).")
    threat: ThreatTuning = group(
        ThreatTuning, "Waring et al. 2023, Findings: power and influence (control of "
        "resources); Waring, Bishop & Roe, Discussion (hidden channels).")
    demand: DemandTuning = group(
        DemandTuning, "Waring et al. 2023, Findings: winners and losers (support conditional on "
        "a concession).")
    delay: DelayTuning = group(
        DelayTuning, "Invented for play, after Waring, Bishop & Roe, Negotiating Transformation "
        "Priorities (circular negotiations).")
    seat: SeatTuning = group(
        SeatTuning, "Waring, Bishop & Roe, Negotiating Governance Arrangements (the urgent care "
        "committee's membership).")
    scrutiny: ScrutinyTuning = group(
        ScrutinyTuning, "Waring, Bishop & Roe, Negotiating Transformation Priorities and "
        "Discussion (formal and procedural means; 'due process').")
    campaign: CampaignTuning = group(
        CampaignTuning, "Waring, Bishop & Roe, Discussion (formal and procedural means).")
    complain: ComplainTuning = group(
        ComplainTuning, "Waring, Bishop & Roe, Discussion (formal and procedural means).")


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
    max_reopenings: int = tuned(
        1, "A failed stage sends its dispute back to an earlier forum once in a game; "
        "after that it goes another round (Invented for play: re-opening is Waring et al. "
        "2023, Findings - a downstream dispute re-opens a settled one; the limit keeps a "
        "game from circling without time passing).")
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
        0.25, "Those who expected a say resent the rubber stamp (Waring, Bishop & Roe, "
        "Negotiating Transformation Priorities; the size is invented for play).")
    exposure_trust: float = tuned(
        0.1, "...and trust the director less (Waring, Bishop & Roe, Negotiating "
        "Transformation Priorities; the size is invented for play).")
    exposure_sectors: tuple[str, ...] = tuned(
        ("primary_care", "patients"), "GPs called the merger consultation tokenistic and a "
        "rubber stamp (Waring, Bishop & Roe, Negotiating Transformation Priorities); adding "
        "patient groups is our extrapolation: the same engagement went to the public.")
    # -- the negotiated order ---------------------------------------------------------
    answer_ask: AnswerAskTuning = group(
        AnswerAskTuning, "Answering what a consultation asked (Waring, Bishop & Roe, "
        "Negotiating Transformation Priorities).")
    asks: AskTuning = group(
        AskTuning, "A genuine consultation produces asks the director must answer, so "
        "consulting changes the plan or visibly refuses to (Waring, Bishop & Roe, Negotiating "
        "Transformation Priorities).")
    negotiation: NegotiationTuning = group(
        NegotiationTuning, "Episodes are classified from who took part, whether they were "
        "scheduled, and whether they settled the matter (Waring, Bishop & Roe, Discussion).")
    # -- what stakeholders do of their own accord --------------------------------------
    agency: AgencyTuning = group(
        AgencyTuning, "Each month stakeholders may act from their own drivers: dominant "
        "actors through hidden channels, marginal ones through formal and procedural routes "
        "(Waring, Bishop & Roe, Discussion).")
    # -- the stance model, the vote, the radar, the difficulty levels ------------------
    stance: StanceTuning = group(
        StanceTuning, "Stance is a sum of named parts, so every change can be explained "
        "(Waring et al. 2023, Findings: the three fault-lines).")
    decision: DecisionTuning = group(
        DecisionTuning, "Votes are weighted by influence because power was unevenly spread "
        "(Waring et al. 2023, Findings: power and influence).")
    fault_lines: FaultLineTuning = group(
        FaultLineTuning, "Each strategy works on the fault-line it addresses (Waring et al. "
        "2023, Findings and Discussion): compensation answers a loss only in the R it is "
        "paid in, a vision only a gap in values.")
    radar: RadarTuning = group(
        RadarTuning, "Leaders read the landscape with a political radar (Waring et al. 2023, "
        "Findings: power and influence).")
    difficulty: Difficulties = group(
        Difficulties, "Difficulty changes what the player can see and do, never the people "
        "(Invented for play).")
    # -- the moves, by family ----------------------------------------------------------
    one_to_one: OneToOneTuning = group(
        OneToOneTuning, "Waring et al. 2023, Findings: meaning and values (listening methods).")
    town_hall: TownHallTuning = group(
        TownHallTuning, "Waring et al. 2023, Findings: meaning and values ('town hall' "
        "meetings).")
    dialogue: DialogueTuning = group(
        DialogueTuning, "Waring et al. 2023, Findings: meaning and values (dialogue between "
        "opposing groups).")
    big_picture: BigPictureTuning = group(
        BigPictureTuning, "Waring, Bishop & Roe, Negotiating the Purpose (all-encompassing "
        "vision statements); Waring et al. 2023, Findings (seeing the big picture).")
    tailored_frame: TailoredFrameTuning = group(
        TailoredFrameTuning, "Waring et al. 2023, Discussion (parallel frames for different "
        "groups).")
    evidence_case: EvidenceCaseTuning = group(
        EvidenceCaseTuning, "Waring et al. 2023, Findings: winners and losers (the "
        "'un-evidenced' objection).")
    offer_role: OfferRoleTuning = group(
        OfferRoleTuning, "Waring et al. 2023, Findings: winners and losers (leadership roles "
        "as compensation).")
    offer_funds: OfferFundsTuning = group(
        OfferFundsTuning, "Waring, Bishop & Roe, Negotiating Governance Arrangements "
        "(resource sharing deals).")
    external_funding: ExternalFundingTuning = group(
        ExternalFundingTuning, "Waring, Bishop & Roe, Negotiating Governance Arrangements "
        "(charitable funding).")
    amend_plan: AmendPlanTuning = group(
        AmendPlanTuning, "Invented for play: neither paper describes amending a plan; trading "
        "ambition for fewer losers is a compromise (Waring, Bishop & Roe, Towards a "
        "Negotiated Dilemmas Perspective), with the risk of a collection of improvement "
        "projects (Negotiating the Purpose).")
    everyone_gives: EveryoneGivesTuning = group(
        EveryoneGivesTuning, "Waring et al. 2023, Findings: winners and losers ('everyone "
        "gives up a little').")
    recruit_champion: RecruitChampionTuning = group(
        RecruitChampionTuning, "Waring et al. 2023, Findings: winners and losers (early "
        "adopters as champions).")
    build_coalition: BuildCoalitionTuning = group(
        BuildCoalitionTuning, "Waring et al. 2023, Findings: power and influence (alliances "
        "of marginal groups).")
    backstage: BackstageTuning = group(
        BackstageTuning, "Waring et al. 2023, Findings: power and influence (influential "
        "leaders for intelligence).")
    air_cover: AirCoverTuning = group(
        AirCoverTuning, "Waring, Bishop & Roe, Negotiating Governance Arrangements ('air "
        "cover').")
    challenge: ChallengeTuning = group(
        ChallengeTuning, "Waring et al. 2023, Findings: power and influence (directly "
        "challenging).")
    set_agenda: SetAgendaTuning = group(
        SetAgendaTuning, "Waring, Bishop & Roe, Discussion (stage-managed negotiation: the "
        "convenor sets the structure and parameters).")
    keep_off: KeepOffTuning = group(
        KeepOffTuning, "Waring, Bishop & Roe, Discussion (non-negotiation: an issue held off "
        "the table).")
    reconstitute: ReconstituteTuning = group(
        ReconstituteTuning, "Waring, Bishop & Roe, Negotiating Governance Arrangements (the "
        "urgent care committee).")
    co_write_case: CoWriteCaseTuning = group(
        CoWriteCaseTuning, "Waring, Bishop & Roe, Negotiating Transformation Priorities (the "
        "'Catch-22').")
    consult: ConsultTuning = group(
        ConsultTuning, "Waring, Bishop & Roe, Negotiating Transformation Priorities (the "
        "commissioning merger) and Discussion (false negotiation).")
    call_decision: CallDecisionTuning = group(
        CallDecisionTuning, "Invented for play: lets the player choose timing.")
    end_round: EndRoundTuning = group(
        EndRoundTuning, "Invented for play: rounds stand for the meeting cycle.")


TUNING = Tuning()

#: the difficulty levels by name, easiest first (the order menus show them in)
DIFFICULTIES: dict[str, Difficulty] = {
    f.name: getattr(TUNING.difficulty, f.name) for f in fields(Difficulties)}


# -- the table, for documentation and tests ----------------------------------------------------

@dataclass(frozen=True)
class Entry:
    """One row of the table: a dotted name, its value (None for a group) and its reason."""

    name: str
    value: Any
    why: str

    @property
    def is_group(self) -> bool:
        return is_dataclass(self.value)


def entries(obj: Any = TUNING, prefix: str = "") -> Iterator[Entry]:
    """Every tuned number and group under `obj`, depth first, in declaration order."""
    for f in fields(obj):
        value = getattr(obj, f.name)
        entry = Entry(prefix + f.name, value, f.metadata.get("why", ""))
        yield entry
        if entry.is_group:
            yield from entries(value, entry.name + ".")


def reasons() -> dict[str, str]:
    """Every tuned number's (and group's) dotted name and reason."""
    return {e.name: e.why for e in entries()}


REGENERATE = "python -m faultlines.engine.tuning --write docs/fidelity.md"
BEGIN = f"<!-- BEGIN GENERATED TUNED NUMBERS (do not edit by hand; run: {REGENERATE}) -->"
END = "<!-- END GENERATED TUNED NUMBERS -->"


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, tuple):
        return ", ".join(f"`{v}`" for v in value)
    return f"`{value}`"


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _table(rows: list[Entry]) -> list[str]:
    out = ["| name | value | reason |", "|---|---|---|"]
    for e in rows:
        name = f"**`{e.name}`**" if e.is_group else f"`{e.name}`"
        out.append(f"| {name} | {'' if e.is_group else _shown(e.value)} | {_cell(e.why)} |")
    return out


def render_markdown() -> str:
    """The generated Markdown: the flow's numbers, then one table per group."""
    intro = ("Generated from `engine/tuning.py`, where each number is defined with its "
             "reason. Names are as in the code (`TUNING.challenge.pressure`); each group says "
             "where it comes from, and a bold row starts a group within it.")
    parts = [intro, "#### Stages, decisions and consultation (the flow)",
             "\n".join(_table([e for e in entries() if "." not in e.name and not e.is_group]))]
    for f in fields(Tuning):
        value = getattr(TUNING, f.name)
        if is_dataclass(value):
            title = (type(value).__doc__ or f.name).strip().rstrip(".")
            rows = list(entries(value, f.name + "."))
            parts += [f"#### `{f.name}`: {title}",
                      _cell(f.metadata["why"]), "\n".join(_table(rows))]
    return "\n\n".join(parts)


def splice(doc: str, generated: str) -> str:
    """`doc` with the text between the markers replaced by `generated`."""
    return docsection.splice(doc, generated, BEGIN, END)


def main(argv: list[str] | None = None) -> int:
    return docsection.main(argv, prog="python -m faultlines.engine.tuning", description="Print or check the table of tuned numbers.",
                           render=render_markdown, begin=BEGIN, end=END, source="engine/tuning.py",
                           regenerate=REGENERATE)


if __name__ == "__main__":
    sys.exit(main())
