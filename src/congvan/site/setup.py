"""Start Django from the command line (``congvan ingest``, ``search``, ``serve``, ``manage``)."""

from __future__ import annotations

import os


def setup_django(*, migrate: bool = False) -> None:
    """Configure Django once; with ``migrate``, bring the database schema up to date quietly."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "congvan.site.settings")
    import django
    from django.conf import settings

    django.setup()
    settings.HOME.mkdir(parents=True, exist_ok=True)
    if migrate:
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
