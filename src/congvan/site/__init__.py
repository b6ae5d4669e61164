"""The Django project: settings, urls, wsgi/asgi. Settings come from ``CONGVAN_*`` variables."""
