"""The one all-or-nothing writer behind save(), explore() and Module.save()."""

from __future__ import annotations

import os

import pytest

from autograd_mini import Value, save
from autograd_mini.files import write_atomically


def test_writes_and_returns_the_path(tmp_path):
    path = write_atomically(tmp_path / "a.txt", b"hello", "f")
    assert path == tmp_path / "a.txt" and path.read_bytes() == b"hello"
    assert os.listdir(tmp_path) == ["a.txt"]  # no temporary file left


def test_a_failure_mid_write_leaves_the_old_file_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "a.txt"
    target.write_bytes(b"old")

    def broken(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match=r"^save: cannot write '.*a\.txt': No space left on device"):
        write_atomically(target, b"new", "save")
    assert target.read_bytes() == b"old" and os.listdir(tmp_path) == ["a.txt"]


def test_an_interrupt_mid_write_also_cleans_up(tmp_path, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomically(tmp_path / "a.txt", b"new", "save")
    assert os.listdir(tmp_path) == []


def test_keeps_the_permission_bits_and_writes_through_a_symlink(tmp_path):
    real = tmp_path / "real.txt"
    real.write_bytes(b"old")
    real.chmod(0o640)
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomically(link, b"new", "f")
    assert link.is_symlink() and real.read_bytes() == b"new" and (real.stat().st_mode & 0o777) == 0o640


def test_a_new_file_gets_the_umask_default(tmp_path):
    mask = os.umask(0o022)
    try:
        write_atomically(tmp_path / "a.txt", b"x", "f")
    finally:
        os.umask(mask)
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == 0o644


def test_folders_are_made_or_refused(tmp_path):
    write_atomically(tmp_path / "new" / "deep" / "a.txt", b"x", "f")
    assert (tmp_path / "new" / "deep" / "a.txt").read_bytes() == b"x"
    with pytest.raises(FileNotFoundError, match=r"^MLP\.save: the folder of '.*missing/m\.json' does not exist"):
        write_atomically(tmp_path / "missing" / "m.json", b"{}", "MLP.save", make_folder=False)
    assert not (tmp_path / "missing").exists()


def test_a_directory_or_an_impossible_name_is_an_os_error_naming_it(tmp_path):
    (tmp_path / "d").mkdir()
    with pytest.raises(IsADirectoryError, match=r"^f: '.*d' is a folder \(a directory\)"):
        write_atomically(tmp_path / "d", b"x", "f")
    with pytest.raises(OSError, match=r"^f: cannot write '.*x{20}"):
        write_atomically(tmp_path / ("x" * 300), b"x", "f")


def test_saving_a_drawing_over_a_file_is_all_or_nothing(tmp_path, monkeypatch):
    x = Value(3.0, "x")
    y = x * x
    y.backward()
    target = tmp_path / "g.dot"
    target.write_text("old drawing")

    def broken(*args, **kwargs):
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", broken)
    with pytest.raises(OSError, match=r"^save: cannot write"):
        save(y, target)
    assert target.read_text() == "old drawing" and os.listdir(tmp_path) == ["g.dot"]


def test_a_temporary_file_left_by_a_killed_save_is_cleaned_by_the_next_save(tmp_path):
    """A save killed inside os.replace leaves its temporary file; the next save to the same name removes it
    once it is old enough to be nobody's (a save running at the same time keeps its own)."""
    from autograd_mini.files import STALE_AFTER

    target = tmp_path / "model.json"
    stale = tmp_path / ".model.json.k1ll3d_x.tmp"
    fresh = tmp_path / ".model.json.runn1ng_.tmp"  # another save, in progress right now
    other = tmp_path / ".other.json.k1ll3d_x.tmp"  # not ours
    for p in (stale, fresh, other):
        p.write_bytes(b"half")
    old = os.path.getmtime(stale) - STALE_AFTER - 60
    os.utime(stale, (old, old))
    os.utime(other, (old, old))
    write_atomically(target, b"new", "MLP.save")
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([target.name, fresh.name, other.name])


def test_a_file_where_a_folder_should_be_is_named(tmp_path):
    (tmp_path / "a_file").write_text("keep me")
    for make_folder in (True, False):
        with pytest.raises(NotADirectoryError, match="is a file, not a folder"):
            write_atomically(tmp_path / "a_file" / "m.json", b"x", "MLP.save", make_folder=make_folder)
    assert (tmp_path / "a_file").read_text() == "keep me"
