"""Every reliability suite in one run, and the README's reliability table from the results.

    nice python bench/reliability.py                    # every suite at full size (long)
    python bench/reliability.py --quick                 # every suite, small
    python bench/reliability.py --only engine --save r.json
    python bench/reliability.py --table r.json [more.json ...]   # print the table only

A suite is a module in bench/ with `run(count, seed=0) -> dict` whose result holds `tried`
and `clean` (inputs tried, inputs that ended cleanly); the kill suite's holds `runs`,
`lost` and `resumed`. The window suite plugs in by that contract (bench/fuzz_window.py);
bench/terminal_fuzz.py is read through its `--json` command line. A suite that does not
exist yet is listed as not measured. Results are saved as JSON, so the table can be printed again without
rerunning minutes of fuzzing.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


@dataclass(frozen=True)
class Suite:
    name: str
    what: str  # the row's label in the table
    module: str
    full: int  # inputs at full size (issue 13's "done when")
    quick: int
    kind: str | None = None  # for fuzz_files: which kind of file

    def run(self, count: int, seed: int, jobs: int = 1) -> dict[str, Any]:
        mod = importlib.import_module(self.module)
        if self.kind:
            return mod.run(self.kind, count, seed)
        if self.name == "engine":
            return mod.run(count, seed, jobs)
        if not hasattr(mod, "run"):  # a script with only a command line and --json
            return _from_command_line(mod, count, seed)
        return mod.run(count, seed)

    @property
    def script(self) -> str:
        path = f"bench/{self.module.split('.')[-1]}.py"
        return path + (f" --kind {self.kind}" if self.kind else "")


SUITES = (
    Suite("window", "window: random keys, clicks, wheel, text, resizes", "bench.fuzz_window",
          10_000, 300),
    Suite("terminal", "terminal edition: random input scripts", "bench.terminal_fuzz",
          2_000, 50),
    Suite("engine", "engine: random legal and illegal move sequences", "bench.fuzz_engine",
          100_000, 1_000),
    Suite("save", "damaged saves (mutated from a good one)", "bench.fuzz_files", 1_000, 40,
          "save"),
    Suite("settings", "damaged settings files", "bench.fuzz_files", 1_000, 40, "settings"),
    Suite("log", "damaged game logs (debrief, replay, class report)", "bench.fuzz_files",
          1_000, 20, "log"),
    Suite("kill", "`kill -9` during play (autosave, slots, settings)", "bench.kill_runs",
          130, 5),
)


def _from_command_line(mod: Any, count: int, seed: int) -> dict[str, Any]:
    """Run a suite's `main(["--runs", N, "--seed", S, "--json"])` and read its counts
    (bench/terminal_fuzz.py reports `scripts` and `ended_cleanly`)."""
    import contextlib
    import io

    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        mod.main(["--runs", str(count), "--seed", str(seed + 1), "--json"])
    res = json.loads(out.getvalue().strip().splitlines()[-1])
    return {"tried": res.get("tried", res.get("scripts")),
            "clean": res.get("clean", res.get("ended_cleanly")),
            "failures": res.get("failures", [])}


def measure(names: list[str], *, quick: bool, seed: int, jobs: int = 1) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for suite in SUITES:
        if names and suite.name not in names:
            continue
        t0 = time.perf_counter()
        try:
            res = suite.run(suite.quick if quick else suite.full, seed, jobs)
        except ModuleNotFoundError as exc:
            if exc.name != suite.module:
                raise
            out[suite.name] = {"missing": True}
            print(f"{suite.name}: no {suite.script} yet (not measured)", file=sys.stderr)
            continue
        res = {k: v for k, v in res.items() if k not in ("failures", "problems")} | {
            "failures": len(res.get("failures", res.get("problems", []))),
            "seconds": round(time.perf_counter() - t0, 1)}
        out[suite.name] = res
        print(f"{suite.name}: {_cells(suite, res)}", file=sys.stderr)
    return out


def _cells(suite: Suite, res: dict[str, Any]) -> str:
    if res.get("missing"):
        return "not measured yet"
    if suite.name == "kill":
        return (f"{res['runs']:,} runs: {res['lost']} games lost, {res['resumed']} resumed "
                f"with Continue, {res['broken_slots']} slots left unloadable, "
                f"{res['temp_files']} temp files left by killed writes "
                f"({res['temp_files_left']} after the next start)")
    return f"{res['clean']:,} of {res['tried']:,} handled cleanly"


def table(results: dict[str, Any]) -> str:
    """The README's reliability table (Markdown)."""
    rows = ["| suite | inputs tried | handled cleanly | `kill -9` runs | games lost | script |",
            "|---|---:|---:|---:|---:|---|"]
    for suite in SUITES:
        res = results.get(suite.name)
        if res is None or res.get("missing"):
            rows.append(f"| {suite.what} | not measured yet | | | | `{suite.script}` |")
        elif suite.name == "kill":
            rows.append(f"| {suite.what} | | | {res['runs']:,} | {res['lost']} "
                        f"| `{suite.script}` |")
        else:
            rows.append(f"| {suite.what} | {res['tried']:,} | {res['clean']:,} | | "
                        f"| `{suite.script}` |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", action="append", choices=[s.name for s in SUITES], default=[])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--jobs", type=int, default=1, help="worker processes for the engine suite")
    ap.add_argument("--save", metavar="FILE", help="write the results as JSON")
    ap.add_argument("--table", nargs="+", metavar="FILE",
                    help="print the table from saved results (later files win)")
    args = ap.parse_args(argv)
    if args.table:
        results: dict[str, Any] = {}
        for f in args.table:
            results.update(json.loads(Path(f).read_text(encoding="utf-8")))
    else:
        results = measure(args.only, quick=args.quick, seed=args.seed, jobs=args.jobs)
        if args.save:
            Path(args.save).write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
