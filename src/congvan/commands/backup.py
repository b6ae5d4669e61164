"""``congvan backup ĐÍCH``: database and stored files, consistent while the app runs."""

from __future__ import annotations

import argparse
import sys

HELP = "Sao lưu cơ sở dữ liệu và tệp gốc (chạy được khi hệ thống đang hoạt động)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("dest", metavar="ĐÍCH", help="thư mục mới (hoặc rỗng) để ghi bản sao lưu")


def run(args: argparse.Namespace) -> int:
    from congvan.site.setup import setup_django

    setup_django(migrate=True)
    from congvan.audit.backup import BackupError, backup

    def say(message: str) -> None:
        print(message, file=sys.stderr)

    try:
        manifest = backup(args.dest, progress=say)
    except BackupError as err:
        print(f"lỗi: {err}", file=sys.stderr)
        return 1
    rows = sum(manifest["counts"].values())
    print(
        f"Đã sao lưu vào {args.dest}: {len(manifest['counts'])} bảng, {rows} dòng,"
        f" {len(manifest['files'])} tệp (đã kiểm tra SHA-256)."
    )
    return 0
