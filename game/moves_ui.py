"""How the window presents moves: short button labels, keyboard shortcuts and words for
modes. Presentation only; what a move does and whether it is allowed is the engine's."""

from __future__ import annotations

from faultlines.engine.moves import MOVE_TYPES

SHORT = {
    "one_to_one": "One-to-one", "town_hall": "Town hall", "dialogue": "Dialogue",
    "big_picture": "Big picture", "tailored_frame": "Tailored frame",
    "evidence_case": "Evidence case", "offer_role": "Offer a role",
    "offer_funds": "Offer funds", "external_funding": "External funds",
    "amend_plan": "Amend plan", "everyone_gives": "Everyone gives",
    "recruit_champion": "Champion", "build_coalition": "Coalition",
    "backstage": "Backstage", "air_cover": "Air cover", "challenge": "Challenge",
    "set_agenda": "Set agenda", "keep_off": "Keep off", "reconstitute": "Reconstitute",
    "co_write_case": "Co-write case", "consult": "Consultation", "answer_ask": "Answer asks",
    "call_decision": "Call decision", "end_round": "End the round",
}
#: Mnemonic keys (letters no other command uses); the help screen lists them all.
SHORTCUTS = {
    "one_to_one": "o", "town_hall": "t", "dialogue": "d",
    "big_picture": "b", "tailored_frame": "f", "evidence_case": "e",
    "offer_role": "r", "offer_funds": "m", "external_funding": "x", "amend_plan": "a",
    "everyone_gives": "g",
    "recruit_champion": "c", "build_coalition": "i", "backstage": "s", "air_cover": "v",
    "challenge": "h",
    "set_agenda": "y", "reconstitute": "w", "co_write_case": "j", "consult": "u",
    "answer_ask": "z",
    "call_decision": "k", "end_round": "n",
}
KEY_TO_KIND = {ord(k): kind for kind, k in SHORTCUTS.items()}  # pygame.K_a == ord('a')
MODE_WORDS = {
    "genuine": ("Genuine co-design",
                "Work with those affected before deciding. Costs more time and capacity; "
                "builds legitimacy."),
    "announce": ("Announce and survey",
                 "Publish the decided plan with a survey. Cheap, but a false negotiation that "
                 "damages legitimacy if people see through it."),
    "accept": ("Accept the change", "The plan changes as they asked; those who wanted it "
               "whole lose a little."),
    "negotiate": ("Negotiate a middle way", "Half the change, for some of the team's time."),
    "refuse": ("Refuse", "They took part and nothing changed: they will remember it."),
}
PARAM_WORDS = {"target": "a person", "other": "a second person", "component": "a plan component",
               "mode": "how to run it"}
FAMILY_ORDER = ("listening", "framing", "compensation", "alliance", "challenge", "process")


def short(kind: str) -> str:
    """A button's label; an old log's move this version no longer knows keeps its kind."""
    if kind in SHORT:
        return SHORT[kind]
    return MOVE_TYPES[kind].label if kind in MOVE_TYPES else kind


def key_name(kind: str) -> str:
    return SHORTCUTS.get(kind, "").upper()

