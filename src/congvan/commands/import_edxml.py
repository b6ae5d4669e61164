"""``congvan import-edxml PATH...``: import received edXML packages (files, folders)."""

from __future__ import annotations

import argparse
from pathlib import Path

HELP = "Nhập gói tin edXML nhận qua trục liên thông (tệp hoặc thư mục): văn bản đến, trạng thái"

#: In a folder, the files taken as packages.
PACKAGE_SUFFIXES = (".edxml", ".xml")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "paths", nargs="+", metavar="ĐƯỜNG_DẪN", help="tệp gói tin, hoặc thư mục chứa *.edxml"
    )
    parser.add_argument(
        "--no-register",
        action="store_true",
        help="không vào sổ văn bản đến (mặc định: vào sổ và báo «đã tiếp nhận» cho nơi gửi)",
    )
    parser.add_argument("--quiet", action="store_true", help="chỉ in lỗi và dòng tổng kết")


def packages(paths: list[str]):
    """Files named on the command line, and *.edxml/*.xml under folders (in name order)."""
    from congvan.registry.ingest import walk

    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for found in walk([path]):
                if found.suffix.lower() in PACKAGE_SUFFIXES:
                    yield found
        else:
            yield path


def run(args: argparse.Namespace) -> int:
    from congvan.site.setup import setup_django

    setup_django(migrate=True)
    from congvan.commands.ingest import Progress
    from congvan.document.errors import DocumentError
    from congvan.exchange.services import import_file

    found = list(packages(args.paths))
    progress = Progress(len(found), quiet=args.quiet)
    for path in found:
        try:
            outcome = import_file(path, register=None if args.no_register else "incoming")
        except DocumentError as err:
            progress.failed += 1
            progress.error(str(err) if err.path else f"{path}: {err}")
        except Exception as err:
            progress.failed += 1
            progress.error(f"{path}: lỗi không lường trước ({type(err).__name__}: {err})")
        else:
            if outcome.created:
                progress.new += 1
            else:
                progress.again += 1
            if not args.quiet:
                for warning in outcome.warnings:
                    progress.stream.write(f"cảnh báo: {path}: {warning}\n")
        progress.step()
    progress.finish()
    return 1 if progress.failed else 0
