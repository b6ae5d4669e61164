"""Typed errors of the registry; like the document layer's, they carry a Vietnamese message."""

from __future__ import annotations

from congvan.document.errors import DocumentError


class RegistryError(DocumentError):
    """A document that was read but cannot be registered."""


class NumberingConflict(RegistryError):
    """Another document of the same issuer already has this số + ký hiệu in this year."""
