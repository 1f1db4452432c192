"""`faultlines` command line: play, validate, simulate (and the report verbs)."""

from __future__ import annotations

import argparse
import codecs
import io
import json
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from faultlines.engine.errors import OutputRefused, ScenarioError, WriteError
from faultlines.engine.tuning import DIFFICULTIES
from faultlines.game.analysis_commands import add_analysis_verbs
from faultlines.game.argtypes import jobs_type, max_jobs, runs_type, seed_type, whole_number
from faultlines.game.paths import catalogue
from faultlines.game.report.commands import add_report_verbs
from faultlines.game.report.commands import run as run_report

from faultlines import __version__

if TYPE_CHECKING:  # the engine is imported when a command needs it (`--help` stays quick)
    from faultlines.engine.table import Table


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="faultlines",
        description="Fault Lines: lead health and care system change without formal authority.")
    p.add_argument("--version", action="version", version=f"faultlines {__version__}")
    sub = p.add_subparsers(dest="verb")

    play = sub.add_parser("play", help="play a scenario (window, or --text for the terminal)")
    play.add_argument("--scenario", default=None, help="scenario id or YAML path (default: choose)")
    play.add_argument("--seed", type=seed_type(), default=None,
                      help="the game's seed, 0 or more (default: a random one)")
    play.add_argument("--difficulty", choices=list(DIFFICULTIES), default="standard")
    play.add_argument("--text", action="store_true", help="play in the terminal")
    play.add_argument("--verbose", action="store_true",
                      help="terminal edition: reprint every stakeholder and move each round "
                           "(by default only what changed is said; `look` and `moves` show "
                           "the rest)")
    play.add_argument("--log-dir", default=None, help="where to write the game log")
    play.add_argument("--player", default=None,
                      help="your name, kept in the game log (class reports hide it)")

    val = sub.add_parser("validate", help="check scenarios (ids or YAML paths); print every "
                                          "error on stderr")
    val.add_argument("files", nargs="+", metavar="SCENARIO")

    lst = sub.add_parser("scenarios", help="list the shipped and your own scenarios")
    lst.add_argument("--json", action="store_true", help="one JSON object per scenario")

    sim = sub.add_parser("simulate", help="play many games with a bot policy")
    sim.add_argument("--scenario", default="elm", help="scenario id, path, or `all`")
    sim.add_argument("--policy", default=None,
                     help="skilled (default), random, frame-only, challenge-only, listen-only, "
                          "pragmatic, hurried, repeat:KIND, `all` (the built-in balance set; "
                          "the default with --scenario all), or your own: "
                          "path/to/file.py:function or package.module:function "
                          "(see docs/bots.md)")
    sim.add_argument("--runs", type=runs_type(), default=1000,
                     help="games per scenario and policy, 1 to 10,000,000 (default 1000)")
    sim.add_argument("--seed", type=seed_type(), default=1, help="first seed, 0 or more")
    sim.add_argument("--jobs", type=jobs_type(), default=1,
                     help=f"worker processes, 1 to {max_jobs()} (default 1)")
    sim.add_argument("--difficulty", choices=list(DIFFICULTIES), default="standard")
    sim.add_argument("--engine", choices=["auto", "batch", "reference"], default="auto",
                     help="auto (default): the batch engine for policies it has a batch "
                          "form of, else the reference; both play the same game from a seed")
    sim.add_argument("--json", action="store_true", help="print JSON objects, one per line")
    sim.add_argument("--log-dir", default=None,
                     help="write one game log per simulated game, named "
                          "SCENARIO-POLICY-NNNNN.json (logs of an earlier run with those "
                          "names are replaced only with --force)")
    sim.add_argument("--force", action="store_true",
                     help="replace the logs of an earlier run in --log-dir")
    rep = sub.add_parser("replay", help="step through a game log in the window, and branch "
                                        "from any move")
    rep.add_argument("log", help="a game log (JSON) written by play or simulate")
    rep.add_argument("--at", type=whole_number(0), default=None, metavar="N",
                     help="open after move N (default: the end)")
    rep.set_defaults(handler=_replay)
    sch = sub.add_parser("schema", help="print the JSON Schema of a scenario file (for editors "
                                        "with YAML support)")
    sch.set_defaults(handler=_schema)
    add_report_verbs(sub)
    add_analysis_verbs(sub)
    return p


def main(argv: list[str] | None = None) -> int:
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")  # keep the terminal clean
    safe_streams()
    args = _parser().parse_args(argv)
    if args.verb in (None, "play"):
        from faultlines.game.saves import tidy_folders

        tidy_folders()  # temp files a killed game's save left behind
    try:
        if args.verb is None:
            return _play(argparse.Namespace(scenario=None, seed=None, difficulty="standard",
                                            text=False, log_dir=None, player=None,
                                            verbose=False))
        if hasattr(args, "handler"):
            return run_report(args.handler, args)
        return {"play": _play, "validate": _validate, "simulate": _simulate,
                "scenarios": _scenarios}[args.verb](args)
    except ScenarioError as exc:
        for line in exc.problems:
            print(line, file=sys.stderr)
        return 1
    except (WriteError, OutputRefused) as exc:
        print(f"faultlines {args.verb}: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nInterrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def safe_streams() -> None:
    """Make stdout and stderr unable to crash on a character their encoding lacks.

    A redirect or a pipe gets UTF-8 (so `faultlines debrief LOG > out.txt` writes a UTF-8
    file even where the console's code page is cp1252); a terminal keeps its own encoding,
    and a character it cannot show becomes a replacement character instead of an error.
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            safe_stream(stream)


def safe_stream(stream: io.TextIOWrapper) -> None:
    """One stream: UTF-8 if it is not a terminal, else replacement characters for what its
    encoding cannot show (a lone surrogate from a damaged log included)."""
    try:
        utf8 = codecs.lookup(stream.encoding).name == "utf-8"
        if not utf8 and not stream.isatty():
            stream.reconfigure(encoding="utf-8", errors="replace")
        elif stream.errors == "strict":
            stream.reconfigure(errors="replace")
    except (LookupError, ValueError, OSError):
        pass  # a closed or unusual stream: leave it as it is


def _play(args) -> int:
    import random

    seed = args.seed if args.seed is not None else random.SystemRandom().randrange(1 << 30)
    if not args.text:
        try:
            from faultlines.game.app import run_window  # the window is optional until it exists
        except ImportError:
            run_window = None
        if run_window is not None:
            status = run_window(scenario=args.scenario, seed=args.seed,
                                difficulty=args.difficulty, log_dir=args.log_dir,
                                player=args.player)
            if status != "no-display":
                return 0
            print("No display could be opened; starting the terminal edition instead "
                  "(use `faultlines play --text` to choose it directly).", file=sys.stderr)
    from faultlines.game.terminal import play_text

    scenario = args.scenario or _choose_scenario()
    if scenario is None:
        return 0
    from faultlines.engine.case import load_case
    from faultlines.engine.table import Table

    table = Table.open(load_case(scenario, catalogue()), seed=seed, difficulty=args.difficulty)
    print(f"(seed {seed}, difficulty {args.difficulty})")
    try:
        return play_text(table, verbose=getattr(args, "verbose", False))
    finally:
        _save_log(table, args)


def _replay(args) -> int:
    """The replay window; a bad log is one line on stderr (SaveError, via run_report)."""
    from faultlines.game.app import run_replay

    if run_replay(args.log, at=args.at) == "no-display":
        print("faultlines replay: no display could be opened (for a text debrief use "
              f"`faultlines debrief {args.log}`)", file=sys.stderr)
        return 1
    return 0


def _schema(args) -> int:
    """Print the scenario JSON Schema, pure JSON on stdout, so it can be redirected to a file
    that a YAML language server checks scenario files against as the trainer types."""
    from faultlines.engine.schema_doc import json_schema

    print(json.dumps(json_schema(), indent=2))
    return 0


def _save_log(table: Table, args) -> None:
    """Keep the game's log (finished or abandoned) for `faultlines debrief`."""
    from faultlines.game.report.logfiles import save_game_log

    if not table.moves and not table.over:
        return
    try:
        path = save_game_log(table.log(), args.log_dir, player=getattr(args, "player", None))
    except OSError as exc:
        print(f"Could not save the game log: {exc.strerror or exc}", file=sys.stderr)
        return
    print(f"Game log saved to {path}\n(debrief it with: faultlines debrief \"{path}\" "
          "--html report.html)")


def _choose_scenario() -> str | None:
    names = catalogue().ids()
    print("Scenarios: " + ", ".join(f"{i}) {n}" for i, n in enumerate(names, 1)))
    default = "tutorial" if "tutorial" in names else names[0]
    sys.stdout.write(f"Choose a scenario (Enter for {default}): ")
    sys.stdout.flush()
    line = sys.stdin.readline()
    if not line:
        return None
    line = line.strip()
    if line.isascii() and line.isdigit() and len(line) < 5 and 1 <= int(line) <= len(names):
        return names[int(line) - 1]
    return line or default


def _validate(args) -> int:
    from faultlines.engine.case import case_from_source

    bad = 0
    cat = catalogue()
    for f in args.files:
        try:
            sc = case_from_source(cat.resolve(f)).scenario
            print(f"{f}: ok ({sc.id} {sc.version}, {len(sc.stakeholders)} stakeholders, "
                  f"{len(sc.stages)} stages)")
        except ScenarioError as exc:
            bad += 1
            for line in exc.problems:
                print(line, file=sys.stderr)
    return 1 if bad else 0


def _scenarios(args) -> int:
    """Every scenario a player can name by id, its version and where it comes from."""
    from faultlines.engine.case import case_from_source
    from faultlines.game.paths import user_scenarios_dir

    cat = catalogue()
    rows = []
    for sid in cat.ids():
        source = cat.find(sid)
        try:
            sc = case_from_source(source).scenario
            row = {"id": sid, "version": sc.version, "title": sc.title,
                   "origin": source.origin, "where": source.where, "error": None}
        except ScenarioError as exc:
            row = {"id": sid, "version": None, "title": None, "origin": source.origin,
                   "where": source.where, "error": exc.problems[0]}
        rows.append(row)
    if args.json:
        for row in rows:
            print(json.dumps(row))
    else:
        width = max(len(r["id"]) for r in rows)
        for r in rows:
            what = f"{r['title']} (version {r['version']})" if r["error"] is None \
                else f"cannot be played: {r['error']}"
            print(f"{r['id']:<{width}}  {r['origin']:<9}  {what}")
        print(f"\nYour own scenarios: put <id>.yaml files in {user_scenarios_dir()}",
              file=sys.stderr)
    for problem in cat.problems():
        print(problem, file=sys.stderr)
    return 0


def _simulate(args) -> int:
    from faultlines.engine.bots import POLICIES, PolicyFailed
    from faultlines.engine.case import load_case
    from faultlines.engine.simulate import simulate

    cat = catalogue()
    refs = cat.ids() if args.scenario == "all" else [args.scenario]
    policy = args.policy or ("all" if args.scenario == "all" else "skilled")
    policies = list(POLICIES) if policy == "all" else [policy]
    cases = [load_case(ref, cat) for ref in refs]
    if args.log_dir:
        _check_log_dir(Path(args.log_dir), [c.scenario.id for c in cases], policies,
                       args.runs, force=args.force)
    for case in cases:
        sc = case.scenario.id
        for pol in policies:
            bar = _Progress(args.runs, f"{sc}/{pol}") if sys.stderr.isatty() else None
            try:
                result = simulate(case, pol, args.runs, args.seed, jobs=args.jobs,
                                  difficulty=args.difficulty, keep_logs=bool(args.log_dir),
                                  progress=bar.advance if bar else None,
                                  engine=args.engine)
            except ValueError as exc:  # an unknown policy, or one that cannot be loaded
                print(f"faultlines simulate: {exc}", file=sys.stderr)
                return 2
            except PolicyFailed as exc:  # an outside policy broke during play
                if bar:
                    bar.done()
                print(f"faultlines simulate: {exc}", file=sys.stderr)
                return 1
            if bar:
                bar.done()
            logs = result.pop("logs", None)
            if args.log_dir and logs:
                _write_logs(Path(args.log_dir), sc, pol, logs)
            if args.json:
                print(json.dumps(result))
            else:
                rate = result["runs"] / result["seconds"] if result["seconds"] else 0.0
                print(f"{sc} / {pol}: pass rate {result['pass_rate']:.1%} over {result['runs']} "
                      f"games ({rate:.0f} games/s, {result['engine']} engine)")
                for o, n in result["outcomes"].items():
                    print(f"  {o:<15} {n}")
                if result["illegal_choices"]:
                    print(f"  {result['illegal_choices']} illegal choices by the policy were "
                          "played as the end of the round")
    return 0


def _log_stem(scenario: str, policy: str) -> str:
    """How simulate names its logs: SCENARIO-POLICY-NNNNN.json (no `:` for Windows; a
    policy file is named by its file and function, not its folders)."""
    where, _, func = policy.rpartition(":")
    if where.endswith(".py") or "/" in where or "\\" in where:
        policy = f"{Path(where).stem}-{func}"
    return f"{scenario}-{re.sub(r'[^A-Za-z0-9_.-]+', '-', policy)}"


def _write_logs(folder: Path, scenario: str, policy: str, logs: list[dict]) -> None:
    from faultlines.engine.logs import write_json

    stem = _log_stem(scenario, policy)
    for i, log in enumerate(logs):
        write_json(folder / f"{stem}-{i:05d}.json", log)


def _check_log_dir(folder: Path, scenarios: list[str], policies: list[str], runs: int, *,
                   force: bool) -> None:
    """Before any game is played, refuse a --log-dir that is a file, or that holds logs an
    earlier run wrote under the names this run would use (unless --force)."""
    from faultlines.engine.logs import ensure_folder

    if folder.exists() and not folder.is_dir():
        raise OutputRefused(f"--log-dir {folder} is a file, not a folder")
    ensure_folder(folder, folder)  # a folder that cannot be made fails now, not after the games
    if force:
        return
    stems = {_log_stem(sc, pol) for sc in scenarios for pol in policies}
    pattern = re.compile(r"^(.+)-(\d{5,})\.json$")
    clashes = sorted(name for name in os.listdir(folder)
                     if (m := pattern.match(name)) and m[1] in stems and int(m[2]) < runs)
    if clashes:
        more = f" and {len(clashes) - 1} more" if len(clashes) > 1 else ""
        raise OutputRefused(f"--log-dir {folder} already holds {clashes[0]}{more}; pass "
                            "--force to replace them, or choose another folder")


class _Progress:
    """A one-line progress bar on stderr (only when stderr is a terminal)."""

    def __init__(self, total: int, label: str):
        self.total, self.label, self.count = total, label, 0

    def advance(self, n: int) -> None:
        self.count += n
        filled = int(30 * self.count / max(1, self.total))
        sys.stderr.write(f"\r{self.label} [{'#' * filled}{'.' * (30 - filled)}] "
                         f"{self.count}/{self.total}")
        sys.stderr.flush()

    def done(self) -> None:
        sys.stderr.write("\n")


if __name__ == "__main__":
    sys.exit(main())
