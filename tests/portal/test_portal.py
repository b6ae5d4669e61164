"""The public portal: published documents only, search without diacritics, Atom feed."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from congvan.portal.publish import publish, published, withdraw
from tests.tracking.builders import make_document, make_user


def test_search_folds_diacritics_and_finds_codes(db):
    a = make_document(number="498", subject="tuyên truyền phòng, chống ma túy")
    b = make_document(subject="phòng, chống bệnh bạch hầu")
    make_document(subject="ma túy nội bộ")  # never published
    publish(a, None)
    publish(b, None)
    assert [p.document for p in published("MA TUY")] == [a]
    assert [p.document for p in published("bach hau")] == [b]
    assert [p.document for p in published("498")] == [a]
    page = Client().get(reverse("portal:list"), {"q": "ma tuy"}).content.decode()
    assert "tuyên truyền phòng, chống ma túy" in page and "nội bộ" not in page


def test_feed_is_atom_and_follows_withdrawal(db):
    doc = make_document(subject="tăng cường tuyên truyền")
    publish(doc, None)
    response = Client().get(reverse("portal:feed"))
    assert response["Content-Type"].startswith("application/atom+xml")
    assert "tăng cường tuyên truyền" in response.content.decode()
    withdraw(doc, None)
    assert "tăng cường tuyên truyền" not in Client().get(reverse("portal:feed")).content.decode()
    assert Client().get(reverse("portal:detail", args=[doc.pk])).status_code == 404


def test_publishing_from_the_dashboard(db):
    doc = make_document()
    leader = make_user("leader", "leader")
    client = Client()
    client.force_login(leader)
    response = client.post(reverse("portal:publish", args=[doc.pk]))
    assert response.status_code == 302
    assert Client().get(reverse("portal:detail", args=[doc.pk])).status_code == 200
    assert (
        "ngày 17 tháng 7 năm 2020"
        in Client().get(reverse("portal:detail", args=[doc.pk])).content.decode()
    )
