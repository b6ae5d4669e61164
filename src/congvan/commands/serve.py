"""``congvan serve``: the web pages (list, search, document, upload) on one machine."""

from __future__ import annotations

import argparse

HELP = "Chạy trang web quản lý văn bản (mặc định http://127.0.0.1:8000)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1", help="địa chỉ (mặc định 127.0.0.1)")
    parser.add_argument("--port", type=int, default=8000, help="cổng (mặc định 8000)")


def run(args: argparse.Namespace) -> int:
    from congvan.site.setup import setup_django

    setup_django(migrate=True)
    from django.core.management import call_command

    print(f"Trang web: http://{args.host}:{args.port}/  (Ctrl+C để dừng)")
    call_command(
        "runserver",
        f"{args.host}:{args.port}",
        use_reloader=False,
        use_threading=True,
        insecure_serving=True,
        skip_checks=True,
    )
    return 0
