"""`faultlines lint SCENARIO`: a trainer's check that a scenario plays as the research says
it should, by running every built-in policy and probe through the reference engine.

The verdict's findings, each one line with what to change:
- research-style (`skilled`) play passes in the target band, at least half of it by genuine
  consensus (the balance the shipped cases are held to: tests/test_balance.py);
- no simple strategy (random, one-note, probes) passes more than the ceiling;
- every outcome is reached by some built-in strategy;
- no move is useless: a kind research-style play never uses, and whose repeat does no better
  than ending every round;
- no stakeholder is inert: their stance never crosses the support line (nor, for someone who
  can block, the blocking line) in any research-style game.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from faultlines.engine.analysis.defaults import DEFAULT_RUNS  # noqa: F401 (re-exported)
from faultlines.engine.bots import ARCHETYPES, POLICIES, PROBES
from faultlines.engine.case import Case, case_from_source
from faultlines.engine.domain import OUTCOMES
from faultlines.engine.moves import MOVE_TYPES
from faultlines.engine.simulate import MOVES_ONLY, simulate

#: research-style pass rate wanted (the shipped cases' balance band)
SKILLED_BAND = (0.55, 0.80)
#: at least this share of research-style passes should be genuine consensus
CONSENSUS_SHARE = 0.5
#: no simple strategy should pass more often than this
SIMPLE_CEILING = 0.20
#: the share of the games per policy (engine.analysis.defaults) the slow `greedy` probe plays
GREEDY_SHARE = 0.1
#: games for each `repeat:KIND` check of a move research-style play never used
REPEAT_RUNS = 20
#: strategies that are skilled play with one change (archetypes), not simple strategies
_VARIANTS = set(ARCHETYPES) | {"skilled"}


@dataclass(frozen=True)
class Finding:
    level: str  # "ok", "note" (worth a look) or "fix" (the scenario misses its balance)
    text: str

    def line(self) -> str:
        return f"{self.level.upper() if self.level != 'ok' else 'ok'}: {self.text}"


@dataclass
class Verdict:
    scenario: str
    runs: int
    findings: list[Finding] = field(default_factory=list)
    rates: dict[str, dict[str, Any]] = field(default_factory=dict)

    @property
    def passed(self) -> bool:
        return all(f.level != "fix" for f in self.findings)

    def to_dict(self) -> dict[str, Any]:
        return {"scenario": self.scenario, "runs": self.runs, "passed": self.passed,
                "findings": [{"level": f.level, "text": f.text} for f in self.findings],
                "policies": self.rates}


def lint(case: Case, *, runs: int = DEFAULT_RUNS, jobs: int = 2, seed: int = 1,
         progress: Callable[[str], None] | None = None) -> Verdict:
    """Play every built-in policy and probe on the case (in `jobs` processes, a policy per
    task) and give the verdict."""
    v = Verdict(case.scenario.id, runs)
    names = [*POLICIES, *ARCHETYPES, *PROBES]
    # research-style games' full logs (their stances and votes); the others' moves only
    tasks = [(name, max(2, round(runs * GREEDY_SHARE)) if name == "greedy" else runs,
              True if name == "skilled" else MOVES_ONLY if name != "random" else False)
             for name in names]
    logs: list[dict] = []
    used: set[str] = set()  # move kinds some deliberate strategy (not random) played
    reached: set[str] = set()
    with _Pool(case, jobs) as pool:
        for (name, n, _), r in zip(tasks, pool.simulate(tasks, seed, progress), strict=True):
            played = r.pop("logs", [])
            used |= {m["kind"] for log in played for m in log["moves"]}
            if name == "skilled":
                logs = played
            reached |= {o for o, k in r["outcomes"].items() if k}
            v.rates[name] = {"runs": n, "pass_rate": r["pass_rate"],
                             "consensus_rate": r["outcomes"]["consensus"] / n}
        v.findings += _balance(v.rates)
        v.findings += _reachable(reached, runs)
        v.findings += _useless_moves(logs, used, runs, pool, seed, progress)
    v.findings += _inert_people(case, logs)
    return v


class _Pool:
    """Policies played side by side: one task per policy in a process pool (1 job: here)."""

    def __init__(self, case: Case, jobs: int):
        self.case, self.jobs = case, max(1, jobs)
        self._pool = ProcessPoolExecutor(max_workers=self.jobs) if self.jobs > 1 else None

    def __enter__(self) -> _Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)

    def simulate(self, tasks: list[tuple[str, int, bool | str]], seed: int,
                 progress: Callable[[str], None] | None) -> list[dict]:
        if progress:
            progress(", ".join(name for name, _, _ in tasks))
        carried = self.case if self._pool is None else self.case.source
        args = [(carried, name, n, seed, keep) for name, n, keep in tasks]
        if self._pool is None:
            return [_simulate(a) for a in args]
        return list(self._pool.map(_simulate, args))


def _simulate(args: tuple) -> dict:
    scenario, name, n, seed, keep = args
    case = scenario if isinstance(scenario, Case) else case_from_source(scenario)
    return simulate(case, name, n, seed, keep_logs=keep)


def _balance(rates: dict[str, dict[str, Any]]) -> list[Finding]:
    out = []
    s = rates["skilled"]
    lo, hi = SKILLED_BAND
    p = s["pass_rate"]
    if p < lo:
        out.append(Finding("fix", f"research-style play passes only {p:.0%} of games (band "
                                  f"{lo:.0%}-{hi:.0%}): lower a stage threshold, soften the "
                                  "largest losses, or give the player more months or capacity"))
    elif p > hi:
        out.append(Finding("fix", f"research-style play passes {p:.0%} of games (band "
                                  f"{lo:.0%}-{hi:.0%}): raise a threshold, deepen a loss or "
                                  "give an opponent a veto so the world pushes back"))
    else:
        out.append(Finding("ok", f"research-style play passes {p:.0%} of games (band "
                                 f"{lo:.0%}-{hi:.0%})"))
    if p and s["consensus_rate"] < CONSENSUS_SHARE * p:
        out.append(Finding("fix", f"only {s['consensus_rate'] / p:.0%} of research-style "
                                  "passes are genuine consensus (want half or more): make "
                                  "compensation and a genuine consultation answer the losses "
                                  "instead of scaling the plan back"))
    for name, r in rates.items():
        if name in _VARIANTS:
            continue
        if r["pass_rate"] > SIMPLE_CEILING:
            out.append(Finding("fix", f"the simple strategy {name} passes {r['pass_rate']:.0%} "
                                      f"of games (ceiling {SIMPLE_CEILING:.0%}): make the "
                                      "moves it repeats weaken with use or raise the opposition "
                                      "it ignores"))
    if not any(f.level == "fix" and "simple strategy" in f.text for f in out):
        out.append(Finding("ok", f"no simple strategy passes more than {SIMPLE_CEILING:.0%}"))
    return out


def _reachable(reached: set[str], runs: int) -> list[Finding]:
    missing = [o for o in OUTCOMES if o not in reached]
    if not missing:
        return [Finding("ok", "every outcome is reached by some built-in strategy")]
    return [Finding("fix", f"no built-in strategy reached the outcome {o.replace('_', ' ')} in "
                           f"{runs} games each: {_HOW[o]}") for o in missing]


_HOW = {
    "consensus": "make genuine agreement possible (smaller losses, compensation that answers them)",
    "hollow": "let amending the plan buy agreement (a component people lose from that can be scaled back)",
    "pushed_through": "let a plan pass with a reluctant minority (a threshold below full support)",
    "stalled": "let stand-offs happen (opposed members with a veto, or more hiatus risk)",
    "collapsed": "let credibility or time run out (fewer months, costly failures)",
}


def _useless_moves(logs: list[dict], used: set[str], runs: int, pool: _Pool, seed: int,
                   progress: Callable[[str], None] | None) -> list[Finding]:
    """Kinds research-style play never uses (and no other deliberate strategy, so a move
    only a one-note probe plays is not excused), whose repeat does no better than ending
    every round."""
    skilled_used = {m["kind"] for log in logs for m in log["moves"]}
    unused = [k for k in MOVE_TYPES if k not in skilled_used | used and k != "end_round"]
    if not unused:
        return [Finding("ok", "every kind of move is played by some deliberate strategy")]
    n = max(4, min(REPEAT_RUNS, runs))
    results = pool.simulate([(f"repeat:{k}", n, False) for k in ["end_round", *unused]],
                            seed, progress)
    base = results[0]["pass_rate"]
    out = []
    for kind, r in zip(unused, results[1:], strict=True):
        if r["pass_rate"] <= base:
            out.append(Finding("note", f"the move {MOVE_TYPES[kind].label!r} ({kind}) is played by "
                                       "no built-in strategy but random, and repeating it does "
                                       "no better than ending every round: give it a "
                                       "stakeholder or stage where it answers a real loss, or "
                                       "drop it"))
    return out or [Finding("ok", "every move is used by research-style play or helps when "
                                 "repeated")]


def _inert_people(case: Case, logs: list[dict]) -> list[Finding]:
    """Who never changes a decision: their stance never crosses the support line (nor, for
    someone who can block, the blocking line) and their vote never decided a forum's
    result (the result would have been the same had they voted the other way)."""
    if not logs:
        return []
    rules = case.scenario.rules
    stances = np.array([r["stances"] for log in logs for r in log["history"]])  # (rounds, N)
    can_block = np.zeros(case.n, bool)
    for mask in case.vetoes.values():
        can_block |= mask
    pivotal = _pivotal(case, logs)
    out = []
    for i, sid in enumerate(case.ids):
        s = stances[:, i]
        support = s >= rules.support_at
        block = s <= rules.block_at
        moves = support.any() != support.all() or (can_block[i] and block.any() != block.all())
        if not moves and sid not in pivotal:
            side = "supports" if support.all() else "does not support"
            out.append(Finding("note", f"{case.name(sid)} ({sid}) never matters: always "
                                       f"{side} the plan and never decides a vote in "
                                       f"{len(logs)} research-style games; give them a stake "
                                       "that listening or compensation can move, a seat where "
                                       "they decide, or leave them out"))
    return out or [Finding("ok", "every stakeholder changes a decision in some research-style "
                                 "game")]


def _pivotal(case: Case, logs: list[dict]) -> set[str]:
    """Who blocked a decision, or whose vote alone would have turned its result."""
    out: set[str] = set()
    w = dict(zip(case.ids, case.influence.tolist(), strict=True))
    for log in logs:
        for e in log.get("events", []):
            d = e.get("data", {}) if e.get("kind") == "decision" else None
            if not d or "share" not in d:
                continue
            out.update(d.get("blockers", []))
            voters = [*d.get("support", []), *d.get("abstain", []), *d.get("oppose", [])]
            total = sum(w[x] for x in voters) or 1.0
            passed = d["share"] >= d["needed"]
            for x in voters:
                turned = d["share"] + (-w[x] if x in d["support"] else w[x]) / total
                if (turned >= d["needed"]) != passed:
                    out.add(x)
    return out
