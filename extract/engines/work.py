"""The unit of work every engine runs: a chunk of files read and extracted, each failure kept as an error."""
from __future__ import annotations

import json
import os
import signal
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Protocol

from extract.documents import ReadError
from extract.documents.read import read_bytes
from extract.duplicates import fingerprint
from extract.pipeline import Pipeline, load_pipeline
from extract.yamlfile import PATTERNS_DIR
from schemas.records import Report


@dataclass(frozen=True)
class Settings:
    """What every worker needs besides the files: the size limit, the patterns folder (None: the
    worker's own installed patterns, so workers on other machines need not share this folder's path) and
    whether the learned models (activity, doc type) are switched off."""

    max_bytes: int
    patterns: str | None = None
    rules_only: bool = False

    def patterns_dir(self) -> Path:
        """The patterns folder this worker loads."""
        return Path(self.patterns) if self.patterns else PATTERNS_DIR

    def pipeline(self) -> Pipeline:
        """The pipeline this worker runs."""
        return load_pipeline(self.patterns_dir(), self.rules_only)


@dataclass(frozen=True)
class FileJob:
    """One input: its path (absolute, for workers on other machines with the same mount), doc_id, and
    its bytes when they are sent with the task instead of read by the worker."""

    path: str
    doc_id: str
    data: bytes | None = None


@dataclass
class FileResult:
    """One input's outcome: its part line (a JSON text of its report rows, each with its records and
    fingerprint) and counts, or the one-line reason it failed."""

    path: str
    doc_id: str
    size: int = 0
    reports: int = 0
    records: int = 0
    line: str | None = None
    error: str | None = None


def report_row(report: Report) -> dict:
    """A report as its output row, with its record rows and its near-duplicate fingerprint.

    Made in the worker, so the main process neither validates, dumps nor shingles a report."""
    row = report.model_dump(mode="json")
    row["records"] = [record.model_dump(mode="json") for record in report.records]
    row["fingerprint"] = fingerprint(report.text)
    return row


def part_line(path: str, rows: list[dict]) -> str:
    """One input's line in a part file."""
    return json.dumps({"path": path, "reports": rows}, ensure_ascii=False)


class Engine(Protocol):
    """What batch needs of an engine: how many chunks it runs at once, and their results as they finish."""

    name: str

    def capacity(self) -> int:
        """How many chunks run at once."""

    def run(self, chunks: Iterable[list[FileJob]], settings: Settings) -> Iterator[list[FileResult]]:
        """Each chunk's results, in the order the chunks finish."""

    def close(self) -> None:
        """Release what the engine started."""


def cores() -> int:
    """The number of cores this process may run on (its CPU affinity, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # platforms without affinity (macOS, Windows)
        return os.cpu_count() or 1


def start_worker(settings: Settings) -> None:
    """Pool initializer: load the patterns and the jieba dictionary once per worker process."""
    settings.pipeline()


def start_pool_worker(settings: Settings) -> None:
    """Initializer of a local pool worker: Ctrl-C is the main process's to handle, and SIGTERM (which the
    main process sends to stop it) ends it at once, whatever handler it inherited from the main process."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    start_worker(settings)


def read_input(path: Path, max_bytes: int) -> bytes:
    """The bytes of one input, refusing files over max_bytes before reading them."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ReadError(path, f"file of {size} bytes is over the limit of {max_bytes} (--max-bytes)")
        return path.read_bytes()
    except OSError as error:
        raise ReadError(path, f"cannot read file ({error.strerror or error})") from None


def process_file(job: FileJob, settings: Settings) -> FileResult:
    """Read and extract one file; a failure becomes the result's error, never an exception."""
    result = FileResult(path=job.path, doc_id=job.doc_id)
    try:
        data = job.data if job.data is not None else read_input(Path(job.path), settings.max_bytes)
        result.size = len(data)
        if len(data) > settings.max_bytes:
            raise ReadError(job.path, f"file of {len(data)} bytes is over the limit of {settings.max_bytes} (--max-bytes)")
        document = read_bytes(data, job.path, job.doc_id, settings.max_bytes)
        rows = [report_row(report) for report in settings.pipeline().reports(document.text, document.doc_id)]
        result.line = part_line(job.path, rows)
        result.reports, result.records = len(rows), sum(len(row["records"]) for row in rows)
    except ReadError as error:
        result.error = error.reason
    except Exception as error:  # noqa: BLE001 - one bad file must never lose the batch
        result.error = f"{type(error).__name__}: {error}"
    return result


def process_chunk(chunk: list[FileJob], settings: Settings) -> list[FileResult]:
    """Process many files in one task (fewer round trips to a scheduler), in the chunk's order."""
    return [process_file(job, settings) for job in chunk]


def failed_chunk(chunk: list[FileJob], problem: BaseException) -> list[FileResult]:
    """Every file of a chunk whose task itself died (a worker killed, say), each as an error."""
    reason = f"worker failed: {type(problem).__name__}: {problem}".strip()
    return [FileResult(path=job.path, doc_id=job.doc_id, error=reason) for job in chunk]
