"""Damaged files made from good ones, for the file fuzz suites (tests/test_fuzz_files.py and
bench/fuzz_files.py): a clumsy or hostile user's save, settings file or game log.

Each mutation starts from a valid file and changes one to three things: a value replaced by
one of another type or an extreme (null, text, a list, NaN, a huge number), a key removed or
added, a list emptied, cut short or lengthened, a value swapped with another part of the
file, deep nesting, or the bytes themselves cut, flipped or replaced. Everything is decided
by a `random.Random`, so a seed names a mutation exactly.
"""

from __future__ import annotations

import copy
import json
import random
from collections.abc import Iterator
from typing import Any

#: values a field may be replaced with: other types, extremes, and near-misses
ODD_VALUES: tuple[Any, ...] = (
    None, True, False, 0, -1, 1, 2, 10**30, -(10**30), 0.5, -0.5, 1e308, -1e308,
    float("nan"), float("inf"), float("-inf"), "", "x", "ASHWORTH", "board", "outcome",
    "0.5", "=cmd|' /C calc'!A0", "<script>alert(1)</script>", "\u0000", "\u202e", "x" * 5000,
    [], [1], ["x"], [None], [[1]], {}, {"a": 1}, {"dtype": "float64", "data": []},
)
DEPTH = 100_000  # nesting deep enough to overflow any recursive JSON reader
DEEP = "@@deep@@"  # marks where `to_text` writes deep nesting


def paths(data: Any, here: tuple = ()) -> Iterator[tuple]:
    """Every place in a JSON tree (the root included), as a tuple of keys and indices."""
    yield here
    if isinstance(data, dict):
        for k, v in data.items():
            yield from paths(v, (*here, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from paths(v, (*here, i))


def _get(data: Any, path: tuple) -> Any:
    for p in path:
        data = data[p]
    return data


def _set(data: Any, path: tuple, value: Any) -> Any:
    if not path:
        return value
    _get(data, path[:-1])[path[-1]] = value
    return data


def _pick(rng: random.Random, data: Any) -> tuple:
    """A place to damage: short paths (the fields a reader looks at first) as often as deep
    ones, so the top-level fields are hit more than their share of a large file."""
    every = list(paths(data))
    depths = sorted({len(p) for p in every} - {0})
    depth = 0 if not depths or rng.randrange(40) == 0 else rng.choice(depths)
    return rng.choice([p for p in every if len(p) == depth])


def mutate_tree(data: Any, rng: random.Random) -> Any:
    """One structural change to a copy of `data`."""
    data = copy.deepcopy(data)
    path = _pick(rng, data)
    node = _get(data, path)
    how = rng.randrange(8)
    if how == 0 and path:  # remove the field or item
        del _get(data, path[:-1])[path[-1]]
    elif how == 1 and isinstance(node, dict):  # a field nobody knows
        node[rng.choice(("extra", "__proto__", "x" * 50, ""))] = rng.choice(ODD_VALUES)
    elif how == 2 and isinstance(node, list) and node:  # shorter, longer or empty
        cut = rng.randrange(3)
        if cut == 0:
            node.clear()
        elif cut == 1:
            del node[rng.randrange(len(node)):]
        else:
            node.extend(copy.deepcopy(node[: rng.randrange(1, len(node) + 1)]))
    elif how == 3:  # another part of the same file, in the wrong place
        data = _set(data, path, copy.deepcopy(_get(data, rng.choice(list(paths(data))))))
    elif how == 4:
        data = _set(data, path, _nested(rng.choice((50, 900, DEPTH))))
    elif how == 5 and isinstance(node, int | float) and not isinstance(node, bool):
        data = _set(data, path, rng.choice((-node, node * 1000, node + 1, node - 1, str(node),
                                            float(node) + 0.5)))
    else:
        data = _set(data, path, copy.deepcopy(rng.choice(ODD_VALUES)))
    return data


def _nested(depth: int) -> str:
    """A stand-in for a list nested `depth` deep, written out by `to_text` (a real one
    would overflow the recursion of every later copy and walk)."""
    return f"{DEEP}{depth}"


def to_text(data: Any) -> str:
    """JSON as Python writes it (NaN and Infinity included, as `json.loads` accepts them),
    with each deep-nesting stand-in written out as that many nested lists."""
    text = json.dumps(data, separators=(",", ":"))
    while DEEP in text:
        start = text.index(f'"{DEEP}')
        end = text.index('"', start + 1)
        depth = int(text[start + 1 + len(DEEP):end])
        text = text[:start] + "[" * depth + "0" + "]" * depth + text[end + 1:]
    return text


def mutate_bytes(raw: bytes, rng: random.Random) -> bytes:
    """One change to the file's bytes: cut, a flipped byte, garbage, a BOM, or nothing left."""
    how = rng.randrange(6)
    if how == 0 and raw:
        return raw[: rng.randrange(len(raw))]
    if how == 1 and raw:
        i = rng.randrange(len(raw))
        return raw[:i] + bytes([raw[i] ^ (1 << rng.randrange(8))]) + raw[i + 1:]
    if how == 2:
        i = rng.randrange(len(raw) + 1)
        return raw[:i] + bytes(rng.randrange(256) for _ in range(rng.randrange(1, 16))) + raw[i:]
    if how == 3:
        return b"\xef\xbb\xbf" + raw
    if how == 4:
        return rng.choice((b"", b"null", b"[]", b"0", b'"text"', b"{", b"\x00" * 64))
    return b"[" * DEPTH + b"]" * DEPTH


def damaged(good: dict[str, Any], seed: int) -> bytes:
    """The bytes of a damaged copy of `good`: one to three changes, chosen by `seed` (one
    time in eight the bytes themselves are damaged instead of the structure)."""
    rng = random.Random(seed)
    if rng.randrange(8) == 0:
        return mutate_bytes(to_text(good).encode(), rng)
    data: Any = good
    for _ in range(rng.randint(1, 3)):
        data = mutate_tree(data, rng)
    return to_text(data).encode("utf-8")


__all__ = ["ODD_VALUES", "damaged", "mutate_bytes", "mutate_tree", "paths", "to_text"]
