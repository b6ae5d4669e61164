"""Subcommands of the ``congvan`` command line (see ``congvan.cli``)."""
