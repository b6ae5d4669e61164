"""The parser's two hot modules, `congvan.document.parse` and `vntext`, compiled to C with mypyc
when congvan is installed: the same source runs faster (`make bench` says which one it runs).
The rest of the metadata is in pyproject.toml.

Without a C compiler the build leaves them as Python (each extension is optional), and so does
``CONGVAN_PURE_PYTHON=1``. `congvan.document` loads the source of a module edited after its build.
"""

import os
import sys

from setuptools import setup

COMPILED = ["src/congvan/document/vntext.py", "src/congvan/document/parse.py"]

ext_modules = []
if os.environ.get("CONGVAN_PURE_PYTHON") != "1":
    from mypyc.build import mypycify

    try:
        # one library per module, each in its package (a group's shared library would lie
        # outside src/, where no import finds it)
        ext_modules = mypycify(COMPILED, opt_level="3", separate=True)
    except SystemExit:  # a type error, which mypy has printed (tests/document/test_compiled.py)
        print("congvan: the parser is left as Python source", file=sys.stderr)
    for extension in ext_modules:
        extension.optional = True

setup(ext_modules=ext_modules)
