"""One game: a scenario, a seeded generator, the state, and the single function that
advances it (`play`). Same scenario + seed + moves gives the same game."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import numpy as np
from faultlines.engine import scripted
from faultlines.engine.case import Case
from faultlines.engine.decision import Decision, tally
from faultlines.engine.domain import OUTCOME_NAMES
from faultlines.engine.errors import IllegalMove, SaveError
from faultlines.engine.events import Event, join_names
from faultlines.engine.moves import Move, move_from_dict
from faultlines.engine.outcomes import classify_pass
from faultlines.engine.records import (
    APP_VERSION,
    LOG_FORMAT,
    LOG_VERSION,
    SAVE_FORMAT,
    SAVE_VERSION,
    validate_save,
)
from faultlines.engine.stages import HIATUS, OUTCOME, build_machine
from faultlines.engine.stance import NAMES, Stances, alignment, compute
from faultlines.engine.state import GameState, initial_state

SHIFT_AT = 0.04


class Game:
    """The model of one playthrough (Mesa-style: state here, agents' stances derived)."""

    def __init__(self, case: Case, *, seed: int, difficulty: str = "standard",
                 explain: bool = True, _restore: dict | None = None):
        """`explain=False` skips the per-move stance-shift events (and the stance work they
        need): for bulk simulation, where nobody reads them. The state, and so every outcome,
        is identical; `replay` of the log regenerates the explained events exactly."""
        self.case = case
        self.seed = int(seed)
        self.explain = explain
        self.difficulty = difficulty
        self.rng = np.random.default_rng(self.seed)
        self.moves: list[dict[str, Any]] = []
        self.events: list[Event] = []
        self._stances: Stances | None = None
        self._move_index = -1
        if _restore is not None:
            self.state = GameState.from_dict(_restore["state"])
            self.rng.bit_generator.state = _restore["rng"]
            self.moves = list(_restore["moves"])
            self.events = [Event.from_dict(e) for e in _restore["events"]]
            self._stage_id = _restore["stage_id"]
            self.machine = build_machine(case, self.state, self.state.stage)
            return
        self.state = initial_state(case, self.rng, difficulty)
        self.state.capacity_max = self.state.capacity
        self._stage_id = self.state.stage
        self.machine = build_machine(case, self.state, self.state.stage)
        self.events += self._enter(self.state.stage, fresh=True)
        self._snapshot()

    # -- reading -------------------------------------------------------------------
    @property
    def stage(self):
        """The current (or, once over, the last) stage's authored definition."""
        return self.case.stage(self._stage_id)

    @property
    def over(self) -> bool:
        return self.state.outcome is not None

    def stances(self) -> Stances:
        if self._stances is None:
            self._stances = compute(self.case, self.state)
        return self._stances

    def forum(self) -> np.ndarray:
        """Who decides at this stage (during a briefing: who decides at the next one)."""
        stage_id = self._stage_id
        if self.stage.kind == "briefing":
            ids = self.case.stage_ids
            stage_id = ids[min(ids.index(stage_id) + 1, len(ids) - 1)]
        mask = self.case.forums[stage_id]
        if self.stage.kind == "committee":
            mask = mask | self.state.forum_extra
        return mask

    def check(self, move: Move) -> str | None:
        return move.check(self)

    def meet_demands(self, requires: str, beneficiary: str | None) -> None:
        """Mark authored demands met by this move (e.g. a role for the provider they want)."""
        for d in self.state.demands:
            if not d["met"] and d["requires"] == requires and \
                    d["beneficiary"] in (None, beneficiary):
                d["met"] = True

    def event(self, kind: str, text: str, **data: Any) -> Event:
        return Event(kind=kind, text=text, stage=self._stage_id, round=self.state.round,
                     move=self._move_index, data=data)

    # -- advancing -----------------------------------------------------------------
    def play(self, move: Move) -> list[Event]:
        """Validate and apply one move; raise IllegalMove with the reason if it cannot."""
        reason = move.check(self)
        if reason is not None:
            raise IllegalMove(reason)
        st = self.state
        before = self.stances() if self.explain else None
        self._move_index = len(self.moves)
        self.moves.append(move.to_dict())
        st.capacity -= move.cost(self)
        st.stage_uses[move.kind] = st.stage_uses.get(move.kind, 0) + 1
        st.moves_made += 1
        events = [self.event("act", move.describe(self), move_kind=move.kind,
                             params=move.to_dict(), family=move.family, cost=move.cost(self))]
        if move.kind in ("end_round", "call_decision"):
            events += move.apply(self)  # the calendar or a decision moves people
            self._stances = None
            events += self._shifts(before, cause="calendar")
        else:
            events += move.apply(self)
            self._stances = None
            events += self._shifts(before, cause="move")  # what the move itself did
            if st.outcome is None and st.capacity <= 0:
                settled = self.stances() if self.explain else before
                events += self.end_round()
                self._stances = None  # stage entry, events and exposure move people too
                events += self._shifts(settled, cause="calendar")
        self.events += events
        return events

    def end_round(self) -> list[Event]:
        st, rules = self.state, self.case.scenario.rules
        events: list[Event] = []
        st.calendar -= 1
        if st.consultation == "false" and not st.exposed and self.rng.random() < rules.exposure_chance:
            events += self._expose()
        self._snapshot()
        stage = self.stage
        if st.calendar <= 0:
            return events + self._finish("collapsed", "The calendar ran out before the plan "
                                         "was signed off; partners moved on.", "collapse")
        if st.credibility <= 0.0:
            return events + self._finish("collapsed", "Your credibility is gone: partners no "
                                         "longer come to your meetings.", "collapse")
        if stage.kind == "briefing" and st.round >= stage.rounds + st.extra_rounds:
            self.state.advance()
            return events + self._enter(self.state.stage)
        if stage.kind != "briefing" and st.round >= stage.rounds + st.extra_rounds:
            return events + self.decide()
        st.round += 1
        st.capacity = st.capacity_max
        events.append(self.event("round", f"Round {st.round} of the {stage.name} begins; "
                                 f"{st.calendar} months left."))
        events += scripted.fire(self)
        self._stances = None
        return events

    def decide(self) -> list[Event]:
        """The forum decides now; move the stage machine along the right edge."""
        st, rules = self.state, self.case.scenario.rules
        stage = self.stage
        events = scripted.fire(self, rest_of_stage=True)
        self._stances = None
        d = tally(self.case, st, self.stances(), self.forum())
        events.append(self._decision_event(d))
        if d.result == "passed":
            st.credibility = min(1.0, st.credibility + 0.04)
            st.passed.append(stage.id)
            if stage.kind == "signoff":
                outcome, reasons = classify_pass(self.case, st, d)
                return events + self._finish(outcome, " ".join(reasons), "conclude")
            st.advance()
            return events + self._enter(st.stage)
        st.credibility = max(0.0, st.credibility - 0.05)
        st.failures += 1
        if d.result in ("blocked", "standoff") or stage.on_fail == "hiatus" or st.failures >= 3:
            st.hiatus_count += 1
            st.pause()
            st.calendar -= rules.hiatus_rounds
            why = {"blocked": "Partners who hold what the plan needs refused to commit",
                   "standoff": "Nobody would invest or disinvest before the others did"}.get(
                       d.result, "Repeated failure to agree wore everyone out")
            events.append(self.event("hiatus", f"{why}. The work goes into a hiatus of "
                                     f"{rules.hiatus_rounds} months.", result=d.result))
            if st.credibility <= 0.0:
                return events + self._finish("collapsed", "Your credibility is gone.", "collapse")
            if st.hiatus_count > rules.max_hiatus:
                return events + self._finish("stalled", f"{why}, again: after "
                                             f"{st.hiatus_count} hiatuses the plan is shelved.",
                                             "stall")
            if st.calendar <= 0:
                return events + self._finish("collapsed", "The hiatus used up the calendar.",
                                             "collapse")
            getattr(st, f"resume_{stage.id}")()
            return events + self._enter(stage.id, rounds=1)
        if stage.on_fail == "reopen" and stage.reopen_to:
            getattr(st, f"reopen_{stage.reopen_to}")()
            keep = self.case.stage_ids.index(stage.reopen_to)
            st.passed = [s for s in st.passed if self.case.stage_ids.index(s) < keep]
            events.append(self.event("stage", f"The {stage.name} failed; the dispute returns to "
                                     f"the {self.case.stage(stage.reopen_to).name}.",
                                     reopened=stage.reopen_to))
            return events + self._enter(stage.reopen_to, rounds=1)
        st.extra_rounds += 1
        st.round += 1
        st.capacity = st.capacity_max
        events.append(self.event("round", f"The {stage.name} asks for more work before it "
                                 "decides: one more round."))
        return events

    # -- internals -------------------------------------------------------------------
    def _enter(self, stage_id: str, *, rounds: int | None = None, fresh: bool = False
               ) -> list[Event]:
        st = self.state
        self._stage_id = stage_id
        stage = self.case.stage(stage_id)
        st.round = 1
        st.extra_rounds = 0 if rounds is None else rounds - stage.rounds
        st.failures = 0
        st.capacity = st.capacity_max
        st.stage_uses = {}
        st.agenda[:] = 0.0
        st.pressure *= 0.5
        events = [self.event("stage", f"{stage.name}: {stage.summary}", entered=stage_id)]
        if not fresh:
            events += self._resurface()
        self._stances = None
        if stage.rounds + st.extra_rounds <= 0 and stage.kind != "briefing":
            return events + scripted.fire(self) + self.decide()
        events += scripted.fire(self)
        self._stances = None
        return events

    def _resurface(self) -> list[Event]:
        """Differences the broad vision papered over come back at each new stage."""
        st = self.state
        if not st.vision.any():
            return []
        faded = st.vision * 0.5
        st.vision -= faded
        misaligned = alignment(self.case, st) < 0.1
        hit = misaligned & (faded > 0.01)
        st.grievance[hit] += faded[hit] * 1.2
        if not hit.any():
            return []
        names = [self.case.ids[i] for i in np.flatnonzero(hit)]
        return [self.event("resurface", "The broad vision's glow fades for everyone, and the "
                           "differences it covered over resurface: " + join_names(
                               [self.case.name(x) for x in names])
                           + (" finds" if len(names) == 1 else " find")
                           + " the detail is not what they signed up to.", who=names)]

    def _expose(self) -> list[Event]:
        st, case = self.state, self.case
        st.exposed = True
        self._stances = None
        st.credibility = max(0.0, st.credibility - 0.2)
        hit = np.array([s.sector in ("primary_care", "patients") for s in case.scenario.stakeholders])
        st.grievance[hit] += 0.25
        st.trust[hit] = np.maximum(0.0, st.trust[hit] - 0.1)
        return [self.event("exposure", "GPs and patient representatives say in public that the "
                           "consultation was a rubber stamp for a decision already made.",
                           episode="false")]

    def _decision_event(self, d: Decision) -> Event:
        stage = self.stage
        words = {"passed": "agrees", "failed": "does not agree", "blocked": "is blocked",
                 "standoff": "is stuck in a stand-off"}[d.result]
        text = (f"The {stage.name} {words}: {d.share:.0%} of its weight in support "
                f"(needs {d.needed:.0%}).")
        if d.blockers:
            text += " Blocked by " + ", ".join(self.case.name(x) for x in d.blockers) + "."
        return self.event("decision", text, **d.to_dict())

    def _finish(self, outcome: str, why: str, trigger: str) -> list[Event]:
        st = self.state
        getattr(st, trigger)()
        st.outcome = outcome
        st.outcome_reasons = [why]
        self._snapshot()
        return [self.event("outcome", f"{OUTCOME_NAMES[outcome]}. {why}", outcome=outcome)]

    def _shifts(self, before: Stances | None, *, cause: str) -> list[Event]:
        """Who moved, by how much and why; `cause` says whether the move itself did it or
        what followed it (a new round, a decision, a stage's events)."""
        if not self.explain or before is None:
            return []
        after = self.stances()
        delta = after.total - before.total
        out: list[Event] = []
        moved = np.flatnonzero(np.abs(delta) >= SHIFT_AT)
        if not len(moved):
            return out
        diffs = (after.matrix[:, moved] - before.matrix[:, moved]).T.tolist()
        for col, i in enumerate(moved):
            parts = {k: v for k, v in zip(NAMES, diffs[col], strict=True) if abs(v) >= 0.005}
            sid = self.case.ids[i]
            out.append(self.event(
                "shift", f"{self.case.name(sid)}: {before.total[i]:+.2f} -> {after.total[i]:+.2f}",
                target=sid, before=float(before.total[i]), after=float(after.total[i]),
                why=parts, cause=cause))
        return out

    def _snapshot(self) -> None:
        st = self.state
        st.history.append({
            "stage": self._stage_id, "round": st.round, "calendar": st.calendar,
            "credibility": round(st.credibility, 4), "moves": len(self.moves),
            "stances": np.round(self.stances().total, 4).tolist(),
        })

    # -- logs, replay, saves -----------------------------------------------------------
    def log(self) -> dict[str, Any]:
        sc = self.case.scenario
        return {"format": LOG_FORMAT, "version": LOG_VERSION, "app_version": APP_VERSION,
                "scenario": sc.id, "scenario_version": sc.version,
                "scenario_sha256": self.case.source.sha256, "seed": self.seed,
                "difficulty": self.difficulty, "moves": list(self.moves),
                "outcome": self.state.outcome}

    def full_log(self, *, abandoned: bool = False) -> dict[str, Any]:
        """The log plus everything a debrief needs: events, per-round history, outcome."""
        st = self.state
        return {**self.log(), "scenario_embedded": self.case.source.embedded,
                "abandoned": abandoned and st.outcome is None,
                "outcome_reasons": list(st.outcome_reasons),
                "events": [e.to_dict() for e in self.events], "history": list(st.history),
                "final": {"credibility": st.credibility, "calendar": st.calendar,
                          "ambition": st.ambition.tolist(), "passed": list(st.passed),
                          "consultation": st.consultation, "exposed": st.exposed}}

    def digest(self) -> str:
        blob = json.dumps({k: v for k, v in self.state.to_dict().items()}, sort_keys=True)
        return hashlib.sha256(blob.encode()).hexdigest()

    def to_save(self) -> dict[str, Any]:
        return {**self.log(), "format": SAVE_FORMAT, "version": SAVE_VERSION,
                "scenario_embedded": self.case.source.embedded, "state": self.state.to_dict(),
                "rng": self.rng.bit_generator.state, "stage_id": self._stage_id,
                "events": [e.to_dict() for e in self.events]}

    @classmethod
    def from_save(cls, case: Case, data: dict[str, Any]) -> Game:
        data = validate_save(data, "the save")
        if data.get("scenario") != case.scenario.id:
            raise SaveError(f"the save is for scenario {data.get('scenario')!r}, "
                            f"not {case.scenario.id!r}")
        try:
            return cls(case, seed=data["seed"], difficulty=data["difficulty"], _restore=data)
        except (KeyError, TypeError, ValueError) as exc:
            raise SaveError(f"the save is damaged: {exc}") from None


def replay(case: Case, log: dict[str, Any], upto: int | None = None) -> Game:
    """Rebuild a game from its log (optionally only its first `upto` moves)."""
    if log.get("scenario") != case.scenario.id:
        raise SaveError(f"the log is for scenario {log.get('scenario')!r}")
    game = Game(case, seed=log["seed"], difficulty=log.get("difficulty", "standard"))
    for d in log["moves"][:upto]:
        game.play(move_from_dict(d))
    return game


__all__ = ["Game", "HIATUS", "OUTCOME", "replay"]
