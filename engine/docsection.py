"""A generated section of a hand-written document: the text between two marker lines is
produced from the code (the scenario field reference, the table of tuned numbers), so the
docs cannot drift from it; `--write` regenerates the section and `--check` fails when it is
stale (the tests run the check)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path


def splice(doc: str, generated: str, begin: str, end: str) -> str:
    """`doc` with the text between the markers replaced by `generated`."""
    start, stop = doc.find(begin), doc.find(end)
    if start < 0 or stop < start:
        raise ValueError(f"the markers are missing; the file needs a line\n{begin}\n"
                         f"and, after it, a line\n{end}")
    return doc[:start + len(begin)] + "\n\n" + generated + "\n\n" + doc[stop:]


def main(argv: list[str] | None, *, prog: str, description: str, render: Callable[[], str],
         begin: str, end: str, source: str, regenerate: str) -> int:
    """The command line shared by the generators: print, `--write FILE` or `--check FILE`."""
    p = argparse.ArgumentParser(prog=prog, description=description)
    how = p.add_mutually_exclusive_group()
    how.add_argument("--markdown", action="store_true", help="print the Markdown (the default)")
    how.add_argument("--write", metavar="FILE",
                     help="replace the generated part of FILE (between the markers)")
    how.add_argument("--check", metavar="FILE",
                     help="exit 1 if the generated part of FILE is out of date")
    args = p.parse_args(argv)
    generated = render()
    target = args.write or args.check
    if target is None:
        print(generated)
        return 0
    path = Path(target)
    try:
        current = path.read_text(encoding="utf-8")
        fresh = splice(current, generated, begin, end)
    except (OSError, ValueError) as exc:
        print(f"{path}: {exc}", file=sys.stderr)
        return 2
    if args.check:
        if fresh != current:
            print(f"{path} is out of date with {source}; run: {regenerate}", file=sys.stderr)
            return 1
        return 0
    if fresh != current:
        path.write_text(fresh, encoding="utf-8")
    return 0
