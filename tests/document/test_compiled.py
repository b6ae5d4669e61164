"""The parser compiled by setup.py: built only from source that type-checks, never older than
its source when loaded, and reading every text as its source does."""

from __future__ import annotations

import importlib.machinery
import importlib.util
import os
import sys
from pathlib import Path

import pytest

import congvan.document
from congvan.document import parse, synthetic
from congvan.document.errors import ParseError
from tests.conftest import FIXTURES, ROOT, SHARED

SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]  # (`.cpython-311-x86_64-linux-gnu.so`)


def _touch(path: Path, mtime: int) -> None:
    path.write_text("")
    os.utime(path, (mtime, mtime))


@pytest.mark.parametrize(
    ("libraries", "expected"),
    [
        ({}, []),  # never compiled (no C compiler, CONGVAN_PURE_PYTHON=1)
        ({"vntext": 200, "parse": 200}, []),  # built after the last edit
        ({"vntext": 200, "parse": 50}, ["parse"]),  # parse edited since
        ({"vntext": 50, "parse": 200}, ["vntext", "parse"]),  # vntext edited: both sources
    ],
)
def test_a_module_edited_since_its_build_is_loaded_from_source(tmp_path, libraries, expected):
    for name in congvan.document.COMPILED_MODULES:
        _touch(tmp_path / f"{name}.py", 100)
    for name, mtime in libraries.items():
        _touch(tmp_path / f"{name}{SUFFIX}", mtime)
    assert congvan.document.edited_since_build(tmp_path) == expected


def test_the_compiled_modules_type_check():
    """mypyc compiles only source that mypy accepts (setup.py otherwise leaves it Python)."""
    from mypy import api

    folder = ROOT / "src/congvan/document"
    sources = [str(folder / f"{name}.py") for name in congvan.document.COMPILED_MODULES]
    out, err, status = api.run([*sources, "--no-incremental", "--no-error-summary"])
    assert status == 0, out + err


def _source_parser(monkeypatch):
    """`congvan.document.parse` loaded from its source under another name."""
    path = Path(congvan.document.__file__).with_name("parse.py")
    spec = importlib.util.spec_from_file_location("parse_from_source", path)
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, spec.name, module)  # (where its dataclasses look)
    spec.loader.exec_module(module)
    return module


def _record(module, text: str):
    try:
        return module.parse_text(text).to_json()
    except ParseError as err:
        return str(err)


@pytest.mark.skipif(parse.__file__.endswith(".py"), reason="the parser runs from its source")
def test_the_compiled_parser_reads_as_its_source(monkeypatch):
    texts = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("seeds/*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted(SHARED.glob("corpus/dev/*.txt"))]
    texts += [text for _, text in synthetic.iter_pairs(300, seed=3)]
    source = _source_parser(monkeypatch)
    for text in texts:
        assert _record(parse, text) == _record(source, text)
