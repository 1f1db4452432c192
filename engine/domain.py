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
}
#: Contributions the player can see without listening.
PUBLIC_CONTRIBUTIONS = ("compensation", "vision", "pressure", "agenda", "demand")
