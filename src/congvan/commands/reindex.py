"""``congvan reindex``: rebuild the search index from the stored documents."""

from __future__ import annotations

import argparse
import sys

HELP = "Lập lại chỉ mục tìm kiếm từ các văn bản đã lưu"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    from congvan.site.setup import setup_django

    setup_django(migrate=True)
    from congvan.registry.search import rebuild

    def progress(n: int) -> None:
        if n % 1000 == 0:
            sys.stderr.write(f"\r{n} văn bản…")

    count = rebuild(progress)
    sys.stderr.write(f"\rĐã lập chỉ mục {count} văn bản.\n")
    return 0
