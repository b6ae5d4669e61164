"""Fixtures shared by the tracking, portal and API tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def world(db):
    """Three organisations with one person each, the department's people, and a dispatch of two
    items sent to all three (item 2 for the first two only), about ``lừa đảo``."""
    from congvan.document.model import Task
    from congvan.tracking.assign import TaskPlan
    from congvan.tracking.distribute import distribute
    from tests.tracking.builders import campaign, make_document, make_org, make_user

    a = make_org("Báo Thử Nghiệm", kind="press", email="bao@example.org")
    b = make_org("Đài Thử Nghiệm", kind="broadcast")
    c = make_org("Cổng Thử Nghiệm", kind="portal")
    people = {role: make_user(role, role) for role in ("clerk", "officer", "leader", "admin")}
    people.update(
        {
            "a": make_user("user-a", "recipient", a),
            "b": make_user("user-b", "recipient", b),
            "c": make_user("user-c", "recipient", c),
        }
    )
    doc = make_document(
        recipients=[a.name, b.name, c.name],
        tasks=[
            Task(label="1", text="Tuyên truyền phòng, chống lừa đảo."),
            Task(label="2", text="Đưa tin, bài.", addressee="Báo và Đài"),
        ],
    )
    lua_dao = campaign("lua-dao")
    dist = distribute(
        doc,
        [a.pk, b.pk, c.pk],
        sender=people["officer"],
        campaign_ids=[lua_dao.pk],
        tasks=[
            TaskPlan("1", "Tuyên truyền phòng, chống lừa đảo.", "", [a.pk, b.pk, c.pk]),
            TaskPlan("2", "Đưa tin, bài.", "Báo và Đài", [a.pk, b.pk]),
        ],
    )
    return {"orgs": (a, b, c), "people": people, "doc": doc, "dist": dist, "campaign": lua_dao}
