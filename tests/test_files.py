"""The one atomic writer every file goes through (engine.logs.write_atomic): ordinary
permissions under the umask, a recognisable temp file in the same folder that never
outlives the write, and one clear WriteError naming the file asked for."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest
from faultlines.engine.errors import WriteError
from faultlines.engine.logs import read_json, temp_name, write_atomic, write_json
from faultlines.game.report.files import write_text

posix_only = pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")


def mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


@pytest.fixture
def umask():
    """Set the process umask for one test and put the old one back."""
    old = os.umask(0o022)
    os.umask(old)
    yield os.umask
    os.umask(old)


@posix_only
@pytest.mark.parametrize("mask", [0o022, 0o077, 0o002])
def test_new_and_replaced_files_get_the_umask_mode(tmp_path, umask, mask):
    target = tmp_path / "report.html"
    target.write_text("old")
    target.chmod(0o600)  # an earlier private file: the new one gets the ordinary mode
    umask(mask)
    write_text(target, "new")
    write_json(tmp_path / "log.json", {"a": 1})
    assert mode(target) == 0o666 & ~mask
    assert mode(tmp_path / "log.json") == 0o666 & ~mask
    assert target.read_text() == "new"


def test_text_is_utf8_byte_for_byte(tmp_path):
    path = write_atomic(tmp_path / "a.csv", "a,b\r\nx\u2192y\n")
    assert path.read_bytes() == "a,b\r\nx\u2192y\n".encode()
    assert write_json(tmp_path / "b.json", {"k": "\u2192"}) and read_json(tmp_path / "b.json")


def test_temp_name_is_recognisable_and_beside_the_target(tmp_path):
    tmp = temp_name(tmp_path / "class.csv")
    assert tmp.parent == tmp_path
    assert re.fullmatch(r"\.class\.csv\.[0-9a-f]{12}\.tmp", tmp.name)
    assert temp_name(tmp_path / "class.csv") != tmp


def test_no_temp_file_is_left_after_a_write(tmp_path):
    write_text(tmp_path / "deep" / "er" / "r.html", "x")  # missing folders are made
    assert [p.name for p in (tmp_path / "deep" / "er").iterdir()] == ["r.html"]


def test_a_failed_replace_leaves_no_temp_file_and_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "r.html"
    target.write_text("old")

    def refuse(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(WriteError) as info:
        write_text(target, "new")
    assert str(info.value) == f"cannot write {target}: Permission denied"
    assert info.value.strerror == "Permission denied"  # what the window's log writer shows
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"] and target.read_text() == "old"


def test_an_interrupted_write_leaves_no_temp_file(tmp_path, monkeypatch):
    def interrupt(fd):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupt)
    with pytest.raises(KeyboardInterrupt):
        write_json(tmp_path / "log.json", {"a": 1})
    assert list(tmp_path.iterdir()) == []


def test_a_file_in_the_way_of_the_folder_is_one_clear_error(tmp_path):
    blocker = tmp_path / "somefile"
    blocker.write_text("not a folder")
    with pytest.raises(WriteError) as info:
        write_text(blocker / "report.html", "x")
    assert str(info.value) == f"cannot write {blocker / 'report.html'}: {blocker} is not a folder"
    with pytest.raises(WriteError, match="is a file, not a folder"):
        write_text(blocker / "sub" / "report.html", "x")
    assert blocker.read_text() == "not a folder"


def locked_folder(where: Path) -> Path:
    """A folder made read-only (0o500); the test is skipped where that stops nobody (root,
    or a file system without POSIX permissions): a path under a regular file covers them."""
    folder = where / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        (folder / "probe").touch()
    except PermissionError:
        return folder
    (folder / "probe").unlink()
    folder.chmod(0o700)
    pytest.skip("folder permissions are not enforced here (running as root?)")


@posix_only
def test_an_unwritable_folder_is_one_clear_error(tmp_path):
    folder = locked_folder(tmp_path)
    try:
        with pytest.raises(WriteError, match=r"cannot write .*r\.html: Permission denied"):
            write_text(folder / "r.html", "x")
        with pytest.raises(WriteError, match="cannot create the folder"):
            write_text(folder / "sub" / "r.html", "x")
        assert list(folder.iterdir()) == []
    finally:
        folder.chmod(0o700)
