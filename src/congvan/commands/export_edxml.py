"""``congvan export-edxml ID...``: a stored document → an edXML package file to send."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

HELP = "Xuất văn bản trong kho thành gói tin edXML (QCVN 102) để gửi qua trục liên thông"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("ids", nargs="*", type=int, metavar="MÃ", help="mã văn bản trong kho")
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("."),
        help="thư mục ghi gói tin (mặc định: thư mục hiện tại); '-' ghi ra màn hình (một văn bản)",
    )
    parser.add_argument(
        "--zip", action="store_true", help="nén từng tệp đính kèm như bộ SDK liên thông"
    )
    parser.add_argument(
        "--outbox",
        action="store_true",
        help="ghi thêm mọi gói tin trạng thái đang chờ gửi (đã đến, đã tiếp nhận …)",
    )


def run(args: argparse.Namespace) -> int:
    from congvan.site.setup import setup_django

    setup_django(migrate=True)
    from congvan.document.edxml import safe_filename
    from congvan.document.errors import DocumentError
    from congvan.exchange.models import Message
    from congvan.exchange.services import export_document
    from congvan.registry.models import Document

    if not args.ids and not args.outbox:
        print("lỗi: cần ít nhất một mã văn bản, hoặc --outbox", file=sys.stderr)
        return 2
    to_stdout = str(args.output) == "-"
    if to_stdout and (len(args.ids) != 1 or args.outbox):
        print("lỗi: '-o -' chỉ dùng cho đúng một văn bản", file=sys.stderr)
        return 2
    if not to_stdout:
        args.output.mkdir(parents=True, exist_ok=True)
    failed = 0
    for pk in args.ids:
        document = Document.objects.filter(pk=pk).first()
        if document is None:
            print(f"lỗi: không có văn bản mã {pk}", file=sys.stderr)
            failed += 1
            continue
        try:
            message, data = export_document(document, zip_attachments=args.zip)
        except DocumentError as err:
            print(f"lỗi: văn bản {pk}: {err}", file=sys.stderr)
            failed += 1
            continue
        if to_stdout:
            sys.stdout.buffer.write(data)
            continue
        target = args.output / safe_filename(message.name.replace(",", "_"))
        target.write_bytes(data)
        print(f"{target} ({len(data):,} byte, gửi {len(message.receiver_ids)} nơi nhận)")
    if args.outbox:
        pending = Message.objects.filter(
            direction=Message.OUTGOING, kind=Message.STATUS, sent=False
        ).order_by("id")
        for message in pending:
            target = args.output / safe_filename(message.name)
            target.write_bytes(message.file_path.read_bytes())
            message.sent = True
            message.save(update_fields=["sent"])
            print(f"{target} (trạng thái {message.status_code}: {message.status_label})")
    return 1 if failed else 0
