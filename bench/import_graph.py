"""Print the project's import graph: import cycles inside engine/, and which engine modules
the shells (game/) import. Reads the source as text (ast), so it runs on any commit.

    python bench/import_graph.py              # the working tree
    python bench/import_graph.py --rev HEAD~5 # another commit (git show)
    python bench/import_graph.py --json       # the same, as one JSON object

Issue 9's rule: engine/ has no import cycle, and game/ reaches the engine only through the
doorway (engine.table), the view types and the pure helpers listed in tests/test_architecture.py.
"""

from __future__ import annotations

import argparse
import ast
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = {"engine": "engine", "game": "game"}


def sources(rev: str | None) -> dict[str, str]:
    """Module name -> source text for every .py under engine/ and game/."""
    out: dict[str, str] = {}
    if rev is None:
        for top in FOLDERS:
            for path in sorted((ROOT / top).rglob("*.py")):
                out[_module(path.relative_to(ROOT).as_posix())] = path.read_text("utf-8")
        return out
    files = subprocess.run(["git", "-C", str(ROOT), "ls-tree", "-r", "--name-only", rev],
                           capture_output=True, text=True, check=True).stdout.split()
    for name in files:
        if name.endswith(".py") and name.split("/")[0] in FOLDERS:
            out[_module(name)] = subprocess.run(
                ["git", "-C", str(ROOT), "show", f"{rev}:{name}"], capture_output=True,
                text=True, check=True).stdout
    return out


def _module(rel: str) -> str:
    parts = rel[:-3].split("/")
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def _normal(name: str) -> str:
    """faultlines.engine.x -> engine.x (older commits imported engine.x directly)."""
    return name[len("faultlines."):] if name.startswith("faultlines.") else name


def edges(srcs: dict[str, str], *, top_level_only: bool = True) -> dict[str, set[str]]:
    """module -> modules of this project it imports (module-level imports by default:
    an import inside a function runs late and cannot make a cycle at import time)."""
    known = set(srcs)
    out: dict[str, set[str]] = {m: set() for m in srcs}
    for mod, text in srcs.items():
        tree = ast.parse(text)
        nodes = tree.body if top_level_only else list(ast.walk(tree))
        for node in _imports(nodes):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                base = _normal(node.module)
                names = [f"{base}.{a.name}" for a in node.names] + [base]
            elif isinstance(node, ast.Import):
                names = [_normal(a.name) for a in node.names]
            for n in names:
                while n and n not in known:
                    n = n.rpartition(".")[0]
                if n and n != mod:
                    out[mod].add(n)
                    break
    return out


def _imports(nodes):
    for node in nodes:
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.If):  # `if TYPE_CHECKING:` imports do not run
            test = node.test
            if not (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING"):
                yield from _imports(node.body)


def cycles(graph: dict[str, set[str]], prefix: str) -> list[list[str]]:
    """Strongly connected groups of more than one module under `prefix` (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []
    counter = [0]
    nodes = [m for m in graph if m.startswith(prefix)]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if not w.startswith(prefix):
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    sys.setrecursionlimit(10_000)
    for v in nodes:
        if v not in index:
            visit(v)
    return found


def shell_uses(graph: dict[str, set[str]]) -> dict[str, list[str]]:
    """engine module -> the game modules importing it (anywhere, late imports included)."""
    out: dict[str, list[str]] = {}
    for mod, deps in graph.items():
        if mod.startswith("game"):
            for d in deps:
                if d.startswith("engine"):
                    out.setdefault(d, []).append(mod)
    return {k: sorted(v) for k, v in sorted(out.items())}


def report(rev: str | None) -> dict:
    srcs = sources(rev)
    top = edges(srcs)
    every = edges(srcs, top_level_only=False)
    return {"rev": rev or "working tree", "modules": len(srcs),
            "engine_cycles": cycles(top, "engine"),
            # every reference, type-checking and late imports included: the coupling a
            # reader has to hold in mind, even where Python itself would not loop
            "engine_reference_cycles": cycles(every, "engine"),
            "engine_modules_used_by_game": shell_uses(every)}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--rev", default=None, help="a git commit (default: the working tree)")
    p.add_argument("--json", action="store_true")
    args = p.parse_args(argv)
    r = report(args.rev)
    if args.json:
        print(json.dumps(r))
        return 0
    print(f"{r['rev']}: {r['modules']} modules")
    print(f"import cycles in engine/: {len(r['engine_cycles'])}")
    for c in r["engine_cycles"]:
        print("  " + " <-> ".join(c))
    print("reference cycles in engine/ (type-checking and late imports too): "
          f"{len(r['engine_reference_cycles'])}")
    for c in r["engine_reference_cycles"]:
        print(f"  {len(c)} modules: " + ", ".join(c))
    print(f"engine modules the shells import: {len(r['engine_modules_used_by_game'])}")
    for mod, users in r["engine_modules_used_by_game"].items():
        print(f"  {mod}  <- {len(users)} ({', '.join(u.split('.', 1)[1] for u in users[:4])}"
              f"{', ...' if len(users) > 4 else ''})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
