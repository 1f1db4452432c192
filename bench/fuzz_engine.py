"""Random move sequences through the engine's doorway (`engine.table.Table`), legal and
illegal alike - unknown kinds, parameters a move does not take, unknown or mistyped names,
values of the wrong type - as a window, a terminal, a plug-in policy or a log from another
machine could send them. After every attempt the game must hold its invariants (stances
in [-1, 1] and finite, credibility in [0, 1], capacity and calendar not negative), an
attempt may only fail with the domain's IllegalMove, and at the end the game's log must
replay to the same digest; a log holding an illegal move must be refused in one line.

    python bench/fuzz_engine.py                 # 100,000 sequences (minutes: run with nice)
    python bench/fuzz_engine.py --quick         # 2,000
    python bench/fuzz_engine.py --runs 5000 --seed 3 --jobs 2 [--json]

tests/test_fuzz_engine.py runs the same checks on a CI-sized sample with hypothesis.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import traceback
from collections import Counter
from concurrent.futures import ProcessPoolExecutor, as_completed
from functools import cache
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402

SCENARIOS = ("tutorial", "willow", "elm", "oak")
PARAMS = ("target", "other", "component", "mode")
#: values no move takes: other types, near-misses of real names, hostile text
ODD = (None, 5, -1, 1.5, float("nan"), True, [], ["x"], {}, {"a": 1}, "", "x" * 300,
       "ASHWORTH", "\x00", "\u00e9", "teaching ", "TEACHING", "board", "genuine", "all")
STEPS = (1, 80)  # attempts per sequence, drawn uniformly


@cache
def case(sid: str):
    from faultlines.engine.case import load_case

    return load_case(sid)


def invariants(table: Any) -> str | None:
    """What is wrong with the game's figures now (None: all within range)."""
    view = table.glance()
    radar = table.radar()
    if not 0.0 <= view.credibility <= 1.0:
        return f"credibility {view.credibility}"
    if view.calendar < 0:
        return f"calendar {view.calendar}"
    if view.capacity < 0:
        return f"capacity {view.capacity}"
    stances = np.asarray(radar.estimate, float)
    known = stances[~np.isnan(stances)]
    if np.any(np.abs(known) > 1.0):
        return f"a stance of {known[np.argmax(np.abs(known))]}"
    truth = table._game.stances().total  # the engine's own numbers, not only what is shown
    if not np.all(np.isfinite(truth)) or np.any(np.abs(truth) > 1.0):
        return "a true stance outside [-1, 1] or not a number"
    return None


def attempt(table: Any, kind: Any, params: dict[str, Any], how: int) -> None:
    """One try at a move, as a shell or a plug-in would make it; only IllegalMove may
    come out. `how`: 0 by kind and keywords, 1 as a Move object, 2 the options step."""
    from faultlines.engine.moves import MOVE_TYPES

    if how == 0:
        table.check(kind, **params)
        table.choose(kind, **params)
    elif how == 1:
        cls = MOVE_TYPES.get(kind) if isinstance(kind, str) else None
        if cls is None:
            return
        move = cls(**{k: v for k, v in params.items() if k in PARAMS})
        table.check(move)
        table.choose(move)
    else:
        table.options(kind, **params)


def random_attempt(rng: np.random.Generator, c: Any) -> tuple[Any, dict[str, Any], int]:
    """A move a player might mean (60%) or one nobody could (40%)."""
    from faultlines.engine.moves import MOVE_TYPES

    kinds = list(MOVE_TYPES)
    sensible = rng.random() < 0.6
    kind: Any = kinds[rng.integers(len(kinds))]
    if not sensible and rng.random() < 0.1:
        kind = ODD[rng.integers(len(ODD))] if rng.random() < 0.5 else "stage_manage"
    names = list(MOVE_TYPES[kind].params) if isinstance(kind, str) and kind in MOVE_TYPES \
        else []
    if not sensible:
        names += [p for p in (*PARAMS, "zz") if rng.random() < 0.15]
    params: dict[str, Any] = {}
    for p in names:
        params[p] = _value(rng, c, p, kind) if sensible or rng.random() < 0.5 else \
            ODD[rng.integers(len(ODD))]
    return kind, params, int(rng.integers(3))


def _value(rng: np.random.Generator, c: Any, p: str, kind: Any) -> Any:
    from faultlines.engine.moves import MOVE_TYPES

    if p in ("target", "other"):
        return c.ids[rng.integers(c.n)]
    if p == "component":
        return c.components[rng.integers(len(c.components))]
    modes = MOVE_TYPES[kind].modes if isinstance(kind, str) and kind in MOVE_TYPES else ()
    return modes[rng.integers(len(modes))] if modes else "genuine"


def run_sequence(seed: int) -> str | None:
    """One random sequence; None if every attempt ended cleanly, else what went wrong."""
    from faultlines.engine.errors import IllegalMove
    from faultlines.engine.table import Table
    from faultlines.engine.tuning import DIFFICULTIES

    rng = np.random.default_rng(seed)
    sid = SCENARIOS[rng.integers(len(SCENARIOS))]
    c = case(sid)
    difficulty = list(DIFFICULTIES)[rng.integers(len(DIFFICULTIES))]
    table = Table.open(c, seed=int(rng.integers(1 << 30)), difficulty=difficulty,
                       explain=bool(rng.random() < 0.25))
    for step in range(int(rng.integers(*STEPS)) + 1):
        if table.over:
            break
        kind, params, how = random_attempt(rng, c)
        try:
            attempt(table, kind, params, how)
        except IllegalMove as exc:
            if not isinstance(exc.reason, str) or not exc.reason or "\n" in exc.reason:
                return f"{sid}: an IllegalMove without a one-line reason: {exc.reason!r:.80}"
        except Exception as exc:  # noqa: BLE001 - the finding this suite exists to count
            where = traceback.extract_tb(exc.__traceback__)[-1]
            return (f"{sid} step {step}: {kind!r:.40} {params!r:.120} (how {how}) raised "
                    f"{type(exc).__name__}: {exc} at {Path(where.filename).name}:{where.lineno}")
        problem = invariants(table)
        if problem:
            return f"{sid} step {step}: after {kind!r:.40} {params!r:.80}: {problem}"
    return replays(table, rng)


def replays(table: Any, rng: np.random.Generator) -> str | None:
    """The log replays to the same game; the same log with one illegal move slipped in
    is refused in one line (SaveError), never a traceback."""
    from faultlines.engine.debrief.logfile import prepare_log
    from faultlines.engine.errors import SaveError
    from faultlines.engine.table import Table

    log = json.loads(json.dumps(table._game.log()))  # seed and moves: what a replay reads
    if Table.replayed(table.case, log).digest() != table.digest():
        return f"{table.case.scenario.id}: the log replays to a different game"
    bad = dict(log, moves=list(log["moves"]))
    bad["moves"].insert(int(rng.integers(len(bad["moves"]) + 1)), _illegal(rng, table.case))
    try:
        prepare_log(bad, table.case, "fuzzed.json")
    except SaveError as exc:
        if "\n" in str(exc) or "fuzzed.json" not in str(exc):
            return f"a refusal that is not one line naming the file: {exc}"
        return None
    return None  # the slipped-in move happened to be legal there: replayed, fine


def _illegal(rng: np.random.Generator, c: Any) -> dict[str, Any]:
    """A logged move that no game of this case could hold."""
    return [
        {"kind": "call_decision", "other": "ASHWORTH"},
        {"kind": "one_to_one", "target": "nobody"},
        {"kind": "no_such_move"},
        {"kind": "amend_plan", "component": c.ids[0]},
        {"kind": "consult", "mode": "loud"},
        {"kind": "town_hall", "target": c.ids[0]},
    ][int(rng.integers(6))]


def run_range(first: int, count: int) -> tuple[int, list[dict[str, Any]]]:
    """Sequences first..first+count-1: how many ended cleanly, and the failures."""
    failures = []
    for seed in range(first, first + count):
        problem = run_sequence(seed)
        if problem:
            failures.append({"seed": seed, "problem": problem})
    return count - len(failures), failures


def run(runs: int, seed: int = 0, jobs: int = 1, *, progress: str | None = None
        ) -> dict[str, Any]:
    """`runs` sequences in chunks (over `jobs` processes); with `progress`, each finished
    chunk is appended to that file as a JSON line, so a long run can be read part-way."""
    start = seed * 10_000_000
    chunk = max(1, min(500, runs // jobs))
    spans = [(start + i, min(chunk, runs - i)) for i in range(0, runs, chunk)]
    clean, failures = 0, []
    t0 = time.perf_counter()

    def record(span: tuple[int, int], ok: int, bad: list[dict[str, Any]]) -> None:
        nonlocal clean
        clean += ok
        failures.extend(bad)
        if progress:
            with open(progress, "a", encoding="utf-8") as fh:
                fh.write(json.dumps({"first": span[0], "count": span[1], "clean": ok,
                                     "failures": bad}) + "\n")

    if jobs == 1:
        for span in spans:
            record(span, *run_range(*span))
    else:
        with ProcessPoolExecutor(jobs) as pool:
            futures = {pool.submit(run_range, *span): span for span in spans}
            for fut in as_completed(futures):
                record(futures[fut], *fut.result())
    kinds = Counter(f["problem"].split(" raised ")[-1].split(":")[0] for f in failures)
    return {"suite": "engine", "tried": runs, "clean": clean, "failures": failures[:50],
            "failure_kinds": dict(kinds), "seconds": round(time.perf_counter() - t0, 1)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=100_000)
    ap.add_argument("--quick", action="store_true", help="2,000 sequences")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=1)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--progress", metavar="FILE",
                    help="append each finished chunk to FILE as a JSON line")
    args = ap.parse_args(argv)
    res = run(2000 if args.quick else args.runs, args.seed, args.jobs, progress=args.progress)
    if args.json:
        print(json.dumps(res))
    else:
        print(f"engine: {res['clean']} of {res['tried']} random move sequences ended cleanly "
              f"({res['seconds']} s)")
        for f in res["failures"][:10]:
            print(f"  seed {f['seed']}: {f['problem']}")
    return 1 if res["failures"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
