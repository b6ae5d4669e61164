"""``python -m tests.hardening.run_command NAME ARGS…``: one ``congvan.commands`` module run as
``congvan NAME`` would (for commands not yet listed in ``congvan.cli.COMMANDS``)."""

from __future__ import annotations

import argparse
import importlib
import sys


def main(argv: list[str]) -> int:
    name, rest = argv[0], argv[1:]
    module = importlib.import_module(f"congvan.commands.{name.replace('-', '_')}")
    parser = argparse.ArgumentParser(prog=f"congvan {name}")
    module.add_arguments(parser)
    return module.run(parser.parse_args(rest))


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
