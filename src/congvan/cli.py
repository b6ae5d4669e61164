"""The ``congvan`` command line: one entry point, one module per subcommand.

Each module in ``congvan.commands`` named in ``COMMANDS`` defines ``HELP`` (one line, Vietnamese),
``add_arguments(parser)`` and ``run(args) -> int`` (the exit code). The modules import only the
standard library at load time; what a command needs (Django, the parser) it imports in ``run``,
so ``congvan parse`` never loads Django.
"""

from __future__ import annotations

import argparse
import importlib
import sys

# Subcommands, each a module of congvan.commands (`export-edxml` → `export_edxml`).
COMMANDS = (
    "parse",
    "render",
    "ingest",
    "search",
    "serve",
    "reindex",
    "import-edxml",
    "export-edxml",
    "audit",
    "backup",
    "restore",
    "manage",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="congvan", description="congvan: quản lý công văn và công việc được giao."
    )
    sub = parser.add_subparsers(dest="command", metavar="LỆNH")
    sub.required = True
    for name in COMMANDS:
        module = _module(name)
        sub_parser = sub.add_parser(name, help=module.HELP, description=module.HELP)
        sub_parser.set_defaults(_command=name)
        module.add_arguments(sub_parser)
    return parser


def _module(name: str):
    return importlib.import_module(f"congvan.commands.{name.replace('-', '_')}")


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _module(args._command).run(args)
    except KeyboardInterrupt:
        print("Đã dừng theo yêu cầu.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
