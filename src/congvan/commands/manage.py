"""``congvan manage ARGS...``: Django's management commands (migrate, createsuperuser, …)."""

from __future__ import annotations

import argparse

HELP = "Lệnh quản trị Django (migrate, createsuperuser, …) trên cơ sở dữ liệu của congvan"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("args", nargs=argparse.REMAINDER, metavar="LỆNH", help="lệnh và tham số")


def run(args: argparse.Namespace) -> int:
    from congvan.site.setup import setup_django

    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["congvan manage", *(args.args or ["help"])])
    return 0
