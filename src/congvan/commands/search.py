"""``congvan search QUERY``: find documents by words (no diacritics needed), phrases, codes."""

from __future__ import annotations

import argparse
import json
import sys

from congvan.commands import iso_date

HELP = 'Tìm văn bản: từ không dấu, "cụm từ", số/ký hiệu (21/CT-TTg), lọc theo loại, năm…'


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", nargs="*", metavar="TỪ_KHÓA", help='từ khóa; "…" cho cụm từ')
    parser.add_argument("--kind", help="loại văn bản (Công văn, Kế hoạch, …)")
    parser.add_argument("--issuer", help="cơ quan ban hành (một phần tên)")
    parser.add_argument("--year", type=int, help="năm ban hành")
    parser.add_argument("--from", dest="date_from", type=iso_date, metavar="YYYY-MM-DD")
    parser.add_argument("--to", dest="date_to", type=iso_date, metavar="YYYY-MM-DD")
    parser.add_argument("--register", choices=["incoming", "outgoing"], help="chỉ văn bản đến/đi")
    parser.add_argument("--limit", type=int, default=10, help="số kết quả (mặc định 10)")
    parser.add_argument("--page", type=int, default=1, help="trang kết quả (từ 1)")
    parser.add_argument("--json", action="store_true", help="in JSON, mỗi dòng một kết quả")


def run(args: argparse.Namespace) -> int:
    from congvan.site.setup import setup_django

    setup_django(migrate=True)
    from congvan.registry.search import Filters, search

    filters = Filters(
        kind=args.kind,
        issuer=args.issuer,
        year=args.year,
        date_from=args.date_from,
        date_to=args.date_to,
        register=args.register,
    )
    limit = max(1, args.limit)
    results = search(" ".join(args.query), filters, limit=limit, offset=(args.page - 1) * limit)
    out = sys.stdout
    if args.json:
        for hit in results.hits:
            doc = hit.document
            row = {"id": doc.pk, "score": hit.score if hit.exact is False else None}
            row |= {"exact": hit.exact, "record": doc.to_record().to_json()}
            row["snippet"] = "".join(f"[{p}]" if m else p for p, m in hit.snippet)
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        return 0
    bold = out.isatty()

    def show(pieces):
        if bold:
            return "".join(f"\033[1;33m{p}\033[0m" if m else p for p, m in pieces)
        return "".join(f"**{p}**" if m else p for p, m in pieces)

    if not results.hits:
        out.write("Không tìm thấy văn bản nào.\n")
        return 0
    first = results.offset + 1
    total = f"{results.total:,}".replace(",", ".")
    if not results.total_known:
        total = f"Khoảng {total}"
    out.write(f"{total} văn bản; {first}–{results.offset + len(results.hits)}:\n\n")
    for n, hit in enumerate(results.hits, first):
        doc = hit.document
        head = " ".join(p for p in (doc.kind, doc.code and f"số {doc.code}") if p)
        when = f" ngày {doc.date}" if doc.date else ""
        mark = " (đúng số ký hiệu)" if hit.exact else ""
        out.write(
            f"{n}. {head or 'Văn bản'}{when} — {doc.issuer_name or '?'}{mark}  [mã {doc.pk}]\n"
        )
        if doc.subject:
            out.write(f"   V/v {show(hit.title)}\n")
        if hit.snippet:
            out.write(f"   {show(hit.snippet)}\n")
        out.write("\n")
    return 0
