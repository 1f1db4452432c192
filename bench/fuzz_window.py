"""Random input through the real window: keys, clicks, the wheel, typed text, text-size
changes and window resizes (down below the minimum the window enforces), on every screen the
fuzzing reaches, from the title on.

    python bench/fuzz_window.py --events 10000 [--seed 0] [--json]

An event "ends cleanly" when the window handles it and draws the next frame without an
exception; a failure is recorded with its traceback's last line and the window is opened
afresh. Also the `run(count, seed)` the reliability runner calls (bench/reliability.py).
Uses SDL's dummy drivers and a temporary FAULTLINES_HOME, so it needs no display and
touches no real profile.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import tempfile
import traceback
from collections import Counter
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

KEYS = ("TAB", "RETURN", "ESCAPE", "SPACE", "LEFT", "RIGHT", "UP", "DOWN", "PAGEUP",
        "PAGEDOWN", "HOME", "END", "BACKSPACE", "DELETE", "F1", "1", "2", "3", "9", "0")
SIZES = ((1280, 720), (960, 600), (800, 600), (640, 480), (320, 200), (1600, 900),
         (1920, 1080), (1000, 640))
TEXTS = ("a", "1", "\u00e9", "\u4e2d", "\U0001f600", "<b>", "\x00", "9" * 40)


def _events(rnd: random.Random, w: int, h: int, pygame) -> list:
    """One random input, as the list of pygame events a real device would send."""
    r = rnd.random()
    pos = (rnd.randrange(max(1, w)), rnd.randrange(max(1, h)))
    if r < 0.25:
        return [pygame.event.Event(pygame.MOUSEMOTION, pos=pos, rel=(1, 1), buttons=(0, 0, 0))]
    if r < 0.5:
        b = rnd.choice((1, 1, 1, 2, 3))
        return [pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=pos, button=b),
                pygame.event.Event(pygame.MOUSEBUTTONUP, pos=pos, button=b)]
    if r < 0.57:
        return [pygame.event.Event(pygame.MOUSEWHEEL, x=0, y=rnd.choice((-3, -1, 1, 3)),
                                   flipped=False, precise_x=0.0, precise_y=1.0)]
    if r < 0.62:
        return [pygame.event.Event(pygame.TEXTINPUT, text=rnd.choice(TEXTS))]
    if r < 0.64:
        size = rnd.choice(SIZES)
        return [pygame.event.Event(pygame.VIDEORESIZE, w=size[0], h=size[1], size=size)]
    if r < 0.66:  # Ctrl + or Ctrl -: the text size
        k = rnd.choice((pygame.K_EQUALS, pygame.K_MINUS))
        return [pygame.event.Event(pygame.KEYDOWN, key=k, mod=pygame.KMOD_CTRL, unicode="",
                                   scancode=0),
                pygame.event.Event(pygame.KEYUP, key=k, mod=pygame.KMOD_CTRL, scancode=0)]
    name = rnd.choice(KEYS + tuple("abcdefghijklmnopqrstuvwxyz"))
    k = getattr(pygame, f"K_{name}")
    mod = pygame.KMOD_SHIFT if rnd.random() < 0.1 else 0
    return [pygame.event.Event(pygame.KEYDOWN, key=k, mod=mod, unicode="", scancode=0),
            pygame.event.Event(pygame.KEYUP, key=k, mod=mod, scancode=0)]


def _open():
    from faultlines.game.app import App
    from faultlines.game.driver import Driver
    from faultlines.game.settings import Settings

    app = App(settings=Settings(sound=False))
    app.quit = lambda: app.show_title()  # Quit returns to the title: keep fuzzing
    app.show_title()
    d = Driver(app)
    d.pump(1)
    return app, d


def run(count: int, seed: int = 0) -> dict[str, Any]:
    """`count` random inputs; how many ended cleanly, and the failures by their last line."""
    with tempfile.TemporaryDirectory(prefix="faultlines-fuzz-window-") as tmp:
        os.environ.update(SDL_VIDEODRIVER="dummy", SDL_AUDIODRIVER="dummy",
                          FAULTLINES_HOME=str(Path(tmp) / "home"),
                          PYGAME_HIDE_SUPPORT_PROMPT="1")
        import pygame

        rnd = random.Random(seed)
        app, d = _open()
        clean, failures = 0, Counter()
        scenes: Counter = Counter()
        for _ in range(count):
            try:
                if app.size[0] >= 1:
                    for ev in _events(rnd, *app.size, pygame):
                        if ev.type == pygame.VIDEORESIZE:  # as the OS would resize it
                            app.window = pygame.display.set_mode(ev.size, pygame.RESIZABLE)
                        pygame.event.post(ev)
                d.pump(1)
                scenes[type(app.top).__name__ if app.scenes else "none"] += 1
                clean += 1
            except Exception as exc:  # noqa: BLE001 - the point is to count them
                last = traceback.format_exception(exc)[-1].strip()
                where = traceback.extract_tb(exc.__traceback__)[-1]
                failures[f"{last} at {Path(where.filename).name}:{where.lineno}"] += 1
                try:
                    app.close()
                except Exception:  # noqa: BLE001
                    pass
                app, d = _open()
        app.close()
        return {"suite": "window", "tried": count, "clean": clean,
                "failures": dict(failures.most_common()), "scenes": dict(scenes)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--events", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args(argv)
    out = run(a.events, a.seed)
    if a.json:
        print(json.dumps(out))
    else:
        print(f"{out['clean']} of {out['tried']} random window inputs ended cleanly")
        for line, n in out["failures"].items():
            print(f"  {n} x {line}")
        print("screens reached: " + ", ".join(f"{k} {v}" for k, v in out["scenes"].items()))
    return 0 if out["clean"] == out["tried"] else 1


if __name__ == "__main__":
    sys.exit(main())
