"""UI benchmark for the window edition: time to first frame, frame times on the main table
with every stakeholder visible, and CPU use while idle.

    python bench/ui_bench.py                 # headless (SDL dummy video driver)
    python bench/ui_bench.py --display       # on the real display (or under xvfb-run)

Figures: first frame of the title screen from process start; first frame of the table
after `faultlines play --scenario elm` would open it; frame time (median, 95th percentile)
for a full redraw of the table (map re-rendered, all pygame_gui elements drawn) and for an
animated frame after a move; CPU time over an idle period (time.process_time).
"""

from __future__ import annotations

import time

T0 = time.perf_counter()

import argparse  # noqa: E402
import os  # noqa: E402
import statistics  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402


def percentile(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    k = max(0, min(len(xs) - 1, round(q * (len(xs) - 1))))
    return xs[k]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--display", action="store_true", help="use the real display")
    ap.add_argument("--frames", type=int, default=300)
    ap.add_argument("--idle", type=float, default=10.0, help="idle seconds to measure")
    ap.add_argument("--text-size", type=int, default=0, help="0 normal, 1 large, 2 classroom")
    args = ap.parse_args(argv)
    if not args.display:
        os.environ["SDL_VIDEODRIVER"] = "dummy"
    os.environ["SDL_AUDIODRIVER"] = "dummy"
    os.environ.setdefault("FAULTLINES_HOME", tempfile.mkdtemp(prefix="faultlines-bench-"))

    import pygame
    from faultlines.game.app import App
    from faultlines.game.driver import Driver
    from faultlines.game.settings import Settings

    app = App(settings=Settings(text_size=args.text_size, sound=False))
    app.show_title()
    app.draw()
    first_title = time.perf_counter() - T0

    t = time.perf_counter()
    app.start_new("elm", seed=3, difficulty="standard")
    app.draw()
    first_briefing = time.perf_counter() - t
    d = Driver(app)
    t = time.perf_counter()
    d.click_button("begin")
    app.draw()
    first_table = time.perf_counter() - t

    table = app.top
    assert len(table.map.pos) == len(app.session.case.ids), "every stakeholder on the map"
    # full redraws: the map re-rendered from scratch each frame
    full = []
    for _ in range(args.frames):
        s = time.perf_counter()
        table.map.invalidate()
        table.update(1 / 60)
        app.draw()
        full.append(time.perf_counter() - s)
    # steady frames (hover, tooltips): cached map, all elements drawn
    steady = []
    for _ in range(args.frames):
        s = time.perf_counter()
        table.update(1 / 60)
        app.draw()
        steady.append(time.perf_counter() - s)
    # a move, then the frames of the markers' animation
    t = time.perf_counter()
    d.key(ord("o"))
    d.key(pygame.K_RETURN)
    move_s = time.perf_counter() - t
    anim = []
    app.pump(1)  # the frame that shows the move's results in full
    while table.map.animating():
        s = time.perf_counter()
        app.step(block=False)  # the real loop: only the map is redrawn and sent
        anim.append(time.perf_counter() - s)
    assert app.session.table.moves, "the move was played"

    # idle: the real loop, blocking in the event queue
    app._busy_until = 0.0
    pygame.event.clear()
    frames_before = app.frames
    c0, w0 = time.process_time(), time.perf_counter()
    while time.perf_counter() - w0 < args.idle:
        app.step(block=True)
    cpu = time.process_time() - c0
    wall = time.perf_counter() - w0
    idle_frames = app.frames - frames_before
    size = app.size
    app.close()

    ms = 1000.0
    driver = "real display" if args.display else "SDL dummy driver (software)"
    print(f"Fault Lines UI benchmark ({driver}, {size[0]}x{size[1]}, text size "
          f"{args.text_size}, {len(table.map.pos)} stakeholders on the map)")
    print(f"  first frame, title screen (from process start): {first_title * ms:7.0f} ms")
    print(f"  new game to briefing frame:                      {first_briefing * ms:7.0f} ms")
    print(f"  briefing to first table frame:                   {first_table * ms:7.0f} ms")
    print(f"  table frame, full redraw:    median {statistics.median(full) * ms:6.2f} ms, "
          f"p95 {percentile(full, 0.95) * ms:6.2f} ms")
    print(f"  table frame, steady:         median {statistics.median(steady) * ms:6.2f} ms, "
          f"p95 {percentile(steady, 0.95) * ms:6.2f} ms")
    if anim:
        print(f"  table frame, animating:      median {statistics.median(anim) * ms:6.2f} ms, "
              f"p95 {percentile(anim, 0.95) * ms:6.2f} ms ({len(anim)} frames)")
    print(f"  a move (key, target, play, autosave, relayout): {move_s * ms:7.0f} ms")
    print(f"  idle {wall:.1f} s: CPU {cpu * ms:.0f} ms ({100 * cpu / wall:.2f}% of one core), "
          f"{idle_frames} frames drawn")
    return 0


if __name__ == "__main__":
    sys.exit(main())
