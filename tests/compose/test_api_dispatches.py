"""The API of composing and issuing: ``/api/dispatches/``."""

from __future__ import annotations

import json

from congvan.compose.models import Dispatch
from tests.compose.builders import draft_record

BASE = "/api/dispatches/"


def post(client, url, data=None):
    return client.post(url, json.dumps(data or {}), content_type="application/json")


def test_draft_edit_sign_issue_revise_over_the_api(people, client_as):
    officer, leader, clerk = (client_as(people[r]) for r in ("officer", "leader", "clerk"))
    created = post(officer, BASE, {"record": draft_record().to_json(), "opening": ""})
    assert created.status_code == 201, created.content
    body = created.json()
    pk = body["id"]
    assert body["status"] == "draft" and body["record"]["number"] is None
    assert body["problems"] == [] or all(p["severity"] == "warning" for p in body["problems"])

    broken = draft_record(subject=None).to_json()
    patched = officer.patch(f"{BASE}{pk}/", json.dumps({"record": broken}), "application/json")
    assert patched.status_code == 200
    assert "subject-missing" in {p["code"] for p in patched.json()["problems"]}
    refused = post(leader, f"{BASE}{pk}/sign/")
    assert refused.status_code == 400
    assert "subject-missing" in {p["code"] for p in refused.json()["problems"]}

    fixed = officer.put(
        f"{BASE}{pk}/", json.dumps({"record": draft_record().to_json()}), "application/json"
    )
    assert fixed.status_code == 200
    assert post(clerk, f"{BASE}{pk}/issue/").status_code == 400  # not signed yet
    signed = post(leader, f"{BASE}{pk}/sign/")
    assert signed.status_code == 200 and signed.json()["status"] == "signed"
    issued = post(clerk, f"{BASE}{pk}/issue/")
    assert issued.status_code == 201, issued.content
    version = issued.json()
    assert version["code"] == "01/STTTT-TTBCXB" and version["register_number"] == 1
    assert version["record"]["number"] == "01"

    detail = officer.get(f"{BASE}{pk}/").json()
    assert detail["status"] == "issued"
    assert detail["distribute_url"] == f"/theo-doi/gui/van-ban/{version['document_id']}/"
    frozen = officer.patch(
        f"{BASE}{pk}/", json.dumps({"record": draft_record().to_json()}), "application/json"
    )
    assert frozen.status_code == 409
    assert post(clerk, f"{BASE}{pk}/issue/").status_code == 409

    revised = post(officer, f"{BASE}{pk}/revise/", {"reason": "đổi thời hạn"})
    assert revised.status_code == 200
    assert (revised.json()["status"], revised.json()["version"]) == ("draft", 2)
    post(leader, f"{BASE}{pk}/sign/")
    assert post(clerk, f"{BASE}{pk}/issue/").json()["code"] == "02/STTTT-TTBCXB"
    versions = officer.get(f"{BASE}{pk}/versions/").json()
    assert [(v["version"], v["code"]) for v in versions] == [
        (1, "01/STTTT-TTBCXB"),
        (2, "02/STTTT-TTBCXB"),
    ]
    assert versions[1]["reason"] == "đổi thời hạn"
    docx = officer.get(f"{BASE}{pk}/docx/")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"


def test_list_filters_by_status_and_references_lookup(people, client_as):
    from tests.tracking.builders import make_document

    officer = client_as(people["officer"])
    post(officer, BASE, {"record": draft_record().to_json()})
    listed = officer.get(BASE, {"status": "draft"}).json()
    assert listed["count"] == 1
    assert officer.get(BASE, {"status": "issued"}).json()["count"] == 0
    make_document(number="21", notation="CT-TTg", subject="chỉ thị thử")
    found = officer.get(f"{BASE}references/", {"q": "21/CT-TTg"}).json()
    assert [d["code"] for d in found] == ["21/CT-TTg"]


def test_a_bad_record_is_refused(people, client_as):
    officer = client_as(people["officer"])
    response = post(officer, BASE, {"record": ["not", "an", "object"]})
    assert response.status_code == 400
    assert not Dispatch.objects.exists()


def test_the_schema_lists_the_dispatch_endpoints(people, client_as):
    schema = client_as(people["officer"]).get("/api/schema/", {"format": "json"})
    assert schema.status_code == 200
    paths = json.loads(schema.content)["paths"]
    for path in (
        "/api/dispatches/",
        "/api/dispatches/{id}/",
        "/api/dispatches/{id}/issue/",
        "/api/dispatches/{id}/sign/",
        "/api/dispatches/{id}/revise/",
        "/api/dispatches/references/",
    ):
        assert path in paths, path
