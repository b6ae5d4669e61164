"""The in-database search index: an FTS5 table on SQLite, a tsvector table on PostgreSQL
(made whichever engine is in use, so ``CONGVAN_SEARCH_BACKEND`` can name it later)."""

from django.db import migrations


def create(apps, schema_editor):
    from congvan.registry.search._backend import sql_backend

    with schema_editor.connection.cursor() as cursor:
        sql_backend(schema_editor.connection.vendor).create_schema(cursor)


def drop(apps, schema_editor):
    from congvan.registry.search._backend import sql_backend

    with schema_editor.connection.cursor() as cursor:
        sql_backend(schema_editor.connection.vendor).drop_schema(cursor)


class Migration(migrations.Migration):
    dependencies = [("registry", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
