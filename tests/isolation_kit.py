"""Tests never write outside their temporary folders.

Every test gets its own FAULTLINES_HOME (and XDG data and config folders), so code that
falls back to the per-user folders writes into a temporary folder instead; subprocesses
inherit it. As a check that nothing slipped past, the real per-user folders (as they were
when the session started) are listed with their sizes and modification times at the start
and the end of the session; any difference fails the run, loudly.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

Snapshot = dict[str, tuple[int, int]]  # path -> (mtime in ns, size); folders included

_watched: dict[Path, Snapshot] = {}


def real_user_folders() -> list[Path]:
    """Where Fault Lines would keep a real user's files with the environment as it is now."""
    import platformdirs

    folders = [Path(platformdirs.user_data_dir("faultlines")),
               Path(platformdirs.user_config_dir("faultlines"))]
    if os.environ.get("FAULTLINES_HOME"):
        folders.append(Path(os.environ["FAULTLINES_HOME"]).expanduser())
    return folders


def snapshot(folder: Path) -> Snapshot:
    """Every file and folder under `folder` (itself included) with its mtime and size;
    empty if `folder` does not exist. Links are listed, never followed."""
    out: Snapshot = {}
    if not folder.exists() and not folder.is_symlink():
        return out
    out["."] = _stamp(folder)
    for root, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(root) / name
            out[str(path.relative_to(folder))] = _stamp(path)
    return out


def _stamp(path: Path) -> tuple[int, int]:
    st = path.lstat()
    return st.st_mtime_ns, st.st_size


def differences(before: Snapshot, after: Snapshot) -> list[str]:
    """What changed between two snapshots of one folder, one line each."""
    lines = [f"added {p}" for p in sorted(after.keys() - before.keys())]
    lines += [f"removed {p}" for p in sorted(before.keys() - after.keys())]
    lines += [f"changed {p}" for p in sorted(before.keys() & after.keys())
              if before[p] != after[p]]
    return lines


def pytest_sessionstart(session: pytest.Session) -> None:
    for folder in real_user_folders():
        _watched[folder] = snapshot(folder)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    problems = [f"{folder}: {line}" for folder, before in _watched.items()
                for line in differences(before, snapshot(folder))]
    if not problems:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    message = ("TESTS TOUCHED THE REAL PER-USER FOLDERS (a test wrote outside its temporary "
               "folder, or another program used them during the run):\n  "
               + "\n  ".join(problems[:20])
               + (f"\n  ... and {len(problems) - 20} more" if len(problems) > 20 else ""))
    if reporter is not None:
        reporter.write_line(message, red=True, bold=True)
    else:  # pragma: no cover - without the terminal plugin
        print(message)
    session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(autouse=True)
def private_home(tmp_path_factory: pytest.TempPathFactory,
                 monkeypatch: pytest.MonkeyPatch) -> Path:
    """A per-test FAULTLINES_HOME, XDG data and config folder (outside tmp_path, so a test
    may still expect its tmp_path to start empty)."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("FAULTLINES_HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "xdg-config"))
    return home
