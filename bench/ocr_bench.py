"""OCR benchmark: gold records → rendered PDF → 200 dpi scan with noise and skew → OCR → parse.

For every gold record of ``../shared/corpus`` (``seeds`` and ``dev``), the record is rendered to
PDF (``congvan.document.render.render_pdf``), each page rasterised at 200 dpi in grey, given a
slight skew (±1.5°), Gaussian noise, specks and a light blur, and bound again into an image-only
PDF: a scan. That scan goes through ``extract_document(..., ocr=True)`` (OCRmyPDF + Tesseract
``vie``) and ``parse_text``; the predictions are scored with ``../shared/eval/score.py`` against
the gold records. The same records parsed from the rendered PDF's own text layer give the
baseline (what rendering and parsing lose without OCR), so the OCR loss is the difference.

Prints the per-field table of the scorer, ``overall`` for OCR and baseline, pages per minute and
the mean Tesseract confidence. Needs LibreOffice, OCRmyPDF, tesseract-ocr and tesseract-ocr-vie;
says which is missing otherwise.

    python bench/ocr_bench.py [--limit N] [--keep DIR] [--seed N]
"""

from __future__ import annotations

import argparse
import io
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
DPI = 200


def gold_files() -> list[Path]:
    files: list[Path] = []
    for folder in ("seeds", "dev"):
        files += sorted((SHARED / "corpus" / folder).glob("*.json"))
    return files


def scan(pdf: bytes, rng: random.Random) -> tuple[bytes, int]:
    """A rendered PDF → an image-only PDF as a 200 dpi scanner would make it; (bytes, pages)."""
    import img2pdf
    import pypdfium2 as pdfium
    from PIL import Image, ImageDraw, ImageFilter

    document = pdfium.PdfDocument(pdf)
    pages: list[bytes] = []
    try:
        for page in document:
            image = page.render(scale=DPI / 72).to_pil().convert("L")
            image = image.rotate(
                rng.uniform(-1.5, 1.5), resample=Image.Resampling.BICUBIC, fillcolor=255
            )
            noise = Image.effect_noise(image.size, 60).convert("L")
            image = Image.blend(image, noise, 0.12)
            draw = ImageDraw.Draw(image)
            width, height = image.size
            for _ in range(1500):  # dust and toner specks
                x, y = rng.randrange(width), rng.randrange(height)
                draw.point((x, y), fill=rng.randrange(0, 120))
            image = image.filter(ImageFilter.GaussianBlur(0.4))
            buffer = io.BytesIO()
            image.save(buffer, format="PNG", dpi=(DPI, DPI))
            pages.append(buffer.getvalue())
    finally:
        document.close()
    layout = img2pdf.get_fixed_dpi_layout_fun((DPI, DPI))
    return img2pdf.convert(pages, layout_fun=layout), len(pages)


def score(gold_dir: Path, pred_dir: Path) -> tuple[float, str]:
    result = subprocess.run(
        [sys.executable, str(SCORER), str(gold_dir), str(pred_dir)],
        capture_output=True,
        text=True,
        check=True,
    )
    overall = float(result.stdout.strip().splitlines()[-1].split()[-1])
    return overall, result.stdout


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N records")
    parser.add_argument("--keep", type=Path, help="keep scans, OCR text and predictions here")
    parser.add_argument("--seed", type=int, default=30, help="random seed of skew and noise")
    args = parser.parse_args(argv)

    from congvan.document.extract import extract_bytes, extract_document
    from congvan.document.model import Document
    from congvan.document.ocr import unavailable_reason
    from congvan.document.parse import parse_text
    from congvan.document.render import find_soffice, render_pdf

    files = gold_files()
    if not files or not SCORER.exists():
        print(f"ocr_bench: no gold records or scorer under {SHARED}: skipped")
        return 0
    reason = unavailable_reason()
    if reason or not find_soffice():
        print(f"ocr_bench: skipped: {reason or 'LibreOffice (soffice) is not installed'}")
        return 0
    if args.limit:
        files = files[: args.limit]
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="congvan-ocr-bench-")) if not args.keep else args.keep
    gold_dir, ocr_dir, base_dir = work / "gold", work / "ocr", work / "baseline"
    for folder in (gold_dir, ocr_dir, base_dir):
        folder.mkdir(parents=True, exist_ok=True)

    pages_total, ocr_seconds, confidences, failures = 0, 0.0, [], []
    for number, path in enumerate(files, start=1):
        name = path.stem
        (gold_dir / path.name).write_bytes(path.read_bytes())
        record = Document.from_json(json.loads(path.read_text("utf-8")))
        pdf = render_pdf(record)
        (base_dir / path.name).write_text(
            json.dumps(parse_text(extract_bytes(pdf, f"{name}.pdf")).to_json(), ensure_ascii=False),
            "utf-8",
        )
        scanned, pages = scan(pdf, rng)
        started = time.perf_counter()
        try:
            extracted = extract_document(scanned, f"{name}.scan.pdf", ocr=True)
        except Exception as error:  # one bad page must not end the benchmark
            failures.append(f"{name}: {error}")
            continue
        ocr_seconds += time.perf_counter() - started
        pages_total += pages
        confidences.append(extracted.ocr.confidence or 0.0)
        prediction = parse_text(extracted.text)
        (ocr_dir / path.name).write_text(
            json.dumps(prediction.to_json(), ensure_ascii=False), "utf-8"
        )
        if args.keep:
            (work / f"{name}.scan.pdf").write_bytes(scanned)
            (work / f"{name}.ocr.txt").write_text(extracted.text, "utf-8")
        print(
            f"[{number}/{len(files)}] {name}: {pages} tr., tin cậy "
            f"{extracted.ocr.confidence_label}",
            file=sys.stderr,
        )

    ocr_overall, table = score(gold_dir, ocr_dir)
    base_overall, _ = score(gold_dir, base_dir)
    print(table.rstrip())
    rate = pages_total / ocr_seconds * 60 if ocr_seconds else 0.0
    mean_conf = sum(confidences) / len(confidences) if confidences else 0.0
    print(f"documents: {len(files)} ({len(failures)} failed), pages: {pages_total}")
    print(f"ocr speed: {rate:.1f} pages/minute ({ocr_seconds:.1f} s OCR)")
    print(f"mean tesseract word confidence: {mean_conf:.1f}")
    print(f"baseline (rendered PDF text, no OCR) overall: {base_overall:.3f}")
    print(f"ocr overall: {ocr_overall:.3f} (goal 0.90)")
    for failure in failures:
        print(f"failed: {failure}")
    if args.keep:
        print(f"files: {work}")
    else:
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
