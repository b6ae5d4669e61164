"""Original files, stored once by content: ``CONGVAN_HOME/files/ab/cd/<sha256>``.

A file is written (atomically, by rename) before its database row is committed; a row never
points at a missing file, and a file left by a failed transaction is the same bytes that a later
ingest of that file writes again, so nothing half-written is ever visible.
"""

from __future__ import annotations

import contextlib
import hashlib
import mimetypes
import os
import sys
import threading
from pathlib import Path

from django.conf import settings

CONTENT_TYPES = {
    ".txt": "text/plain",
    ".md": "text/markdown",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".doc": "application/msword",
    ".pdf": "application/pdf",
    ".xml": "application/xml",
    ".edxml": "application/xml",
}


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def content_type_of(filename: str) -> str:
    ext = os.path.splitext(filename)[1].lower()
    return CONTENT_TYPES.get(ext) or mimetypes.guess_type(filename)[0] or "application/octet-stream"


def path_for(sha256: str) -> Path:
    return Path(settings.FILES_DIR) / sha256[:2] / sha256[2:4] / sha256


def store_bytes(data: bytes, sha256: str) -> Path:
    """Write ``data`` under its hash unless it is already there; returns the path."""
    # plain strings and os calls: pathlib and buffered files cost as much as the write itself
    folder = f"{settings.FILES_DIR}/{sha256[:2]}/{sha256[2:4]}"
    path = f"{folder}/{sha256}"
    try:
        if os.stat(path).st_size == len(data):
            return Path(path)
    except FileNotFoundError:
        pass
    # a name of this process and thread: no other writer can hold it, and choosing it costs
    # nothing (a random name from tempfile costs as much as the write)
    tmp = f"{folder}/.tmp-{os.getpid()}-{threading.get_ident()}-{sha256[:16]}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC
    try:
        try:
            fd = os.open(tmp, flags, 0o666)
        except FileNotFoundError:  # the folder's first file: made now, not looked for each time
            _make_folder(folder)
            fd = os.open(tmp, flags, 0o666)
        try:
            view = memoryview(data)
            while view:  # a write may take part of the bytes only
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    return Path(path)


# Linux inode flag (``chattr +T``): the folders made under one so marked are spread over the
# disk's block groups (ext4's Orlov allocator), not packed beside it. The store's 65,536 folders
# then leave the busy groups of their parent (a temporary folder, say): on ext4 a new file in a
# group holding many recently deleted files costs a scan of them, ten times its usual cost.
_FS_IOC_GETFLAGS, _FS_IOC_SETFLAGS, _FS_TOPDIR_FL = 0x80086601, 0x40086602, 0x00020000
_SPREAD: set[str] = set()  # stores marked by this process


def _make_folder(folder: str) -> None:
    root = str(settings.FILES_DIR)
    if root not in _SPREAD:
        os.makedirs(root, exist_ok=True)
        spread_folders(root)
        _SPREAD.add(root)
    os.makedirs(folder, exist_ok=True)


def spread_folders(path: str) -> bool:
    """Mark ``path`` as the top of a hierarchy (``chattr +T``), where the file system has the
    flag; returns whether it is marked."""
    if not sys.platform.startswith("linux"):  # the flag and its ioctl are Linux's
        return False
    import array
    import fcntl

    try:
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        flags = array.array("l", [0])
        fcntl.ioctl(fd, _FS_IOC_GETFLAGS, flags)
        if not flags[0] & _FS_TOPDIR_FL:
            flags[0] |= _FS_TOPDIR_FL
            fcntl.ioctl(fd, _FS_IOC_SETFLAGS, flags)
        return True
    except OSError:  # another file system (tmpfs, NFS, …): nothing to spread
        return False
    finally:
        os.close(fd)
