"""Run as a separate process by test_registers: ``COUNT YEAR GO_FILE READY_FILE``.

Creates READY_FILE once Django is up, waits for GO_FILE, then takes COUNT numbers in the
incoming register for YEAR, one transaction each, and prints them."""

import os
import sys
import time

os.environ["DJANGO_SETTINGS_MODULE"] = "congvan.site.settings"

import django

django.setup()

from django.db import transaction  # noqa: E402

from congvan.registry.registers import assign_number, get_register  # noqa: E402

count, year, go_file, ready_file = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3], sys.argv[4]
register = get_register("incoming")
open(ready_file, "w").close()
deadline = time.monotonic() + 60
while not os.path.exists(go_file) and time.monotonic() < deadline:
    time.sleep(0.002)
for _ in range(count):
    with transaction.atomic():
        number = assign_number(register, year)
        time.sleep(0.002)  # the rest of a registration, with the number held
    print(number, flush=True)
    time.sleep(0.003)  # the clerk's next document
