"""congvan: Vietnamese official dispatches (công văn) and the work they assign."""

__version__ = "0.1.0"
