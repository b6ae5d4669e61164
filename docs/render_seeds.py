"""Render the seed gold records (and two generated ones) to PNG for docs/.

usage: .venv/bin/python docs/render_seeds.py   (needs LibreOffice and poppler-utils' pdftoppm)

Each record goes record → ``render_docx`` → LibreOffice PDF → ``pdftoppm`` (70 dpi, grey), one
PNG per page: ``docs/<name>-<page>.png``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from congvan.document.model import Document  # noqa: E402
from congvan.document.render import docx_to_pdf, render_docx  # noqa: E402
from congvan.document.synthetic import generate  # noqa: E402

OUT = ROOT / "docs"
DPI = "70"


def records() -> list[tuple[str, Document]]:
    out = []
    for path in sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.json")):
        out.append((f"seed-{path.stem[:3]}", Document.from_json(json.loads(path.read_text()))))
    stream = list(generate(400, seed=0))
    typed = next(d for d in stream if d.kind == "Kế hoạch" and d.tasks and d.issuer.parent)
    urgent = next(d for d in stream if d.kind == "Công văn" and d.urgency and len(d.tasks) > 1)
    decision = next(d for d in stream if d.kind == "Quyết định" and d.references)
    out += [("typed-ke-hoach", typed), ("urgent-cong-van", urgent), ("quyet-dinh", decision)]
    return out


def main() -> int:
    for old in OUT.glob("*.png"):
        old.unlink()
    for name, doc in records():
        pdf = docx_to_pdf(render_docx(doc))
        with tempfile.TemporaryDirectory() as tmp:
            source = Path(tmp) / "page.pdf"
            source.write_bytes(pdf)
            subprocess.run(
                ["pdftoppm", "-r", DPI, "-gray", "-png", str(source), str(OUT / name)], check=True
            )
        print(name, sorted(p.name for p in OUT.glob(f"{name}-*.png")))
    return 0


if __name__ == "__main__":
    sys.exit(main())
