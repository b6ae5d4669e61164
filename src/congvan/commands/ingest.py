"""``congvan ingest PATH...``: read, parse, store and index files and folders (recursively)."""

from __future__ import annotations

import argparse
import sys
import time

from congvan.commands import iso_date

HELP = "Đưa văn bản (tệp, thư mục) vào kho: đọc, phân tích, lưu, lập chỉ mục"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", metavar="ĐƯỜNG_DẪN", help="tệp hoặc thư mục")
    parser.add_argument(
        "--register",
        choices=["incoming", "outgoing"],
        help="vào sổ: incoming = sổ văn bản đến (cấp số đến), outgoing = sổ văn bản đi",
    )
    parser.add_argument(
        "--date",
        type=iso_date,
        metavar="YYYY-MM-DD",
        help="ngày đến / ngày vào sổ (mặc định: hôm nay; sổ đi: ngày ban hành)",
    )
    parser.add_argument("--quiet", action="store_true", help="chỉ in lỗi và dòng tổng kết")
    parser.add_argument(
        "--workers",
        type=int,
        default=None,
        metavar="N",
        help="số tiến trình đọc và phân tích tệp song song (mặc định: số nhân CPU; 1: không)",
    )


class Progress:
    """One status line: counts and rate, redrawn in place on a terminal, every 10 s otherwise."""

    def __init__(self, total: int, stream=None, quiet: bool = False):
        self.total, self.stream, self.quiet = total, stream or sys.stderr, quiet
        self.tty = self.stream.isatty()
        self.done = self.new = self.again = self.failed = 0
        self.start = self.last = time.monotonic()

    def line(self) -> str:
        elapsed = max(time.monotonic() - self.start, 1e-9)
        rate = self.done / elapsed
        width = 24
        filled = width * self.done // self.total if self.total else width
        bar = "█" * filled + "░" * (width - filled)
        return (
            f"{bar} {self.done}/{self.total} tệp · {rate:,.1f} tệp/giây · mới {self.new}"
            f" · đã có {self.again} · lỗi {self.failed}"
        )

    def step(self) -> None:
        self.done += 1
        now = time.monotonic()
        if self.quiet:
            return
        if self.tty and (now - self.last > 0.1 or self.done == self.total):
            self.stream.write("\r\033[K" + self.line())
            self.stream.flush()
            self.last = now
        elif not self.tty and now - self.last > 10:
            self.stream.write(self.line() + "\n")
            self.last = now

    def error(self, message: str) -> None:
        if self.tty and not self.quiet:
            self.stream.write("\r\033[K")
        self.stream.write(f"lỗi: {message}\n")
        self.stream.flush()

    def finish(self) -> None:
        if self.tty and not self.quiet:
            self.stream.write("\r\033[K")
        elapsed = time.monotonic() - self.start
        rate = self.done / elapsed if elapsed > 0 else 0.0
        self.stream.write(
            f"Xong {self.done} tệp trong {elapsed:.1f} giây ({rate:,.1f} tệp/giây):"
            f" {self.new} mới, {self.again} đã có, {self.failed} lỗi.\n"
        )
        self.stream.flush()


def run(args: argparse.Namespace) -> int:
    from congvan.site.setup import setup_django

    setup_django(migrate=True)
    from congvan.document.errors import DocumentError
    from congvan.registry.ingest import ingest_paths, walk

    total = sum(1 for _ in walk(args.paths))
    progress = Progress(total, quiet=args.quiet)
    outcomes = ingest_paths(
        args.paths, register=args.register, entered_on=args.date, workers=args.workers
    )
    for path, outcome in outcomes:
        if isinstance(outcome, DocumentError):
            progress.failed += 1
            progress.error(str(outcome) if outcome.path else f"{path}: {outcome}")
        elif outcome.created:
            progress.new += 1
        else:
            progress.again += 1
        progress.step()
    progress.finish()
    return 1 if progress.failed else 0
