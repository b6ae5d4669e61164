"""`congvan parse`: one record per file; bad files get one line each and a non-zero exit."""

from __future__ import annotations

import json
import subprocess
import sys

from congvan.cli import main
from tests.conftest import FIXTURES

SEED = FIXTURES / "seeds" / "001_cc414d502797d7c6.txt"


def test_json_lines_for_good_files(capsys):
    assert main(["parse", str(SEED), "--json"]) == 0
    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["number"] for r in records] == ["498"]


def test_bad_files_are_named_on_stderr_and_the_rest_still_goes_through(tmp_path, capsys):
    empty = tmp_path / "rong.txt"
    empty.write_bytes(b"")
    prose = tmp_path / "thu.txt"
    prose.write_text("Hôm nay trời đẹp.", encoding="utf-8")
    missing = tmp_path / "khong-co.docx"
    out = tmp_path / "out"
    code = main(["parse", str(empty), str(SEED), str(prose), str(missing), "--out", str(out)])
    captured = capsys.readouterr()
    assert code == 1
    errors = [line for line in captured.err.splitlines() if line.startswith("Lỗi:")]
    assert len(errors) == 3
    for path in (empty, prose, missing):
        assert sum(str(path) in line for line in errors) == 1
    written = json.loads((out / f"{SEED.stem}.json").read_text(encoding="utf-8"))
    assert written["notation"] == "STTTT-TTBCBC"
    assert sorted(p.name for p in out.iterdir()) == [f"{SEED.stem}.json"]


def test_a_summary_in_vietnamese_by_default(capsys):
    assert main(["parse", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert "Số, ký hiệu: 498/STTTT-TTBCBC" in out
    assert "ngày 17 tháng 7 năm 2020" in out


def test_the_installed_command_exits_non_zero_on_failure(tmp_path):
    missing = tmp_path / "khong-co.txt"
    result = subprocess.run(
        [sys.executable, "-m", "congvan.cli", "parse", str(missing)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert str(missing) in result.stderr
