"""Scans → text: OCRmyPDF with Tesseract's Vietnamese model.

``ocr_bytes(data, filename)`` takes a PDF without a text layer or an image (PNG, JPEG, TIFF —
multi-page too —, GIF, BMP) and returns an :class:`OCRResult`: the searchable PDF (the original
pages with an invisible text layer, to keep beside the original), its text laid out as
``extract`` lays out any PDF (columns of the header kept apart, so the parser reads it as
usual), the number of pages and words, and Tesseract's mean word confidence (0–100, from the
``x_wconf`` of each word of the hOCR). ``ocr_file(path)`` does the same for a file and writes the
searchable PDF beside it as ``NAME.ocr.pdf``.

Needs: the ``ocrmypdf`` Python package and, from Debian, ``tesseract-ocr`` and
``tesseract-ocr-vie`` (``ghostscript`` only for PDF/A output, which is not used here). Where
any is missing, :class:`OCRUnavailable` (a ``NeedsOCR``) says what to install. OCRmyPDF runs as
a child process with its own temporary folder, so its workers and logging stay out of the
caller's process and a stuck page is stopped by the timeout.
"""

from __future__ import annotations

import functools
import html
import importlib.util
import io
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from congvan.document.errors import NeedsOCR, UnreadableFile

__all__ = [
    "LANGUAGE",
    "OCRFailed",
    "OCRResult",
    "OCRUnavailable",
    "ocr_available",
    "ocr_bytes",
    "ocr_file",
    "searchable_path",
    "unavailable_reason",
]

LANGUAGE = "vie"
#: Seconds for one document (all pages) before OCR is given up.
TIMEOUT = 900
#: Upsample pages scanned at less than this resolution before OCR (``--oversample``); None
#: (the default, the one benchmarked) OCRs at the scan's own resolution. 300 reads some bold
#: signature titles better but scored lower overall in bench/ocr_bench.py and is slower.
OVERSAMPLE: int | None = None
#: Images without a credible resolution are taken as this many dots per inch.
DEFAULT_IMAGE_DPI = 300
INSTALL_HINT = (
    "cài trên Debian/Ubuntu: apt-get install tesseract-ocr tesseract-ocr-vie; "
    "và gói Python ocrmypdf (pip install ocrmypdf)"
)


class OCRUnavailable(NeedsOCR):
    """OCR was asked for but this machine lacks OCRmyPDF, Tesseract or its Vietnamese data."""


class OCRFailed(NeedsOCR):
    """OCR ran but could not read the file (damaged image, no text found, timeout)."""


@dataclass
class OCRResult:
    text: str
    pdf: bytes  # the searchable PDF
    confidence: float | None  # mean word confidence, 0–100; None where no word was found
    pages: int
    words: int

    @property
    def confidence_label(self) -> str:
        """``92,4 %`` for people, or a dash."""
        if self.confidence is None:
            return "—"
        return f"{self.confidence:.1f} %".replace(".", ",")


# ---------------------------------------------------------------------------------------------
# What is installed


def _tesseract() -> str | None:
    """Tesseract: ``$CONGVAN_TESSERACT``, else ``tesseract`` on PATH; None where neither is."""
    configured = os.environ.get("CONGVAN_TESSERACT")
    if configured:
        return configured if Path(configured).exists() or shutil.which(configured) else None
    return shutil.which("tesseract")


@functools.lru_cache(maxsize=8)
def _languages(binary: str) -> frozenset[str]:
    try:
        result = subprocess.run(
            [binary, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return frozenset()
    lines = (result.stdout + result.stderr).splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and " " not in line.strip())


def unavailable_reason(language: str = LANGUAGE) -> str | None:
    """None where OCR can run here, else why not (Vietnamese, with what to install)."""
    if importlib.util.find_spec("ocrmypdf") is None:
        return f"chưa cài OCRmyPDF nên không nhận dạng được ký tự; {INSTALL_HINT}"
    binary = _tesseract()
    if not binary:
        return f"chưa cài Tesseract (lệnh tesseract) nên không nhận dạng được ký tự; {INSTALL_HINT}"
    if language not in _languages(binary):
        return (
            f"Tesseract chưa có dữ liệu ngôn ngữ '{language}' (tiếng Việt); "
            f"cài trên Debian/Ubuntu: apt-get install tesseract-ocr-{language}"
        )
    return None


def ocr_available(language: str = LANGUAGE) -> bool:
    return unavailable_reason(language) is None


# ---------------------------------------------------------------------------------------------
# OCR


def searchable_path(path: str | os.PathLike[str]) -> Path:
    """Where the searchable PDF of ``path`` is kept: ``scan.pdf`` → ``scan.ocr.pdf``."""
    path = Path(path)
    return path.with_name(f"{path.stem}.ocr.pdf")


def ocr_file(
    path: str | os.PathLike[str], *, keep: bool = True, language: str = LANGUAGE
) -> OCRResult:
    """OCR the file at ``path``; with ``keep``, write the searchable PDF beside it."""
    name = os.fspath(path)
    try:
        data = Path(name).read_bytes()
    except OSError as error:
        raise UnreadableFile(
            f"không đọc được tệp ({error.strerror or error})", path=name
        ) from error
    result = ocr_bytes(data, name, language=language)
    if keep:
        target = searchable_path(name)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(result.pdf)
        os.replace(tmp, target)
    return result


def ocr_bytes(
    data: bytes,
    filename: str,
    *,
    language: str = LANGUAGE,
    deskew: bool = True,
    oversample: int | None = OVERSAMPLE,
    timeout: float = TIMEOUT,
) -> OCRResult:
    """OCR a scanned PDF or an image (see the module's description)."""
    reason = unavailable_reason(language)
    if reason:
        raise OCRUnavailable(reason, path=filename)
    with tempfile.TemporaryDirectory(prefix="congvan-ocr-") as tmp:
        folder = Path(tmp)
        source, image_dpi = _prepare(data, filename, folder)
        target = folder / "out.pdf"
        work = folder / "work"
        work.mkdir()
        command = [
            sys.executable,
            "-m",
            "ocrmypdf",
            "--language",
            language,
            "--output-type",
            "pdf",
            "--skip-text",  # pages that already have text are kept as they are
            "--optimize",
            "1",
            "--keep-temporary-files",  # the hOCR, for the confidence; in our own folder
            "--quiet",
            # a page slower than OCRmyPDF's own 180 s (a loaded machine) would be kept without
            # its text; the job's timeout bounds the whole run instead
            "--tesseract-timeout",
            str(int(timeout)),
        ]
        if deskew:
            command.append("--deskew")
        if oversample:
            command += ["--oversample", str(oversample)]
        if image_dpi:
            command += ["--image-dpi", str(image_dpi)]
        command += [str(source), str(target)]
        env = {**os.environ, "TMPDIR": str(work), "TMP": str(work), "TEMP": str(work)}
        binary = _tesseract()
        if binary and os.environ.get("CONGVAN_TESSERACT"):
            env["PATH"] = str(Path(binary).parent) + os.pathsep + env.get("PATH", "")
        try:
            result = subprocess.run(
                command, capture_output=True, timeout=timeout, env=env, check=False
            )
        except subprocess.TimeoutExpired as error:
            raise OCRFailed(
                f"nhận dạng ký tự (OCR) không xong sau {int(timeout)} giây", path=filename
            ) from error
        if result.returncode != 0 or not target.exists():
            raise _failure(result.returncode, result.stderr, filename)
        pdf = target.read_bytes()
        confidence, words = _confidence(work)
    text, pages = _text_of(pdf, filename)
    if not text.strip():
        raise OCRFailed(
            "nhận dạng ký tự (OCR) không tìm thấy chữ nào trong tệp (trang trắng, ảnh quá mờ?)",
            path=filename,
        )
    return OCRResult(text=text, pdf=pdf, confidence=confidence, pages=pages, words=words)


def _failure(code: int, stderr: bytes, filename: str) -> NeedsOCR:
    detail = stderr.decode("utf-8", "replace").strip().splitlines()
    last = detail[-1][-300:] if detail else ""
    if code == 3:  # ocrmypdf's missing_dependency
        return OCRUnavailable(f"thiếu chương trình cho OCR ({last}); {INSTALL_HINT}", path=filename)
    if code == 8:
        return OCRFailed("tệp PDF được đặt mật khẩu (mã hóa): không nhận dạng được", path=filename)
    if code in (2, 4):
        return OCRFailed(
            f"tệp hỏng hoặc không phải ảnh/PDF đọc được, không nhận dạng được ({last})",
            path=filename,
        )
    return OCRFailed(
        f"nhận dạng ký tự (OCR) thất bại (mã lỗi {code}){': ' + last if last else ''}",
        path=filename,
    )


def _prepare(data: bytes, filename: str, folder: Path) -> tuple[Path, int | None]:
    """The input file for OCRmyPDF and the resolution to give it (images only).

    PDFs go as they are; images are checked with Pillow and, where OCRmyPDF would refuse
    them (alpha channel, palette, GIF/BMP, several frames, no credible resolution), rewritten
    as a lossless PNG or multi-page TIFF.
    """
    if b"%PDF-" in data[:1024]:
        source = folder / "in.pdf"
        source.write_bytes(data)
        return source, None
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(data))
        image.load()
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise OCRFailed(
            "tệp ảnh bị hỏng hoặc không phải ảnh đọc được, không nhận dạng được ký tự",
            path=filename,
        ) from error
    dpi = image.info.get("dpi")
    credible = dpi and min(float(dpi[0]), float(dpi[1])) >= 70
    frames = getattr(image, "n_frames", 1)
    if image.format in ("PNG", "JPEG", "TIFF") and frames == 1 and image.mode in ("1", "L", "RGB"):
        source = folder / f"in.{image.format.lower()}"
        source.write_bytes(data)
        return source, None if credible else _guess_dpi(image)
    pages = []
    for frame in ImageSequence.Iterator(image):
        frame = frame.convert("RGBA") if "A" in frame.mode or frame.mode == "P" else frame
        if frame.mode == "RGBA":
            white = Image.new("RGB", frame.size, "white")
            white.paste(frame, mask=frame.split()[-1])
            frame = white
        elif frame.mode not in ("1", "L", "RGB"):
            frame = frame.convert("RGB")
        pages.append(frame.copy())
    resolution = (float(dpi[0]), float(dpi[1])) if credible else (_guess_dpi(image),) * 2
    if len(pages) == 1:
        source = folder / "in.png"
        pages[0].save(source, dpi=resolution)
    else:
        source = folder / "in.tif"
        pages[0].save(
            source,
            save_all=True,
            append_images=pages[1:],
            compression="tiff_deflate",
            dpi=resolution,
        )
    return source, None if credible else int(resolution[0])


def _guess_dpi(image) -> int:
    """A scan's resolution from its size, taking the page as A4 (210 mm wide)."""
    width = min(image.size)
    guess = round(width / (210 / 25.4))
    return guess if 70 <= guess <= 1200 else DEFAULT_IMAGE_DPI


def _confidence(work: Path) -> tuple[float | None, int]:
    """Mean word confidence over every hOCR page OCRmyPDF left in ``work``."""
    values: list[int] = []
    for hocr in sorted(work.rglob("*.hocr")):
        text = hocr.read_text("utf-8", errors="replace")
        for match in re.finditer(
            r"<span[^>]*class=['\"]ocrx_word['\"][^>]*>(.*?)</span>", text, re.S
        ):
            span = match.group(0)
            word = html.unescape(re.sub(r"<[^>]+>", "", match.group(1))).strip()
            conf = re.search(r"x_wconf (\d+)", span)
            if word and conf:
                values.append(int(conf.group(1)))
    if not values:
        return None, 0
    return round(sum(values) / len(values), 1), len(values)


def _text_of(pdf: bytes, filename: str) -> tuple[str, int]:
    from congvan.document.extract import _pdf_text

    try:
        text = _pdf_text(pdf, filename)
    except NeedsOCR:
        text = ""
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as document:
        pages = len(document.pages)
    return text, pages
