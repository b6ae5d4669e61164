"""``congvan parse FILE... [--json] [--out DIR]``: read dispatches and print their records."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HELP = "Đọc văn bản (txt, docx, pdf) và in bản ghi công văn"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("files", nargs="+", metavar="TỆP", help="tệp văn bản cần đọc")
    parser.add_argument(
        "--json", action="store_true", help="in bản ghi dạng JSON, mỗi tệp một dòng"
    )
    parser.add_argument(
        "--out", metavar="THƯ_MỤC", type=Path, help="ghi mỗi bản ghi ra THƯ_MỤC/TÊN.json"
    )


def run(args: argparse.Namespace) -> int:
    from congvan.document.errors import DocumentError
    from congvan.document.extract import extract_text
    from congvan.document.parse import parse_text

    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
    failed = 0
    for name in args.files:
        path = Path(name)
        try:
            record = parse_text(extract_text(path)).to_json()
        except DocumentError as err:
            failed += 1
            err.path = err.path or str(path)
            print(f"Lỗi: {err}", file=sys.stderr)
            continue
        if args.out:
            target = args.out / f"{path.stem}.json"
            target.write_text(json.dumps(record, ensure_ascii=False, indent=1), encoding="utf-8")
        if args.json:
            print(json.dumps(record, ensure_ascii=False))
        elif not args.out:
            print(_summary(path, record))
    if failed:
        print(f"{failed}/{len(args.files)} tệp không đọc được.", file=sys.stderr)
    return 1 if failed else 0


def _summary(path: Path, record: dict) -> str:
    """A short Vietnamese reading of the record for people."""
    from congvan.document.decree30 import format_date

    signer = record["signer"]
    lines = [
        f"== {path}",
        f"Loại: {record['kind'] or '—'}",
        f"Cơ quan ban hành: {record['issuer']['name'] or '—'}"
        + (f" ({record['issuer']['parent']})" if record["issuer"]["parent"] else ""),
        f"Số, ký hiệu: {record['number'] or '…'}/{record['notation'] or '—'}",
        f"Nơi, ngày: {record['place'] or '—'}, {format_date(record['date'])}",
        f"Trích yếu: {record['subject'] or '—'}",
        f"Kính gửi: {'; '.join(record['recipients']) or '—'}",
        f"Văn bản dẫn chiếu: {len(record['references'])}",
    ]
    lines += [f"  - {r['kind']} {r['number']}/{r['notation']}" for r in record["references"]]
    lines.append(f"Nhiệm vụ: {len(record['tasks'])}")
    for task in record["tasks"]:
        who = f" [{task['addressee']}]" if task["addressee"] else ""
        due = f" (hạn {task['deadline']})" if task["deadline"] else ""
        lines.append(f"  {task['label']}.{who}{due} {task['text'][:90]}")
    lines.append(f"Nơi nhận: {'; '.join(record['distribution']) or '—'}")
    form = f"{signer['form']}. {signer['authority']} / " if signer["form"] else ""
    lines.append(f"Người ký: {form}{signer['title'] or ''} {signer['name'] or '—'}".strip())
    return "\n".join(lines)
