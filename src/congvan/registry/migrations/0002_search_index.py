"""The search index: an FTS5 table on SQLite, a tsvector table on PostgreSQL."""

from django.db import migrations


def create(apps, schema_editor):
    from congvan.registry.search._backend import get_backend

    with schema_editor.connection.cursor() as cursor:
        get_backend(schema_editor.connection).create_schema(cursor)


def drop(apps, schema_editor):
    from congvan.registry.search._backend import get_backend

    with schema_editor.connection.cursor() as cursor:
        get_backend(schema_editor.connection).drop_schema(cursor)


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
