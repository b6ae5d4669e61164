"""Schemathesis against ``/api/schema/``: every operation, with every default check, as each
role.

The WSGI application is called in-process (no server) inside the test's transaction, signed in
with HTTP Basic as a clerk, an officer, a leader and a recipient organisation's person in turn,
over a small realistic dataset (:func:`build`): three organisations, a dispatch distributed with
tasks, a report with an attachment, a published and an unpublished document, drafts at each
stage of composing. Path parameters are drawn from the generated values and from the ids of that
dataset, so the operations on real rows run too.

``make test`` runs schemathesis' ``examples`` and ``fuzzing`` phases, 10 cases per operation
(about a minute). Longer: ``CONGVAN_FUZZ_EXAMPLES`` (cases per operation),
``CONGVAN_FUZZ_PHASES`` (add ``coverage``: its boundary cases, about three minutes),
``CONGVAN_FUZZ_ROLES`` (a comma-separated subset); or ``python bench/schema_fuzz.py``, the
engine's every phase with a summary.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import re

import pytest
import schemathesis
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.django_env import search_in_database  # noqa: F401  (fixture)

SCHEMA = "/api/schema/?format=json"
WSGI_HOST = "localhost"  # the Host schemathesis' in-process client sends
EXAMPLES = int(os.environ.get("CONGVAN_FUZZ_EXAMPLES") or 10)
PHASES = (os.environ.get("CONGVAN_FUZZ_PHASES") or "examples,fuzzing").split(",")
# clerk: issue, publish, distribute; officer: compose, distribute, directory, request reports;
# leader: sign, publish; recipient: its organisation's inbox, tasks, reports, attachments.
ROLES = ("clerk", "officer", "leader", "recipient")
RUN_ROLES = tuple((os.environ.get("CONGVAN_FUZZ_ROLES") or ",".join(ROLES)).split(","))


def build(world) -> dict:
    """The rows the operations act on, added to the ``world`` of the tracking tests; returns
    the ids each path parameter may take and the people, by role."""
    from congvan.compose import services
    from congvan.portal.publish import publish
    from congvan.tracking.models import InboxEntry, Task
    from congvan.tracking.reports import Upload, submit_report
    from tests.compose.builders import draft_record
    from tests.tracking.builders import make_document

    people = world["people"]
    a = world["orgs"][0]
    task = Task.objects.get(distribution=world["dist"], organisation=a, label="1")
    report = submit_report(
        task,
        people["a"],
        "Đã đăng 3 tin, 2 phóng sự.",
        {"tin-bai": "3"},
        attachments=[Upload("ket-qua.txt", "Kết quả: 3 tin.".encode())],
    )
    public_doc = make_document(subject="tuyên truyền công khai về phòng, chống lừa đảo")
    publish(public_doc, None)
    hidden_doc = make_document(subject="văn bản nội bộ")
    draft = services.create(draft_record(), by=people["officer"])
    signed = services.sign(services.create(draft_record(), by=people["officer"]), by=None)
    issued = services.create(draft_record(), by=people["officer"])
    services.sign(issued, by=None)
    services.issue(issued, by=None)
    return {
        "users": {
            "clerk": people["clerk"],
            "officer": people["officer"],
            "leader": people["leader"],
            "recipient": people["a"],
        },
        "ids": {
            "/api/attachments/": [report.attachments.get().pk],
            "/api/campaigns/": [world["campaign"].slug],
            "/api/dispatches/": [draft.pk, signed.pk, issued.pk],
            "/api/distributions/": [world["dist"].pk],
            "/api/inbox/": list(
                InboxEntry.objects.filter(distribution=world["dist"]).values_list("pk", flat=True)
            ),
            "/api/organisations/": [o.pk for o in world["orgs"]],
            "/api/public/documents/": [public_doc.pk, hidden_doc.pk],
            "/api/publications/": [public_doc.pk, hidden_doc.pk],
            "/api/tasks/": list(
                Task.objects.filter(distribution=world["dist"]).values_list("pk", flat=True)
            ),
        },
    }


def basic_auth(user) -> dict[str, str]:
    from tests.tracking.builders import PASSWORD

    token = base64.b64encode(f"{user.username}:{PASSWORD}".encode()).decode()
    return {"Authorization": f"Basic {token}"}


@contextlib.contextmanager
def in_test_transaction():
    """Django's request signals close the database connection after each request; inside a
    test's transaction that would break it, so (as Django's test client does) they are
    disconnected while the WSGI application is called directly."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


# positive_data_acceptance wants every schema-valid request accepted (2xx, or 401, 403, 404,
# 409, 429). These operations also refuse well-formed requests with 400, as DRF answers every
# validation error, for reasons no schema can state: for them alone, 400 is accepted too.
ALSO_400 = {
    "POST /api/distributions/": "document, organisations, campaigns: ids of rows that must exist",
    "POST /api/organisations/import/": "the file must be a CSV/XLSX table of organisations",
    "POST /api/tasks/{id}/report/": "figures are keyed by the metrics the dispatch asks for",
    "POST /api/tasks/{id}/attachments/": "a file is attached to a report sent before it",
    "POST /api/dispatches/{id}/sign/": "the stored draft must pass Decree 30's checks",
    "POST /api/dispatches/{id}/issue/": "the draft must be signed and pass Decree 30's checks",
}
ACCEPTED = ["2xx", "3xx", "400", "401", "403", "404", "409", "429", "5xx"]
CONFIG = {
    "cache": {"enabled": False},  # no .schemathesis/ folder in the checkout
    # the test signs in with real credentials; generated ones would only be replaced
    "generation": {"with-security-parameters": False},
    "phases": {p: {"enabled": p in PHASES} for p in ("examples", "coverage", "fuzzing")},
    "operations": [
        {
            "include-name": name,
            "checks": {"positive_data_acceptance": {"expected-statuses": ACCEPTED}},
        }
        for name in ALSO_400
    ],
}

# The ids of the current test's dataset, by path prefix (filled by the ``fuzz_data`` fixture;
# the schema is loaded once, at collection, and its hook reads them when a case is drawn).
KNOWN: dict[str, list] = {}


def load_schema(known: dict[str, list], url: str | None = None):
    """The schema as the application serves it (in-process, or at ``url``), with path
    parameters that are sometimes the ids of real rows (random integers alone would almost
    always be 404)."""
    config = schemathesis.Config.from_dict(CONFIG)
    if url:
        loaded = schemathesis.openapi.from_url(url, config=config)
    else:
        from django.core.handlers.wsgi import WSGIHandler
        from django.test import override_settings

        with override_settings(ALLOWED_HOSTS=[WSGI_HOST]):
            loaded = schemathesis.openapi.from_wsgi(SCHEMA, WSGIHandler(), config=config)

    @loaded.hook
    def flatmap_path_parameters(context, path_parameters):
        path = context.operation.path if context.operation else ""
        prefix = next((p for p in ROW_PREFIXES if path.startswith(p)), None)
        if prefix is None or not path_parameters or len(path_parameters) != 1:
            return st.just(path_parameters)
        [name] = path_parameters
        if not _well_typed(path_parameters[name]):
            return st.just(path_parameters)  # a negative case: keep what makes it invalid

        def real(index: int) -> dict:
            rows = known.get(prefix) or [path_parameters[name]]
            return {name: rows[index % len(rows)]}

        return st.one_of(st.just(path_parameters), st.integers(0, 99).map(real))

    return loaded


def _well_typed(value) -> bool:
    """An id (integer) or a campaign's slug, as the schema has them."""
    if isinstance(value, str):
        return re.fullmatch(r"[-a-zA-Z0-9_]+", value) is not None
    return isinstance(value, int) and not isinstance(value, bool)


ROW_PREFIXES = (
    "/api/attachments/",
    "/api/campaigns/",
    "/api/dispatches/",
    "/api/distributions/",
    "/api/inbox/",
    "/api/organisations/",
    "/api/public/documents/",
    "/api/publications/",
    "/api/tasks/",
)


FAKE_SOFFICE = """#!/bin/sh
# LibreOffice's stand-in: a PDF of one line next to the DOCX (--outdir DIR)
while [ $# -gt 1 ]; do [ "$1" = "--outdir" ] && out="$2"; shift; done
printf '%%PDF-1.4\\n%%%%EOF\\n' > "$out/congvan.pdf"
"""


def fake_soffice(folder) -> str:
    """A converter that answers at once: LibreOffice takes seconds per PDF."""
    path = folder / "soffice"
    path.write_text(FAKE_SOFFICE)
    path.chmod(0o755)
    return str(path)


@pytest.fixture
def fuzz_data(world, search_in_database, monkeypatch, tmp_path, settings):  # noqa: F811
    monkeypatch.setenv("CONGVAN_SOFFICE", fake_soffice(tmp_path))
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, WSGI_HOST]
    data = build(world)
    KNOWN.clear()
    KNOWN.update(data["ids"])
    with in_test_transaction():
        yield data
    KNOWN.clear()


schema = load_schema(KNOWN)


# fuzz_data is built once per operation on purpose: its examples share it, as clients share a
# database; request times vary with the machine (too_slow), bodies are large (data_too_large)
SLACK = [
    HealthCheck.function_scoped_fixture,
    HealthCheck.too_slow,
    HealthCheck.data_too_large,
    HealthCheck.filter_too_much,
]


@schema.parametrize()
@hypothesis_settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=SLACK)
def test_api_conforms_to_its_schema(case, fuzz_data):
    """Each generated request, sent as each role in turn (one dataset per operation)."""
    for role in RUN_ROLES:
        try:
            case.call_and_validate(headers=basic_auth(fuzz_data["users"][role]))
        except Exception as error:
            error.add_note(f"signed in as {role}")
            raise


# ---------------------------------------------------------------- what the fuzzing found, pinned


@pytest.fixture
def api(fuzz_data):
    """A test client per role (signed in as the fuzzing signs in: HTTP Basic)."""
    from django.test import Client

    def client(role):
        return Client(headers=basic_auth(fuzz_data["users"][role]))

    return client


def post_json(client, url, data):
    return client.post(url, json.dumps(data), content_type="application/json")


def test_an_unknown_api_address_answers_json_404(api):
    officer = api("officer")
    for response in (
        officer.get("/api/attachments/abc/"),
        officer.post("/api/x", {}),
        officer.delete("/api/publications/a%0Ab/"),  # a line break in the address
    ):
        assert response.status_code == 404
        assert response.json() == {"detail": "Không tìm thấy."}
    assert officer.get("/api/inbox").headers["Location"] == "/api/inbox/"  # the slash, as before


def test_limit_and_offset_outside_their_range_are_400(api):
    officer = api("officer")
    for query in ("limit=abc", "limit=0", "limit=1001", "limit=1_0", "offset=-1", "offset=x"):
        response = officer.get(f"/api/organisations/?{query}")
        assert response.status_code == 400, query
        assert "phải là số nguyên" in str(response.json())
    assert len(officer.get("/api/organisations/?limit=2&offset=1").json()["results"]) == 2


def test_bodies_take_the_json_types_of_the_schema(api, fuzz_data):
    officer, recipient = api("officer"), api("recipient")
    doc, org = (
        fuzz_data["ids"]["/api/public/documents/"][1],
        fuzz_data["ids"]["/api/organisations/"][0],
    )
    for body in (
        {"document": str(doc), "organisations": [org]},  # an id in quotes
        {"document": doc, "organisations": [str(org)]},
        {"document": doc, "organisations": [org], "note": 0},
        {"document": doc, "organisations": []},
        {"document": doc, "organisations": [10**20]},  # was a 500 (overflow)
        {"document": doc, "organisations": [999999]},  # was a 500 at commit (foreign key)
        {"document": doc, "organisations": [org], "campaigns": [0]},
    ):
        assert post_json(officer, "/api/distributions/", body).status_code == 400, body
    task = fuzz_data["ids"]["/api/tasks/"][0]
    for body in ({"text": 5}, {"text": "  "}, {"text": "x", "figures": {"tin-bai": "3"}}):
        assert post_json(recipient, f"/api/tasks/{task}/report/", body).status_code == 400, body
    huge = {"text": "x", "figures": {"tin-bai": 1.0447711103645508e308}}  # was a 500
    assert post_json(recipient, f"/api/tasks/{task}/report/", huge).status_code == 400
    # a float figure is rounded to the two decimals a figure keeps, not refused
    done = post_json(
        recipient, f"/api/tasks/{task}/report/", {"text": "x", "figures": {"tin-bai": 0.57}}
    )
    assert done.status_code == 200 and done.json()["report"]["figures"] == {"tin-bai": 0.57}
    # JSON only: a form cannot carry lists of ids, figures by key or null
    form = officer.post("/api/distributions/", {"document": doc, "organisations": org})
    assert form.status_code == 415


def test_control_characters_never_reach_a_docx(api, fuzz_data):
    """They were stored, then the DOCX of the draft was a 500: now the draft is refused."""
    from tests.compose.builders import draft_record

    officer = api("officer")
    record = draft_record(subject="tuyên truyền\x01 phòng, chống lừa đảo").to_json()
    response = post_json(officer, "/api/dispatches/", {"record": record})
    assert response.status_code == 400
    assert "ký tự điều khiển" in str(response.json()["record"]["subject"])
    response = post_json(
        officer, "/api/dispatches/", {"record": draft_record().to_json(), "opening": "\x0b"}
    )
    assert response.status_code == 400
    assert (
        post_json(officer, "/api/dispatches/", {"record": "không phải bản ghi"}).status_code == 400
    )


def test_the_schema_says_what_the_answers_hold(api, fuzz_data):
    officer, clerk = api("officer"), api("clerk")
    found = officer.get(SCHEMA).json()
    parts = found["components"]["schemas"]
    assert parts["Task"]["properties"]["report"]["nullable"] is True  # no report yet
    assert parts["Dispatch"]["properties"]["signed_by"]["nullable"] is True  # not signed yet
    operations = found["paths"]
    assert set(operations["/api/tasks/{id}/"]["get"]["responses"]) == {"200", "403", "404"}
    assert "201" in operations["/api/publications/{document_pk}/"]["post"]["responses"]
    assert "409" in operations["/api/dispatches/{id}/issue/"]["post"]["responses"]
    upload = parts["AttachmentUploadRequest"]["properties"]["file"]
    assert upload == {"type": "string", "format": "binary"}
    # a dispatch's versions and the references are plain lists, as answered
    issued = fuzz_data["ids"]["/api/dispatches/"][2]
    assert isinstance(officer.get(f"/api/dispatches/{issued}/versions/").json(), list)
    assert isinstance(officer.get("/api/dispatches/references/?q=STTTT").json(), list)
    assert officer.get("/api/dispatches/?status=nhap").status_code == 400
    hidden = fuzz_data["ids"]["/api/publications/"][1]
    assert clerk.post(f"/api/publications/{hidden}/").status_code == 201


def test_the_schema_command_writes_the_schema_the_api_serves(api, fuzz_data, tmp_path):
    # one set of settings: `manage.py spectacular` gives clients the same error answers
    from django.core.management import call_command

    out = tmp_path / "schema.json"
    call_command("spectacular", "--format", "openapi-json", "--file", str(out))
    written = json.loads(out.read_text(encoding="utf-8"))
    served = api("officer").get(SCHEMA).json()
    assert written == served
    assert "415" in written["paths"]["/api/dispatches/"]["post"]["responses"]
