"""Many seeded playthroughs for balancing: outcome counts and pass rates per policy."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

import numpy as np
from faultlines.engine.bots import play_out, policy_named
from faultlines.engine.case import Case, compile_case, load_case
from faultlines.engine.catalogue import ScenarioSource
from faultlines.engine.domain import OUTCOMES, PASSING_OUTCOMES
from faultlines.engine.game import Game


def game_seed(seed: int, i: int) -> int:
    """The seed of the i-th game of a run: independent streams, reproducible."""
    return int(np.random.SeedSequence([seed, i]).generate_state(1)[0])


def play_one(case: Case, policy_name: str, seed: int, difficulty: str = "standard",
             *, explain: bool = True) -> Game:
    game = Game(case, seed=seed, difficulty=difficulty, explain=explain)
    bot_rng = np.random.default_rng([seed, 7])
    return play_out(game, policy_named(policy_name), bot_rng)


def _chunk(args: tuple) -> list[tuple[int, str, dict]]:
    """Play some seeds; `scenario` is the Case itself in-process, or (for a worker
    process) its source, so a worker never looks a scenario up by name or path."""
    scenario, policy, seeds, difficulty, keep_logs = args
    case = scenario if isinstance(scenario, Case) else _case_in_worker(scenario)
    out = []
    for s in seeds:
        g = play_one(case, policy, s, difficulty, explain=keep_logs)
        out.append((s, g.state.outcome or "unfinished", g.full_log() if keep_logs else {}))
    return out


def _case_in_worker(source: ScenarioSource) -> Case:
    from faultlines.engine.loader import parse_scenario

    return compile_case(parse_scenario(source.text, source.where), source)


def simulate(scenario: str | Case, policy: str, runs: int, seed: int, *, jobs: int = 1,
             difficulty: str = "standard", keep_logs: bool = False,
             progress: Callable[[int], None] | None = None) -> dict:
    """Play `runs` games of a case (or a shipped scenario's id); return the summary object
    the CLI prints with --json."""
    policy_named(policy)  # fail early on a bad name
    case = scenario if isinstance(scenario, Case) else load_case(scenario)
    seeds = [game_seed(seed, i) for i in range(runs)]
    start = time.perf_counter()
    results: list[tuple[int, str, dict]] = []
    size = max(1, min(50, runs // max(1, jobs * 4) or 1))
    carried = case.source if jobs > 1 else case
    chunks = [(carried, policy, seeds[i:i + size], difficulty, keep_logs)
              for i in range(0, runs, size)]
    if jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            for part in pool.map(_chunk, chunks):
                results += part
                if progress:
                    progress(len(part))
    else:
        for c in chunks:
            part = _chunk(c)
            results += part
            if progress:
                progress(len(part))
    seconds = time.perf_counter() - start
    counts = Counter(o for _, o, _ in results)
    outcomes = {o: counts.get(o, 0) for o in OUTCOMES}
    if counts.get("unfinished"):
        outcomes["unfinished"] = counts["unfinished"]
    passed = sum(outcomes[o] for o in PASSING_OUTCOMES)
    summary = {"scenario": case.scenario.id, "policy": policy, "runs": runs, "seed": seed,
               "outcomes": outcomes, "pass_rate": passed / runs if runs else 0.0,
               "seconds": round(seconds, 3)}
    if keep_logs:
        summary["logs"] = [log for _, _, log in results]
    return summary
