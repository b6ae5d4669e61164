"""Every role × every page and API endpoint × own or other organisation.

Roles: the public (not signed in), clerk, officer, leader, admin, and two recipient
organisations' people: ``own`` (the organisation the entry, task or report belongs to) and
``other`` (another organisation that received the same dispatch). No organisation reads or
changes another's inbox, tasks or reports; the public sees only published documents.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from congvan.portal.publish import publish
from congvan.tracking.models import InboxEntry, Task
from congvan.tracking.reports import Upload, submit_report
from tests.tracking.builders import make_document

ROLES = ("public", "clerk", "officer", "leader", "admin", "own", "other")
STAFF = ("clerk", "officer", "leader", "admin")
OUT = 302  # the public is sent to the sign-in page
ATTACHED = "Kết quả: 3 tin, 2 phóng sự.".encode()


def expect(default: int, **by_role: int) -> dict[str, int]:
    return {role: by_role.get(role, default) for role in ROLES}


@pytest.fixture
def matrix(world):
    a = world["orgs"][0]
    people = world["people"]
    users = {r: people[r] for r in STAFF} | {"own": people["a"], "other": people["c"]}
    entry = InboxEntry.objects.get(distribution=world["dist"], organisation=a)
    task = Task.objects.get(distribution=world["dist"], organisation=a, label="1")
    report = submit_report(
        task, people["a"], "Đã đăng 3 tin.", attachments=[Upload("ket-qua.txt", ATTACHED)]
    )
    public_doc = make_document(subject="văn bản công khai thử")
    publish(public_doc, None)
    hidden_doc = make_document(subject="văn bản nội bộ thử")
    return {
        **world,
        "users": users,
        "entry": entry,
        "task": task,
        "attachment": report.attachments.get(),
        "public_doc": public_doc,
        "hidden_doc": hidden_doc,
    }


def client_for(m, role: str) -> Client:
    client = Client()
    if role != "public":
        client.force_login(m["users"][role])
    return client


# (name, method, url(m), data(m), expected status per role)
PAGES = [
    (
        "sent",
        "get",
        lambda m: reverse("tracking:sent"),
        None,
        expect(403, public=OUT, **dict.fromkeys(STAFF, 200)),
    ),
    (
        "distribute form",
        "get",
        lambda m: reverse("tracking:distribute", args=[m["doc"].pk]),
        None,
        expect(403, public=OUT, clerk=200, officer=200, admin=200),
    ),
    (
        "distribute",
        "post",
        lambda m: reverse("tracking:distribute", args=[m["doc"].pk]),
        lambda m: {"org": [m["orgs"][0].pk]},
        expect(403, public=OUT, clerk=302, officer=302, admin=302),
    ),
    (
        "dispatch dashboard",
        "get",
        lambda m: reverse("tracking:dispatch", args=[m["dist"].pk]),
        None,
        expect(403, public=OUT, **dict.fromkeys(STAFF, 200)),
    ),
    (
        "dispatch xlsx",
        "get",
        lambda m: reverse("tracking:dispatch-xlsx", args=[m["dist"].pk]),
        None,
        expect(403, public=OUT, officer=200, leader=200, admin=200),
    ),
    (
        "dispatch docx",
        "get",
        lambda m: reverse("tracking:dispatch-docx", args=[m["dist"].pk]),
        None,
        expect(403, public=OUT, officer=200, leader=200, admin=200),
    ),
    (
        "request reports",
        "post",
        lambda m: reverse("tracking:request", args=[m["dist"].pk]),
        lambda m: {},
        expect(403, public=OUT, officer=302, leader=302, admin=302),
    ),
    (
        "campaigns",
        "get",
        lambda m: reverse("tracking:campaigns"),
        None,
        expect(403, public=OUT, **dict.fromkeys(STAFF, 200)),
    ),
    (
        "campaign dashboard",
        "get",
        lambda m: reverse("tracking:campaign", args=["lua-dao"]),
        None,
        expect(403, public=OUT, **dict.fromkeys(STAFF, 200)),
    ),
    (
        "campaign xlsx",
        "get",
        lambda m: reverse("tracking:campaign-xlsx", args=["lua-dao"]),
        None,
        expect(403, public=OUT, officer=200, leader=200, admin=200),
    ),
    (
        "directory",
        "get",
        lambda m: reverse("tracking:directory"),
        None,
        expect(403, public=OUT, clerk=200, officer=200, admin=200),
    ),
    ("inbox", "get", lambda m: reverse("tracking:inbox"), None, expect(200, public=OUT)),
    (
        "own org's inbox entry",
        "get",
        lambda m: reverse("tracking:entry", args=[m["entry"].pk]),
        None,
        expect(200, public=OUT, other=404),
    ),
    (
        "start own org's task",
        "post",
        lambda m: reverse("tracking:task-start", args=[m["task"].pk]),
        lambda m: {},
        expect(403, public=403, own=302, other=404),
    ),
    (
        "report on own org's task",
        "post",
        lambda m: reverse("tracking:task-report", args=[m["task"].pk]),
        lambda m: {"text": "Đã thực hiện."},
        expect(403, public=403, own=302, other=404),
    ),
    (
        "own org's report attachment",
        "get",
        lambda m: reverse("tracking:attachment", args=[m["attachment"].pk]),
        None,
        expect(200, public=OUT, other=404),
    ),
    ("portal list", "get", lambda m: reverse("portal:list"), None, expect(200)),
    ("portal feed", "get", lambda m: reverse("portal:feed"), None, expect(200)),
    (
        "published document",
        "get",
        lambda m: reverse("portal:detail", args=[m["public_doc"].pk]),
        None,
        expect(200),
    ),
    (
        "unpublished document",
        "get",
        lambda m: reverse("portal:detail", args=[m["hidden_doc"].pk]),
        None,
        expect(404),
    ),
    (
        "publish",
        "post",
        lambda m: reverse("portal:publish", args=[m["hidden_doc"].pk]),
        lambda m: {},
        expect(403, clerk=302, leader=302, admin=302),
    ),
]

DENIED = 403  # DRF: not signed in or not allowed (401 where Basic auth asks for credentials)
API = [
    ("api schema", "get", lambda m: "/api/schema/", None, expect(200)),
    ("api organisations", "get", lambda m: "/api/organisations/", None, expect(200, public=DENIED)),
    (
        "api resolve",
        "get",
        lambda m: "/api/resolve/?q=Báo",
        None,
        expect(403, public=DENIED, clerk=200, officer=200, admin=200),
    ),
    (
        "api distributions",
        "get",
        lambda m: "/api/distributions/",
        None,
        expect(403, public=DENIED, **dict.fromkeys(STAFF, 200)),
    ),
    (
        "api distribute",
        "post",
        lambda m: "/api/distributions/",
        lambda m: {"document": m["doc"].pk, "organisations": [m["orgs"][0].pk]},
        expect(403, public=DENIED, clerk=201, officer=201, admin=201),
    ),
    (
        "api summary",
        "get",
        lambda m: f"/api/distributions/{m['dist'].pk}/summary/",
        None,
        expect(403, public=DENIED, **dict.fromkeys(STAFF, 200)),
    ),
    (
        "api request reports",
        "post",
        lambda m: f"/api/distributions/{m['dist'].pk}/request-reports/",
        lambda m: {},
        expect(403, public=DENIED, officer=200, leader=200, admin=200),
    ),
    (
        "api campaign summary",
        "get",
        lambda m: "/api/campaigns/lua-dao/summary/",
        None,
        expect(403, public=DENIED, **dict.fromkeys(STAFF, 200)),
    ),
    ("api inbox", "get", lambda m: "/api/inbox/", None, expect(200, public=DENIED)),
    (
        "api own org's entry",
        "get",
        lambda m: f"/api/inbox/{m['entry'].pk}/",
        None,
        expect(200, public=DENIED, other=404),
    ),
    (
        "api receive own org's entry",
        "post",
        lambda m: f"/api/inbox/{m['entry'].pk}/receive/",
        lambda m: {},
        expect(200, public=DENIED, other=404),
    ),
    (
        "api own org's task",
        "get",
        lambda m: f"/api/tasks/{m['task'].pk}/",
        None,
        expect(200, public=DENIED, other=404),
    ),
    (
        "api report on own org's task",
        "post",
        lambda m: f"/api/tasks/{m['task'].pk}/report/",
        lambda m: {"text": "Đã thực hiện.", "figures": {"tin-bai": 2}},
        expect(403, public=DENIED, own=200, other=404),
    ),
    (
        "api own org's report attachment",
        "get",
        lambda m: f"/api/attachments/{m['attachment'].pk}/",
        None,
        expect(200, public=DENIED, other=404),
    ),
    (
        "api attach a file to own org's report",
        "post",
        lambda m: f"/api/tasks/{m['task'].pk}/attachments/",
        lambda m: {"file": SimpleUploadedFile("anh.txt", b"anh chup")},
        expect(403, public=DENIED, own=201, other=404),
    ),
    ("api public documents", "get", lambda m: "/api/public/documents/", None, expect(200)),
    (
        "api unpublished document",
        "get",
        lambda m: f"/api/public/documents/{m['hidden_doc'].pk}/",
        None,
        expect(404),
    ),
    (
        "api publish",
        "post",
        lambda m: f"/api/publications/{m['hidden_doc'].pk}/",
        lambda m: {},
        expect(403, public=DENIED, clerk=201, leader=201, admin=201),
    ),
]


@pytest.mark.parametrize(
    "name, method, url, data, expected", PAGES + API, ids=[c[0] for c in PAGES + API]
)
def test_matrix(matrix, name, method, url, data, expected):
    got = {}
    for role in ROLES:
        client = client_for(matrix, role)
        kwargs = {}
        if data is not None:
            kwargs["data"] = data(matrix)
            multipart = any(hasattr(v, "read") for v in kwargs["data"].values())
            if url(matrix).startswith("/api/") and not multipart:
                kwargs["content_type"] = "application/json"
        response = getattr(client, method)(url(matrix), **kwargs)
        got[role] = response.status_code
        if response.status_code == 401:  # DRF with Basic auth: "sign in" rather than 403
            got[role] = 403
    assert got == expected


def test_other_organisation_sees_nothing_of_ours_in_lists(matrix):
    a, _b, c = matrix["orgs"]
    client = client_for(matrix, "other")  # a person of organisation c
    inbox = client.get("/api/inbox/").json()["results"]
    assert {e["organisation"] for e in inbox} == {c.name}
    tasks = client.get("/api/tasks/").json()["results"]
    assert {t["organisation"] for t in tasks} == {c.name}
    orgs = client.get("/api/organisations/").json()["results"]
    assert [o["name"] for o in orgs] == [c.name]
    page = client.get(reverse("tracking:inbox")).content.decode()
    assert c.name in page and a.name not in page
    # even asking for another organisation's inbox by id shows one's own
    page = client.get(reverse("tracking:inbox") + f"?don_vi={a.pk}").content.decode()
    assert f"Văn bản gửi đến {c.name}" in page


def test_public_sees_only_published_documents(matrix):
    client = Client()
    listed = client.get("/api/public/documents/").json()["results"]
    assert [d["id"] for d in listed] == [matrix["public_doc"].pk]
    page = client.get(reverse("portal:list")).content.decode()
    assert "văn bản công khai thử" in page and "văn bản nội bộ thử" not in page
    feed = client.get(reverse("portal:feed")).content.decode()
    assert "văn bản công khai thử" in feed and "nội bộ" not in feed
    assert matrix["doc"].subject not in feed


def test_attachment_download_holds_the_bytes(matrix):
    """Page and API give the same file to those allowed; the task lists it with its address."""
    item = matrix["attachment"]
    for role in ("officer", "own"):
        client = client_for(matrix, role)
        for url in (reverse("tracking:attachment", args=[item.pk]), f"/api/attachments/{item.pk}/"):
            response = client.get(url)
            assert b"".join(response.streaming_content) == ATTACHED
            assert "ket-qua.txt" in response["Content-Disposition"]
    task = client_for(matrix, "own").get(f"/api/tasks/{matrix['task'].pk}/").json()
    [listed] = task["report"]["attachments"]
    assert listed["name"] == "ket-qua.txt" and listed["size"] == len(ATTACHED)
    assert listed["url"] == f"/api/attachments/{item.pk}/"


def test_attaching_needs_a_report_first(world):
    from congvan.tracking.models import Task

    task = Task.objects.get(distribution=world["dist"], organisation=world["orgs"][1], label="1")
    client = Client()
    client.force_login(world["people"]["b"])
    response = client.post(
        f"/api/tasks/{task.pk}/attachments/", {"file": SimpleUploadedFile("a.txt", b"x")}
    )
    assert response.status_code == 400
    assert "chưa có báo cáo" in response.json()["file"]
