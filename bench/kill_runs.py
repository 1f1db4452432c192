"""`kill -9` a game at random moments and count the games lost.

A child process plays as the window does - a `Session` with the autosave after every move,
the game log when a game ends, now and then a save to a slot and a settings write - and
prints each move it completed. The parent kills it with SIGKILL at a random moment, then
does what the next start does: cleans the temp files the killed write left (as it would a
minute later), describes every slot as the load screen would, and resumes the autosave with
Continue. A game is lost when the autosave is missing, cannot be loaded, or is behind the
last move the child had completed.

    python bench/kill_runs.py                  # 130 kills (a few minutes: run with nice)
    python bench/kill_runs.py --runs 20 [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def child(home: str, seed: int) -> None:
    """Play random legal moves for ever, printing `moves digest` after each one."""
    os.environ["FAULTLINES_HOME"] = home
    from faultlines.game.saves import SaveStore
    from faultlines.game.session import LogPlace, Session
    from faultlines.game.settings import Settings, save_settings

    rng = random.Random(seed)
    store = SaveStore()
    place = LogPlace(str(Path(home) / "logs"))
    session = Session.new("elm", seed=seed, difficulty="standard", store=store, log_place=place)
    print("start", session.table.digest(), flush=True)
    while True:
        if session.over:
            session = Session.new("elm", seed=rng.randrange(1 << 30), difficulty="standard",
                                  store=store, log_place=place)
            print("start", session.table.digest(), flush=True)
            continue
        choices = [c for c in session.table.choices() if c.available]
        choice = rng.choice(choices)
        params: dict[str, str] = {}
        for p in choice.params:
            ok = [v for v, why in session.options(choice.kind, **params).items() if why is None]
            if not ok:
                break
            params[p] = rng.choice(ok)
        else:
            session.play(choice.kind, **params)
            print(len(session.table.moves), session.table.digest(),
                  "over" if session.over else "", flush=True)
        if rng.random() < 0.1:
            session.save(rng.choice((1, 2, 3)))
        if rng.random() < 0.05:
            save_settings(Settings(text_size=rng.randrange(3)))


def one_run(seed: int, *, python: str = sys.executable) -> dict[str, Any]:
    """Start a child, kill it at a random moment of play (after its first game began), and
    check what the next start finds."""
    from faultlines.engine.logs import TEMP_NAME, clean_stale_temps

    rng = random.Random(seed)
    with tempfile.TemporaryDirectory(prefix="faultlines-kill-") as home:
        proc = subprocess.Popen(
            [python, __file__, "--child", home, str(seed)], stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
        first = proc.stdout.readline() if proc.stdout else ""  # the first game has begun
        time.sleep(rng.uniform(0.05, 4.0))  # a random moment of play
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate()
        lines = [line.split() for line in (first + out).splitlines() if line.strip()]
        done = lines[-1] if lines else None
        temps = [p for p in Path(home).rglob("*") if TEMP_NAME.match(p.name)]
        for folder in {p.parent for p in temps}:
            clean_stale_temps(folder, now=time.time() + 120)  # the next start, later on
        left = [p for p in Path(home).rglob("*") if TEMP_NAME.match(p.name)]
        result = {"seed": seed, "moves_seen": len(lines), "temp_files": len(temps),
                  "temp_files_left": len(left)}
        result.update(_resume(home, done))
        return result


def _resume(home: str, done: list[str] | None) -> dict[str, Any]:
    """What Continue and the load screen find after the kill."""
    os.environ["FAULTLINES_HOME"] = home
    from faultlines.engine.errors import SaveError
    from faultlines.game.saves import AUTOSAVE, SaveStore
    from faultlines.game.session import Session

    store = SaveStore(Path(home) / "data" / "saves")
    slots = store.all(autosave=True)
    broken = [s.slot for s in slots if s.exists and s.error]
    auto = store.info(AUTOSAVE)
    if done is None:
        return {"lost": False, "broken_slots": broken, "resumed": False,
                "note": "killed before the first game began"}
    if not auto.exists or auto.error:
        return {"lost": True, "broken_slots": broken, "resumed": False,
                "note": auto.error or "no autosave"}
    try:
        table = Session.load(store, AUTOSAVE).table
    except SaveError as exc:
        return {"lost": True, "broken_slots": broken, "resumed": False, "note": str(exc)}
    moves = 0 if done[0] == "start" else int(done[0])
    behind = len(table.moves) < moves or (len(table.moves) == moves and
                                          table.digest() != done[1])
    # the kill came after a finished game, as the next one was being started
    started_anew = done[-1] == "over" and len(table.moves) <= 1
    return {"lost": behind and not started_anew, "broken_slots": broken, "resumed": True,
            "note": ""}


def run(runs: int, seed: int = 0) -> dict[str, Any]:
    results = [one_run(seed * 100_000 + i) for i in range(runs)]
    return {"suite": "kill", "runs": runs,
            "lost": sum(r["lost"] for r in results),
            "resumed": sum(r["resumed"] for r in results),
            "broken_slots": sum(len(r["broken_slots"]) for r in results),
            "temp_files": sum(r["temp_files"] for r in results),
            "temp_files_left": sum(r["temp_files_left"] for r in results),
            "problems": [r for r in results if r["lost"] or r["broken_slots"]][:20]}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        child(argv[1], int(argv[2]))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=130)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    res = run(args.runs, args.seed)
    if args.json:
        print(json.dumps(res))
    else:
        print(f"kill -9: {res['runs']} runs, {res['lost']} games lost, {res['resumed']} resumed "
              f"with Continue, {res['broken_slots']} save slots left unloadable; "
              f"{res['temp_files']} temp files left by killed writes, "
              f"{res['temp_files_left']} after the next start")
        for p in res["problems"]:
            print(f"  {p}")
    return 1 if res["lost"] or res["broken_slots"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
