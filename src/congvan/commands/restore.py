"""``congvan restore NGUỒN [--force]``: restore a backup into CONGVAN_HOME, verified."""

from __future__ import annotations

import argparse
import sys

HELP = "Khôi phục bản sao lưu vào CONGVAN_HOME và cơ sở dữ liệu, đối chiếu từng tệp và số dòng"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("source", metavar="NGUỒN", help="thư mục bản sao lưu (của congvan backup)")
    parser.add_argument(
        "--force",
        action="store_true",
        help="ghi đè lên CONGVAN_HOME / cơ sở dữ liệu đã có dữ liệu",
    )


def run(args: argparse.Namespace) -> int:
    from congvan.site.setup import setup_django

    setup_django(migrate=False)  # nothing written before the backup is checked
    from congvan.audit.backup import BackupError, restore

    def say(message: str) -> None:
        print(message, file=sys.stderr)

    try:
        summary = restore(args.source, force=args.force, progress=say)
    except BackupError as err:
        print(f"lỗi: {err}", file=sys.stderr)
        return 1
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)  # a backup of an older version
    from congvan.audit.chain import verify
    from congvan.registry.search import rebuild

    say("Lập lại chỉ mục tìm kiếm…")
    indexed = rebuild()
    events, problems = verify()
    print(
        f"Đã khôi phục và đối chiếu: {summary['tables']} bảng, {summary['rows']} dòng,"
        f" {summary['files']} tệp khớp SHA-256; {indexed} văn bản được lập chỉ mục."
    )
    if problems:
        for problem in problems:
            print(f"lỗi nhật ký: {problem}", file=sys.stderr)
        print(f"Cảnh báo: nhật ký kiểm tra có {len(problems)} lỗi trong {events} sự kiện.")
        return 1
    print(f"Nhật ký kiểm tra toàn vẹn ({events} sự kiện).")
    return 0
