"""``make fuzz``: a million mutated inputs through the readers of incoming documents, and not one
exception other than the typed errors.

    .venv/bin/python fuzz/fuzz.py [--inputs N] [--seed S] [--target extract|parse|edxml|all]
                                  [--jobs J] [--timeout SECONDS] [--crashes FOLDER]
    .venv/bin/python fuzz/fuzz.py --replay var/fuzz-crashes/*.json

Targets (``all``: the inputs shared between the three):

- ``extract``: file bytes and a name → ``extract_bytes`` → ``parse_text`` → the record's JSON and
  keys, as ``congvan ingest`` does; text in every encoding, DOCX (the XML inside and the ZIP
  around it), PDF (objects, references, streams), other kinds, right and wrong extensions.
- ``parse``: dispatch texts → ``parse_text``.
- ``edxml``: packages → ``edxml.read``, then each attachment through ``extract_bytes``, as
  ``congvan import-edxml`` does.

Every input must end in a result or a ``DocumentError`` with a message (``UnreadableFile``,
``UnsupportedFormat``, ``NeedsOCR``, ``ParseError``; ``EdxmlError``, ``UnsafePackage``). Any other
exception is a crash; an input still running after ``--timeout`` seconds is a hang. Both are
saved in ``--crashes`` (default ``var/fuzz-crashes``, which git ignores with the rest of var/):
the input, and a ``.json`` beside it with the target, file name and traceback; at most five
inputs per distinct failure. The exit status is 1 when there was any. ``--replay`` runs saved
inputs again and prints what they do now.

Inputs are seeds (``fuzz/corpus.py``) mutated at random (``fuzz/mutate.py``), from ``--seed``:
the same seed gives the same inputs. Each is at most 64 kB and takes milliseconds, a PDF the
longest: one core reads some 145 inputs a second for extract, 210 for parse and 430 for edxml, so
a million take about 80 minutes there; ``--jobs`` shares them between processes. OCR and
LibreOffice are switched off: those programs are not fuzzed here, the checks in front of them
are.
"""

from __future__ import annotations

import argparse
import dataclasses
import faulthandler
import hashlib
import json
import logging
import os
import random
import resource
import signal
import sys
import time
import traceback
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the fuzz package, ahead of this script's own folder

# External programs would make an input take seconds; their refusals are still exercised.
os.environ["CONGVAN_OCR"] = "0"
os.environ["CONGVAN_SOFFICE"] = str(ROOT / "var" / "no-soffice-while-fuzzing")

from congvan.document import edxml  # noqa: E402
from congvan.document.errors import DocumentError  # noqa: E402
from congvan.document.extract import extract_bytes  # noqa: E402
from congvan.document.model import Document  # noqa: E402
from congvan.document.parse import parse_text  # noqa: E402
from congvan.registry.keys import (  # noqa: E402
    code_key,
    first_day,
    issuer_key,
    parent_key,
    year_of,
)
from fuzz import corpus as seeds  # noqa: E402
from fuzz import mutate  # noqa: E402

# pdfminer warns about every damaged font and stream: a million inputs would drown the report
logging.disable(logging.WARNING)

TARGETS = ("extract", "parse", "edxml")
KEEP_PER_FAILURE = 5


class InputTimeout(BaseException):
    """Raised by the alarm in an input that runs too long. A BaseException, so that the readers'
    own ``except Exception`` (which turns a library's failure into a typed error) lets it by."""


def _alarm(signum, frame):
    raise InputTimeout


def _disarm() -> None:
    signal.setitimer(signal.ITIMER_REAL, 0)


# ---------------------------------------------------------------------------------------------
# Targets


def check_record(record: Document) -> None:
    """What storing a record needs from it: JSON, and the keys it is filed under."""
    assert isinstance(record, Document), f"not a Document: {type(record).__name__}"
    data = record.to_json()
    json.dumps(data, ensure_ascii=False)
    Document.from_json(data)
    code_key(record.number, record.notation)
    issuer_key(record.issuer.name)
    parent_key(record.issuer.parent)
    year_of(record.date, record.notation)
    first_day(record.date)


class Target:
    name = ""
    suffix = ".bin"

    def __init__(self, corpus: seeds.Corpus):
        self.corpus = corpus
        self.stage = ""

    def seeds(self) -> list:
        raise NotImplementedError

    def generate(self, rng: random.Random):
        raise NotImplementedError

    def run(self, item) -> None:
        raise NotImplementedError

    def dump(self, item) -> tuple[bytes, dict]:
        """The bytes to save for an input, and what else replaying it needs."""
        return item, {}

    def load(self, data: bytes, meta: dict):
        return data


class ExtractTarget(Target):
    name = "extract"

    def seeds(self):
        names = {"txt": "cong-van.txt", "docx": "cong-van.docx", "pdf": "cong-van.pdf"}
        return [(data, names.get(kind, "cong-van.bin")) for kind, data in self.corpus.files]

    def generate(self, rng):
        return mutate.mutate_file(rng, self.corpus)

    def run(self, item):
        data, name = item
        self.stage = "extract"
        text = extract_bytes(data, name, ocr=False)
        assert isinstance(text, str), f"extract_bytes gave {type(text).__name__}"
        self.stage = "parse"
        record = parse_text(text)
        self.stage = "record"
        check_record(record)

    def dump(self, item):
        return item[0], {"filename": item[1]}

    def load(self, data, meta):
        return data, meta["filename"]


class ParseTarget(Target):
    name = "parse"
    suffix = ".txt"

    def seeds(self):
        return list(self.corpus.texts)

    def generate(self, rng):
        return mutate.mutate_text(rng, rng.choice(self.corpus.texts), self.corpus.texts)

    def run(self, item):
        self.stage = "parse"
        record = parse_text(item)
        self.stage = "record"
        check_record(record)

    def dump(self, item):
        # surrogates never reach here (mutate.random_text skips them); keep the bytes exact
        return item.encode("utf-8", "surrogatepass"), {}

    def load(self, data, meta):
        return data.decode("utf-8", "surrogatepass")


class EdxmlTarget(Target):
    name = "edxml"
    suffix = ".edxml"

    def seeds(self):
        return list(self.corpus.packages)

    def generate(self, rng):
        return mutate.mutate_edxml(rng, self.corpus)

    def run(self, item):
        self.stage = "edxml"
        result = edxml.read(item, name="goi-tin.edxml")
        if isinstance(result, edxml.Status):
            json.dumps(dataclasses.asdict(result), ensure_ascii=False)
            return
        assert isinstance(result, edxml.Package), f"read gave {type(result).__name__}"
        self.stage = "record"
        check_record(result.record)
        self.stage = "attachment"
        for attachment in result.attachments[:4]:
            try:  # as the import does: the first attachment it can read gives the text
                extract_bytes(attachment.data, attachment.name, ocr=False)
            except DocumentError as error:
                _check_message(error)


TARGET_CLASSES = {cls.name: cls for cls in (ExtractTarget, ParseTarget, EdxmlTarget)}


def _check_message(error: DocumentError) -> None:
    if not (isinstance(error.message, str) and error.message.strip()):
        raise AssertionError(f"{type(error).__name__} without a message for people")


# ---------------------------------------------------------------------------------------------
# Running


@dataclass
class Stats:
    target: str
    inputs: int = 0
    results: int = 0  # read through
    errors: int = 0  # typed errors, as expected
    crashes: int = 0
    hangs: int = 0
    slow: int = 0
    seconds: float = 0.0
    slowest: float = 0.0
    failures: dict[str, int] = field(default_factory=dict)  # signature → count

    def add(self, other: Stats) -> None:
        for name in ("inputs", "results", "errors", "crashes", "hangs", "slow"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.seconds = max(self.seconds, other.seconds)  # jobs run side by side
        self.slowest = max(self.slowest, other.slowest)
        for signature, count in other.failures.items():
            self.failures[signature] = self.failures.get(signature, 0) + count

    def line(self) -> str:
        rate = self.inputs / self.seconds if self.seconds else 0.0
        return (
            f"{self.target}: {self.inputs:,} inputs in {self.seconds:,.0f} s ({rate:,.0f}/s): "
            f"{self.results:,} read, {self.errors:,} typed errors, {self.crashes} crashes "
            f"({len([s for s in self.failures if not s.startswith('hang')])} distinct), "
            f"{self.hangs} hangs, slowest input {self.slowest:.2f} s"
        )


def signature(error: BaseException, stage: str) -> str:
    """Where a failure comes from: its type and the innermost frame in congvan (else the
    innermost frame), so one bug reached a thousand ways is reported once."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if "/src/congvan/" in f.filename]
    frame = (ours or frames)[-1] if frames else None
    where = f"{Path(frame.filename).name}:{frame.lineno} {frame.name}" if frame else "?"
    kind = "hang" if isinstance(error, InputTimeout) else type(error).__name__
    return f"{kind} in {stage} at {where}"


def save(folder: Path, target: Target, item, kind: str, sig: str, text: str, where: dict) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    data, extra = target.dump(item)
    digest = hashlib.sha256(data).hexdigest()[:12]
    tag = hashlib.sha256(sig.encode()).hexdigest()[:8]
    stem = folder / f"{target.name}-{kind}-{tag}-{digest}"
    stem.with_suffix(target.suffix).write_bytes(data)
    meta = {
        "target": target.name,
        "kind": kind,
        "signature": sig,
        "input": stem.with_suffix(target.suffix).name,
        **extra,
        **where,
        "traceback": text,
    }
    path = stem.with_suffix(".json")
    path.write_text(json.dumps(meta, ensure_ascii=False, indent=1), encoding="utf-8")
    return path


@dataclass
class Job:
    target: str
    inputs: int
    seed: int
    job: int
    jobs: int
    timeout: float
    slow: float
    crashes: Path
    progress: float
    memory_mb: int


CORPUS: seeds.Corpus | None = None  # built once, before the jobs fork


def run_job(job: Job) -> Stats:
    faulthandler.register(signal.SIGUSR1)  # kill -USR1 PID: where is it stuck?
    if job.memory_mb > 0:  # a bomb that gets past the limits fails here, not the machine
        limit = job.memory_mb * 1024 * 1024
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if job.timeout > 0:
        signal.signal(signal.SIGALRM, _alarm)
    target = TARGET_CLASSES[job.target](CORPUS)
    rng = random.Random(f"{job.seed}:{job.target}:{job.job}")
    first = target.seeds() if job.job == 0 else []  # the seeds themselves go first
    stats = Stats(job.target)
    label = f"{job.target}" + (f" [job {job.job + 1}/{job.jobs}]" if job.jobs > 1 else "")
    start = last = time.monotonic()
    kept: dict[str, int] = {}
    for index in range(job.inputs):
        item = first[index] if index < len(first) else target.generate(rng)
        target.stage = ""
        failure: BaseException | None = None
        began = time.perf_counter()
        if job.timeout > 0:
            # repeats: a reader that swallows the first alarm in cleanup code meets another
            signal.setitimer(signal.ITIMER_REAL, job.timeout, 1.0)
        try:
            try:
                target.run(item)
            finally:
                _disarm()
        except InputTimeout as error:  # (the alarm may also go off as the finally begins)
            _disarm()
            failure = error
        except DocumentError as error:
            try:
                _check_message(error)
                stats.errors += 1
            except AssertionError as bad:
                failure = bad
        except Exception as error:  # the point of the exercise
            failure = error
        else:
            stats.results += 1
        elapsed = time.perf_counter() - began
        stats.inputs += 1
        stats.slowest = max(stats.slowest, elapsed)
        where = {"seed": job.seed, "job": job.job, "index": index, "seconds": round(elapsed, 3)}
        if failure is not None:
            hang = isinstance(failure, InputTimeout)
            stats.hangs += hang
            stats.crashes += not hang
            sig = signature(failure, target.stage)
            stats.failures[sig] = stats.failures.get(sig, 0) + 1
            if kept.get(sig, 0) < KEEP_PER_FAILURE:
                kept[sig] = kept.get(sig, 0) + 1
                text = "".join(traceback.format_exception(failure))
                path = save(job.crashes, target, item, "hang" if hang else "crash", sig, text,
                            where)  # fmt: skip
                if kept[sig] == 1:
                    print(f"{label}: NEW {sig} → {path}", file=sys.stderr, flush=True)
        elif elapsed > job.slow and stats.slow < KEEP_PER_FAILURE:
            stats.slow += 1
            save(job.crashes, target, item, "slow", f"slow {elapsed:.1f} s", "", where)
        now = time.monotonic()
        if now - last >= job.progress:
            last = now
            rate = stats.inputs / (now - start)
            print(
                f"{label}: {stats.inputs:,}/{job.inputs:,} inputs, {rate:,.0f}/s, "
                f"{stats.crashes} crashes, {stats.hangs} hangs",
                file=sys.stderr,
                flush=True,
            )
    stats.seconds = time.monotonic() - start
    return stats


def run_target(name: str, inputs: int, args: argparse.Namespace) -> Stats:
    shares = [inputs // args.jobs + (1 if j < inputs % args.jobs else 0) for j in range(args.jobs)]
    jobs = [
        Job(name, share, args.seed, j, args.jobs, args.timeout, args.slow, args.crashes,
            args.progress, args.memory_mb)
        for j, share in enumerate(shares)
    ]  # fmt: skip
    if args.jobs == 1:
        return run_job(jobs[0])
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
        results = pool.map(run_job, jobs, chunksize=1)
    total = Stats(name)
    for stats in results:
        total.add(stats)
    return total


def replay(paths: Sequence[str]) -> int:
    global CORPUS
    CORPUS = seeds.Corpus()
    still = 0
    for raw in paths:
        path = Path(raw)
        meta = json.loads(path.read_text(encoding="utf-8"))
        target = TARGET_CLASSES[meta["target"]](CORPUS)
        item = target.load((path.parent / meta["input"]).read_bytes(), meta)
        began = time.perf_counter()
        try:
            target.run(item)
        except DocumentError as error:
            outcome = f"typed error {type(error).__name__}: {error.message}"
        except Exception:
            still += 1
            outcome = "STILL FAILS\n" + traceback.format_exc()
        else:
            outcome = "read through"
        print(f"{path.name} ({meta['signature']}): {outcome} [{time.perf_counter() - began:.2f} s]")
    return 1 if still else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="fuzz.py", description=__doc__.split("\n\n")[0].replace("``", "")
    )
    parser.add_argument("--inputs", type=int, default=1_000_000, help="inputs in all (1,000,000)")
    parser.add_argument("--seed", type=int, default=0, help="seed of the mutations (0)")
    parser.add_argument(
        "--target", choices=[*TARGETS, "all"], default="all", help="all: the inputs shared out"
    )
    parser.add_argument("--jobs", type=int, default=1, help="processes side by side (1)")
    parser.add_argument("--timeout", type=float, default=10.0, help="seconds to a hang (10)")
    parser.add_argument("--slow", type=float, default=2.0, help="seconds to keep as slow (2)")
    parser.add_argument("--progress", type=float, default=10.0, help="seconds between lines")
    parser.add_argument(
        "--memory-mb", type=int, default=4096, help="address space per process (4096; 0: any)"
    )
    parser.add_argument(
        "--crashes",
        type=Path,
        default=ROOT / "var" / "fuzz-crashes",
        help="folder for failing and slow inputs (var/fuzz-crashes)",
    )
    parser.add_argument("--replay", nargs="+", metavar="JSON", help="run saved inputs again")
    args = parser.parse_args(argv)
    if args.replay:
        return replay(args.replay)
    global CORPUS
    began = time.monotonic()
    CORPUS = seeds.build()
    names = TARGETS if args.target == "all" else (args.target,)
    print(
        f"fuzz: {args.inputs:,} inputs ({', '.join(names)}), seed {args.seed}, "
        f"{args.jobs} job(s); seeds: {len(CORPUS.texts)} texts, {len(CORPUS.files)} files, "
        f"{len(CORPUS.packages)} edXML packages ({CORPUS.samples} from ../shared)",
        file=sys.stderr,
        flush=True,
    )
    totals = []
    for i, name in enumerate(names):
        share = args.inputs // len(names) + (1 if i < args.inputs % len(names) else 0)
        stats = run_target(name, share, args)
        totals.append(stats)
        print(stats.line(), flush=True)
        for sig, count in sorted(stats.failures.items(), key=lambda item: -item[1]):
            print(f"  {count:>7,} × {sig}", flush=True)
    inputs = sum(s.inputs for s in totals)
    crashes = sum(s.crashes for s in totals)
    hangs = sum(s.hangs for s in totals)
    wall = time.monotonic() - began
    whom = (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)  # children: the jobs
    peak = max(resource.getrusage(who).ru_maxrss for who in whom) // 1024
    print(
        f"fuzz: {inputs:,} inputs, {crashes} crashes, {hangs} hangs, {wall:,.0f} s, "
        f"peak memory {peak:,} MB"
        + (f"; failing inputs in {args.crashes}" if crashes or hangs else ""),
        flush=True,
    )
    return 1 if crashes or hangs else 0


if __name__ == "__main__":
    sys.exit(main())
