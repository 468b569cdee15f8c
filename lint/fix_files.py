"""Writing a fixed file: only if unchanged since it was read and writable; atomically (or in place for a file
with several hard links), keeping its mode, owner and group. Naming it in a ``--diff`` patch."""
from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

#: what git's diff writes as a backslash escape in a quoted file name (other control characters as octal)
_C_ESCAPES = {7: "a", 8: "b", 9: "t", 10: "n", 11: "v", 12: "f", 13: "r", 34: '"', 92: "\\"}


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


def diff_header(path: str, folder: str | None = None) -> str:
    """The ``--- a/NAME`` and ``+++ b/NAME`` lines of a patch of the file ``path``, written as git writes them, so
    that ``patch -p1`` and ``git apply`` in ``folder`` (the current one) both find the file: NAME is
    :func:`patch_name`; a name holding a quote, a backslash, a control character or bytes that are not UTF-8 is
    quoted (``"a/q\\"x.txt"``, octal escapes for the bytes), and a name holding a space is followed by a tab, as
    GNU diff and git end it (else GNU patch takes the name to end at the space)."""
    name = patch_name(path, folder)
    tab = "\t" if " " in name else ""
    return f"--- {_quoted('a/' + name)}{tab}\n+++ {_quoted('b/' + name)}{tab}\n"


def patch_name(path: str, folder: str | None = None, paths=os.path) -> str:
    """``path`` as a patch applied in ``folder`` (the current one) names it: from that folder, with ``/`` between
    its parts (``./x.txt`` and ``sub/../x.txt`` are ``x.txt``; ``..`` resolved as the system does, through a
    linked folder). ``patch`` and ``git apply`` refuse a name going up (``../x.txt``) or from the root, so a file
    outside ``folder`` is named from the root of its drive, without the leading separator: that part applies with
    ``patch -p1 -d /``. ``paths`` is the path module (``ntpath`` to test Windows paths)."""
    folder = paths.realpath(folder or os.getcwd())
    full = paths.join(folder, path)  # (an absolute path stays as it is)
    full = paths.join(paths.realpath(paths.dirname(full)), paths.basename(full))
    try:
        name = paths.relpath(full, folder)
    except ValueError:  # (another drive)
        name = paths.pardir
    separators = paths.sep + (paths.altsep or "")
    if name == paths.pardir or name.startswith(tuple(paths.pardir + sep for sep in separators)):
        name = paths.splitdrive(full)[1].lstrip(separators)
    return name.replace(paths.sep, "/")


def _quoted(name: str) -> str:
    """``name`` as git's diff writes it (``core.quotePath`` off: UTF-8 names as they are): in double quotes with
    C escapes when it holds a quote, a backslash, a control character or bytes that are not UTF-8 (a GBK name
    from a Windows zip, held as surrogate escapes: written as octal escapes of those bytes); else as it is."""
    if not any(ord(char) < 32 or char in '"\\\x7f' or "\udc80" <= char <= "\udcff" for char in name):
        return name
    out = []
    for char in name:
        code = ord(char)
        if code in _C_ESCAPES:
            out.append("\\" + _C_ESCAPES[code])
        elif code < 32 or code == 127:
            out.append(f"\\{code:03o}")
        elif 0xDC80 <= code <= 0xDCFF:  # (a byte the file system name holds that is not UTF-8)
            out.append(f"\\{code - 0xDC00:03o}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'
