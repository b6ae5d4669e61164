"""The ``congvan`` command line: one entry point, one module per subcommand.

Each module in ``congvan.commands`` named in ``COMMANDS`` defines ``HELP`` (one line, Vietnamese),
``add_arguments(parser)`` and ``run(args) -> int`` (the exit code). Modules are imported only
when their subcommand runs, so ``congvan parse`` never loads Django.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# subcommand name → (module in congvan.commands, one-line help)
COMMANDS: dict[str, tuple[str, str]] = {
    "parse": ("parse", "Đọc văn bản (txt, docx, pdf) và in bản ghi công văn"),
    "ingest": ("ingest", "Đưa văn bản vào kho: đọc, phân tích, lưu, lập chỉ mục (tệp, thư mục)"),
    "search": ("search", 'Tìm văn bản: không dấu, "cụm từ", số/ký hiệu (21/CT-TTg), bộ lọc'),
    "serve": ("serve", "Chạy trang web quản lý văn bản (mặc định http://127.0.0.1:8000)"),
    "reindex": ("reindex", "Lập lại chỉ mục tìm kiếm từ các văn bản đã lưu"),
    "manage": ("manage", "Lệnh quản trị Django (migrate, createsuperuser, …)"),
}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="congvan", description="congvan: quản lý công văn và công việc được giao."
    )
    sub = parser.add_subparsers(dest="command", metavar="LỆNH")
    sub.required = True
    for name, (module_name, help_text) in COMMANDS.items():
        sub_parser = sub.add_parser(name, help=help_text, description=help_text)
        sub_parser.set_defaults(_module=module_name)
        _module(module_name).add_arguments(sub_parser)
    return parser


def _module(name: str):
    return importlib.import_module(f"congvan.commands.{name}")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _module(args._module).run(args)
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
