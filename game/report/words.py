"""Numbers described in words: the one place for plurals and signed numbers that the
terminal edition and the reports share, and a scenario's numbers as prose for role briefs
(role-players read prose, not vectors). Every scale here is ours; the meanings of the value
axes follow the schema (Waring et al. 2023, Findings: meaning and values)."""

from __future__ import annotations

import re

# the one plural helper, shared with the engine's debrief ("1 leadership role", "2 ...s")
from faultlines.engine.debrief.timeline import plural

__all__ = ["plural", "signed", "number", "true_minus", "lower_first", "listing", "MINUS"]

MINUS = "\u2212"  # a true minus sign: screen readers say "minus", not "dash"
_NEGATIVE = re.compile(r"(?<![\w.\-])-(?=\d)")  # a hyphen that is a number's sign




def signed(x: float, digits: int = 2) -> str:
    """+0.25 / \u22120.28 / 0.00: a sign always, and a true minus sign for negatives."""
    if round(x, digits) == 0:
        return f"{0:.{digits}f}"
    return f"{x:+.{digits}f}".replace("-", MINUS)


def number(x: float, digits: int = 2) -> str:
    """A figure without a forced plus sign, with a true minus sign if it is negative."""
    return f"{x:.{digits}f}".replace("-", MINUS)


def lower_first(text: str) -> str:
    """"What they gain or lose (the four Rs)" mid-sentence, without lowering the Rs."""
    return text[:1].lower() + text[1:]


def true_minus(text: str) -> str:
    """Text whose negative numbers ("-0.28") get a true minus sign (read as "minus")."""
    return _NEGATIVE.sub(MINUS, text)


def listing(items: list[str], last: str = "and") -> str:
    """"A", "A and B", "A, B and C"."""
    items = [i for i in items if i]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} {last} {items[-1]}"

SECTORS = {
    "acute": "an acute hospital", "specialist": "a specialist teaching hospital",
    "mental_health": "a mental health provider", "community": "a community health provider",
    "primary_care": "general practice", "social_care": "adult social care",
    "voluntary": "the voluntary sector", "patients": "patients and carers",
    "commissioner": "commissioning", "public_health": "public health", "police": "the police",
    "ambulance": "the ambulance service", "council": "local government",
    "private": "an independent provider",
}
POSITIONS = {
    "central": "Your organisation sits at the centre of the system: others depend on it, and "
               "little happens without it.",
    "intermediate": "Your organisation matters to the system, but it is not the one that "
                    "sets the weather.",
    "marginal": "Your organisation has usually been on the edge of big decisions, consulted "
                "late if at all.",
}
AXES = {
    "care": ("treating illness when it happens (cure and episodic care)",
             "keeping people well (prevention and wellbeing)"),
    "integration": ("managing the demand that reaches hospitals",
                    "agencies genuinely working together"),
    "system": ("a set of services to be coordinated", "a place and its communities"),
}
AXIS_TOPIC = {"care": "what care is for", "integration": "what integration is for",
              "system": "what 'the system' is"}
RS_WORDS = {"roles": "your role (who does what)",
            "responsibilities": "your responsibilities (who is in charge)",
            "relationships": "your working relationships (who works with whom)",
            "resources": "your resources (money, staff, buildings)"}
ISSUE_WORDS = {"purpose": "what the partnership is for", "governance": "who leads and decides",
               "inclusion": "who gets a say", "architecture": "who does what in the new system",
               "resources": "how money and staff are shared",
               "prioritisation": "which projects come first"}


def value_sentence(axis: str, x: float) -> str:
    low, high = AXES[axis]
    if abs(x) < 0.15:
        return f"On {AXIS_TOPIC[axis]}, you see merit both in {low} and in {high}."
    side = high if x > 0 else low
    strength = "firmly" if abs(x) >= 0.55 else "on balance"
    return f"On {AXIS_TOPIC[axis]}, you {strength} put {side} first."


def stake_words(x: float) -> str:
    if x <= -0.4:
        return "you stand to lose a great deal"
    if x <= -0.15:
        return "you stand to lose"
    if x < -0.03:
        return "you lose a little"
    if x <= 0.03:
        return "it barely affects you"
    if x < 0.15:
        return "you gain a little"
    if x < 0.4:
        return "you stand to gain"
    return "you stand to gain a great deal"


def influence_words(x: float) -> str:
    if x >= 0.75:
        return "one of the most influential voices in the system"
    if x >= 0.5:
        return "an influential voice"
    if x >= 0.3:
        return "listened to, but not decisive on your own"
    return "easily overlooked when you speak alone"


def trust_words(x: float) -> str:
    if x >= 0.6:
        return "You trust the partnership director and want them to succeed."
    if x >= 0.45:
        return "You have no strong view of the partnership director yet: they will have to earn it."
    return "You are wary of the partnership director and of whose interests they really serve."


def evidence_words(x: float) -> str:
    if x >= 0.6:
        return "You will not support moving money to anything without outcomes data behind it."
    if x >= 0.3:
        return "You would like to see evidence and a business case before committing."
    return ""


def strength_words(x: float) -> str:
    return "strong" if x >= 0.5 else "moderate" if x >= 0.3 else "slight"
