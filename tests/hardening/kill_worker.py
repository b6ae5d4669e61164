"""Run as a process of its own by test_crash_safety, in the CONGVAN_HOME of its environment.

``ingest BATCH PATH…``: ``congvan ingest --register incoming --workers 1 PATH…`` exactly as the
command line runs it, its batches made ``BATCH`` documents small so that a kill can fall
between many commits.

``issue COUNT``: create, approve and issue dispatches one after another until COUNT are issued
in the outgoing register of 2031, printing ``NUMBER`` once each issuance has committed.

Both print ``ready`` once Django is up, so that the kill falls in the work itself.
"""

from __future__ import annotations

import datetime as dt
import functools
import sys


def ingest(batch: int, paths: list[str]) -> int:
    from congvan import cli
    from congvan.site.setup import setup_django

    setup_django(migrate=True)
    from congvan.registry import ingest as module

    module.ingest_paths = functools.partial(module.ingest_paths, batch=batch)
    print("ready", flush=True)
    return cli.main(["ingest", "--register", "incoming", "--workers", "1", "--quiet", *paths])


def issue(count: int) -> int:
    from congvan.site.setup import setup_django

    setup_django(migrate=True)
    from django.contrib.auth import get_user_model

    from congvan.compose import services
    from congvan.compose.models import Version
    from tests.compose.builders import draft_record
    from tests.tracking.builders import make_user

    def user(name):
        found = get_user_model().objects.filter(username=name).first()
        return found or make_user(name, name)

    officer, leader, clerk = user("officer"), user("leader"), user("clerk")
    on = dt.date(2031, 3, 5)
    print("ready", flush=True)
    while Version.objects.filter(year=on.year).count() < count:
        dispatch = services.create(draft_record(), by=officer)
        services.sign(dispatch, by=leader)
        version = services.issue(dispatch, by=clerk, on=on)
        print(version.register_number, flush=True)
    return 0


if __name__ == "__main__":
    what = sys.argv[1]
    if what == "ingest":
        sys.exit(ingest(int(sys.argv[2]), sys.argv[3:]))
    sys.exit(issue(int(sys.argv[2])))
