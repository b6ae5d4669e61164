"""The registry: stored documents and their files, registers and numbering, ingest, search and
citations. Services: :func:`congvan.registry.ingest.ingest_file`,
:func:`congvan.registry.registers.assign_number`, :func:`congvan.registry.search.search`."""
