"""``congvan render RECORD.json -o OUT.docx|OUT.pdf``: a dispatch record in Decree 30 form."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HELP = "Trình bày bản ghi công văn (JSON) thành tệp DOCX hoặc PDF đúng thể thức Nghị định 30"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("record", metavar="BẢN_GHI.json", type=Path, help="bản ghi công văn")
    parser.add_argument(
        "-o",
        "--out",
        metavar="TỆP",
        type=Path,
        required=True,
        help="tệp ra: .docx, hoặc .pdf (cần LibreOffice)",
    )
    parser.add_argument(
        "--draft",
        action="store_true",
        help="bản dự thảo: chưa có số và ngày thì không coi là lỗi khi kiểm tra",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="không tạo tệp khi bản ghi sai thể thức (có lỗi, không tính cảnh báo)",
    )


def run(args: argparse.Namespace) -> int:
    from congvan.document.errors import DocumentError
    from congvan.document.model import Document
    from congvan.document.render import render_docx, render_pdf
    from congvan.document.validate import ERROR, validate

    suffix = args.out.suffix.lower()
    if suffix not in (".docx", ".pdf"):
        print(
            f"Lỗi: tệp ra phải có đuôi .docx hoặc .pdf, không phải «{args.out}».", file=sys.stderr
        )
        return 2
    try:
        data = json.loads(args.record.read_text(encoding="utf-8"))
        doc = Document.from_json(data)
    except FileNotFoundError:
        print(f"Lỗi: không tìm thấy tệp {args.record}.", file=sys.stderr)
        return 1
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, TypeError) as err:
        print(
            f"Lỗi: {args.record} không phải bản ghi công văn JSON đọc được ({err}).",
            file=sys.stderr,
        )
        return 1

    problems = validate(doc, draft=args.draft)
    for problem in problems:
        label = "Lỗi thể thức" if problem.severity == ERROR else "Lưu ý"
        print(f"{label} [{problem.field}]: {problem.message}", file=sys.stderr)
    if args.strict and any(p.severity == ERROR for p in problems):
        print("Không tạo tệp vì bản ghi sai thể thức (--strict).", file=sys.stderr)
        return 1

    try:
        content = render_pdf(doc) if suffix == ".pdf" else render_docx(doc)
    except DocumentError as err:
        print(f"Lỗi: {err}", file=sys.stderr)
        return 1
    if args.out.parent != Path(""):
        args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(content)
    print(f"Đã ghi {args.out} ({len(content):,} byte).")
    return 0
