"""Original files, stored once by content: ``CONGVAN_HOME/files/ab/cd/<sha256>``.

A file is written (atomically, by rename) before its database row is committed; a row never
points at a missing file, and a file left by a failed transaction is the same bytes that a later
ingest of that file writes again, so nothing half-written is ever visible.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
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


_MADE: set[Path] = set()  # folders known to exist, so as not to ask the file system each time


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def content_type_of(filename: str) -> str:
    ext = os.path.splitext(filename)[1].lower()
    return CONTENT_TYPES.get(ext) or mimetypes.guess_type(filename)[0] or "application/octet-stream"


def path_for(sha256: str) -> Path:
    return Path(settings.FILES_DIR) / sha256[:2] / sha256[2:4] / sha256


def store_bytes(data: bytes, sha256: str) -> Path:
    """Write ``data`` under its hash unless it is already there; returns the path."""
    path = path_for(sha256)
    try:
        if path.stat().st_size == len(data):
            return path
    except FileNotFoundError:
        pass
    if path.parent not in _MADE:
        path.parent.mkdir(parents=True, exist_ok=True)
        if len(_MADE) < 70_000:  # 65,536 folders at most
            _MADE.add(path.parent)
    # a name of this process and thread: no other writer can hold it, and choosing it costs
    # nothing (a random name from tempfile costs as much as the write)
    tmp = path.with_name(f".tmp-{os.getpid()}-{threading.get_ident()}-{sha256[:16]}")
    try:
        with open(tmp, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path
