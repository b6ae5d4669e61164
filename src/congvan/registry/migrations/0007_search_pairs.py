"""The PostgreSQL search index gains its ``pairs`` vector and ``day`` (see
``congvan.registry.search._postgres``), filled for the documents already indexed: without them a
phrase would find only the documents indexed from now on. Other databases are left as they are.
"""

from django.db import migrations

from congvan.registry.search._backend import ENTRY_FIELDS


def add_pairs(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    from congvan.registry.search._postgres import TABLE, PostgresBackend, pairs_of
    from congvan.registry.search._text import entry_for

    Document = apps.get_model("registry", "Document")
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            f"ALTER TABLE {TABLE} ADD COLUMN IF NOT EXISTS pairs tsvector NOT NULL DEFAULT '',"
            " ADD COLUMN IF NOT EXISTS day integer"
        )
        # the documents indexed there (none where another engine is chosen)
        indexed = Document.objects.only(*ENTRY_FIELDS).extra(
            where=[f"id IN (SELECT document_id FROM {TABLE})"]
        )
        for document in indexed.order_by("pk").iterator(chunk_size=1000):
            entry = entry_for(document)
            cursor.execute(
                f"UPDATE {TABLE} SET pairs = array_to_tsvector(%s::text[]), day = %s"
                " WHERE document_id = %s",
                [pairs_of(entry.head, entry.body), entry.day, entry.id],
            )
        PostgresBackend().create_schema(cursor)  # the new column's index, once it is filled


class Migration(migrations.Migration):
    dependencies = [("registry", "0006_document_list_indexes")]
    operations = [migrations.RunPython(add_pairs, migrations.RunPython.noop)]
