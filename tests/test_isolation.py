"""Tests stay in their temporary folders: each has a private FAULTLINES_HOME, and a session
that changes the real per-user folders fails (tests/isolation_kit.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import platformdirs
import pytest
from faultlines.game.paths import config_dir, data_dir, logs_dir

from tests.isolation_kit import differences, snapshot

REPO = Path(__file__).resolve().parent.parent


def test_every_test_has_a_private_home(private_home):
    assert Path(os.environ["FAULTLINES_HOME"]) == private_home
    for folder in (data_dir(), config_dir(), logs_dir()):
        assert private_home in folder.parents
    assert private_home in Path(platformdirs.user_data_dir("faultlines")).parents


def test_snapshot_differences_name_what_changed(tmp_path):
    folder = tmp_path / "watched"
    assert snapshot(folder) == {}
    folder.mkdir()
    (folder / "keep.json").write_text("1")
    before = snapshot(folder)
    (folder / "keep.json").write_text("22")
    (folder / "logs").mkdir()
    (folder / "logs" / "new.json").write_text("{}")
    lines = differences(before, snapshot(folder))
    assert "changed keep.json" in lines and "added logs/new.json" in lines
    assert "added logs" in lines and differences(before, before) == []


LEAKY_TEST = '''
import os
from pathlib import Path

REAL = Path(os.environ["XDG_DATA_HOME"]) / "faultlines"  # read before the fixture runs


def test_writes_where_it_should(tmp_path):
    from faultlines.game.paths import data_dir

    (data_dir() / "logs").mkdir(parents=True)
    (data_dir() / "logs" / "fine.json").write_text("{}")


def test_leaks():
    if os.environ.get("LEAK"):
        REAL.mkdir(parents=True, exist_ok=True)
        (REAL / "leak.json").write_text("{}")
'''


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="XDG folders are Linux's")
@pytest.mark.parametrize("leak", [False, True])
def test_a_session_that_touches_the_real_folders_fails(tmp_path, leak):
    (tmp_path / "test_leaky.py").write_text(LEAKY_TEST)
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    fake_user = tmp_path / "user"  # stands in for the real per-user folders
    env = {k: v for k, v in os.environ.items() if k not in ("FAULTLINES_HOME", "LEAK")}
    env.update(XDG_DATA_HOME=str(fake_user / "data"), XDG_CONFIG_HOME=str(fake_user / "config"),
               PYTHONPATH=str(REPO), **({"LEAK": "1"} if leak else {}))
    p = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
                        "-p", "tests.isolation_kit", "test_leaky.py"], cwd=tmp_path, env=env,
                       capture_output=True, text=True, timeout=120)
    if leak:
        assert p.returncode == 1 and "2 passed" in p.stdout
        assert "TESTS TOUCHED THE REAL PER-USER FOLDERS" in p.stdout
        assert "added leak.json" in p.stdout
    else:
        assert p.returncode == 0, p.stdout + p.stderr
        assert "TOUCHED" not in p.stdout
