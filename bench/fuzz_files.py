"""Damaged saves, settings files and game logs, made from good ones by mutation
(bench/mutate.py), each read the way the game reads it. A file is handled cleanly when it is
either used - and everything shown from it is within its range - or refused in one line
naming it; never a traceback, never a save offered as Continue that then fails to load, and
never a change to the file itself.

    python bench/fuzz_files.py                  # 1,000 of each kind (minutes: run with nice)
    python bench/fuzz_files.py --quick          # 40 of each
    python bench/fuzz_files.py --kind log --count 200 --seed 7 [--json]

tests/test_fuzz_files.py runs the same checks on a CI-sized sample; every failure found here
becomes a named regression test there.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import sys
import tempfile
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.mutate import damaged  # noqa: E402

KINDS = ("save", "settings", "log")


@dataclass(frozen=True)
class Result:
    """What became of one damaged file: `clean` (used, or refused in one line) and how."""

    clean: bool
    how: str  # "used", "refused", or what went wrong


# -- good files to damage --------------------------------------------------------------------
def good_files(folder: Path) -> dict[str, Any]:
    """A valid save (a game part-played: a consultation, demands, episodes), settings file
    and finished game log, made the way the game makes them."""
    from faultlines.engine.case import load_case
    from faultlines.engine.simulate import simulate
    from faultlines.engine.table import Table
    from faultlines.game.saves import SaveStore
    from faultlines.game.settings import Settings

    case = load_case("elm")
    table = Table.open(case, seed=5, difficulty="guided")
    for kind, params in (("one_to_one", {"target": "teaching"}), ("town_hall", {}),
                         ("end_round", {}), ("big_picture", {}), ("end_round", {}),
                         ("end_round", {})):
        if table.check(kind, **params) is None:
            table.choose(kind, **params)
    store = SaveStore(folder / "good-saves")
    save = json.loads(store.write(1, table, scenario_ref="elm").read_text("utf-8"))
    log = simulate("elm", "skilled", 1, 3, keep_logs=True)["logs"][0]
    log["player"] = "Ada"
    return {"save": save, "settings": Settings(text_size=1, sound=False).to_dict(),
            "log": log}


# -- one damaged file of each kind -------------------------------------------------------------
def try_save(raw: bytes, folder: Path) -> Result:
    """The load screen describes the slot; Continue restores it; the game is played on."""
    from faultlines.engine.errors import IllegalMove, SaveError
    from faultlines.game.saves import SaveStore
    from faultlines.game.session import LogPlace, Session

    store = SaveStore(folder / "saves")
    path = store.path(1)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(raw)
    info = store.info(1)
    try:
        session = Session.load(store, 1, log_place=LogPlace(str(folder / "logs")))
    except SaveError as exc:
        if info.error is None:
            return Result(False, f"offered as Continue, then refused: {exc}")
        return _one_line(str(exc)) or _one_line(info.summary()) or Result(True, "refused")
    if info.error is not None:
        return Result(False, f"loads, yet the load screen calls it damaged: {info.error}")
    if path.read_bytes() != raw:
        return Result(False, "loading changed the save file")
    info.summary()
    problem = _figures(session.view) or _play_on(session, IllegalMove)
    return Result(problem is None, problem or "used")


def _figures(view: Any) -> str | None:
    """Every figure the tracker shows is within its range."""
    if not 0.0 <= view.credibility <= 1.0:
        return f"credibility shown as {view.credibility}"
    if view.calendar < 0 or view.capacity < 0 or view.round < 1:
        return f"calendar {view.calendar}, capacity {view.capacity}, round {view.round}"
    return None


def _play_on(session: Any, illegal: type[Exception], moves: int = 8) -> str | None:
    """A restored game must play on: the palette, a move's options, a few moves."""
    for i in range(moves):
        if session.over:
            break
        choices = [c for c in session.table.choices() if c.available]
        pick = next((c for c in choices if c.params and i % 2 == 0), None)
        params: dict[str, str] = {}
        if pick is not None:
            for p in pick.params:
                ok = [v for v, why in session.options(pick.kind, **params).items() if why is None]
                if not ok:
                    pick = None
                    break
                params[p] = ok[0]
        try:
            session.play(pick.kind if pick else "end_round", **(params if pick else {}))
        except illegal:
            pass
        problem = _figures(session.view)
        if problem:
            return f"after {i + 1} moves: {problem}"
    return None


def try_settings(raw: bytes, folder: Path) -> Result:
    """The window reads its settings at start: defaults for what is damaged, said once."""
    from faultlines.game.settings import TEXT_SIZES, Settings, load_settings

    path = folder / "settings.json"
    path.write_bytes(raw)
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        s = load_settings(path)
    lines = err.getvalue().splitlines()
    if not isinstance(s, Settings):
        return Result(False, f"not settings: {s!r:.60}")
    if not (isinstance(s.text_size, int) and 0 <= s.text_size < len(TEXT_SIZES)):
        return Result(False, f"text size {s.text_size!r:.40}")
    wrong = [k for k, v in vars(s).items() if type(v) is not type(getattr(Settings(), k))]
    if wrong:
        return Result(False, f"{wrong[0]} is {getattr(s, wrong[0])!r:.40}")
    if len(lines) > 1:
        return Result(False, f"{len(lines)} lines about one file")
    expected = _settings_as_written(raw)
    if expected is not None:  # a good file, perhaps older or newer: used as it is, silently
        if expected != s.to_dict():
            return Result(False, f"a usable file was not used as written: {s.to_dict()}")
        return Result(not lines, "used" if not lines else f"used, yet said: {lines[0]}")
    if not lines:
        return Result(False, "damaged, yet nothing was said")
    if str(path) not in lines[0]:
        return Result(False, f"the line does not name the file: {lines[0]}")
    return Result(True, "refused")


def _settings_as_written(raw: bytes) -> dict[str, Any] | None:
    """The settings a good file holds (fields it lacks at their defaults, fields this release
    does not know ignored), or None if any field the file has is unusable."""
    from faultlines.game.settings import TEXT_SIZES, Settings

    try:
        data = json.loads(raw.decode("utf-8"))
    except (ValueError, RecursionError):
        return None
    good = Settings().to_dict()
    if not isinstance(data, dict) or data.get("format", good["format"]) != good["format"]:
        return None
    if any(k in data and type(data[k]) is not type(v) for k, v in good.items()):
        return None
    if not 0 <= data.get("text_size", 0) < len(TEXT_SIZES):
        return None
    if data.get("theme", "dark") not in _themes():
        return None
    return {k: data.get(k, v) for k, v in good.items()}


def _themes() -> tuple[str, ...]:
    """The theme names a settings file may hold (none before themes existed)."""
    from faultlines.game import settings

    return tuple(getattr(settings, "THEME_NAMES", ("dark",)))


def try_log(raw: bytes, folder: Path, good: Path, *, html: bool = True) -> Result:
    """`debrief` (JSON, and HTML with `html`), `replay`'s reading of the log, and
    `class-report` with a good log beside it: each uses the log or refuses it in one line."""
    from faultlines.engine.errors import SaveError
    from faultlines.game.logged_game import LoggedGame

    path = folder / "log.json"
    path.write_bytes(raw)
    outcomes: list[str] = []
    runs = [["debrief", str(path), "--json"]]
    if html:
        runs.append(["debrief", str(path), "--html", str(folder / "out.html"), "--force"])
    for argv in runs:
        rc, err = _cli(argv)
        if rc not in (0, 1) or (rc == 1 and _one_line(err)):
            return Result(False, f"{argv[0]} {' '.join(argv[2:3])}: exit {rc}: {err[-300:]}")
        outcomes.append("used" if rc == 0 else "refused")
    try:
        logged = LoggedGame.from_file(path)
        for k in (0, logged.n // 2, logged.n):
            logged.view(k)
            logged.new_events(k)
        outcomes.append("used")
    except SaveError as exc:
        if _one_line(str(exc)):
            return Result(False, f"replay: {exc}")
        outcomes.append("refused")
    argv = ["class-report", str(path), str(good), "--csv", str(folder / "class.csv"),
            "--force", "--names"] + (["--html", str(folder / "class.html")] if html else [])
    rc, err = _cli(argv)
    if rc != 0:
        return Result(False, f"class-report: exit {rc}: {err[-300:]}")
    skipped = [line for line in err.splitlines() if "skipped" in line]
    if len(skipped) > 1 or any(str(good) in line for line in skipped):
        return Result(False, f"class-report: {skipped}")
    problem = _csv_figures(folder / "class.csv")
    if problem:
        return Result(False, f"class-report: {problem}")
    outcomes.append("refused" if skipped else "used")
    return Result(True, "used" if set(outcomes) == {"used"} else
                  "refused" if set(outcomes) == {"refused"} else "partly used")


def _csv_figures(path: Path) -> str | None:
    """Every figure of the class CSV is within its range."""
    import csv

    for row in csv.DictReader(io.StringIO(path.read_text("utf-8"))):
        used, total = int(row["months_used"]), int(row["months_total"])
        if not 0 <= used <= total:
            return f"{used} of {total} months used"
        for key in ("final_credibility", "lowest_credibility"):
            if not 0.0 <= float(row[key]) <= 1.0:
                return f"{key} {row[key]}"
    return None


def _cli(argv: list[str]) -> tuple[int, str]:
    """Run the `faultlines` command in this process; (exit code, stderr)."""
    from faultlines.game.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            rc = main(argv)
        except SystemExit as exc:
            rc = exc.code if isinstance(exc.code, int) else 2
        except Exception:  # a traceback: the finding this suite looks for
            return 99, err.getvalue() + traceback.format_exc()
    return rc, err.getvalue()


def _one_line(text: str) -> Result | None:
    """None if `text` is one line (a clean refusal), else the failure."""
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) == 1 and "Traceback" not in text:
        return None
    return Result(False, f"not one line: {text[-300:]}")


# -- running ------------------------------------------------------------------------------------
def run(kind: str, count: int, seed: int = 0, *,
        progress: Callable[[int], None] | None = None) -> dict[str, Any]:
    """Damage `count` files of one kind; counts by outcome and the failures found."""
    with tempfile.TemporaryDirectory(prefix="faultlines-fuzz-") as tmp:
        root = Path(tmp)
        os.environ["FAULTLINES_HOME"] = str(root / "home")
        good = good_files(root)[kind]
        good_log = root / "good-log.json"
        good_log.write_text(json.dumps(good if kind == "log" else good_files(root)["log"]))
        counts: Counter[str] = Counter()
        failures: list[dict[str, Any]] = []
        for i in range(count):
            case_seed = seed * 1_000_003 + i
            raw = damaged(good, case_seed)
            folder = root / f"f{i % 4}"
            folder.mkdir(exist_ok=True)
            try:
                result = check(kind, raw, folder, good_log)
            except Exception:  # noqa: BLE001 - the finding this suite exists to count
                result = Result(False, traceback.format_exc(limit=-3))
            if result.clean:
                counts[result.how] += 1
            else:
                failures.append({"seed": case_seed, "problem": result.how[-600:]})
            if progress:
                progress(i)
    return {"kind": kind, "tried": count, "clean": sum(counts.values()),
            "outcomes": dict(counts), "failures": failures}


def check(kind: str, raw: bytes, folder: Path, good_log: Path, *, html: bool = True
          ) -> Result:
    """One damaged file of `kind`, read every way the game reads it."""
    if kind == "save":
        return try_save(raw, folder)
    if kind == "settings":
        return try_settings(raw, folder)
    return try_log(raw, folder, good_log, html=html)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kind", choices=KINDS, action="append")
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--quick", action="store_true", help="40 of each kind")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--json", action="store_true", help="one JSON object per kind")
    args = ap.parse_args(argv)
    count = 40 if args.quick else args.count
    worst = 0
    for kind in args.kind or KINDS:
        res = run(kind, count, args.seed)
        worst = max(worst, len(res["failures"]))
        if args.json:
            print(json.dumps(res))
            continue
        print(f"{kind}: {res['clean']} of {res['tried']} handled cleanly "
              f"({', '.join(f'{v} {k}' for k, v in sorted(res['outcomes'].items()))})")
        for f in res["failures"][:10]:
            print(f"  seed {f['seed']}: {f['problem']}")
    return 1 if worst else 0


if __name__ == "__main__":
    raise SystemExit(main())
