"""Paths shared by the tests: the project's own fixtures and, when present, ../shared.

Every transactional database test is marked ``django_db(transaction=True,
serialized_rollback=True)``: mixing in a plain transactional test makes its teardown re-run
post_migrate, and the next serialized test would then load the role groups a second time."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests explore new examples on a developer's machine; CI (CI=true) replays the same
# ones every run, so a submission never fails on a case first met there.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, or a skip when this checkout has none."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not present in this checkout")
    return path
