"""Writing a file all or nothing: the one writer behind `save` (drawings), `explore` and `nn`'s checkpoints.

``write_atomically(path, data, where)`` writes ``data`` to a temporary file beside the target, flushes
it to disk, gives it the target's permission bits (a new file: the umask's default, as ``open()`` would)
and renames it over the target. A crash or an error mid-write leaves the old file (or none), never a
broken one, and no temporary file behind. A symbolic link is written through: its target is replaced,
the link stays. Every failure is an OSError of the same kind whose message starts with ``where`` and
names the file the user gave.
"""

from __future__ import annotations

import os
import stat
import tempfile
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

    def failure(error: OSError, what: str = "") -> OSError:  # the same kind of OSError, its message starting with where
        return type(error)(f"{where}: cannot write {shown}: {what or error.strerror or error}")

    real = Path(os.path.realpath(given))  # through a symlink: replace the link's target
    try:
        folder, parent = real.is_dir(), real.parent.is_dir()
    except OSError as error:  # e.g. a name too long for the file system
        raise failure(error) from None
    if folder:
        raise IsADirectoryError(f"{where}: {shown} is a folder (a directory); give a file name")
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


def _umask() -> int:
    """The process's umask (reading it means setting it, so it is set straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
