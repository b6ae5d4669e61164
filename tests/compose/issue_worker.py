"""Run as a separate process by test_concurrent_issue: ``YEAR GO_FILE READY_FILE ID…``.

Creates READY_FILE once Django is up, waits for GO_FILE, then issues each approved dispatch ID
through ``congvan.compose.services.issue`` (as the clerk ``clerk``) and prints
``ID NUMBER`` for each, NUMBER as printed on the document."""

import datetime as dt
import os
import sys
import time

os.environ["DJANGO_SETTINGS_MODULE"] = "congvan.site.settings"

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402

from congvan.compose import services  # noqa: E402

year, go_file, ready_file = int(sys.argv[1]), sys.argv[2], sys.argv[3]
ids = [int(i) for i in sys.argv[4:]]
clerk = get_user_model().objects.get(username="clerk")
open(ready_file, "w").close()
deadline = time.monotonic() + 60
while not os.path.exists(go_file) and time.monotonic() < deadline:
    time.sleep(0.002)
for pk in ids:
    version = services.issue(pk, by=clerk, on=dt.date(year, 6, 1))
    print(pk, version.to_record().number, flush=True)
