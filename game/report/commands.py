"""The report verbs of the `faultlines` command: debrief, class-report and role-pack.

Kept apart from game/cli.py so the CLI only registers them; every failure to read a log
or scenario becomes one line on stderr naming the file (engine.errors.SaveError), and so does
every output that cannot be written (WriteError) or will not be (OutputRefused: it would
replace one of the command's inputs, or an existing file, without --force; game.report.files).
Status lines ("Wrote ...") go to stderr, so stdout holds only the report or the JSON.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from faultlines.engine.errors import OutputRefused, SaveError, ScenarioError, WriteError
from faultlines.game.argtypes import whole_number
from faultlines.game.report.files import check_outputs, write_text

FORCE_HELP = ("replace output files that already exist (never one of the command's inputs): "
              "without it an existing file is refused, since Fault Lines cannot tell a "
              "report it wrote earlier from a file someone made or edited")


def add_report_verbs(sub: Any) -> None:
    """Register the report subcommands on the CLI's subparsers."""
    deb = sub.add_parser("debrief", help="debrief a game log (text, or --html for a report)")
    deb.add_argument("log", help="a game log (JSON) written by play or simulate")
    deb.add_argument("--html", default=None, metavar="FILE",
                     help="write a self-contained HTML report here (a new file, or --force)")
    deb.add_argument("--json", action="store_true",
                     help="print the debrief as JSON (stdout holds only the JSON; messages "
                          "go to stderr)")
    deb.add_argument("--branch-at", type=whole_number(0), default=None, metavar="N",
                     help="rewind to after move N (same seed) and play on differently")
    deb.add_argument("--branch-policy", default="skilled",
                     help="bot policy that plays the branch on (default skilled)")
    deb.add_argument("--branch-moves", default=None, metavar="FILE",
                     help="JSON list of moves to play after the branch point (then the policy "
                          "finishes the game)")
    deb.add_argument("--save-branch", default=None, metavar="FILE",
                     help="also write the branch's own game log (a new file, or --force)")
    deb.add_argument("--compare", default=None, metavar="OTHER_LOG",
                     help="compare with another log of the same scenario")
    deb.add_argument("--analyse", action="store_true",
                     help="add the analysis board (every position's chance to pass, each move "
                          "judged, the better move: hindsight rollouts; takes minutes) to "
                          "--html and --json")
    deb.add_argument("--rollouts", type=whole_number(1), default=None, metavar="N",
                     help="rollouts per position for --analyse (default: analyse's)")
    deb.add_argument("--jobs", type=whole_number(1), default=2, metavar="J",
                     help="processes for --analyse's rollouts (default 2)")
    deb.add_argument("--force", action="store_true", help=FORCE_HELP)
    deb.set_defaults(handler=run_debrief)

    cls = sub.add_parser("class-report", help="compare a class's games (HTML and/or CSV)")
    cls.add_argument("logs", nargs="+", help="game logs, or folders of them")
    cls.add_argument("--html", default=None, metavar="FILE",
                     help="write the class report here (a new file, or --force)")
    cls.add_argument("--csv", default=None, metavar="FILE",
                     help="write one row per game here (a new file, or --force)")
    cls.add_argument("--names", action="store_true",
                     help="show player names and file names (left out by default)")
    cls.add_argument("--force", action="store_true", help=FORCE_HELP)
    cls.set_defaults(handler=run_class_report)

    rp = sub.add_parser("role-pack", help="write printable role briefs for a scenario")
    rp.add_argument("--scenario", default="elm", help="scenario id or YAML path")
    rp.add_argument("--out", required=True, metavar="FOLDER",
                    help="folder to write the HTML files into: a new or empty folder, or an "
                         "earlier role pack with --force (any other folder is refused)")
    rp.add_argument("--force", action="store_true",
                    help="replace the earlier role pack in --out (the pages its "
                         "faultlines-pack.json lists; nothing else in the folder)")
    rp.set_defaults(handler=run_role_pack)


def run(handler: Any, args: argparse.Namespace) -> int:
    """Run a report handler, turning expected failures into one line on stderr."""
    try:
        return handler(args)
    except (SaveError, OutputRefused, WriteError) as exc:
        print(f"faultlines {args.verb}: {exc}", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"faultlines {args.verb}: {exc.filename or ''}: {exc.strerror or exc}",
              file=sys.stderr)
        return 1
    except ValueError as exc:  # an unknown bot policy name
        print(f"faultlines {args.verb}: {exc}", file=sys.stderr)
        return 2


def run_debrief(args: argparse.Namespace) -> int:
    from faultlines.engine.debrief import analyse, load_log, prepare_log
    from faultlines.game.paths import catalogue

    branch_out = args.save_branch if args.branch_at is not None else None
    check_outputs({"--html": args.html, "--save-branch": branch_out},
                  [p for p in (args.log, args.compare, args.branch_moves) if p],
                  force=args.force)
    notes: list[str] = []
    raw = load_log(args.log)
    log, case = prepare_log(raw, where=args.log, catalogue=catalogue(), notes=notes)
    for note in notes:
        print(note, file=sys.stderr)
    d = analyse(log, case, where=args.log)
    other, labels, at = None, ("this game", "the other game"), None
    if args.branch_at is not None and args.compare:
        raise SaveError("choose either --branch-at or --compare, not both")
    if args.branch_at is not None:
        from faultlines.engine.debrief.branch import branch_log

        moves = _read_moves(args.branch_moves) if args.branch_moves else None
        blog = branch_log(log, args.branch_at, moves=moves, policy=args.branch_policy,
                          case=case, where=args.log)
        if branch_out:
            from faultlines.engine.logs import write_json

            write_json(branch_out, blog)
            print(f"Wrote the branch's log to {branch_out}", file=sys.stderr)
        other, at = analyse(blog, case, where="branch"), args.branch_at
        how = f"{len(moves)} given moves, then {args.branch_policy}" if moves else \
            args.branch_policy
        labels = ("original game", f"branch at move {at}: {how}")
    elif args.compare:
        olog = load_log(args.compare)
        if olog.get("scenario") != log["scenario"]:
            raise SaveError(f"{args.compare}: a log of scenario {olog.get('scenario')!r} "
                            f"cannot be compared with one of {log['scenario']!r}")
        other = analyse(olog, case, where=args.compare)
        labels = (Path(args.log).stem, Path(args.compare).stem)
    board = _analysis(args, log, case) if getattr(args, "analyse", False) else None
    if args.json:
        data = {"debrief": d.to_dict()}
        if other is not None:
            data["other"] = other.to_dict()
        if board is not None:
            data["analysis"] = board.to_dict()
        print(json.dumps(data, default=str))
    if args.html:
        if other is not None:
            from faultlines.game.report.compare_page import render_compare

            html = render_compare(d, other, case, labels=labels, branch_at=at)
        else:
            from faultlines.game.report.debrief_page import render_debrief

            section = None
            if board is not None:
                from faultlines.game.report.analysis_page import analysis_section

                section = analysis_section(board, heading=False)
            html = render_debrief(d, case, analysis=section)
        write_text(args.html, html)
        print(f"Wrote {args.html}", file=sys.stderr)
    if not args.json and not args.html:
        from faultlines.game.report.text import render_text

        sys.stdout.write(render_text(d))
        if other is not None:
            sys.stdout.write("\n" + render_text(other))
    return 0


def _analysis(args: argparse.Namespace, log: dict[str, Any], case: Any) -> Any:
    """The analysis board for the debrief (`--analyse`): rollouts of research-style play
    from every position of this game (engine.analysis)."""
    from faultlines.engine.analysis.board import analyse_game
    from faultlines.engine.analysis.defaults import DEFAULT_ROLLOUTS
    from faultlines.engine.analysis.rollouts import Rollouts

    print("Analysing every position (hindsight rollouts; this takes a while)...",
          file=sys.stderr)
    with Rollouts(args.jobs) as rollouts:
        return analyse_game(log, case, rollouts, n=args.rollouts or DEFAULT_ROLLOUTS)


def _read_moves(path: str) -> list[dict[str, Any]]:
    from faultlines.engine.logs import read_json_value

    data = read_json_value(path)  # size and depth limits, one line naming the file
    if isinstance(data, dict) and "moves" in data:
        data = data["moves"]
    if not isinstance(data, list) or not all(isinstance(m, dict) and "kind" in m for m in data):
        raise SaveError(f"{path}: expected a JSON list of moves like "
                        '[{"kind": "one_to_one", "target": "teaching"}]')
    return data


def collect_logs(paths: list[str]) -> list[Path]:
    """Files as given, and every *.json in folders given, in a stable order."""
    out: list[Path] = []
    for p in map(Path, paths):
        out += sorted(p.glob("*.json")) if p.is_dir() else [p]
    return out


def run_class_report(args: argparse.Namespace) -> int:
    from faultlines.engine.case import Case
    from faultlines.engine.debrief import analyse, load_log, prepare_log
    from faultlines.engine.debrief.classroom import game_row, superseded
    from faultlines.engine.debrief.logfile import case_for
    from faultlines.game.paths import catalogue
    from faultlines.game.report.class_page import within_range

    files = collect_logs(args.logs)
    check_outputs({"--html": args.html, "--csv": args.csv}, [*files, *args.logs],
                  force=args.force)
    rows, skipped = [], []
    cases: dict[tuple, Case] = {}  # by id and checksum: a log may carry its own version
    cat = catalogue()
    loaded: list[tuple[Path, dict[str, Any], Case]] = []
    for f in files:  # every log checked against its case first: a damaged log supersedes none
        try:
            log = load_log(f)
            key = (log["scenario"], log.get("scenario_sha256"))
            case = cases.get(key) or case_for(log, str(f), catalogue=cat)
            cases[key] = case
            loaded.append((f, prepare_log(log, case, str(f))[0], case))
        except SaveError as exc:
            skipped.append(str(exc) if args.names else _anonymous(str(exc), f))
            print(f"faultlines class-report: skipped {exc}", file=sys.stderr)
    later = superseded([log for _, log, _ in loaded])
    for i, j in later.items():
        print(f"faultlines class-report: counted {loaded[i][0]} once, as {loaded[j][0]} "
              "(the same game, resumed after it was left)", file=sys.stderr)
    for i, (f, log, case) in enumerate(loaded):
        if i in later:
            continue
        try:
            d = analyse(log, case, where=str(f), replay_check=False)
        except SaveError as exc:
            skipped.append(str(exc) if args.names else _anonymous(str(exc), f))
            print(f"faultlines class-report: skipped {exc}", file=sys.stderr)
            continue
        rows.append(within_range(game_row(len(rows) + 1, d, names=args.names, file=str(f),
                                          checksum=case.source.sha256)))
    if not rows:
        raise SaveError("no readable game logs among " + ", ".join(args.logs))
    from faultlines.engine.debrief.classroom import by_scenario
    from faultlines.game.report.class_page import class_csv

    groups = by_scenario(rows)
    sizes = f"{len(rows)} games" + ("" if len(groups) == 1 else ": " + ", ".join(
        f"{len(g.rows)} of {g.scenario} version {g.version}" for g in groups)
        + ", each compared only with games of its own scenario")
    if args.csv:
        write_text(args.csv, class_csv(rows))
        print(f"Wrote {args.csv} ({sizes})", file=sys.stderr)
    if args.html:
        from faultlines.game.report.class_page import render_class

        write_text(args.html, render_class(rows, names=args.names, skipped=skipped))
        print(f"Wrote {args.html} ({sizes})", file=sys.stderr)
    if not args.csv and not args.html:
        sys.stdout.write(class_csv(rows))
    return 0


def _anonymous(message: str, path: Path) -> str:
    """A skipped-log message without the file's name (names may identify a learner)."""
    return "a log: " + message.replace(str(path), "").lstrip(": ")


def run_role_pack(args: argparse.Namespace) -> int:
    from faultlines.engine.case import load_case
    from faultlines.game.paths import catalogue
    from faultlines.game.report.rolepack import write_role_pack

    try:
        case = load_case(args.scenario, catalogue())
    except ScenarioError as exc:
        raise SaveError(exc.problems[0]) from None
    paths = write_role_pack(case, args.out, force=args.force)
    print(f"Wrote {len(paths)} files to {args.out} (open {Path(args.out) / 'index.html'})",
          file=sys.stderr)
    return 0
