"""Typed errors of the document layer.

Each carries a Vietnamese message for people (``str(err)``) and, where known, the file it is
about, so a batch can report one clear line per bad file and go on.
"""

from __future__ import annotations

import lzma
import zipfile
import zlib

# What reading a damaged ZIP (a .docx, an edXML attachment) can raise from the standard library:
# its directory, or a member's compressed data. Readers turn these into ``UnreadableFile``.
ZIP_ERRORS = (
    zipfile.BadZipFile,
    OSError,
    ValueError,
    EOFError,
    NotImplementedError,
    zlib.error,
    lzma.LZMAError,
    RuntimeError,  # an encrypted member (found by fuzz/fuzz.py)
)


class DocumentError(Exception):
    """Base of every error congvan.document raises on bad input."""

    def __init__(self, message: str, *, path: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class UnreadableFile(DocumentError):
    """The file cannot be opened or decoded (missing, damaged, wrong format, too large)."""


class UnsupportedFormat(UnreadableFile):
    """The file type is not one congvan reads (yet)."""


class NeedsOCR(UnreadableFile):
    """A scan or a PDF without a text layer: its text must be recognised first."""


class ParseError(DocumentError):
    """The text was read but is not a dispatch congvan can understand."""
