"""Hostile files through ``congvan ingest``: a zip bomb named .docx, a 200 MB file, a PDF whose
objects refer to each other in a circle, files whose extension lies, empty files. Each gives one
clear Vietnamese line naming it, nothing of it is stored, the good files of the same batch go
in, and the exit status says a file failed. The limits come from the environment. Last, a short
run of the fuzzer (``make fuzz`` runs a million inputs)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from congvan.document.errors import UnreadableFile
from congvan.document.extract import extract_text
from congvan.document.vntext import fold
from tests.conftest import FIXTURES
from tests.document.test_extract import HELLO, docx_bytes, text_pdf
from tests.hardening.helpers import ROOT, command, env_for, query, sha256

MB = 1024 * 1024
SEEDS = sorted((FIXTURES / "seeds").glob("*.txt"))


def ingest(home: Path, *paths: Path, **env: str) -> subprocess.CompletedProcess:
    environ = env_for(home)
    environ["CONGVAN_OCR"] = "0"  # nothing here is a scan; never wait for Tesseract
    environ.update(env)
    return subprocess.run(
        [*command(home, "ingest", "--workers", "1"), *map(str, paths)],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=300,
    )


def stored_files(home: Path) -> set[str]:
    folder = home / "files"
    return {p.name for p in folder.rglob("*") if p.is_file()} if folder.exists() else set()


def zip_bomb(path: Path, unpacked: int) -> Path:
    """A .docx whose document.xml really unpacks to ``unpacked`` bytes (a few hundred kB on
    disk), written a megabyte at a time so the test never holds it."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            for _ in range(unpacked // MB):
                member.write(bytes(MB))
    return path


def dispatch(number: int) -> list[str]:
    return [
        "UBND TỈNH KIÊN GIANG", "SỞ THÔNG TIN VÀ TRUYỀN THÔNG", f"Số: {number}/STTTT-VP",
        "Kiên Giang, ngày 5 tháng 8 năm 2020", "V/v thử nghiệm đọc tệp",
        "Kính gửi: Báo Kiên Giang.", "Đề nghị Báo Kiên Giang đăng tải tin.", "Nơi nhận:",
        "- Như trên;", "- Lưu: VT.", "GIÁM ĐỐC", "Nguyễn Văn A",
    ]  # fmt: skip


def word_file(number: int) -> bytes:
    document = docx.Document()
    for line in dispatch(number):
        document.add_paragraph(line)
    return docx_bytes(document)


def pdf_file(number: int) -> bytes:
    """The dispatch in Helvetica, its diacritics folded away (the PDF's standard encoding has
    none of them): still a dispatch to the parser."""
    lines = [fold(line).upper() if line.isupper() else fold(line) for line in dispatch(number)]
    content = b"\n".join(
        [b"BT /F1 11 Tf 14 TL 56 780 Td", *(b"(%s) '" % line.encode() for line in lines), b"ET"]
    )
    return text_pdf(content)


def test_hostile_files_give_one_clear_line_each_and_store_nothing(tmp_path):
    home, batch = tmp_path / "home", tmp_path / "batch"
    batch.mkdir()
    good = []
    for seed in SEEDS:
        good.append(batch / seed.name)
        good[-1].write_bytes(seed.read_bytes())
    # an extension that lies about a readable file: read as what the bytes are
    good.append(batch / "cong-van-word.pdf")
    good[-1].write_bytes(word_file(77))
    good.append(batch / "cong-van-pdf.docx")
    good[-1].write_bytes(pdf_file(78))

    sparse = batch / "ho-so-200MB.txt"
    with sparse.open("wb") as handle:
        handle.truncate(200 * MB)  # sparse: 200 MB long, nothing written
    loop = batch / "vong-tham-chieu.pdf"
    loop.write_bytes(text_pdf(HELLO, b"7 0 R", b"6 0 R", mediabox=b"6 0 R"))
    text_as_pdf, text_as_docx = batch / "van-ban.pdf", batch / "van-ban.docx"
    text_as_pdf.write_text("Số: 12/UBND\nV/v thử\n", encoding="utf-8")
    text_as_docx.write_text("Số: 12/UBND\nV/v thử\n", encoding="utf-8")
    hostile = {
        zip_bomb(batch / "bom-nen.docx", 250 * MB): "bom nén",
        sparse: "quá lớn",
        loop: "tham chiếu vòng",
        text_as_pdf: "thiếu phần đầu %PDF-",
        text_as_docx: "không phải .docx hợp lệ",
    }
    for name in ("rong.txt", "rong.docx", "rong.pdf"):
        (batch / name).write_bytes(b"")
        hostile[batch / name] = "rỗng"

    done = ingest(home, batch)

    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.splitlines() if line.startswith("lỗi: ")]
    assert len(lines) == len(hostile), done.stderr
    for path, reason in hostile.items():
        [line] = [line for line in lines if f"{path}:" in line]
        assert reason in line, line
    assert f"{len(hostile)} lỗi" in done.stderr.splitlines()[-1]
    names = {name for (name,) in query(home, "SELECT original_name FROM registry_document")}
    assert names == {p.name for p in good}
    assert stored_files(home) == {sha256(p) for p in good}


def test_the_limits_come_from_the_environment(tmp_path):
    home, batch = tmp_path / "home", tmp_path / "batch"
    batch.mkdir()
    long = batch / "dai.txt"  # a real dispatch, padded to 150 kB
    padding = "\nThực hiện nghiêm túc, đầy đủ các nội dung nêu trên." * 2600
    long.write_text(SEEDS[0].read_text(encoding="utf-8") + padding, encoding="utf-8")
    assert long.stat().st_size > 0.1 * MB
    bomb = zip_bomb(batch / "nho.docx", 2 * MB)

    done = ingest(home, long, bomb, CONGVAN_MAX_FILE_MB="0.1", CONGVAN_MAX_UNPACKED_MB="1")

    assert done.returncode == 1
    [too_long] = [line for line in done.stderr.splitlines() if f"{long}:" in line]
    assert "vượt giới hạn 0.1 MB" in too_long
    [unpacked] = [line for line in done.stderr.splitlines() if f"{bomb}:" in line]
    assert "giới hạn 1 MB" in unpacked and "bom nén" in unpacked
    assert query(home, "SELECT COUNT(*) FROM registry_document") == [(0,)]
    assert stored_files(home) == set()

    again = ingest(home, long)  # the default limits let the same dispatch in
    assert again.returncode == 0, again.stderr
    assert query(home, "SELECT COUNT(*) FROM registry_document") == [(1,)]


def test_a_200_mb_file_is_refused_without_reading_it(tmp_path, monkeypatch):
    from congvan.registry.ingest import prepare

    sparse = tmp_path / "lon.pdf"
    with sparse.open("wb") as handle:
        handle.truncate(200 * MB)

    def never(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", never)
    monkeypatch.setattr(Path, "read_bytes", never)
    with pytest.raises(UnreadableFile, match="quá lớn"):
        extract_text(sparse)
    prepared = prepare(sparse)
    assert prepared.error and "quá lớn" in prepared.error[1]
    assert prepared.sha256 is None


def test_a_short_fuzzing_run_finds_nothing(tmp_path):
    # the seeds themselves, then mutations of them; `make fuzz` runs a million
    done = subprocess.run(
        [sys.executable, "fuzz/fuzz.py", "--inputs", "450", "--crashes", str(tmp_path)],
        cwd=ROOT,
        env={**os.environ, "CONGVAN_HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "450 inputs, 0 crashes, 0 hangs" in done.stdout
    assert not list(tmp_path.glob("*-crash-*")), done.stdout
