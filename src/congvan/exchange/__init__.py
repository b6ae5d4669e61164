"""Exchange with other agencies over the national document exchange (edXML, QCVN 102).

- ``models``: agencies and their mã định danh (``Agency``), packages received and sent
  (``Message``) with their attachments, and what each receiver of a sent document has answered
  (``Delivery``).
- ``services``: ``import_package`` (a package → a registered incoming document, or a status that
  moves a document's state), ``export_document`` (a stored document → a package),
  ``send_status`` and the recall answers.
- ``hooks``: the calls the tracking app makes when an exchanged document moves through its
  inbox and task states, which produce the status packages (04, 05, 06) for the sender.
"""
