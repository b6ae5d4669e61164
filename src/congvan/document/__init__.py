"""The dispatch itself, without any web framework: the record (``model``), Vietnamese text
(``vntext``, ``legacy``), file → text (``extract``), text → record (``parse``) and the rules of
Decree 30/2020/NĐ-CP (``decree30``). Usable alone::

    from congvan.document.extract import extract_text
    from congvan.document.parse import parse_text

    record = parse_text(extract_text("cong-van.pdf")).to_json()
"""
