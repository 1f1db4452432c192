"""The terminal edition's input loop against random input scripts (issue 13): numbers, huge
numbers, other scripts' digits and superscripts, Unicode, control characters, long lines
and raw bytes, mixed with real commands so games go deep. Each script is fed as a pipe
feeds it (bytes decoded by the game's own input stream) into a fresh game of a random
shipped scenario; a script ends cleanly if the loop returns without an exception.

Run: python bench/terminal_fuzz.py [--runs 2000] [--seed 1] [--pipe 20] [--json]
`--pipe N` also runs N of the scripts through `faultlines play --text` in a subprocess and
counts those that end with status 0 and no traceback. Prints the counts; asserts nothing.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import random
import subprocess
import sys
import tempfile
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from faultlines.engine.case import load_case  # noqa: E402
from faultlines.engine.catalogue import shipped_ids  # noqa: E402
from faultlines.engine.moves import MOVE_TYPES  # noqa: E402
from faultlines.engine.table import Table  # noqa: E402
from faultlines.game.terminal import TextGame  # noqa: E402

WORDS = ["look", "moves", "plan", "news", "help", "card", "quit", "end_round", "?", "l",
         *MOVE_TYPES]
ODD_DIGITS = ["\u00b2", "\u00b3", "\u00b9", "\u2075", "\u0662", "\u0967", "\uff11", "\u2460",
              "\U0001d7d9"]


def token(rng: random.Random, ids: list[str]) -> bytes:
    """One word of a script: mostly plausible, often hostile."""
    pick = rng.random()
    if pick < 0.25:
        return str(rng.randint(0, 30)).encode()
    if pick < 0.40:
        return rng.choice(WORDS).encode()
    if pick < 0.50:
        return rng.choice(ids).encode()
    if pick < 0.58:
        return rng.choice(ODD_DIGITS).encode() * rng.randint(1, 3)
    if pick < 0.64:
        return str(rng.randint(10**6, 10**40) * rng.choice((1, -1))).encode()
    if pick < 0.74:
        return "".join(chr(rng.randint(0x20, 0x2FFFF)) for _ in range(rng.randint(1, 8))
                       ).encode("utf-8", "surrogatepass")
    if pick < 0.82:
        return bytes(rng.randint(0, 255) for _ in range(rng.randint(1, 12)))
    if pick < 0.88:
        return bytes(rng.choice(b"\x00\x01\x07\x08\x0b\x0c\x1b\x7f\t\r") for _ in range(3))
    if pick < 0.92:
        return b"x" * rng.randint(200, 20000)
    return b""


def script(rng: random.Random, ids: list[str]) -> bytes:
    lines = []
    for _ in range(rng.randint(1, 60)):
        lines.append(b" ".join(token(rng, ids) for _ in range(rng.randint(0, 4))))
    return b"\n".join(lines) + (b"\n" if rng.random() < 0.8 else b"")


def run_in_process(case, seed: int, data: bytes) -> str | None:
    """None if the loop ended cleanly, else the traceback's last line."""
    out = io.StringIO()
    inp = io.TextIOWrapper(io.BytesIO(data), encoding="utf-8")
    try:
        TextGame(Table.open(case, seed=seed), out=out, inp=inp).run()
    except Exception:  # noqa: BLE001 - a finding to report, whatever it is
        return traceback.format_exc().strip().splitlines()[-1]
    return None


def run_piped(scenario: str, seed: int, data: bytes) -> str | None:
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "FAULTLINES_HOME": home}
        p = subprocess.run([sys.executable, "-m", "faultlines", "play", "--text", "--scenario",
                            scenario, "--seed", str(seed), "--log-dir", home], input=data,
                           capture_output=True, env=env, timeout=120)
    if p.returncode != 0 or b"Traceback" in p.stderr:
        return p.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["?"]
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pipe", type=int, default=0, help="also run N scripts in a subprocess")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    rng = random.Random(args.seed)
    cases = {sid: load_case(sid) for sid in shipped_ids()}
    failures: list[str] = []
    for _ in range(args.runs):
        sid = rng.choice(sorted(cases))
        data = script(rng, list(cases[sid].ids))
        found = run_in_process(cases[sid], rng.randrange(1 << 20), data)
        if found:
            failures.append(found)
    piped_bad: list[str] = []
    for _ in range(args.pipe):
        sid = rng.choice(sorted(cases))
        found = run_piped(sid, rng.randrange(1 << 20), script(rng, list(cases[sid].ids)))
        if found:
            piped_bad.append(str(found))
    result = {"scripts": args.runs, "ended_cleanly": args.runs - len(failures),
              "by_kind": dict(Counter(f.split(":")[0] for f in failures)),
              "failures": sorted(set(failures))[:10], "piped": args.pipe,
              "piped_ended_cleanly": args.pipe - len(piped_bad)}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"{result['ended_cleanly']} of {args.runs} random scripts ended cleanly in "
              "process" + (f"; {result['piped_ended_cleanly']} of {args.pipe} through a pipe"
                           if args.pipe else ""))
        for kind, n in result["by_kind"].items():
            print(f"  {n} ended in {kind}")
        for f in result["failures"]:
            print("  failure:", f)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
