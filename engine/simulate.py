"""Many seeded playthroughs for balancing: outcome counts and pass rates per policy."""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import Literal, NamedTuple

import numpy as np
from faultlines.engine.bots import Policy, drive, policy_named
from faultlines.engine.case import Case, compile_case, load_case
from faultlines.engine.catalogue import ScenarioSource
from faultlines.engine.domain import OUTCOMES, PASSING_OUTCOMES
from faultlines.engine.table import Table

#: `keep_logs=MOVES_ONLY`: each game's moves without its events (no replay needed)
MOVES_ONLY: Literal["moves"] = "moves"
#: what `simulate` keeps of each game: nothing (False), its whole log (True), its moves
KeepLogs = bool | Literal["moves"]
#: the engines `simulate` can play on (engine_for)
ENGINES = ("auto", "batch", "reference")
#: games per part of a batch run: enough to keep the slots full (engine.batch.play), few
#: enough that progress is reported and a broken policy stops a run early
BATCH_PART = 4096


def game_seed(seed: int, i: int) -> int:
    """The seed of the i-th game of a run: independent streams, reproducible."""
    return int(np.random.SeedSequence([seed, i]).generate_state(1)[0])


class Played(NamedTuple):
    """One simulated game: the table it was played on, and how many of the policy's
    choices were illegal (each played as the end of the round instead)."""

    table: Table
    illegal: int


def play_one(case: Case, policy: str, seed: int, difficulty: str = "standard",
             *, explain: bool = True) -> Played:
    """One game of `policy` (a name or FILE.py:FUNCTION / MODULE:FUNCTION)."""
    return _play(case, policy_named(policy), policy, seed, difficulty, explain)


def _play(case: Case, bot: Policy, name: str, seed: int, difficulty: str,
          explain: bool) -> Played:
    table = Table.open(case, seed=seed, difficulty=difficulty, explain=explain)
    bot_rng = np.random.default_rng([seed, 7])  # the bot's own dice, apart from the game's
    return Played(table, drive(table, bot, bot_rng, name=name))


def _chunk(args: tuple) -> list[tuple[int, str, dict, int]]:
    """Play some seeds; `scenario` is the Case itself in-process, or (for a worker
    process) its source, so a worker never looks a scenario up by name or path. The policy
    travels as its name or FILE.py:FUNCTION spec, which a worker loads for itself."""
    scenario, policy, seeds, difficulty, keep_logs = args
    case = scenario if isinstance(scenario, Case) else _case_in_worker(scenario)
    bot = policy_named(policy)
    out = []
    for s in seeds:
        table, illegal = _play(case, bot, policy, s, difficulty, keep_logs is True)
        log = table.log(abandoned=False) if keep_logs is True else \
            {"moves": list(table.moves)} if keep_logs == MOVES_ONLY else {}
        out.append((s, table.outcome or "unfinished", log, illegal))
    return out


def _batch_part(args: tuple) -> list[tuple[int, str, dict, int]]:
    """Some seeds on the batch engine (engine.batch.play); a log is the seed and moves
    replayed through the reference engine, so it carries every event a debrief reads."""
    from faultlines.engine.batch.play import play

    scenario, policy, seeds, difficulty, keep_logs = args
    case = scenario if isinstance(scenario, Case) else _case_in_worker(scenario)
    out = []
    for p in play(case, policy, seeds, difficulty=difficulty):
        log: dict = {"moves": list(p.moves)} if keep_logs == MOVES_ONLY else {}
        if keep_logs is True:
            table = Table.replayed(case, {"scenario": case.scenario.id, "seed": p.seed,
                                          "difficulty": difficulty, "moves": list(p.moves)})
            log = table.log(abandoned=False)
        out.append((p.seed, p.outcome, log, p.illegal))
    return out


def engine_for(policy: str, engine: str = "auto") -> str:
    """Which engine plays a policy: the batch engine where the policy has a batch form
    (engine.batch.bots), else the reference; `engine` may ask for one."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose {', '.join(ENGINES)}")
    if engine != "auto":
        return engine
    from faultlines.engine.batch.play import batch_policy

    return "batch" if batch_policy(policy) is not None else "reference"


def _load_batch_engine(policy: str) -> None:
    """Import the batch engine and its policy's form here, before any worker forks, as the
    reference engine is imported: otherwise every worker imported some thirty modules of
    its own (about 60 ms each where bytecode is not cached), and the first np.unique in each
    loaded numpy.ma."""
    import numpy.ma  # noqa: F401  np.unique imports it on its first call
    from faultlines.engine.batch.moves import load_forms
    from faultlines.engine.batch.play import batch_policy

    load_forms()
    batch_policy(policy)


def _case_in_worker(source: ScenarioSource) -> Case:
    from faultlines.engine.loader import parse_scenario

    return compile_case(parse_scenario(source.text, source.where), source)


def simulate(scenario: str | Case, policy: str, runs: int, seed: int, *, jobs: int = 1,
             difficulty: str = "standard", keep_logs: KeepLogs = False,
             progress: Callable[[int], None] | None = None, engine: str = "auto") -> dict:
    """Play `runs` games of a case (or a shipped scenario's id) with a policy (a built-in
    name, or FILE.py:FUNCTION / MODULE:FUNCTION); return the summary object the CLI prints
    with --json (`keep_logs`: with every game's log, or with MOVES_ONLY only its moves,
    under "logs"). Both engines play the same game from a seed, so the engine changes only
    the speed (`engine`: auto, batch or reference; see `engine_for`). Raises PolicyError
    if the policy cannot be loaded, PolicyFailed if it breaks during play."""
    if keep_logs not in (False, True, MOVES_ONLY):
        raise ValueError(f"keep_logs is False, True or {MOVES_ONLY!r}, not {keep_logs!r}")
    policy_named(policy)  # fail early on a bad name or a broken file
    which = engine_for(policy, engine)
    if which == "batch":
        _load_batch_engine(policy)
    case = scenario if isinstance(scenario, Case) else load_case(scenario)
    seeds = [game_seed(seed, i) for i in range(runs)]
    start = time.perf_counter()
    results: list[tuple[int, str, dict, int]] = []
    carried = case.source if jobs > 1 else case
    if which == "batch":  # a few big parts: the batch engine is fastest with full slots
        size = max(1, min(BATCH_PART, -(-runs // max(1, jobs))))
        work = _batch_part
    else:
        size = max(1, min(50, runs // max(1, jobs * 4) or 1))
        work = _chunk
    chunks = [(carried, policy, seeds[i:i + size], difficulty, keep_logs)
              for i in range(0, runs, size)]
    if jobs > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            try:
                for part in pool.map(work, chunks):
                    results += part
                    if progress:
                        progress(len(part))
            except BaseException:
                pool.shutdown(cancel_futures=True)  # a broken policy: play no more games
                raise
    else:
        for c in chunks:
            part = work(c)
            results += part
            if progress:
                progress(len(part))
    seconds = time.perf_counter() - start
    counts = Counter(o for _, o, _, _ in results)
    outcomes = {o: counts.get(o, 0) for o in OUTCOMES}
    if counts.get("unfinished"):
        outcomes["unfinished"] = counts["unfinished"]
    passed = sum(outcomes[o] for o in PASSING_OUTCOMES)
    summary = {"scenario": case.scenario.id, "policy": policy, "runs": runs, "seed": seed,
               "outcomes": outcomes, "pass_rate": passed / runs if runs else 0.0,
               "illegal_choices": sum(n for _, _, _, n in results),
               "seconds": round(seconds, 3), "engine": which}
    if keep_logs:
        summary["logs"] = [log for _, _, log, _ in results]
    return summary
