"""Run the pipeline over many files: planned against the manifest, run on an engine, streamed into the outputs."""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from pydantic import BaseModel, ConfigDict

from extract.documents import DEFAULT_MAX_BYTES
from extract.duplicates import DuplicateFinder
from extract.engines.assembly import Assembly, RowProcessor
from extract.engines.inputs import Candidate, collect_inputs, find_inputs, is_document
from extract.engines.local import LocalEngine
from extract.engines.parts import PartStore, parts_folder
from extract.engines.progress import ProgressBar, Tally
from extract.engines.work import Engine, FileJob, FileResult, Settings, cores
from extract.manifest import (
    Entry,
    Header,
    Manifest,
    content_hash,
    manifest_path,
    read_manifest,
    settings_fingerprint,
)
from extract.pipeline import load_pipeline
from extract.write import DatasetSink, FileSink, is_dataset, open_sink, output_format
from extract.yamlfile import PATTERNS_DIR
from schemas.records import MetricRecord, Report

__all__ = ["BatchResult", "InputError", "Outputs", "REPORT_PROCESSORS", "collect_inputs", "cores", "run_batch",
           "run_extract", "check_outputs", "report_error", "NoInputs"]

MAX_CHUNK_FILES = 32
MAX_CHUNK_BYTES = 4 * 1024 * 1024
TAIL_SPREAD = 2  # near the end, chunks of at most 1/(workers * TAIL_SPREAD) of the files left
HEAD_BYTES = 4096
# Report-level fields a dataset cannot be partitioned by: free text, lists and the per-report ids.
UNPARTITIONABLE = {"text", "title", "report_id", "index", "activities", "channels", "audiences", "records"}

# The post-processing hook. Each factory here makes one processor per run; in the main process, every
# report row of the batch (as the part holds it: the output columns, its `records` and its `fingerprint`)
# passes through the processors in input order, after extraction (and after resume, so reports taken
# from earlier runs pass too) and just before it is written. A batch-wide pass such as near-duplicate
# detection (setting `duplicate_of`) registers its factory here.
REPORT_PROCESSORS: list[Callable[[], RowProcessor]] = [lambda: DuplicateFinder().mark_row]


class InputError(BaseModel):
    """One file that could not be processed, with a one-line reason."""

    model_config = ConfigDict(extra="forbid")

    path: str
    doc_id: str
    error: str


@dataclass
class BatchResult:
    """Everything a batch produced, held in memory: reports (with records) and the files that failed."""

    reports: list[Report] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    # Files read without error that gave no report (all chrome, or no text): the summary names them.
    without_reports: list[str] = field(default_factory=list)

    @property
    def records(self) -> list[MetricRecord]:
        """Every metric record of every report, in order."""
        return [record for report in self.reports for record in report.records]


@dataclass
class Outputs:
    """Where a run writes: records (a file, or a folder for a Parquet dataset), reports, errors."""

    records: str
    reports: str | None = None
    errors: str | None = None
    partition_by: list[str] = field(default_factory=list)

    def paths(self) -> list[Path]:
        """Every output path named, records first."""
        return [Path(path) for path in (self.records, self.reports, self.errors) if path is not None]


@dataclass(frozen=True)
class Planned:
    """An input after planning: its absolute path (the manifest's key), the path as given (for messages),
    doc_id, content hash and size, and whether it is a document."""

    path: str
    given: str
    doc_id: str
    hash: str
    size: int
    document: bool


def check_outputs(outputs: Outputs) -> None:
    """Refuse outputs that cannot work together (ValueError with the reason): one file for two outputs,
    an unknown suffix, partitions of a single file, a field that is not a report-level value."""
    named = {"--out": outputs.records, "--reports": outputs.reports, "--errors": outputs.errors}
    seen: dict[Path, str] = {}
    for option, target in named.items():
        if target is None:
            continue
        resolved = Path(target).resolve()
        if resolved in seen:
            raise ValueError(f"{option} and {seen[resolved]} name the same file {target}; give each output its own file")
        seen[resolved] = option
        if not is_dataset(target):
            output_format(Path(target))
        elif option == "--errors":
            raise ValueError(f"--errors {target}: the errors output is one file (.csv, .parquet or .jsonl), not a folder")
    fields = [name for name in Report.model_fields if name not in UNPARTITIONABLE]
    for name in outputs.partition_by:
        if name not in fields:
            raise ValueError(f"--partition-by {name}: not a report-level field; use one of {', '.join(fields)}")
    datasets = [target for target in (outputs.records, outputs.reports) if target and is_dataset(target)]
    if outputs.partition_by and not datasets:
        raise ValueError("--partition-by needs a folder output (a Parquet dataset), e.g. --out records/")


def plan(candidates: Iterable[Candidate], max_bytes: int) -> Iterator[Planned]:
    """Hash and classify each input, reading one file at a time."""
    for candidate in candidates:
        path = candidate.path
        try:
            size = path.stat().st_size
            with open(path, "rb") as handle:
                data = handle.read(HEAD_BYTES if size > max_bytes else -1)
        except OSError:
            size, data = 0, b""  # the worker reads it again and reports why it cannot
        digest = content_hash(data) if size <= max_bytes else f"over-limit:{size}"
        yield Planned(str(path.absolute()), str(path), candidate.doc_id, digest, size, is_document(candidate, data))


def _chunks(items: Sequence[Planned], per_chunk: int, send_bytes: bool, spread: int = 0) -> Iterator[list[FileJob]]:
    """Consecutive inputs in chunks of at most per_chunk files and MAX_CHUNK_BYTES; bytes read only when sent.

    With `spread`, a chunk also takes at most 1/spread of the files still to come, so chunks shrink towards
    the end and every worker finishes at about the same time instead of one running a last long chunk alone.
    """
    chunk: list[FileJob] = []
    size = 0
    limit = per_chunk
    for position, item in enumerate(items):
        if chunk and (len(chunk) >= limit or size + item.size > MAX_CHUNK_BYTES):
            yield chunk
            chunk, size = [], 0
        if not chunk and spread:
            limit = max(1, min(per_chunk, -(-(len(items) - position) // spread)))
        data = Path(item.path).read_bytes() if send_bytes and item.size else None
        chunk.append(FileJob(item.path, item.doc_id, data))
        size += item.size
    if chunk:
        yield chunk


def _shipped(patterns: Path) -> str | None:
    """The patterns folder as workers get it: None for the default, which each worker finds in its own install."""
    return None if Path(patterns).resolve() == PATTERNS_DIR.resolve() else str(Path(patterns).resolve())


class NoInputs(ValueError):
    """The inputs name no file at all."""


def chunk_size(files: int, workers: int) -> int:
    """Files per task: many per task to save round trips, but enough tasks to keep every worker busy."""
    return max(1, min(MAX_CHUNK_FILES, -(-files // (workers * 4))))


def run_extract(inputs: Iterable[str], outputs: Outputs, *, engine: Engine | None = None, workers: int | None = None,
                resume: bool = False, max_bytes: int = DEFAULT_MAX_BYTES, patterns: Path = PATTERNS_DIR, rules_only: bool = False,
                include: Iterable[str] = (), exclude: Iterable[str] = (), send_bytes: bool = False,
                chunk_files: int | None = None, progress: ProgressBar | None = None,
                post_processors: Sequence[RowProcessor] | None = None) -> Tally:
    """Extract every input into the outputs, streaming: chunks are kept as parts as they finish and recorded
    in the manifest, and the outputs are written from them in input order while later chunks still run.
    Returns the run's counts."""
    check_outputs(outputs)
    load_pipeline(patterns, rules_only)  # a broken pattern file stops the run here, before any file is blamed for it
    workers = workers or cores()
    engine = engine or LocalEngine(workers)
    progress = progress or ProgressBar(enabled=False)
    manifest_file = manifest_path(outputs.records)
    store = PartStore(parts_folder(manifest_file))
    tally = Tally()
    candidates = find_inputs(inputs, outputs.paths() + [manifest_file, store.folder], include, exclude)
    if not candidates:
        raise NoInputs("no input files found")
    planned = [item for item in plan(candidates, max_bytes) if item.document]
    tally.files, tally.skipped = len(candidates), len(candidates) - len(planned)
    header = Header(outputs=[str(path.absolute()) for path in outputs.paths() + [manifest_file]],
                    settings=settings_fingerprint(patterns, max_bytes, rules_only))
    old_header, old_entries = read_manifest(manifest_file) if resume else (None, {})
    usable = old_header is not None and old_header.settings == header.settings
    kept: dict[str, Entry] = {}
    for item in planned:
        entry = old_entries.get(item.path) if usable else None
        if entry and entry.status == "done" and entry.hash == item.hash and entry.part and store.exists(entry.part):
            kept[item.path] = entry
    manifest = Manifest(manifest_file, header, kept.values())
    if not resume:
        store.prune(set())
    todo = [item for item in planned if item.path not in kept]
    by_path = {item.path: item for item in planned}
    entries = dict(kept)
    tally.resumed = len(kept)
    tally.read = len(kept)
    tally.reports = sum(entry.reports for entry in kept.values())
    tally.records = sum(entry.records for entry in kept.values())
    tally.without_reports = sum(1 for entry in kept.values() if entry.reports == 0)
    processors = post_processors if post_processors is not None else [factory() for factory in REPORT_PROCESSORS]
    assembly: Assembly | None = None
    try:
        assembly = _open_assembly(planned, store, outputs, processors)
        assembly.add(kept.values())
        progress.start(len(planned), len(kept))
        settings = Settings(max_bytes=max_bytes, patterns=_shipped(patterns), rules_only=rules_only)
        capacity = engine.capacity()
        chunks = (_chunks(todo, chunk_files, send_bytes) if chunk_files else
                  _chunks(todo, chunk_size(len(todo), capacity), send_bytes, spread=capacity * TAIL_SPREAD))
        for results in engine.run(chunks, settings):
            new, part, lines = _record_chunk(results, by_path, store, tally, progress)
            manifest.append(new)
            entries.update((entry.path, entry) for entry in new)
            # Written as soon as every earlier input is: the outputs grow while the workers run.
            assembly.add(new, part, lines)
            progress.update(tally, len(results))
        assembly.close()
    except BaseException:
        if assembly is not None:
            assembly.abort()
        raise
    finally:
        manifest.close()
    store.prune({entry.part for entry in entries.values() if entry.part})
    return tally


def _record_chunk(results: list[FileResult], by_path: dict[str, Planned], store: PartStore, tally: Tally,
                  progress: ProgressBar) -> tuple[list[Entry], str | None, dict[str, str]]:
    """Keep a finished chunk as a part and turn its results into manifest entries; error lines go out once.
    Returns the entries, the part's name and its lines by input path."""
    lines = {result.path: result.line for result in results if result.error is None and result.line is not None}
    part = store.write(lines.values()) if lines else None
    entries = []
    for result in results:
        item = by_path[result.path]
        tally.bytes += result.size or item.size
        if result.error is None:
            entries.append(Entry(path=result.path, doc_id=result.doc_id, hash=item.hash, status="done",
                                 reports=result.reports, records=result.records, part=part))
            tally.read += 1
            tally.without_reports += not result.reports
            tally.reports += result.reports
            tally.records += result.records
        else:
            entries.append(Entry(path=result.path, doc_id=result.doc_id, hash=item.hash, status="failed",
                                 error=result.error))
            tally.failed += 1
            progress.error(f"error: {item.given}: {result.error}")
    return entries, part, lines


def _open_assembly(planned: list[Planned], store: PartStore, outputs: Outputs,
                   processors: Sequence[RowProcessor]) -> Assembly:
    """Open every output (each a temporary file until it is complete) for assembly in input order."""
    opened: list[FileSink | DatasetSink] = []
    try:
        opened.append(open_sink(outputs.records, MetricRecord, outputs.partition_by))
        if outputs.reports:
            opened.append(open_sink(outputs.reports, Report, outputs.partition_by))
        if outputs.errors:
            opened.append(FileSink(Path(outputs.errors), InputError))
    except BaseException:
        for sink in opened:
            sink.abort()
        raise
    reports = opened[1] if outputs.reports else None
    errors = opened[-1] if outputs.errors else None
    return Assembly(planned, store, opened[0], reports, errors, outputs.partition_by, processors)


def run_batch(inputs: Iterable[str], max_bytes: int = DEFAULT_MAX_BYTES, workers: int = 1,
              on_file: Callable[[str, InputError | None], None] | None = None,
              patterns: Path = PATTERNS_DIR, rules_only: bool = False) -> BatchResult:
    """Process every input document and keep everything in memory (for small batches and evaluation)."""
    load_pipeline(patterns, rules_only)
    planned = [item for item in plan(find_inputs(inputs), max_bytes) if item.document]
    settings = Settings(max_bytes=max_bytes, patterns=_shipped(patterns), rules_only=rules_only)
    by_path = {item.path: item for item in planned}
    finished: dict[str, FileResult] = {}
    for results in LocalEngine(workers).run(_chunks(planned, chunk_size(len(planned), workers), False), settings):
        for outcome in results:
            finished[outcome.path] = outcome
            if on_file:
                given = by_path[outcome.path].given
                on_file(given, InputError(path=given, doc_id=outcome.doc_id, error=outcome.error) if outcome.error else None)
    result = BatchResult()
    finder = DuplicateFinder()  # the batch-wide pass in input order, as the streaming run applies it
    for item in planned:
        outcome = finished[item.path]
        if outcome.error:
            result.errors.append(InputError(path=item.given, doc_id=outcome.doc_id, error=outcome.error))
        elif not outcome.reports:
            result.without_reports.append(item.given)
        for row in json.loads(outcome.line)["reports"] if outcome.line else []:
            finder.mark_row(row)
            del row["fingerprint"]
            result.reports.append(Report.model_validate(row))
    return result


def report_error(error: InputError) -> None:
    """Print one bad file as one line on stderr."""
    print(f"error: {error.path}: {error.error}", file=sys.stderr)
