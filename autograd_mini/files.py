"""Writing a file all or nothing: the one writer behind `save` (drawings), `explore` and `nn`'s checkpoints.

``write_atomically(path, data, where)`` writes ``data`` to a temporary file beside the target, flushes
it to disk, gives it the target's permission bits (a new file: the umask's default, as ``open()`` would)
and renames it over the target. A crash or an error mid-write leaves the old file (or none), never a
broken one, and no temporary file behind. A symbolic link is written through: its target is replaced,
the link stays. A temporary file a killed save left behind (over an hour old) is removed by the next save to the
same name. Every failure is an OSError of the same kind whose message starts with ``where`` and
names the file the user gave.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
import time
from pathlib import Path
from typing import Union

__all__ = ["write_atomically"]


def write_atomically(path: Union[str, os.PathLike[str]], data: bytes, where: str, *, make_folder: bool = True) -> Path:
    """Write ``data`` to ``path`` atomically (see the module docstring) and return ``path`` as a Path.

    ``make_folder``: create missing parent folders (drawings, pages); False: a missing folder is a
    FileNotFoundError naming the path (checkpoints, where a typo in the folder should not go unnoticed).
    """
    given = Path(path)
    shown = repr(os.fspath(path))
    shown = shown if len(shown) <= 200 else shown[:199] + "…"  # a 100,000-character name stays a readable message

    def failure(error: OSError, what: str = "") -> OSError:  # the same kind of OSError, its message starting with where
        return type(error)(f"{where}: cannot write {shown}: {what or error.strerror or error}")

    real = Path(os.path.realpath(given))  # through a symlink: replace the link's target
    try:
        folder, parent = real.is_dir(), real.parent.is_dir()
    except OSError as error:  # e.g. a name too long for the file system
        raise failure(error) from None
    if folder:
        raise IsADirectoryError(f"{where}: {shown} is a folder (a directory); give a file name")
    blocking = next((p for p in (*given.parents, *real.parents) if os.path.lexists(p) and not p.is_dir()), None) if not parent else None
    if blocking is not None:  # "a_file/x.svg" where a_file is a file
        raise NotADirectoryError(f"{where}: cannot write {shown}: {str(blocking)!r} is a file, not a folder; give a path through folders")
    if not parent:
        if not make_folder:
            raise FileNotFoundError(f"{where}: the folder of {shown} does not exist; create it first")
        try:
            real.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise failure(error) from None
    try:
        mode = stat.S_IMODE(os.stat(real).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    except OSError as error:
        raise failure(error) from None
    _clean_stale(real)
    try:
        fd, tmp = tempfile.mkstemp(dir=real.parent, prefix=f".{real.name[:200]}.", suffix=".tmp")
    except OSError as error:
        raise failure(error) from None
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, real)
    except BaseException as error:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(error, OSError):
            raise failure(error) from None
        raise
    return given


STALE_AFTER = 3600.0  # seconds: a temporary file this old is a killed save's, never one being written


def _clean_stale(real: Path) -> None:
    """Remove the temporary files of earlier saves to ``real`` that were killed before they could clean up
    (inside ``os.replace``, by SIGKILL or a power cut): ours by name, and over `STALE_AFTER` old, so a save
    running at the same time keeps its own. Best effort: a file that cannot be removed is left."""
    pattern = re.compile(re.escape(f".{real.name[:200]}.") + r"[a-z0-9_]{8}\.tmp")
    now = time.time()
    try:
        with os.scandir(real.parent) as entries:
            stale = [e.path for e in entries if pattern.fullmatch(e.name) and e.is_file(follow_symlinks=False)
                     and now - e.stat(follow_symlinks=False).st_mtime > STALE_AFTER]
    except OSError:
        return
    for path in stale:
        try:
            os.unlink(path)
        except OSError:
            pass


def _umask() -> int:
    """The process's umask (reading it means setting it, so it is set straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
