"""The log read as a timeline: moves with where they were made, events grouped by the
move that caused them, and the spans of moves spent in each stage."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from faultlines.engine.case import Case
from faultlines.engine.debrief.model import MoveRef
from faultlines.engine.moves import MOVE_TYPES


@dataclass(frozen=True, kw_only=True, eq=False)
class Timeline:
    log: dict[str, Any]
    case: Case
    moves: list[MoveRef]
    events: list[dict[str, Any]]
    by_move: dict[int, list[dict[str, Any]]]

    def stage_name(self, stage_id: str) -> str:
        if stage_id in self.case.stages_by_id:
            return self.case.stage(stage_id).name
        return stage_id.replace("_", " ").capitalize()

    def name(self, sid: str) -> str:
        return self.case.name(sid) if sid in self.case.index else sid

    def names(self, sids: list[str]) -> str:
        return join_words([self.name(s) for s in sids])

    def when(self, event: dict[str, Any]) -> str:
        return f"{self.stage_name(event['stage'])}, round {event['round']}"

    def move(self, index: int) -> MoveRef | None:
        return self.moves[index] if 0 <= index < len(self.moves) else None

    def of_kind(self, *kinds: str) -> list[dict[str, Any]]:
        return [e for e in self.events if e["kind"] in kinds]

    def stage_spans(self) -> list[tuple[str, str, int, int]]:
        """(stage id, name, first x, last x) where x counts moves played so far."""
        starts = [(e["data"]["entered"], e["move"] + 1) for e in self.of_kind("stage")
                  if "entered" in e["data"]]
        end = len(self.moves)
        spans = []
        for k, (sid, x0) in enumerate(starts):
            x1 = starts[k + 1][1] if k + 1 < len(starts) else end
            spans.append((sid, self.stage_name(sid), x0, max(x0, x1)))
        return spans


def build_timeline(log: dict[str, Any], case: Case) -> Timeline:
    events = log["events"]
    by_move: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for e in events:
        by_move[e["move"]].append(e)
    acts = {e["move"]: e for e in events if e["kind"] == "act"}
    moves = []
    for i, m in enumerate(log["moves"]):
        act = acts.get(i)
        cls = MOVE_TYPES.get(m["kind"])
        family = act["data"].get("family") if act else (cls.family if cls else "time")
        stage = act["stage"] if act else ""
        moves.append(MoveRef(
            index=i, kind=m["kind"], family=family or "time",
            text=act["text"] if act else (cls.label if cls else m["kind"]),
            stage=stage, stage_name=case.stage(stage).name if stage in case.stages_by_id
            else stage, round=act["round"] if act else 0,
            params={k: v for k, v in m.items() if k != "kind"}))
    return Timeline(log=log, case=case, moves=moves, events=events, by_move=dict(by_move))


def join_words(items: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def signed(x: float) -> str:
    return f"{x:+.2f}"


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 time', '3 times'; `many` for irregular plurals ('hiatus', 'hiatuses')."""
    return f"{n} {word if n == 1 else (many or word + 's')}"


def contribution(key: str) -> str:
    """A stance contribution's name for use mid-sentence ('trust in you')."""
    from faultlines.engine.domain import CONTRIBUTIONS

    text = CONTRIBUTIONS.get(key, key)
    return text[:1].lower() + text[1:]


ALSO_KINDS = {"scenario", "decision", "hiatus", "resurface", "exposure", "stage", "outcome"}


def by_the_move(shift: dict[str, Any]) -> bool:
    """Did the move itself cause this recorded stance shift? The engine marks each shift
    `cause: "move"` (the move's own effect) or `"calendar"` (what followed it as the month
    turned: a scenario event, a new stage, an exposed consultation). Logs written before
    causes were recorded count every shift as the move's."""
    return shift["data"].get("cause", "move") == "move"


def event_title(tl: Timeline, e: dict[str, Any]) -> str:
    """A scenario event's title, from the case (or the start of its line)."""
    for ev in tl.case.scenario.events:
        if ev.id == e["data"].get("event"):
            return ev.title
    return e["text"].split(":")[0]


#: A stakeholder's own action as the debrief names it ("Dr Stone's lobbying ...").
ACTION_PHRASES = {
    "lobby": "lobbying behind the scenes", "side_deal": "side deal", "demand": "demand for a "
    "concession", "threaten_withdrawal": "threat to withdraw a resource", "delay": "request "
    "for more time", "ask_for_seat": "request for a seat", "refer_to_scrutiny": "referral to "
    "scrutiny", "campaign": "public campaign", "complain": "formal complaint",
}


def action_source(tl: Timeline, e: dict[str, Any]) -> str:
    """'Dr Stone's lobbying behind the scenes (a backstage action)': a stakeholder's own
    action as the cause of a swing (the debrief shows backstage ones too)."""
    d = e["data"]
    phrase = ACTION_PHRASES.get(d["action"], d["action"].replace("_", " "))
    partner = d.get("effects", {}).get("partner")
    if partner:
        phrase += f" with {tl.name(partner)}"
    where = "in public" if d.get("public") else "a backstage action"
    return f"{tl.name(d['actor'])}'s {phrase} ({where})"


def outside_sources(tl: Timeline, move: int, target: str | None = None) -> list[str]:
    """What moved stances during a move's step besides the move itself, in the player's
    words: stakeholders' own actions first (those that moved `target`, when given), then
    scenario events, an exposed consultation, differences resurfacing and a new stage
    (scrutiny eases, the agenda resets, the vision's glow fades); otherwise the month
    turning. A swing they caused is theirs, never the move's."""
    happened = tl.by_move.get(move, [])
    out = [action_source(tl, e) for e in happened
           if e["kind"] == "action" and _moved(e, target)]
    out += [f"{event_title(tl, e)} (a scenario event)" for e in happened
            if e["kind"] == "scenario"]
    if any(e["kind"] == "exposure" for e in happened):
        out.append("the consultation exposed as a rubber stamp")
    if any(e["kind"] == "resurface" for e in happened):
        out.append("differences resurfacing")
    out += [f"the start of the {tl.stage_name(e['data']['entered'])}" for e in happened
            if e["kind"] == "stage" and "entered" in e["data"]]
    return list(dict.fromkeys(out)) or ["the month turning"]


def _moved(e: dict[str, Any], target: str | None) -> bool:
    """Did this action move `target`'s stance (or anyone's, without a target)?"""
    moved = e["data"].get("effects", {}).get("support", {})
    return bool(moved) if target is None else target in moved


def also_during(tl: Timeline, move: int) -> list[str]:
    """Short labels for what else happened during a move (a recorded shift covers it all)."""
    out = []
    for e in tl.by_move.get(move, []):
        k = e["kind"]
        if k == "scenario":
            out.append(f"event: {e['text'].split(':')[0]}")
        elif k == "decision":
            out.append(f"{tl.stage_name(e['data']['stage'])} decided")
        elif k == "stage" and "entered" in e["data"]:
            out.append(f"entered the {tl.stage_name(e['data']['entered'])}")
        elif k in ("hiatus", "resurface", "exposure"):
            out.append({"hiatus": "a hiatus", "resurface": "differences resurfaced",
                        "exposure": "the consultation was exposed"}[k])
        elif k == "round" and tl.move(move) and tl.move(move).kind != "end_round":
            out.append("the month turned")
    return list(dict.fromkeys(out))
