"""Writing a fixed file: only if unchanged since it was read and writable; atomically (or in place for a file
with several hard links), keeping its mode, owner and group."""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

#: fixes are applied again after re-linting, at most this many times

def _keep_owner(path: str, status: os.stat_result) -> None:
    """Give ``path`` the owner and group of ``status`` as far as the system lets us (the group alone, or none)."""
    for uid in (status.st_uid, -1):
        try:
            os.chown(path, uid, status.st_gid)
            return
        except PermissionError:
            continue
        except (OSError, AttributeError):  # (no chown on this system, a file system without owners)
            return


def write_atomically(path: str, data: bytes) -> None:
    """Replace the file at ``path`` (following a symlink) by ``data`` in one step, keeping its mode and, where the
    system allows, its owner and group."""
    target = os.path.realpath(path)
    folder = os.path.dirname(target) or "."
    status = os.stat(target)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(target)}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        _keep_owner(temporary, status)
        os.chmod(temporary, stat.S_IMODE(status.st_mode))
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise


def write_in_place(path: str, data: bytes, original: bytes) -> None:
    """Overwrite the file at ``path`` with ``data`` (the same inode: every hard link sees it); should the write
    fail (a full disk), ``original`` is put back before the error is raised."""
    with open(os.path.realpath(path), "r+b") as stream:
        try:
            stream.write(data)
            stream.truncate()
            stream.flush()
            os.fsync(stream.fileno())
        except OSError:
            try:
                stream.seek(0)
                stream.write(original)
                stream.truncate()
                stream.flush()
                os.fsync(stream.fileno())
            except OSError:
                pass
            raise


def _identity(status: os.stat_result | None) -> tuple | None:
    return None if status is None else (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)


def file_status(path: str) -> os.stat_result | None:
    try:
        return os.stat(path)
    except OSError:
        return None


class NotWritten(Exception):
    """The fixed file was not written. ``error``: a failure the run ends with exit 2 for (the file or its folder
    cannot be written); else the file changed on disk while it was fixed (a warning)."""

    def __init__(self, reason: str, error: bool):
        super().__init__(reason)
        self.error = error


def write_fixed(path: str, data: bytes, original: bytes, read_status: os.stat_result | None) -> None:
    """Write the fixed ``data`` over the file read as ``original`` (``read_status``: its stat when read), or raise
    NotWritten: the file changed since (size, time, inode, bytes), is read-only, or cannot be written."""
    status = file_status(path)
    changed = status is None or (read_status is not None and _identity(status) != _identity(read_status))
    if not changed:
        try:
            changed = Path(path).read_bytes() != original
        except OSError:
            changed = True
    if changed:
        raise NotWritten("changed while being fixed; not written", error=False)
    if not status.st_mode & stat.S_IWUSR or not os.access(path, os.W_OK):
        raise NotWritten("cannot write: the file is read-only (no write permission); not changed", error=True)
    try:
        if status.st_nlink > 1:
            write_in_place(path, data, original)
        else:
            write_atomically(path, data)
    except OSError as error:
        raise NotWritten(f"cannot write: {error.strerror or error}", error=True) from None
