"""The portal's search takes any text a visitor types, control characters included."""

from __future__ import annotations

from django.test import Client

from congvan.portal.publish import publish, published
from tests.tracking.builders import make_document


def test_a_control_character_in_the_query_only_separates_words(db):
    """PostgreSQL refuses NUL in a query: the portal page and the API were a 500 there."""
    doc = make_document(subject="tuyên truyền phòng, chống lừa đảo")
    publish(doc, None)
    assert [p.document for p in published("lua\x00dao")] == [doc]
    assert list(published("\x00\x1f")) == list(published(""))
    assert Client().get("/cong-khai/", {"q": "lua\x00dao"}).status_code == 200
    listed = Client().get("/api/public/documents/", {"q": "lừa\x00đảo"}).json()["results"]
    assert [d["id"] for d in listed] == [doc.pk]
