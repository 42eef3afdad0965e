"""Run the pipeline over many files: inputs expanded, progress shown, bad files reported and skipped."""
from __future__ import annotations

import glob
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import regex
from pydantic import BaseModel, ConfigDict

from extract.documents import DEFAULT_MAX_BYTES, ReadError, read_file
from extract.duplicates import DuplicateFinder
from extract.pipeline import extract_document, load_pipeline
from extract.yamlfile import PATTERNS_DIR
from schemas.records import MetricRecord, Report

GLOB_CHARACTERS = "*?["


class InputError(BaseModel):
    """One file that could not be processed, with a one-line reason."""

    model_config = ConfigDict(extra="forbid")

    path: str
    doc_id: str
    error: str


@dataclass
class BatchResult:
    """Everything a batch produced: reports (with records) and the files that failed."""

    reports: list[Report] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    # Files read without error that gave no report (all chrome, or no text): the summary names them.
    without_reports: list[str] = field(default_factory=list)

    @property
    def records(self) -> list[MetricRecord]:
        """Every metric record of every report, in order."""
        return [record for report in self.reports for record in report.records]


def _doc_id(path: Path, root: Path) -> str:
    try:
        relative = path.relative_to(root)
    except ValueError:
        relative = Path(path.name)
    return relative.as_posix() if relative.parts else path.name


def collect_inputs(inputs: Iterable[str]) -> list[tuple[Path, str]]:
    """Expand files, folders (recursively) and globs into (path, doc_id) pairs, in a stable order."""
    found: dict[Path, str] = {}
    for item in inputs:
        path = Path(item)
        if any(char in item for char in GLOB_CHARACTERS) and not path.exists():
            prefix = regex.split(r"[*?\[]", item)[0]
            # The folder part before the first wildcard: doc_ids are relative to it.
            root = Path(prefix) if prefix.endswith(("/", "\\")) else Path(prefix).parent
            matches = [Path(match) for match in sorted(glob.glob(item, recursive=True))]
            found.update({match: _doc_id(match, root) for match in matches if match.is_file()})
        elif path.is_dir():
            files = sorted(child for child in path.rglob("*")
                           if child.is_file() and not any(part.startswith(".") for part in child.relative_to(path).parts))
            found.update({child: _doc_id(child, path) for child in files})
        else:
            found[path] = path.name
    return list(found.items())


def process_one(job: tuple[Path, str, int, Path]) -> tuple[list[Report], InputError | None]:
    """Read and extract one file; a failure becomes an InputError, never an exception."""
    path, doc_id, max_bytes, patterns = job
    try:
        document = read_file(path, doc_id, max_bytes)
        return extract_document(document, load_pipeline(patterns)), None
    except ReadError as error:
        return [], InputError(path=str(path), doc_id=doc_id, error=error.reason)
    except Exception as error:  # noqa: BLE001 - one bad file must never lose the batch
        return [], InputError(path=str(path), doc_id=doc_id, error=f"{type(error).__name__}: {error}")


def run_batch(inputs: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES, workers: int = 1,
              on_file: Callable[[str, InputError | None], None] | None = None,
              patterns: Path = PATTERNS_DIR) -> BatchResult:
    """Process every input file; on_file is called after each file (for progress display)."""
    jobs = [(path, doc_id, max_bytes, patterns) for path, doc_id in collect_inputs(inputs)]
    load_pipeline(patterns)  # a broken pattern file stops the batch here, before any file is blamed for it
    result = BatchResult()
    if workers > 1 and len(jobs) > 1:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            outcomes: Iterable = pool.map(process_one, jobs, chunksize=4)
            _collect(jobs, outcomes, result, on_file)
    else:
        _collect(jobs, map(process_one, jobs), result, on_file)
    # Batch-wide pass in input order; a streaming runner calls DuplicateFinder.mark per report instead.
    result.reports = list(DuplicateFinder().mark_all(result.reports))
    return result


def _collect(jobs: list, outcomes: Iterable, result: BatchResult,
             on_file: Callable[[str, InputError | None], None] | None) -> None:
    for (path, *_), (reports, error) in zip(jobs, outcomes):
        result.reports.extend(reports)
        if error is not None:
            result.errors.append(error)
        elif not reports:
            result.without_reports.append(str(path))
        if on_file:
            on_file(str(path), error)


def report_error(error: InputError) -> None:
    """Print one bad file as one line on stderr."""
    print(f"error: {error.path}: {error.error}", file=sys.stderr)
