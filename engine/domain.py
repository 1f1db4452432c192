"""The domain's fixed vocabulary: fault-lines, issues, the four Rs, sectors, stage kinds.

These are constants taken from the research, not state; every module names things with them.
"""

from __future__ import annotations

#: The three political fault-lines (Waring et al. 2023, Findings).
FAULT_LINES = ("meaning", "winners", "power")
FAULT_LINE_NAMES = {
    "meaning": "Meaning and values",
    "winners": "Winners and losers",
    "power": "Power and influence",
}

#: The six political issues (Waring et al. 2023, Table 2).
ISSUES = ("purpose", "governance", "inclusion", "architecture", "resources", "prioritisation")

#: The four Rs that system change reallocates (Waring, Bishop & Roe, Introduction).
RS = ("roles", "responsibilities", "relationships", "resources")

#: The three contested meanings a values vector places someone on (Waring et al. 2023,
#: "Meaning and values associated with 'integration'").
VALUE_AXES = ("care", "integration", "system")

SECTORS = (
    "acute", "specialist", "mental_health", "community", "primary_care", "social_care",
    "voluntary", "patients", "commissioner", "public_health", "police", "ambulance",
    "council", "private",
)

STAGE_KINDS = ("briefing", "board", "committee", "consultation", "signoff")

OUTCOMES = ("consensus", "hollow", "pushed_through", "stalled", "collapsed")
PASSING_OUTCOMES = ("consensus", "hollow", "pushed_through")
OUTCOME_NAMES = {
    "consensus": "Passed with genuine consensus",
    "hollow": "Passed but hollow",
    "pushed_through": "Pushed through, legitimacy damaged",
    "stalled": "Stalled",
    "collapsed": "Collapsed",
}

FAMILIES = ("listening", "framing", "compensation", "alliance", "challenge", "process", "time")
FAMILY_NAMES = {
    "listening": "Listening",
    "framing": "Framing",
    "compensation": "Compensation",
    "alliance": "Alliances",
    "challenge": "Challenge",
    "process": "Process",
    "time": "Calendar",
}

#: Which fault-line each move family mainly works on (Waring et al. 2023, Discussion).
FAMILY_FAULT_LINE = {
    "listening": "meaning",
    "framing": "meaning",
    "compensation": "winners",
    "alliance": "power",
    "challenge": "power",
    "process": "power",
    "time": None,
}

#: Names of the stance contributions, as the explanation shows them.
CONTRIBUTIONS = {
    "values": "Values vs the plan as framed to them",
    "stake": "What they gain or lose (the four Rs)",
    "compensation": "Compensation offered",
    "trust": "Trust in you",
    "allies": "Pull from allies and rivals",
    "grievance": "Grievances",
    "vision": "The broad vision",
    "evidence": "Doubts about the evidence",
    "demand": "Unmet demands",
    "pressure": "Public scrutiny",
    "agenda": "The agenda you set",
    "lobbying": "Lobbying behind the scenes",
}
#: What stakeholders do of their own accord each month (engine.agency), after Waring, Bishop
#: & Roe, Discussion: dominant actors work through discursive representation and hidden
#: channels; marginal actors through formal or procedural means and "due process".
ACTION_KINDS = ("lobby", "side_deal", "threaten_withdrawal", "demand", "delay",
                "ask_for_seat", "refer_to_scrutiny", "campaign", "complain")
#: The hidden channels and the formal routes (an action's channel, whoever uses it).
HIDDEN_CHANNELS = ("lobby", "side_deal", "threaten_withdrawal", "demand", "delay")
FORMAL_ROUTES = ("ask_for_seat", "refer_to_scrutiny", "campaign", "complain")
#: Each structural position's repertoire unless a scenario authors one for a person.
#: Intermediate organisations have a foot in each (our invention: the paper contrasts only
#: the dominant and the marginal).
DEFAULT_REPERTOIRES = {
    "central": HIDDEN_CHANNELS,
    "intermediate": ("lobby", "threaten_withdrawal", "demand", "delay", "refer_to_scrutiny",
                     "complain"),
    "marginal": FORMAL_ROUTES,
}
ACTION_NAMES = {
    "lobby": "Lobbies allies", "side_deal": "Strikes a side deal",
    "threaten_withdrawal": "Threatens to withdraw a resource",
    "demand": "Demands a concession", "delay": "Asks for more time",
    "ask_for_seat": "Asks for a seat", "refer_to_scrutiny": "Refers the process to scrutiny",
    "campaign": "Campaigns in public", "complain": "Complains formally",
}

#: Contributions the player can see without listening.
PUBLIC_CONTRIBUTIONS = ("compensation", "vision", "pressure", "agenda", "demand")
