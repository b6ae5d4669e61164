"""``congvan audit verify | head | history ID``: the hash-chained audit trail."""

from __future__ import annotations

import argparse
import sys

HELP = "Nhật ký kiểm tra: kiểm tra chuỗi mã băm, xem đầu chuỗi, lịch sử một văn bản"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="action", metavar="VIỆC")
    sub.required = True
    sub.add_parser(
        "verify",
        help="kiểm tra toàn bộ chuỗi: phát hiện sự kiện bị sửa, chèn hoặc xoá",
        description="Kiểm tra toàn bộ chuỗi: phát hiện sự kiện bị sửa, chèn hoặc xoá.",
    )
    sub.add_parser(
        "head",
        help="in số thứ tự và mã băm của sự kiện cuối (để lưu ra ngoài hệ thống)",
        description="In số thứ tự và mã băm của sự kiện cuối (để lưu ra ngoài hệ thống).",
    )
    history = sub.add_parser(
        "history", help="lịch sử một văn bản", description="Lịch sử một văn bản."
    )
    history.add_argument("document", type=int, metavar="MÃ_VĂN_BẢN")


def run(args: argparse.Namespace) -> int:
    from congvan.site.setup import setup_django

    setup_django(migrate=True)
    from congvan.audit.chain import history, verify
    from congvan.audit.models import Head

    if args.action == "verify":
        count, problems = verify()
        for problem in problems:
            print(f"lỗi: {problem}", file=sys.stderr)
        if problems:
            print(f"Nhật ký KHÔNG toàn vẹn: {len(problems)} lỗi trong {count} sự kiện.")
            return 1
        print(f"Nhật ký toàn vẹn: {count} sự kiện, chuỗi mã băm khớp.")
        return 0
    if args.action == "head":
        head = Head.objects.filter(pk=1).first()
        print(f"{head.seq if head else 0} {head.hash if head else '0' * 64}")
        return 0
    for event in history(args.document):
        detail = "; ".join(f"{k}: {v}" for k, v in event.detail.items())
        print(f"{event.at.isoformat()}\t{event.actor}\t{event.label}\t{detail}")
    return 0
