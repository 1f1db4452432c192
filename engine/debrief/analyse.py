"""`analyse(log)`: the whole debrief of one game, assembled from the other modules."""

from __future__ import annotations

from typing import Any

from faultlines.engine.case import Case
from faultlines.engine.debrief.arcs import build_arcs
from faultlines.engine.debrief.causes import chain
from faultlines.engine.debrief.episodes import RECONSTRUCTED, find_episodes, is_recorded
from faultlines.engine.debrief.faultlines import build_fault_lines, family_matrix, move_mix
from faultlines.engine.debrief.logfile import prepare_log
from faultlines.engine.debrief.model import Debrief
from faultlines.engine.debrief.questions import choose_questions
from faultlines.engine.debrief.timeline import build_timeline
from faultlines.engine.debrief.trace import Trace, trace
from faultlines.engine.debrief.turning import (
    TOP,
    event_swings,
    move_swings,
    turning_points,
)
from faultlines.engine.domain import OUTCOME_NAMES
from faultlines.engine.errors import SaveError


def analyse(log: dict[str, Any], case: Case | None = None, *, where: str = "<log>",
            replay_check: bool = True) -> Debrief:
    """Debrief one game log (full or bare). Raises SaveError for a log that cannot be read."""
    log, case = prepare_log(log, case, where)
    try:
        return _analyse(log, case, replay_check)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError) as exc:
        raise SaveError(f"{where}: the log is damaged ({exc.__class__.__name__}: {exc})"
                        ) from None


def _analyse(log: dict[str, Any], case: Case, replay_check: bool) -> Debrief:
    sc = case.scenario
    tl = build_timeline(log, case)
    tr = trace(case, log) if replay_check else None
    warnings = []
    if tr is not None and not tr.ok:
        warnings.append(f"Decision explanations are left out: {tr.reason}.")
    if log.get("scenario_version") not in (None, sc.version):
        warnings.append(f"The game was played on version {log.get('scenario_version')} of the "
                        f"scenario; version {sc.version} is installed.")
    if log.get("abandoned"):
        warnings.append("The game was left unfinished; the debrief covers what was played.")
    episodes = find_episodes(tl)
    recorded = is_recorded(tl)
    if not recorded:
        warnings.append(RECONSTRUCTED)
    turning = turning_points(tl)
    outside = event_swings(tl, top=None)
    outcome = log.get("outcome")
    text = sc.outcomes.get(outcome) if outcome else None
    history = log["history"]
    return Debrief(
        scenario=sc.id, scenario_title=sc.title, scenario_version=sc.version,
        log_scenario_version=str(log.get("scenario_version", sc.version)), seed=log["seed"],
        difficulty=log.get("difficulty", "standard"), player=log.get("player"),
        outcome=outcome,
        outcome_name=OUTCOME_NAMES.get(outcome, "Unfinished") if outcome else "Unfinished",
        outcome_title=text.title if text else "The game was left unfinished",
        outcome_text=text.text if text else "The plan had not reached its final sign-off when the game ended.",
        outcome_reasons=list(log.get("outcome_reasons", [])),
        abandoned=bool(log.get("abandoned")), moves=tl.moves,
        causes=chain(tl, tr or Trace(ok=False, reason="", decisions=[]), turning, outside),
        arcs=build_arcs(tl), fault_lines=build_fault_lines(tl), family_matrix=family_matrix(tl),
        move_mix=move_mix(tl), episodes=episodes, episodes_recorded=recorded,
        turning_points=turning,
        event_swings=outside[:TOP], swings=move_swings(tl), decisions=[
            {"move": e["move"], "stage": e["data"]["stage"], "result": e["data"]["result"],
             "share": e["data"]["share"], "needed": e["data"]["needed"]}
            for e in tl.of_kind("decision")],
        questions=choose_questions(tl, episodes),
        notes=[{"title": n.title, "text": n.text, "source": n.source} for n in sc.debrief],
        credibility=[(int(h.get("moves", 0)), float(h["credibility"])) for h in history],
        calendar=[(int(h.get("moves", 0)), int(h["calendar"])) for h in history],
        stage_spans=tl.stage_spans(), final=dict(log.get("final", {})),
        calendar_start=int(history[0]["calendar"]), replay_ok=bool(tr and tr.ok), warnings=warnings)
