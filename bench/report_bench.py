"""How long the reports take, as a facilitator waits for them: `faultlines debrief LOG --html`
for one game and `faultlines class-report` over a class of logs (HTML and CSV), each run
as its own process (imports included), best and median of a few repeats, wall and CPU.

Issue 11's targets on the project's 2-core machine: a debrief within 2 s, a class report of
300 logs within 5 s. The logs are simulated here (half skilled, half random play of Elm) in
a temporary folder, so anyone can rerun this.

Run: python bench/report_bench.py [--logs 300] [--repeats 3] [--json]
Prints the figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

COMMAND = [sys.executable, "-m", "faultlines"]


def timed(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the child) for one run of the command."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    p = subprocess.run(COMMAND + args, capture_output=True, env=env, timeout=600)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed: {p.stderr.decode(errors='replace')}")
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(args: list[str], env: dict[str, str], repeats: int, clean: list[Path]
            ) -> dict[str, float]:
    walls, cpus = [], []
    for _ in range(repeats):
        for f in clean:
            f.unlink(missing_ok=True)
        wall, cpu = timed(args, env)
        walls.append(wall)
        cpus.append(cpu)
    return {"best_s": round(min(walls), 3), "median_s": round(statistics.median(walls), 3),
            "cpu_s": round(statistics.median(cpus), 3)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--logs", type=int, default=300)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        env = {**os.environ, "FAULTLINES_HOME": str(root / "home")}
        logs = root / "logs"
        half = args.logs // 2
        for policy, runs in (("skilled", half), ("random", args.logs - half)):
            timed(["simulate", "--scenario", "elm", "--policy", policy, "--runs", str(runs),
                   "--log-dir", str(logs)], env)
        one = sorted(logs.glob("*skilled*.json"))[0]
        html, chtml, csv = root / "d.html", root / "c.html", root / "c.csv"
        result = {
            "logs": args.logs,
            "debrief_html": measure(["debrief", str(one), "--html", str(html)], env,
                                    args.repeats, [html]),
            "debrief_text": measure(["debrief", str(one)], env, args.repeats, []),
            "class_report": measure(["class-report", str(logs), "--html", str(chtml),
                                     "--csv", str(csv)], env, args.repeats, [chtml, csv]),
            "debrief_html_bytes": html.stat().st_size,
            "class_html_bytes": chtml.stat().st_size,
        }
    if args.json:
        print(json.dumps(result))
        return 0
    for key in ("debrief_html", "debrief_text", "class_report"):
        r = result[key]
        print(f"{key:<14} best {r['best_s']:.2f} s, median {r['median_s']:.2f} s, "
              f"CPU {r['cpu_s']:.2f} s")
    print(f"HTML sizes: debrief {result['debrief_html_bytes']:,} bytes, class report "
          f"{result['class_html_bytes']:,} bytes ({args.logs} logs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
