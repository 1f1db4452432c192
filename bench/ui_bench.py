"""UI benchmark for the window edition: how long a player waits.

    python bench/ui_bench.py                 # headless (SDL dummy video driver), every case
    python bench/ui_bench.py --json          # one JSON object (figures per case inside it)
    python bench/ui_bench.py --display       # on the real display (or under xvfb-run)
    python bench/ui_bench.py --cases elm --text-size 2

Figures:
- first frame: from launching a fresh Python process to the title screen shown (median
  of 3 launches after one uncounted launch; the interpreter's own start is included, as
  the player waits for it too; compiled bytecode kept, as an installed package has it);
- `faultlines --help`: wall time of the installed command (median of 3, the same way);
- a move: for every move of a whole scripted game (the `skilled` bot's choices, made
  through the window by its keys and Enter), the time from the step that handles the
  committing input to the frame that shows the result on screen (the autosave runs after
  that frame, so it is not in the figure; it is reported separately);
- redraw: a full frame of the table (map re-rendered and every element drawn);
- idle CPU: the real loop blocking in the event queue for `--idle` seconds.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CASES = ("tutorial", "willow", "elm", "oak")
FIRST_FRAME_MARK = "first-frame"
_CHILD = f"""
import os, sys
os.environ["SDL_VIDEODRIVER"] = "dummy"
os.environ["SDL_AUDIODRIVER"] = "dummy"
from faultlines.game.app import App
from faultlines.game.settings import Settings
app = App(settings=Settings(sound=False))
app.show_title()
app.draw()
print("{FIRST_FRAME_MARK}", flush=True)
app.close()
"""


def percentile(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    k = max(0, min(len(xs) - 1, round(q * (len(xs) - 1))))
    return xs[k]


def _installed_env() -> dict[str, str]:
    """The environment of a player's machine: Python keeps compiled bytecode (an installed
    package has it; a shell with PYTHONDONTWRITEBYTECODE set would compile every module on
    every launch)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYGAME_HIDE_SUPPORT_PROMPT": "1"}


def first_frame_s(runs: int = 3) -> float:
    """Process launch to the title screen's first frame, in a fresh interpreter (after
    one launch that is not counted, as after installing)."""
    times = []
    for i in range(runs + 1):
        t = time.perf_counter()
        p = subprocess.Popen([sys.executable, "-c", _CHILD], stdout=subprocess.PIPE, text=True,
                             env=_installed_env())
        assert p.stdout is not None
        for line in p.stdout:
            if line.strip() == FIRST_FRAME_MARK:
                if i:
                    times.append(time.perf_counter() - t)
                break
        p.wait()
    return statistics.median(times)


def help_s(runs: int = 3) -> float:
    """`faultlines --help`, the installed command beside this Python."""
    exe = Path(sys.executable).with_name("faultlines")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-m", "faultlines"]
    times = []
    for i in range(runs + 1):
        t = time.perf_counter()
        subprocess.run([*cmd, "--help"], stdout=subprocess.DEVNULL, check=True,
                       env=_installed_env())
        if i:
            times.append(time.perf_counter() - t)
    return statistics.median(times)


class Timer:
    """Wraps `App.step` and `App.draw`: a step that plays a move is timed from its start to
    the frame it shows (`App.shown_at`)."""

    def __init__(self, app):
        self.app = app
        self.moves: list[float] = []
        self.saves: list[float] = []
        step = app.step

        def timed(block: bool = False) -> bool:
            s = app.session
            before = s.changes if s is not None else None
            t = time.perf_counter()
            app.shown_at = None
            drew = step(block)
            s = app.session
            if s is not None and before is not None and s.changes != before:
                shown = app.shown_at or time.perf_counter()
                self.moves.append(shown - t)
                self.saves.append(time.perf_counter() - shown)
            return drew
        app.step = timed


def play_case(app, case: str, seed: int, limit: int) -> dict:
    """A whole game of `case` through the window, the `skilled` bot choosing the moves."""
    import numpy as np
    import pygame
    from faultlines.engine.bots import POLICIES, decide
    from faultlines.game.driver import Driver
    from faultlines.game.scenes.table import TableScene

    d = Driver(app)
    app.start_new(case, seed=seed, difficulty="standard")
    d.pump(2)
    d.click_button("begin")
    timer = Timer(app)
    rng = np.random.default_rng(seed)
    played = 0
    redraw: list[float] = []
    while played < limit and app.session is not None and not app.session.over:
        d.continue_overlays()
        if not isinstance(app.top, TableScene):
            break
        move = decide(app.session.table, POLICIES["skilled"], rng)
        before = app.session.changes
        d.play(move, by_key=True)
        if app.session.changes == before:  # the window refused what the engine allowed
            raise AssertionError(f"{case}: move {move!r} was not played through the window")
        played += 1
        if isinstance(app.top, TableScene):  # a full redraw of the table as it is now
            t = time.perf_counter()
            app.top.map.invalidate()
            app.mark_dirty()
            app.step(block=False)
            redraw.append(time.perf_counter() - t)
    d.continue_overlays()
    pygame.event.clear()
    ms = 1000.0
    return {"moves": played, "over": bool(app.session and app.session.over),
            "move_p50_ms": round(statistics.median(timer.moves) * ms, 1),
            "move_p95_ms": round(percentile(timer.moves, 0.95) * ms, 1),
            "move_max_ms": round(max(timer.moves) * ms, 1),
            "autosave_p50_ms": round(statistics.median(timer.saves) * ms, 1),
            "redraw_p95_ms": round(percentile(redraw, 0.95) * ms, 1),
            "_moves": timer.moves, "_redraw": redraw}


def idle_cpu_pct(app, seconds: float) -> float:
    import pygame

    app._busy_until = 0.0
    pygame.event.clear()
    app.step(block=False)
    c0, w0 = time.process_time(), time.perf_counter()
    while time.perf_counter() - w0 < seconds:
        app.step(block=True)
    return 100 * (time.process_time() - c0) / (time.perf_counter() - w0)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--display", action="store_true", help="use the real display")
    ap.add_argument("--json", action="store_true", help="print one JSON object")
    ap.add_argument("--cases", default=",".join(CASES), help="comma-separated case ids")
    ap.add_argument("--seed", type=int, default=3)
    ap.add_argument("--limit", type=int, default=120, help="most moves per game")
    ap.add_argument("--idle", type=float, default=5.0, help="idle seconds to measure")
    ap.add_argument("--text-size", type=int, default=0, help="0 normal, 1 large, 2 classroom")
    ap.add_argument("--size", default="1280x720", help="window size, WxH")
    args = ap.parse_args(argv)
    if not args.display:
        os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ["SDL_AUDIODRIVER"] = "dummy"
    os.environ["PYGAME_HIDE_SUPPORT_PROMPT"] = "1"
    os.environ.setdefault("FAULTLINES_HOME", tempfile.mkdtemp(prefix="faultlines-bench-"))

    first = first_frame_s()
    helped = help_s()

    from faultlines.game.app import App
    from faultlines.game.settings import Settings

    size = tuple(int(x) for x in args.size.lower().split("x"))
    app = App(size=size, settings=Settings(text_size=args.text_size, sound=False))
    app.show_title()
    app.draw()
    cases = {}
    all_moves: list[float] = []
    all_redraw: list[float] = []
    for case in [c.strip() for c in args.cases.split(",") if c.strip()]:
        r = play_case(app, case, args.seed, args.limit)
        all_moves += r.pop("_moves")
        all_redraw += r.pop("_redraw")
        cases[case] = r
    idle = idle_cpu_pct(app, args.idle)
    app.close()

    ms = 1000.0
    out = {"driver": "display" if args.display else "dummy", "size": list(size),
           "text_size": args.text_size, "first_frame_s": round(first, 3),
           "help_s": round(helped, 3),
           "move_p50_ms": round(statistics.median(all_moves) * ms, 1),
           "move_p95_ms": round(percentile(all_moves, 0.95) * ms, 1),
           "redraw_p95_ms": round(percentile(all_redraw, 0.95) * ms, 1),
           "idle_cpu_pct": round(idle, 2), "cases": cases}
    if args.json:
        print(json.dumps(out, indent=1))
        return 0
    print(f"Fault Lines UI benchmark ({out['driver']} driver, {size[0]}x{size[1]}, text size "
          f"{args.text_size})")
    print(f"  first frame (process launch to title):  {first:6.2f} s")
    print(f"  faultlines --help:                      {helped:6.2f} s")
    for case, r in cases.items():
        print(f"  {case:9s} {r['moves']:3d} moves{' (ended)' if r['over'] else ''}: move p50 "
              f"{r['move_p50_ms']:6.1f} ms, p95 {r['move_p95_ms']:6.1f} ms, max "
              f"{r['move_max_ms']:6.1f} ms; autosave {r['autosave_p50_ms']:.1f} ms; redraw "
              f"p95 {r['redraw_p95_ms']:.1f} ms")
    print(f"  all moves: p50 {out['move_p50_ms']:.1f} ms, p95 {out['move_p95_ms']:.1f} ms; "
          f"redraw p95 {out['redraw_p95_ms']:.1f} ms")
    print(f"  idle CPU: {idle:.2f}% of one core")
    return 0


if __name__ == "__main__":
    sys.exit(main())
