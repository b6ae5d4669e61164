"""Backup and verified restore of the database and the stored files, while the app runs.

A backup is a folder::

    manifest.json      format, time, engine, database file + SHA-256, row count of every
                       table, every stored file (path under files/, SHA-256, size)
    database.sqlite3   SQLite: a consistent copy made with the online backup API
    database.dump      PostgreSQL: ``pg_dump --format=custom`` of an exported snapshot, the
                       row counts read in that same snapshot
    files/ab/cd/<sha>  the stored files, each checked against its SHA-256

The database is copied first, then the files: a file is written before the row naming it is
committed and never changed afterwards, so every file the copied database names is there.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

FORMAT = "congvan-backup/1"
MANIFEST = "manifest.json"
SQLITE_NAME = "database.sqlite3"
PG_NAME = "database.dump"
_HEX = set("0123456789abcdef")


class BackupError(Exception):
    """A backup or restore that cannot be made (message in Vietnamese)."""


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _is_hash_name(name: str) -> bool:
    return len(name) == 64 and set(name) <= _HEX


def _say(progress: Callable[[str], None] | None, message: str) -> None:
    if progress is not None:
        progress(message)


# ---------------------------------------------------------------- backup


def backup(dest: str | Path, *, progress=None) -> dict:
    """Write a backup of the configured database and ``FILES_DIR`` to ``dest`` (a new or empty
    folder); returns the manifest."""
    from django.conf import settings
    from django.db import connection

    dest = Path(dest)
    if dest.exists() and any(dest.iterdir()):
        raise BackupError(f"Thư mục đích {dest} đã có dữ liệu: hãy chọn một thư mục mới hoặc rỗng.")
    dest.mkdir(parents=True, exist_ok=True)
    vendor = connection.vendor
    _say(progress, "Sao lưu cơ sở dữ liệu…")
    if vendor == "sqlite":
        database, counts = _backup_sqlite(Path(connection.settings_dict["NAME"]), dest)
    elif vendor == "postgresql":
        database, counts = _backup_postgresql(connection.settings_dict, dest)
    else:
        raise BackupError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu loại {vendor}.")
    _say(progress, "Sao chép tệp gốc…")
    stored = _copy_files(Path(settings.FILES_DIR), dest / "files", progress)
    manifest = {
        "format": FORMAT,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "engine": vendor,
        "database": {"file": database.name, "sha256": _sha256(database)},
        "counts": counts,
        "files": stored,
    }
    tmp = dest / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, dest / MANIFEST)  # the manifest last: a backup without one is unfinished
    return manifest


def _sqlite_counts(db: sqlite3.Connection) -> dict[str, int]:
    names = [
        r[0]
        for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            " ORDER BY name"
        )
    ]
    counts = {}
    for name in names:
        quoted = '"' + name.replace('"', '""') + '"'
        try:
            counts[name] = db.execute(f"SELECT COUNT(*) FROM {quoted}").fetchone()[0]
        except sqlite3.OperationalError:  # a virtual table of a missing module
            continue
    return counts


def _backup_sqlite(source: Path, dest: Path) -> tuple[Path, dict[str, int]]:
    if not source.exists():
        raise BackupError(f"Không thấy cơ sở dữ liệu {source}.")
    target = dest / SQLITE_NAME
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=60)
    dst = sqlite3.connect(target)
    try:
        src.backup(dst)  # one step: a consistent snapshot, writers go on meanwhile (WAL)
        dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
        counts = _sqlite_counts(dst)
    finally:
        dst.close()
        src.close()
    return target, counts


def _pg_env(params: dict) -> dict:
    env = dict(os.environ)
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = params["PASSWORD"]
    return env


def _pg_args(params: dict) -> list[str]:
    args = []
    if params.get("HOST"):
        args += ["--host", params["HOST"]]
    if params.get("PORT"):
        args += ["--port", str(params["PORT"])]
    if params.get("USER"):
        args += ["--username", params["USER"]]
    return args


def _need(tool: str) -> str:
    found = shutil.which(tool)
    if found is None:
        raise BackupError(
            f"Không tìm thấy chương trình {tool} của PostgreSQL. Hãy cài gói postgresql-client"
            f" (cùng phiên bản với máy chủ), ví dụ: sudo apt-get install postgresql-client,"
            f" rồi chạy lại."
        )
    return found


def _backup_postgresql(params: dict, dest: Path) -> tuple[Path, dict[str, int]]:
    """pg_dump of a snapshot exported by a transaction that also counts the rows: the counts
    and the dump see the same data."""
    from django.db import connections

    pg_dump = _need("pg_dump")
    target = dest / PG_NAME
    alias = "congvan_backup"
    connections.settings[alias] = {**params, "CONN_MAX_AGE": 0}  # a connection of its own
    conn = connections.create_connection(alias)
    try:
        conn.ensure_connection()
        raw = conn.connection
        raw.autocommit = False
        with raw.cursor() as cur:
            cur.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cur.execute("SELECT pg_export_snapshot()")
            snapshot = cur.fetchone()[0]
            cur.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
                " ORDER BY tablename"
            )
            names = [r[0] for r in cur.fetchall()]
            counts = {}
            for name in names:
                quoted = '"' + name.replace('"', '""') + '"'
                cur.execute(f"SELECT COUNT(*) FROM {quoted}")
                counts[name] = cur.fetchone()[0]
            done = subprocess.run(
                [
                    pg_dump,
                    *_pg_args(params),
                    "--format=custom",
                    "--no-owner",
                    f"--snapshot={snapshot}",
                    "--file",
                    str(target),
                    params["NAME"],
                ],
                env=_pg_env(params),
                capture_output=True,
                text=True,
            )
        raw.rollback()
    finally:
        conn.close()
        del connections.settings[alias]
    if done.returncode != 0:
        raise BackupError(f"pg_dump không chạy được: {done.stderr.strip()}")
    return target, counts


def _copy_files(source: Path, dest: Path, progress) -> list[dict]:
    stored = []
    if not source.exists():
        return stored
    for root, dirs, names in os.walk(source):
        dirs.sort()
        for name in sorted(names):
            if name.startswith(".tmp-"):  # a write under way (or abandoned): not a stored file
                continue
            path = Path(root) / name
            rel = path.relative_to(source)
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            digest, size = _copy_hashed(path, target)
            if _is_hash_name(name) and digest != name:
                raise BackupError(
                    f"Tệp {path} đã hỏng: nội dung không khớp mã SHA-256 trong tên tệp."
                )
            stored.append({"path": rel.as_posix(), "sha256": digest, "size": size})
            if len(stored) % 1000 == 0:
                _say(progress, f"… {len(stored)} tệp")
    return stored


def _copy_hashed(source: Path, target: Path) -> tuple[str, int]:
    """Copy through a temporary file, hashing the bytes on the way; renamed into place."""
    h = hashlib.sha256()
    size = 0
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with source.open("rb") as src, os.fdopen(fd, "wb") as out:
            for block in iter(lambda: src.read(1 << 20), b""):
                h.update(block)
                size += len(block)
                out.write(block)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return h.hexdigest(), size


# ---------------------------------------------------------------- restore


def read_manifest(source: Path) -> dict:
    path = source / MANIFEST
    if not path.exists():
        raise BackupError(f"{source} không phải bản sao lưu congvan (thiếu {MANIFEST}).")
    manifest = json.loads(path.read_text(encoding="utf-8"))
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Bản sao lưu dạng {manifest.get('format')!r}, cần {FORMAT!r}.")
    return manifest


def check_backup(source: str | Path) -> dict:
    """Every file of the backup against the manifest (before anything is written)."""
    source = Path(source)
    manifest = read_manifest(source)
    database = source / manifest["database"]["file"]
    if not database.exists() or _sha256(database) != manifest["database"]["sha256"]:
        raise BackupError(f"Tệp cơ sở dữ liệu {database} thiếu hoặc đã hỏng (SHA-256 khác).")
    for item in manifest["files"]:
        path = source / "files" / item["path"]
        if not path.exists() or _sha256(path) != item["sha256"]:
            raise BackupError(f"Tệp {path} thiếu hoặc đã hỏng (SHA-256 khác).")
    return manifest


def home_is_empty(home: Path) -> bool:
    return not home.exists() or not any(home.iterdir())


def restore(source: str | Path, *, force: bool = False, progress=None) -> dict:
    """Restore a backup into the configured ``CONGVAN_HOME`` and database, then verify it:
    every file's hash and every table's row count. Returns a summary."""
    from django.conf import settings
    from django.db import connection

    source = Path(source)
    home = Path(settings.HOME)
    _say(progress, "Kiểm tra bản sao lưu…")
    manifest = check_backup(source)
    vendor = connection.vendor
    if manifest["engine"] != vendor:
        raise BackupError(
            f"Bản sao lưu của cơ sở dữ liệu {manifest['engine']}, nhưng cấu hình hiện tại là"
            f" {vendor}: hãy đặt CONGVAN_DATABASE_URL cho đúng loại."
        )
    if not force:
        if not home_is_empty(home):
            raise BackupError(
                f"Thư mục {home} (CONGVAN_HOME) đã có dữ liệu: khôi phục sẽ ghi đè."
                " Hãy khôi phục vào một thư mục rỗng, hoặc thêm --force nếu chắc chắn."
            )
        if vendor == "postgresql" and _pg_has_tables(connection):
            raise BackupError(
                "Cơ sở dữ liệu PostgreSQL đích đã có bảng: khôi phục sẽ ghi đè."
                " Hãy dùng một cơ sở dữ liệu rỗng, hoặc thêm --force nếu chắc chắn."
            )
    home.mkdir(parents=True, exist_ok=True)
    _say(progress, "Khôi phục cơ sở dữ liệu…")
    database = source / manifest["database"]["file"]
    if vendor == "sqlite":
        target = Path(connection.settings_dict["NAME"])
        connection.close()
        target.parent.mkdir(parents=True, exist_ok=True)
        src = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=WAL")
            counts = _sqlite_counts(dst)
        finally:
            dst.close()
            src.close()
    else:
        counts = _restore_postgresql(connection, database)
    _say(progress, "Khôi phục tệp gốc…")
    files_dir = Path(settings.FILES_DIR)
    for item in manifest["files"]:
        target = files_dir / item["path"]
        target.parent.mkdir(parents=True, exist_ok=True)
        digest, _ = _copy_hashed(source / "files" / item["path"], target)
        if digest != item["sha256"]:
            raise BackupError(f"Tệp {target} chép ra khác bản sao lưu (SHA-256 khác).")
    _say(progress, "Đối chiếu…")
    problems = verify_restored(manifest, counts)
    if problems:
        raise BackupError("Khôi phục không khớp bản sao lưu: " + "; ".join(problems))
    return {"tables": len(manifest["counts"]), "rows": sum(manifest["counts"].values()),
            "files": len(manifest["files"])}  # fmt: skip


def verify_restored(manifest: dict, counts: dict[str, int]) -> list[str]:
    """Row counts of the restored database and every restored file against the manifest."""
    from django.conf import settings

    problems = []
    for table, expected in manifest["counts"].items():
        got = counts.get(table)
        if got != expected:
            problems.append(f"bảng {table}: {got} dòng, bản sao lưu có {expected}")
    files_dir = Path(settings.FILES_DIR)
    for item in manifest["files"]:
        path = files_dir / item["path"]
        if not path.exists() or _sha256(path) != item["sha256"]:
            problems.append(f"tệp {item['path']} thiếu hoặc khác")
    return problems


def _pg_has_tables(connection) -> bool:
    with connection.cursor() as cur:
        cur.execute("SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema()")
        return cur.fetchone()[0] > 0


def _restore_postgresql(connection, database: Path) -> dict[str, int]:
    params = connection.settings_dict
    pg_restore = _need("pg_restore")
    connection.close()
    done = subprocess.run(
        [
            pg_restore,
            *_pg_args(params),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--dbname",
            params["NAME"],
            str(database),
        ],
        env=_pg_env(params),
        capture_output=True,
        text=True,
    )
    if done.returncode != 0:
        raise BackupError(f"pg_restore không chạy được: {done.stderr.strip()}")
    counts = {}
    with connection.cursor() as cur:
        cur.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
        )
        for (name,) in cur.fetchall():
            quoted = '"' + name.replace('"', '""') + '"'
            cur.execute(f"SELECT COUNT(*) FROM {quoted}")
            counts[name] = cur.fetchone()[0]
    return counts
