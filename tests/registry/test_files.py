"""The file store: original bytes by SHA-256, written once, atomically."""

from __future__ import annotations

import array
import fcntl
import os
import sys

import pytest

from congvan.registry import files


@pytest.fixture
def store_dir(tmp_path, settings):
    settings.FILES_DIR = tmp_path / "files"
    return settings.FILES_DIR


def _leftovers(root) -> list[str]:
    return [name for _, _, names in os.walk(root) for name in names if name.startswith(".tmp-")]


def test_the_bytes_are_kept_under_their_hash_once(store_dir):
    data = "Số: 12/UBND-VP\nV/v phòng chống lừa đảo\n".encode()
    sha = files.sha256_of(data)
    path = files.store_bytes(data, sha)
    assert path == files.path_for(sha) == store_dir / sha[:2] / sha[2:4] / sha
    assert path.read_bytes() == data and not _leftovers(store_dir)
    inode = path.stat().st_ino
    assert files.store_bytes(data, sha) == path
    assert path.stat().st_ino == inode  # not written again


def test_a_file_cut_short_is_written_again(store_dir):
    data = b"x" * 10_000
    sha = files.sha256_of(data)
    path = files.store_bytes(data, sha)
    path.write_bytes(data[:100])
    files.store_bytes(data, sha)
    assert path.read_bytes() == data


def test_a_failed_write_leaves_nothing_behind(store_dir, monkeypatch):
    data = b"abc" * 1000
    sha = files.sha256_of(data)

    def full(fd, view):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "write", full)
    with pytest.raises(OSError):
        files.store_bytes(data, sha)
    assert not files.path_for(sha).exists() and not _leftovers(store_dir)


def test_a_short_write_is_completed(store_dir, monkeypatch):
    data = bytes(range(256)) * 100
    sha = files.sha256_of(data)
    write = os.write
    monkeypatch.setattr(files.os, "write", lambda fd, view: write(fd, view[:1000]))
    assert files.store_bytes(data, sha).read_bytes() == data


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a Linux inode flag")
def test_the_store_spreads_its_folders_where_the_file_system_can(store_dir):
    data = b"spread"
    files.store_bytes(data, files.sha256_of(data))
    if not files.spread_folders(str(store_dir)):
        pytest.skip("this file system has no chattr +T")
    fd = os.open(store_dir, os.O_RDONLY)
    try:
        flags = array.array("l", [0])
        fcntl.ioctl(fd, files._FS_IOC_GETFLAGS, flags)
    finally:
        os.close(fd)
    assert flags[0] & files._FS_TOPDIR_FL
