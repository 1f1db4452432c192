"""The analysis verbs of the `faultlines` command: analyse (with --drill), hint and lint.

Registered by game/cli.py like the report verbs and run through the same handler wrapper,
so a bad log, save or output file is one line on stderr. Progress goes to stderr; with
--json stdout holds only the JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from faultlines.engine.errors import SaveError, ScenarioError
from faultlines.game.argtypes import jobs_type, seed_type, whole_number
from faultlines.game.report.commands import FORCE_HELP
from faultlines.game.report.files import check_outputs, write_text


def add_analysis_verbs(sub: Any) -> None:
    from faultlines.engine.analysis.defaults import DEFAULT_ROLLOUTS, DEFAULT_RUNS, HINT_ROLLOUTS

    ana = sub.add_parser("analyse", help="the analysis board: every position's chance to "
                                         "pass, each move judged, the better move (hindsight)")
    ana.add_argument("log", help="a game log (JSON) written by play or simulate")
    ana.add_argument("--html", default=None, metavar="FILE",
                     help="write the analysis as a standalone HTML page (a new file, or --force)")
    ana.add_argument("--json", action="store_true", help="print the analysis as JSON")
    ana.add_argument("--rollouts", type=whole_number(1, 100_000), default=DEFAULT_ROLLOUTS,
                     metavar="N", help=f"games played on from each position (default "
                                       f"{DEFAULT_ROLLOUTS}: standard errors of 3 points or less)")
    ana.add_argument("--screen", type=whole_number(0, 1_000_000), default=None, metavar="N",
                     help="screening games per position for the best-move search (default: "
                          "as many as --rollouts; 0: compare with the research-style move only)")
    ana.add_argument("--jobs", type=jobs_type(), default=2, help="worker processes (default 2)")
    ana.add_argument("--drill", action="store_true",
                     help="then take me back to each mistake and blunder to find a better move")
    ana.add_argument("--force", action="store_true", help=FORCE_HELP)
    ana.set_defaults(handler=run_analyse)

    hin = sub.add_parser("hint", help="a fair hint for a practice game's save or unfinished "
                                      "log (judged only from what the player can see)")
    hin.add_argument("save", help="a saved game, or the log of a game left unfinished "
                                  "(JSON), at difficulty guided")
    hin.add_argument("--rollouts", type=whole_number(1, 100_000), default=HINT_ROLLOUTS,
                     metavar="N", help=f"games for each finalist move (default {HINT_ROLLOUTS})")
    hin.add_argument("--seed", type=seed_type(), default=1, help="the rollouts' seed")
    hin.add_argument("--jobs", type=jobs_type(), default=2, help="worker processes (default 2)")
    hin.set_defaults(handler=run_hint)

    lin = sub.add_parser("lint", help="check a scenario plays as the research says (for "
                                      "trainers)")
    lin.add_argument("scenario", help="a scenario id or YAML path")
    lin.add_argument("--runs", type=whole_number(2, 100_000), default=DEFAULT_RUNS,
                     help=f"games per policy (default {DEFAULT_RUNS})")
    lin.add_argument("--seed", type=seed_type(), default=1, help="first seed")
    lin.add_argument("--jobs", type=jobs_type(), default=2, help="worker processes (default 2)")
    lin.add_argument("--json", action="store_true", help="print the verdict as JSON")
    lin.set_defaults(handler=run_lint)


def _progress(label: str):
    if not sys.stderr.isatty():
        return None

    def show(done: int, total: int) -> None:
        sys.stderr.write(f"\r{label} {done}/{total}")
        sys.stderr.flush()
        if done >= total:
            sys.stderr.write("\n")
    return show


def run_analyse(args: argparse.Namespace) -> int:
    from faultlines.engine.analysis.board import HINDSIGHT, analyse_game
    from faultlines.engine.analysis.rollouts import Rollouts
    from faultlines.engine.debrief import load_log, prepare_log
    from faultlines.game.paths import catalogue

    check_outputs({"--html": args.html}, [args.log], force=args.force)
    notes: list[str] = []
    log, case = prepare_log(load_log(args.log), where=args.log, catalogue=catalogue(),
                            notes=notes)
    for note in notes:
        print(note, file=sys.stderr)
    with Rollouts(args.jobs) as rollouts:
        a = analyse_game(log, case, rollouts, n=args.rollouts, screen=args.screen,
                         progress=_progress("analysing"))
        if args.json:
            print(json.dumps(a.to_dict()))
        if args.html:
            from faultlines.game.report.analysis_page import render_analysis

            write_text(args.html, render_analysis(a))
            print(f"Wrote {args.html}", file=sys.stderr)
        if not args.json and not args.html:
            sys.stdout.write(analysis_text(a))
        elif not args.json:
            print(HINDSIGHT, file=sys.stderr)
        if args.drill:
            from faultlines.game.drill import run_drill

            run_drill(a, log, case, rollouts)
    return 0


def analysis_text(a) -> str:
    """The analysis in the terminal: the evaluation move by move (each line the chance
    before that move, and the move), then the summary."""
    from faultlines.engine.analysis.board import HINDSIGHT, JUDGING
    from faultlines.engine.analysis.judgement import tally_text

    lines = [f"Analysis of {a.title} (seed {a.seed}): {(a.outcome or 'unfinished')}".replace(
        "_", " "), HINDSIGHT, JUDGING, ""]
    for q in a.positions:  # numbered by the move made there, as the drill and the HTML do
        e = q.estimate
        number = "end" if q.move is None else f"{q.index + 1:3d}"
        head = f"{number}  pass {e.pass_chance:4.0%} ±{e.stderr:3.0%}  consensus " \
               f"{e.consensus_chance:4.0%}"
        if q.move is None:
            lines.append(f"{head}  ({'end of the game' if a.outcome else 'the game was left here'})")
            continue
        sep = " " if q.measure == "pass" else ", "
        mark = f"  [{q.judgement}: -{q.drop:.0%}{q.measure_tag}; better: {q.best.text}{sep}" \
               f"{q.better_chance}]" if q.judgement and q.best else ""
        lines.append(f"{head}  {q.text}{mark}")
    acc = a.accuracy
    lines += ["", f"Accuracy: {acc['not_judged']} of {acc['moves']} moves not judged "
                  f"({acc['share_not_judged']:.0%}); average loss {acc['average_loss']:.1%} "
                  f"of pass (or consensus) chance; {tally_text(acc)}.", ""]
    return "\n".join(lines)


def run_hint(args: argparse.Namespace) -> int:
    from faultlines.engine.analysis.hint import HintRefused, hint
    from faultlines.engine.analysis.rollouts import Rollouts
    from faultlines.engine.debrief.logfile import case_for, prepare_log
    from faultlines.engine.logs import read_json
    from faultlines.engine.records import LOG_FORMAT, validate_save
    from faultlines.engine.table import Table
    from faultlines.game.paths import catalogue

    raw = read_json(args.save)
    if raw.get("format") == LOG_FORMAT:  # the terminal edition keeps a log, not a save
        log, case = prepare_log(raw, where=args.save, catalogue=catalogue())
        if log.get("outcome"):
            raise SaveError(f"{args.save}: the game is over: there is no move left to hint at")
        table = Table.replayed(case, log)
    else:
        data = validate_save(raw, args.save)
        case = case_for(data, args.save, catalogue=catalogue())
        table = Table.restore(case, data)
    with Rollouts(args.jobs) as rollouts:
        try:
            h = hint(table, rollouts, args.seed, n=args.rollouts)
        except HintRefused as exc:
            print(f"faultlines hint: {exc}", file=sys.stderr)
            return 1
    print(h.line())
    return 0


def run_lint(args: argparse.Namespace) -> int:
    from faultlines.engine.analysis.lint import lint
    from faultlines.engine.case import load_case
    from faultlines.game.paths import catalogue

    try:
        case = load_case(args.scenario, catalogue())
    except ScenarioError as exc:
        raise SaveError(exc.problems[0]) from None
    tty = sys.stderr.isatty()
    v = lint(case, runs=args.runs, jobs=args.jobs, seed=args.seed,
             progress=(lambda name: print(f"  playing {name}...", file=sys.stderr))
             if tty else None)
    if args.json:
        print(json.dumps(v.to_dict()))
    else:
        print(f"Lint of {case.scenario.id} ({args.runs} games per strategy):")
        for f in v.findings:
            print(f.line())
        print("Verdict: " + ("plays as intended." if v.passed else "needs changes (FIX lines)."))
    return 0 if v.passed else 1
