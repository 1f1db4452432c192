"""What the batch engine's benchmarks share: their command line, and how they print their
rows (a line per batch size, or one JSON object each with --json)."""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable, Sequence
from typing import Any

from faultlines.engine import flow
from faultlines.engine.context import MoveContext, StanceCache
from faultlines.engine.draws import CounterDice


def batch_args(doc: str, sizes: Sequence[int], repeats: int) -> argparse.Namespace:
    """--scenario, --sizes (games per batch), --repeats (best of) and --json."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--scenario", default="elm")
    ap.add_argument("--sizes", type=int, nargs="+", default=list(sizes))
    ap.add_argument("--repeats", type=int, default=repeats)
    ap.add_argument("--json", action="store_true")
    return ap.parse_args()


def report(rows: list[dict], as_json: bool, header: str,
           line: Callable[[dict], str]) -> None:
    """Print the rows: JSON objects, or the header and a line for each."""
    if as_json:
        for row in rows:
            print(json.dumps(row))
        return
    print(header)
    for row in rows:
        print(line(row))


def point_dice(p: Any) -> CounterDice:
    """The dice of a captured moment (tests/batch_kit.py), at the draw it had reached."""
    d = CounterDice(p.dice_key, p.move_index)
    d.slot = p.slot
    return d


def reference_seconds(case: Any, points: list, rule: Callable[[MoveContext], None]) -> float:
    """The reference `rule` (engine.flow.decide or end_round) on each moment, one game at a
    time; copies are made and bound to the stage machine outside the clock."""
    machine = flow.flow_for(case)
    ctxs = []
    for p in points:
        st = machine.bind(p.state.copy())
        ctxs.append(MoveContext(case=case, state=st, dice=point_dice(p), moves=list(p.moves),
                                stance_cache=StanceCache(case), move_index=p.move_index))
    t = time.perf_counter()
    for ctx in ctxs:
        rule(ctx)
    spent = time.perf_counter() - t
    for ctx in ctxs:
        machine.release(ctx.state)
    return spent
