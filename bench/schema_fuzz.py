"""Schemathesis against congvan's OpenAPI schema, longer than ``make test`` runs it, with a
summary: operations, generated cases, failures by check.

    python bench/schema_fuzz.py [--examples 100] [--roles clerk,officer,leader,recipient]
                                [--phases examples,coverage,fuzzing,stateful] [--seed N]
                                [--pdf] [--show 20] [--verbose]

A fresh ``CONGVAN_HOME`` (SQLite, removed afterwards; never ``CONGVAN_DATABASE_URL``) holds the
dataset of ``tests/api/test_schema_fuzz.py`` (organisations, a distributed dispatch with tasks,
a report with an attachment, published and unpublished documents, drafts at each stage). The
WSGI application serves on a local port in a thread; schemathesis' engine runs every phase
(``examples``, ``coverage``, ``fuzzing``, ``stateful``) with all its default checks, signed in
with HTTP Basic as each role in turn. ``--pdf`` keeps LibreOffice for ``…/pdf/`` (seconds per
case); ``--verbose`` shows each failure's request and response. The exit status is 1 when any
check failed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "src"), str(ROOT)]

PHASES = ("examples", "coverage", "fuzzing", "stateful")


def serve() -> str:
    """The WSGI application on a free local port, in a thread: the engine sends real HTTP."""
    import logging
    import threading

    from django.core.handlers.wsgi import WSGIHandler
    from werkzeug.serving import make_server

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # not a line per request
    logging.getLogger("django.request").setLevel(logging.CRITICAL)  # 4xx are expected here
    server = make_server("127.0.0.1", 0, WSGIHandler())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_port}"


def describe(recorder, case_id: str, info, verbose: bool) -> str:
    """A failure in a line: operation, title, first line of the message; with ``verbose``, the
    request (curl) and the start of the response too."""
    failure = info.failure
    detail = (failure.message or "").strip().splitlines()
    line = f"{recorder.label}: {failure.title}" + (f" — {detail[0]}" if detail else "")
    line += "".join(f" ({d.strip()})" for d in detail[1:] if d.startswith("Invalid component"))
    if verbose:
        response = recorder.find_response(case_id=case_id)
        answer = ""
        if response is not None:
            body = (response.content or b"")[:300].decode("utf-8", "replace")
            answer = f"\n      → {response.status_code} {body}"
        line += f"\n      {info.code_sample}{answer}"
    return line


def run_role(role: str, data: dict, args) -> dict:
    """One engine run signed in as ``role``: cases, failing checks and their first lines."""
    from schemathesis.engine import events, from_schema
    from tests.api.test_schema_fuzz import SCHEMA, load_schema
    from tests.tracking.builders import PASSWORD

    schema = load_schema(data["ids"], url=args.origin + SCHEMA)
    schema.config.update(basic_auth=(data["users"][role].username, PASSWORD))
    schema.config.generation.update(max_examples=args.examples)
    schema.config.phases.update(phases=args.phases)
    if args.seed is not None:
        schema.config.seed = args.seed
    found = {
        "operations": set(),
        "cases": 0,
        "checks": Counter(),
        "failing": Counter(),
        "failures": defaultdict(set),
        "errors": [],
    }
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            recorder = event.recorder
            if event.phase.value != "stateful":  # its scenarios chain several operations
                found["operations"].add(recorder.label)
            found["cases"] += len(recorder.cases)
            for case_id, nodes in recorder.checks.items():
                for node in nodes:
                    found["checks"][node.name] += 1
                    if node.failure_info is not None:
                        found["failing"][node.name] += 1
                        line = describe(recorder, case_id, node.failure_info, args.verbose)
                        found["failures"][node.name].add(line)
        elif isinstance(event, events.NonFatalError):
            found["errors"].append(f"{event.label}: {event.value!r}")
        elif isinstance(event, events.FatalError):
            found["errors"].append(f"fatal: {event.exception!r}")
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=100, help="cases per operation and phase")
    parser.add_argument("--roles", default="clerk,officer,leader,recipient")
    parser.add_argument("--phases", default=",".join(PHASES))
    parser.add_argument("--seed", type=int)
    parser.add_argument("--pdf", action="store_true", help="render PDFs with LibreOffice")
    parser.add_argument("--show", type=int, default=20, help="distinct failures shown per check")
    parser.add_argument("--verbose", action="store_true", help="each failure's request, response")
    args = parser.parse_args(argv)
    args.phases = [p for p in args.phases.split(",") if p]

    home = Path(tempfile.mkdtemp(prefix="congvan-bench-fuzz-"))
    try:
        return run(args, home)
    finally:
        shutil.rmtree(home, ignore_errors=True)


def run(args, home: Path) -> int:
    os.environ["CONGVAN_HOME"] = str(home)
    # never another database: the fuzzing writes and publishes whatever it generates
    os.environ.pop("CONGVAN_DATABASE_URL", None)
    os.environ["CONGVAN_EMAIL_BACKEND"] = "django.core.mail.backends.locmem.EmailBackend"
    from congvan.site.setup import setup_django

    setup_django(migrate=True)
    from django.conf import settings
    from django.db import connection

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.CONGVAN_SEARCH_BACKEND = connection.vendor  # the index inside the database

    from tests.api.test_schema_fuzz import build, fake_soffice
    from tests.tracking.fixtures import world

    if not args.pdf:
        os.environ["CONGVAN_SOFFICE"] = fake_soffice(home)

    data = build(world.__wrapped__(None))
    args.origin = serve()
    roles = [r for r in args.roles.split(",") if r]
    print(
        f"schemathesis against /api/schema/ ({connection.vendor}), phases "
        f"{', '.join(args.phases)}, up to {args.examples} cases per operation and phase"
    )
    failed = 0
    for role in roles:
        started = time.perf_counter()
        found = run_role(role, data, args)
        seconds = time.perf_counter() - started
        print(
            f"\n{role}: {len(found['operations'])} operations (and stateful sequences), "
            f"{found['cases']:,} cases, "
            f"{sum(found['failing'].values())} failing checks, {seconds:.0f} s"
        )
        for name in sorted(found["checks"]):
            print(f"  {name:32} {found['checks'][name]:7,} run  {found['failing'][name]:5} failed")
        for name, lines in sorted(found["failures"].items()):
            print(f"  {name}:")
            for line in sorted(lines)[: args.show]:
                print(f"    {line}")
            if len(lines) > args.show:
                print(f"    … {len(lines) - args.show} more")
        for line in found["errors"][: args.show]:
            print(f"  error: {line}")
        failed += sum(found["failing"].values()) + len(found["errors"])
    print(f"\n{'no failures' if not failed else f'{failed} failing checks or errors'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
