"""Every role × every compose page and API action.

officer composes, leader composes and approves (``Duyệt ký``), clerk numbers and issues, admin
does everything; a recipient organisation's person and the public see nothing of it."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from congvan.compose import roles, services
from congvan.compose.models import Dispatch
from tests.compose.builders import draft_record

ROLES = ("public", "recipient", "clerk", "officer", "leader", "admin")
OUT = 302  # the public is sent to the sign-in page


def expect(default: int, **by_role: int) -> dict[str, int]:
    return {role: by_role.get(role, default) for role in ROLES}


VIEWERS = {"clerk": 200, "officer": 200, "leader": 200, "admin": 200}
COMPOSERS = {"officer": 200, "leader": 200, "admin": 200}


@pytest.fixture
def drafts(people):
    """A draft, an approved draft and an issued dispatch, each made when first asked for."""

    def draft():
        return services.create(draft_record(), by=people["officer"])

    def signed():
        return services.sign(draft(), by=people["leader"])

    def issued():
        return services.issue(signed(), by=people["clerk"]).dispatch

    class Lazy(dict):
        def __missing__(self, key):
            self[key] = {"draft": draft, "signed": signed, "issued": issued}[key]()
            return self[key]

    return Lazy


PAGES = [
    ("list", "get", lambda d: reverse("compose:list"), None, expect(403, public=OUT, **VIEWERS)),
    ("detail", "get", lambda d: reverse("compose:detail", args=[d["draft"].pk]), None,
     expect(403, public=OUT, **VIEWERS)),
    ("docx", "get", lambda d: reverse("compose:docx", args=[d["draft"].pk]), None,
     expect(403, public=OUT, **VIEWERS)),
    ("new form", "get", lambda d: reverse("compose:new"), None,
     expect(403, public=OUT, **COMPOSERS)),
    ("edit form", "get", lambda d: reverse("compose:edit", args=[d["draft"].pk]), None,
     expect(403, public=OUT, **COMPOSERS)),
    ("references", "get", lambda d: reverse("compose:references") + "?q=21", None,
     expect(403, public=OUT, **COMPOSERS)),
    ("sign", "post", lambda d: reverse("compose:sign", args=[d["draft"].pk]), {},
     expect(403, public=OUT, leader=302, admin=302)),
    ("issue", "post", lambda d: reverse("compose:issue", args=[d["signed"].pk]), {},
     expect(403, public=OUT, clerk=302, admin=302)),
    ("revise", "post", lambda d: reverse("compose:revise", args=[d["issued"].pk]), {},
     expect(403, public=OUT, officer=302, leader=302, admin=302)),
]  # fmt: skip

A = "/api/dispatches/"
API = [
    ("api list", "get", lambda d: A, None, expect(403, **VIEWERS)),
    ("api detail", "get", lambda d: f"{A}{d['draft'].pk}/", None, expect(403, **VIEWERS)),
    ("api create", "post", lambda d: A, lambda: {"record": draft_record().to_json()},
     expect(403, officer=201, leader=201, admin=201)),
    ("api update", "patch", lambda d: f"{A}{d['draft'].pk}/", lambda: {"opening": "Kính đề nghị"},
     expect(403, **COMPOSERS)),
    ("api sign", "post", lambda d: f"{A}{d['draft'].pk}/sign/", None,
     expect(403, leader=200, admin=200)),
    ("api issue", "post", lambda d: f"{A}{d['signed'].pk}/issue/", None,
     expect(403, clerk=201, admin=201)),
    ("api revise", "post", lambda d: f"{A}{d['issued'].pk}/revise/", None,
     expect(403, **COMPOSERS)),
]  # fmt: skip


def _client(people, client_as, role):
    return client_as(None if role == "public" else people[role])


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(("name", "method", "url", "data", "expected"), PAGES + API)
def test_permission(people, client_as, drafts, role, name, method, url, data, expected):
    d = drafts()
    client = _client(people, client_as, role)
    payload = data() if callable(data) else data
    if name.startswith("api"):
        if method == "get":
            response = client.get(url(d))
        else:
            response = getattr(client, method)(
                url(d), json.dumps(payload or {}), content_type="application/json"
            )
        if role == "public":  # DRF: not signed in
            assert response.status_code in (401, 403), name
            return
    else:
        response = getattr(client, method)(url(d), payload)
    assert response.status_code == expected[role], (name, role, response.status_code)


def test_effects_follow_the_permission(people, client_as, drafts):
    d = drafts()
    client_as(people["officer"]).post(reverse("compose:sign", args=[d["draft"].pk]))
    client_as(people["leader"]).post(reverse("compose:issue", args=[d["signed"].pk]))
    d["draft"].refresh_from_db()
    d["signed"].refresh_from_db()
    assert d["draft"].status == Dispatch.DRAFT
    assert d["signed"].status == Dispatch.SIGNED


def test_role_groups_hold_the_compose_permissions(people):
    assert people["officer"].has_perm(roles.COMPOSE)
    assert not people["officer"].has_perm(roles.SIGN)
    assert people["leader"].has_perm(roles.SIGN) and people["leader"].has_perm(roles.COMPOSE)
    assert people["clerk"].has_perm(roles.ISSUE) and not people["clerk"].has_perm(roles.COMPOSE)
    assert not any(people["recipient"].has_perm(p) for p in roles.ALL)
    assert all(people["admin"].has_perm(p) for p in roles.ALL)
