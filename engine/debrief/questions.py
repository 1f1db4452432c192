"""Reflection questions chosen by what happened in the game, each tied to the research.

Every rule below looks for a pattern in the log, scores how strongly it showed, and
offers one question in our own words with its source. The best three to five are kept;
the case's own debrief notes are attached where their theme matches.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from faultlines.engine.debrief.model import Episode, Question
from faultlines.engine.debrief.timeline import Timeline, join_words, plural

MIN_QUESTIONS, MAX_QUESTIONS = 3, 5
P1 = "Waring et al. 2023"
P2 = "Waring, Bishop & Roe"


@dataclass(frozen=True)
class _Rule:
    theme: str
    keywords: tuple[str, ...]  # to match the scenario's debrief notes
    source: str
    test: Callable[[Timeline, list[Episode]], tuple[float, str, str]]


def _kinds(tl: Timeline, kind: str) -> list:
    return [m for m in tl.moves if m.kind == kind]


def _false(tl, eps):
    bad = [e for e in eps if e.type == "false"]
    exposed = tl.of_kind("exposure")
    if not bad and not exposed:
        return 0, "", ""
    consulted = [e for e in bad if e.setting == "consultation"]
    ratified = [e for e in bad if e.setting != "consultation"]
    parts = []
    if consulted or exposed:
        parts.append("a consultation was held on what had in effect been decided already"
                     + (", and it was exposed in public" if exposed else ""))
    if ratified:
        parts.append(f"{plural(len(ratified), 'forum vote')} ratified what had been settled "
                     "elsewhere while being presented as a decision")
    why = "In this game, " + "; and ".join(parts) + "."
    return (3 + len(exposed) + 0.5 * len(ratified), why,
            "When the consultation or the forum met, whose views could still change anything? "
            "What would opening the matter before it was settled have cost you, and what would "
            "it have bought?")


def _vision(tl, eps):
    res = tl.of_kind("resurface")
    uses = len(_kinds(tl, "big_picture"))
    if not res and uses < 2:
        return 0, "", ""
    who = sorted({w for e in res for w in e["data"].get("who", [])})
    return (1.5 + len(res) + 0.3 * uses, f"You appealed to the big picture {plural(uses, 'time')}"
            + (f"; later {tl.names(who)} found the detail was not what they had agreed to."
               if who else "."),
            "The broad vision made the early meetings easy. Which real differences did it "
            "cover over, and when would have been the cheapest moment to bring them out?")


def _listening(tl, eps):
    heard: set[str] = set()
    guessed = 0
    for m in tl.moves:
        if m.kind == "one_to_one":
            heard.add(m.params.get("target", ""))
        elif m.kind == "tailored_frame" and m.params.get("target") not in heard:
            guessed += 1
    misfires = sum(1 for e in tl.of_kind("move") if e["data"].get("misfire"))
    if guessed + misfires == 0:
        return 0, "", ""
    return (1 + 0.5 * guessed + misfires, f"{guessed} of your tailored frames went to people "
            f"you had not met one to one; {misfires} misjudged what mattered to them.",
            "Before you tried to persuade the people most opposed, what did you actually know "
            "about what drove them? Which of your pitches rested on a guess?")


def _losers(tl, eps):
    losers = sorted({x for e in tl.of_kind("move") for x in e["data"].get("new_losers", []) or []})
    if not losers:
        return 0, "", ""
    return (1.5 + 0.5 * len(losers), f"Your deals were noticed by {tl.names(losers)}, "
            "who felt passed over.",
            "Every inducement you offered was seen by someone else. Who felt they had lost "
            "out, and how did that change what they would support later?")


def _exclusive(tl, eps):
    deals = [e for e in eps if e.type == "exclusive" and e.setting == "exchange"]
    if len(deals) < 2:
        return 0, "", ""
    return (1 + 0.5 * len(deals), f"{plural(len(deals), 'negotiation')} were private deals "
            "outside any forum.",
            "Much of your progress was made in private. Which of those agreements would have "
            "survived with the rest of the partnership in the room, and which relied on "
            "their absence?")


def _agenda(tl, eps):
    kept = [e for e in eps if e.type == "non_negotiation" and e.setting == "agenda"]
    withheld = [e for e in eps if e.type == "non_negotiation" and e.setting == "withheld"]
    if not kept and not withheld:
        return 0, "", ""
    items = [_comp_names(tl, e.components) for e in kept]
    why = []
    if items:
        why.append("You kept " + "; ".join(x for x in items if x) + " off the agenda.")
    if withheld:
        why.append("The consultation stage decided without anyone being consulted.")
    text = ("You chose what the forum would not discuss. Was the item too large to open up, "
            "or too small to be worth the time? Where did the disagreement about it go "
            "instead?" if kept else
            "Those who expected a say at the consultation were never asked. Where will their "
            "objections surface instead, and what would hearing them first have cost?")
    return 2 + 0.5 * (len(kept) + len(withheld)), " ".join(why), text


def _comp_names(tl: Timeline, comps: list[str]) -> str:
    plan = tl.case.scenario.plan.components
    return join_words([plan[tl.case.comp_index[c]].name if c in tl.case.comp_index else c
                       for c in comps])


def _challenge(tl, eps):
    bad = [e for e in tl.of_kind("move") if e["data"].get("success") is False
           and tl.move(e["move"]) and tl.move(e["move"]).kind == "challenge"]
    if not bad:
        return 0, "", ""
    who = sorted({e["data"].get("target", "") for e in bad})
    ally = [e for e in bad if "allies" not in e["data"]]
    why = (f"Your public challenge to {tl.names(who)} backfired"
           + (": some of them already supported the plan." if ally else "."))
    return (2.5 + len(bad), why,
            "When you confronted someone in front of the group, what gave you the standing "
            "to do it, or failed to? What could you have built first?")


def _power(tl, eps):
    ids = tl.case.ids
    final = tl.log["history"][-1]["stances"]
    central_opp = [ids[i] for i, s in enumerate(tl.case.scenario.stakeholders)
                   if s.position == "central" and final[i] < 0.1]
    coalition = any(m.kind == "build_coalition" for m in tl.moves)
    if not central_opp and coalition:
        return 0, "", ""
    why = (f"{tl.names(central_opp)} ended the game unconvinced" if central_opp else
           "You never drew the marginal groups together")
    return (1.2 + 0.5 * len(central_opp), why + ".",
            "The most influential partners often had the least to gain from change. How did "
            "you work with them, or around them? Did the groups that backed the plan ever "
            "carry more weight together than apart?")


def _standoff(tl, eps):
    hiatus = tl.of_kind("hiatus")
    standoff = [e for e in tl.of_kind("scenario") if "standoff" in e["data"].get("effects", [])]
    if not hiatus and not standoff:
        return 0, "", ""
    return (1.5 + 1.5 * len(hiatus), (f"The work went into {plural(len(hiatus), 'hiatus', 'hiatuses')}"
                                      if hiatus else "A stand-off arose") + ".",
            "When nobody would move first, what kind of structure could turn an argument "
            "about each other's demands into an argument about the case for change?")


def _hollow(tl, eps):
    amended = len(_kinds(tl, "amend_plan"))
    if tl.log.get("outcome") != "hollow" and amended < 2:
        return 0, "", ""
    return (3 if tl.log.get("outcome") == "hollow" else 1 + 0.4 * amended,
            f"You scaled the plan back {plural(amended, 'time')}.",
            "You traded ambition for agreement. At what point does a plan that everyone "
            "accepts stop being the change it set out to make?")


def _legitimacy(tl, eps):
    cred = [h["credibility"] for h in tl.log["history"]]
    drop = max(cred) - cred[-1]
    return (0.8 + 2 * max(0.0, drop), f"Your credibility went from {cred[0]:.2f} to "
            f"{cred[-1]:.2f} (its high point was {max(cred):.2f}).",
            "You could instruct nobody. Where did your credibility come from in this game, "
            "and what did you spend it on?")


def _online(tl, eps):
    return (0.5, "A fallback question for comparing cases.",
            "Suppose your team were half the size and every meeting were online, so that "
            "reading the room was harder. Which of your moves would still have worked?")


RULES = (
    _Rule("false negotiation", ("false", "consult"), f"{P2}, Negotiating Transformation "
          "Priorities (the commissioning merger) and Discussion (typology)", _false),
    _Rule("the vision that hides differences", ("vision",), f"{P2}, Negotiating the Purpose; "
          f"{P1}, Findings: meaning and values", _vision),
    _Rule("listening before framing", ("listen",), f"{P1}, Findings: meaning and values and "
          "winners and losers", _listening),
    _Rule("winners and losers", ("loser", "compensat"), f"{P1}, Findings: winners and losers",
          _losers),
    _Rule("exclusive negotiation", ("exclusive", "backstage"), f"{P2}, Negotiating Governance "
          "Arrangements and Discussion (typology)", _exclusive),
    _Rule("non-negotiation", ("agenda", "non-negotiation"), f"{P2}, Discussion (typology); "
          f"{P1}, Findings: meaning and values (stage-managed interactions)", _agenda),
    _Rule("standing to challenge", ("challenge",), f"{P1}, Findings: power and influence",
          _challenge),
    _Rule("power and the margins", ("power", "marginal", "coalition"), f"{P1}, Findings: power "
          f"and influence and Discussion; {P2}, Discussion", _power),
    _Rule("the stand-off", ("stand-off", "catch"), f"{P2}, Negotiating Transformation "
          "Priorities (the stand-off on the mental health theme)", _standoff),
    _Rule("a hollow plan", ("hollow", "ambition"), f"{P2}, Negotiating the Purpose; {P1}, "
          "Findings: winners and losers", _hollow),
    _Rule("legitimacy without authority", ("credib", "authority", "legitima"), f"{P1}, Findings: "
          "power and influence (the leaders' precarious position) and Discussion", _legitimacy),
    _Rule("context", ("online",), f"Our extrapolation from {P1}, Methods (online observation "
          "limited the researchers' own view of Oak)", _online),
)


def choose_questions(tl: Timeline, episodes: list[Episode]) -> list[Question]:
    scored = []
    for order, rule in enumerate(RULES):
        score, why, text = rule.test(tl, episodes)
        if score > 0:
            scored.append((score, -order, rule, why, text))
    scored.sort(key=lambda t: (-t[0], -t[1]))
    strong = [t for t in scored if t[0] >= 1.0]
    keep = (strong if len(strong) >= MIN_QUESTIONS else scored[:MIN_QUESTIONS])[:MAX_QUESTIONS]
    notes = [{"title": n.title, "text": n.text, "source": n.source}
             for n in tl.case.scenario.debrief]
    out = []
    for _, _, rule, why, text in keep:
        matched = [n for n in notes if any(k in (n["title"] + " " + n["text"]).lower()
                                           for k in rule.keywords)]
        out.append(Question(theme=rule.theme, text=text, why=why, source=rule.source,
                            notes=matched))
    return out
