"""The README stays honest: every command and every setting is documented there."""

from __future__ import annotations

import re

from congvan.cli import COMMANDS, build_parser
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_the_readme_starts_with_the_two_setup_commands():
    block = re.search(r"```sh\n(.*?)```", README, re.S).group(1)
    assert block.split() == ["make", "run", "make", "test"]


def test_every_command_is_in_the_readme_and_has_help():
    parser = build_parser()
    for name in COMMANDS:
        assert f"`congvan {name}" in README, f"congvan {name} is not documented"
    help_text = parser.format_help()
    assert all(name in help_text for name in COMMANDS)


def test_every_setting_read_from_the_environment_is_in_the_readme():
    used = set()
    for path in (ROOT / "src").rglob("*.py"):
        used |= set(re.findall(r"CONGVAN_[A-Z_]+[A-Z]", path.read_text(encoding="utf-8")))
    used -= {"CONGVAN_TEST_DATABASE_URL"}  # for the test suite, documented with make test
    missing = sorted(name for name in used if f"`{name}`" not in README)
    assert not missing, f"settings missing from the README: {missing}"
