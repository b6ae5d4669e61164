"""Subcommands of the ``congvan`` command line (see ``congvan.cli``), and what they share."""

from __future__ import annotations

import argparse
import datetime as dt


def iso_date(text: str) -> dt.date:
    """An argparse type: ``YYYY-MM-DD`` → a date, or a Vietnamese usage error."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError as err:
        raise argparse.ArgumentTypeError(f"ngày không hợp lệ: {text!r} (dạng YYYY-MM-DD)") from err
