"""What the batch engine's benchmarks share: their command line, and how they print their
rows (a line per batch size, or one JSON object each with --json)."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable, Sequence


def batch_args(doc: str, sizes: Sequence[int], repeats: int) -> argparse.Namespace:
    """--scenario, --sizes (games per batch), --repeats (best of) and --json."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--scenario", default="elm")
    ap.add_argument("--sizes", type=int, nargs="+", default=list(sizes))
    ap.add_argument("--repeats", type=int, default=repeats)
    ap.add_argument("--json", action="store_true")
    return ap.parse_args()


def report(rows: list[dict], as_json: bool, header: str,
           line: Callable[[dict], str]) -> None:
    """Print the rows: JSON objects, or the header and a line for each."""
    if as_json:
        for row in rows:
            print(json.dumps(row))
        return
    print(header)
    for row in rows:
        print(line(row))
