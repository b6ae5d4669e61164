"""``congvan backup`` and ``congvan restore``: database and files, checked, restored, verified."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from tests.hardening.helpers import ROOT, command, env_for, query, run, sha256, write_corpus

pytestmark = pytest.mark.skipif(shutil.which("true") is None, reason="needs a POSIX system")


@pytest.fixture(scope="module")
def stocked(tmp_path_factory):
    """A CONGVAN_HOME with 12 registered documents, and its backup."""
    base = tmp_path_factory.mktemp("backup")
    home, corpus, dest = base / "home", base / "corpus", base / "backup"
    write_corpus(corpus, 12, seed=7)
    done = run(home, "ingest", "--register", "incoming", "--quiet", "--workers", "1", str(corpus))
    assert done.returncode == 0, done.stderr
    done = run(home, "backup", str(dest))
    assert done.returncode == 0, done.stderr
    assert "12 tệp" in done.stdout
    return home, dest


def test_the_manifest_names_every_file_and_table(stocked):
    home, dest = stocked
    manifest = json.loads((dest / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["engine"] == "sqlite"
    assert manifest["counts"]["registry_document"] == 12
    assert manifest["counts"]["registry_entry"] == 12
    assert "audit_event" in manifest["counts"]
    assert len(manifest["files"]) == 12
    for item in manifest["files"]:
        copied = dest / "files" / item["path"]
        assert sha256(copied) == item["sha256"] == copied.name
        assert (home / "files" / item["path"]).read_bytes() == copied.read_bytes()
    assert sha256(dest / "database.sqlite3") == manifest["database"]["sha256"]


def test_restore_into_an_empty_home_is_verified(stocked, tmp_path):
    home, dest = stocked
    target = tmp_path / "restored"
    done = run(target, "restore", str(dest))
    assert done.returncode == 0, done.stderr
    assert "12 tệp khớp SHA-256" in done.stdout and "toàn vẹn" in done.stdout
    sql = "SELECT sha256, number, notation FROM registry_document ORDER BY id"
    assert query(target, sql) == query(home, sql)
    sql = "SELECT document_id, year, number FROM registry_entry ORDER BY id"
    assert query(target, sql) == query(home, sql)
    for (digest,) in query(target, "SELECT sha256 FROM registry_document"):
        assert sha256(target / "files" / digest[:2] / digest[2:4] / digest) == digest
    # the restored home works: search finds a stored document by its code
    number, notation = query(target, "SELECT number, notation FROM registry_document")[0]
    found = run(target, "audit", "verify")
    assert found.returncode == 0, found.stderr
    found = subprocess.run(
        [sys.executable, "-m", "congvan.cli", "search", f"{number}/{notation}"],
        cwd=ROOT, env=env_for(target), capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert found.returncode == 0, found.stderr
    assert notation in found.stdout


def test_restore_refuses_a_home_with_data_without_force(stocked, tmp_path):
    _, dest = stocked
    target = tmp_path / "busy"
    target.mkdir()
    (target / "congvan.sqlite3").write_bytes(b"")
    refused = run(target, "restore", str(dest))
    assert refused.returncode == 1
    assert "--force" in refused.stderr
    assert (target / "congvan.sqlite3").read_bytes() == b""  # untouched
    forced = run(target, "restore", "--force", str(dest))
    assert forced.returncode == 0, forced.stderr
    assert query(target, "SELECT COUNT(*) FROM registry_document") == [(12,)]


def test_a_damaged_backup_is_refused_before_anything_is_written(stocked, tmp_path):
    _, dest = stocked
    damaged = tmp_path / "damaged"
    shutil.copytree(dest, damaged)
    victim = next(p for p in (damaged / "files").rglob("*") if p.is_file())
    victim.write_bytes(victim.read_bytes() + b"x")
    target = tmp_path / "empty"
    refused = run(target, "restore", str(damaged))
    assert refused.returncode == 1
    assert "hỏng" in refused.stderr
    assert not target.exists() or not any(target.iterdir())


def test_backup_refuses_a_folder_with_data(stocked, tmp_path):
    home, dest = stocked
    refused = run(home, "backup", str(dest))
    assert refused.returncode == 1
    assert "đã có dữ liệu" in refused.stderr


def test_backup_while_documents_are_being_ingested_is_consistent(tmp_path):
    """The backup taken during a bulk ingest restores to a state where every document has its
    file and its number, and the counts match the manifest (``restore`` checks them)."""
    home, corpus = tmp_path / "home", tmp_path / "corpus"
    write_corpus(corpus / "a", 5, seed=11)
    assert (
        run(home, "ingest", "--register", "incoming", "--quiet", str(corpus / "a")).returncode == 0
    )
    write_corpus(corpus / "b", 80, seed=12)
    writer = subprocess.Popen(
        command(home, "ingest", "--register", "incoming", "--quiet", "--workers", "1",
                str(corpus / "b")),
        cwd=ROOT, env=env_for(home), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        backups = []
        for i in range(2):
            dest = tmp_path / f"backup-{i}"
            done = run(home, "backup", str(dest))
            assert done.returncode == 0, done.stderr
            backups.append(dest)
    finally:
        writer.communicate(timeout=120)
    assert writer.returncode == 0
    for i, dest in enumerate(backups):
        target = tmp_path / f"restored-{i}"
        done = run(target, "restore", str(dest))
        assert done.returncode == 0, done.stderr
        rows = query(target, "SELECT sha256 FROM registry_document")
        assert len(rows) >= 5
        for (digest,) in rows:
            assert (target / "files" / digest[:2] / digest[2:4] / digest).exists()
        numbers = [n for (n,) in query(target, "SELECT number FROM registry_entry ORDER BY number")]
        assert numbers == list(range(1, len(rows) + 1))


def test_without_pg_dump_the_message_says_what_to_install(monkeypatch):
    from congvan.audit.backup import BackupError, _need

    monkeypatch.setenv("PATH", "/nonexistent")
    with pytest.raises(BackupError) as refused:
        _need("pg_dump")
    assert "postgresql-client" in str(refused.value)


@pytest.fixture
def postgres_pair():
    """Two empty databases on the server of CONGVAN_TEST_DATABASE_URL (made and dropped here)."""
    from urllib.parse import urlsplit, urlunsplit

    url = os.environ.get("CONGVAN_TEST_DATABASE_URL")
    if not url or not shutil.which("pg_dump"):
        pytest.skip("needs CONGVAN_TEST_DATABASE_URL and pg_dump")
    import psycopg

    parts = urlsplit(url)
    base = (parts.path.lstrip("/") or "congvan") + "_backup_test"
    names = [f"{base}_src", f"{base}_dst"]
    admin_url = urlunsplit(parts._replace(path="/postgres"))

    def execute(*statements):
        with psycopg.connect(admin_url, autocommit=True) as conn:
            for statement in statements:
                conn.execute(statement)

    execute(*(f'DROP DATABASE IF EXISTS "{n}"' for n in names))
    execute(*(f'CREATE DATABASE "{n}"' for n in names))
    yield [urlunsplit(parts._replace(path=f"/{n}")) for n in names]
    # Not WITH (FORCE): that refuses to end an autovacuum worker, which has no role the test
    # user may signal; a plain DROP stops autovacuum itself and waits for closing sessions.
    execute(*(f'DROP DATABASE IF EXISTS "{n}"' for n in names))


def test_postgresql_backup_and_verified_restore(postgres_pair, tmp_path):
    source_url, target_url = postgres_pair
    home, target, dest = tmp_path / "home", tmp_path / "restored", tmp_path / "backup"
    write_corpus(tmp_path / "corpus", 6, seed=21)

    def pg(home_dir, url, *argv):
        env = env_for(home_dir) | {"CONGVAN_DATABASE_URL": url}
        return subprocess.run(
            [sys.executable, "-m", "tests.hardening.run_command", *argv],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
        )  # fmt: skip

    done = subprocess.run(
        [sys.executable, "-m", "congvan.cli", "ingest", "--register", "incoming", "--quiet",
         str(tmp_path / "corpus")],
        cwd=ROOT, env=env_for(home) | {"CONGVAN_DATABASE_URL": source_url},
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    done = pg(home, source_url, "backup", str(dest))
    assert done.returncode == 0, done.stderr
    manifest = json.loads((dest / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["engine"] == "postgresql" and manifest["counts"]["registry_document"] == 6
    done = pg(target, target_url, "restore", str(dest))
    assert done.returncode == 0, done.stderr
    assert "6 tệp khớp SHA-256" in done.stdout
    refused = pg(tmp_path / "other", target_url, "restore", str(dest))
    assert refused.returncode == 1 and "--force" in refused.stderr
