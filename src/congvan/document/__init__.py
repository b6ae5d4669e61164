"""The dispatch itself, without any web framework: the record (``model``), Vietnamese text
(``vntext``, ``legacy``), file → text (``extract``), text → record (``parse``) and the rules of
Decree 30/2020/NĐ-CP (``decree30``). Usable alone::

    from congvan.document.extract import extract_text
    from congvan.document.parse import parse_text

    record = parse_text(extract_text("cong-van.pdf")).to_json()
"""

import importlib.machinery
import importlib.util
import sys
from pathlib import Path

# `parse` and `vntext` are compiled when congvan is installed (setup.py), and Python imports a
# compiled module before its source. A source edited after the build is loaded instead, so that
# an edit is never hidden; `vntext` first, since `parse` imports it (and a compiled `parse` reads
# a compiled `vntext` by its library, not by name: a stale `vntext` takes the source of both).
COMPILED_MODULES = ("vntext", "parse")


def edited_since_build(folder: Path) -> list[str]:
    """The modules of `COMPILED_MODULES` in `folder` to load from their source: each one whose
    compiled library is older than its source, and those after it."""
    for k, name in enumerate(COMPILED_MODULES):
        source = folder / f"{name}.py"
        for suffix in importlib.machinery.EXTENSION_SUFFIXES:
            library = folder / f"{name}{suffix}"
            if library.exists() and library.stat().st_mtime < source.stat().st_mtime:
                return list(COMPILED_MODULES[k:])
    return []


def _load_sources(names: list[str]) -> None:
    for name in names:
        spec = importlib.util.spec_from_file_location(
            f"{__name__}.{name}", Path(__file__).with_name(f"{name}.py")
        )
        assert spec is not None and spec.loader is not None  # (a file of Python source)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = globals()[name] = module
        spec.loader.exec_module(module)


# (in a checkout, where sources are edited; an installed copy keeps the files of one build, whose
# times the installer may not keep)
if (Path(__file__).parents[3] / "setup.py").exists():
    _load_sources(edited_since_build(Path(__file__).parent))
