"""What changed against a previous run's records or a gold folder: each record new, missing, changed or the same."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from extract.evaluation.evaluate import RECORD_FIELDS, match_records
from extract.evaluation.gold import GoldMetric, load_gold
from extract.review.load import ReviewInputError, read_records
from schemas.records import MetricRecord, Report

# Against a previous run every field a rule or lexicon edit can move is compared; against gold, the
# fields `evaluate` scores, so the page and the figures agree.
RUN_FIELDS = ("raw", "value", "value_max", "qualifier", "unit", "unit_class", "masked", "activity", "object",
              "channels", "audiences", "status", "period", "part_of", "rule")
GOLD_FIELDS = tuple(RECORD_FIELDS)
UNORDERED = {"channels", "audiences"}

Previous = MetricRecord | GoldMetric


@dataclass
class RecordDiff:
    """One record of this run and its previous counterpart; either may be None."""

    current: MetricRecord | None
    previous: Previous | None
    changed: list[str] = field(default_factory=list)

    @property
    def record(self) -> Previous:
        """The record of this run or, when it is missing, the previous one: what the page shows."""
        shown = self.current if self.current is not None else self.previous
        assert shown is not None, "a RecordDiff holds at least one record"
        return shown

    @property
    def status(self) -> str | None:
        """new, missing or changed; None when the record is the same as before."""
        if self.previous is None:
            return "new"
        if self.current is None:
            return "missing"
        return "changed" if self.changed else None


@dataclass
class Comparison:
    """The previous records by report_id, where they came from and which fields are compared."""

    source: str
    kind: str  # run or gold
    previous: dict[str, list[Previous]]
    fields: tuple[str, ...]
    skipped: int = 0  # gold labels with no anchored span: they cannot be placed or matched

    def diff_report(self, report: Report) -> list[RecordDiff]:
        """Pair the report's records with the previous ones by greatest span overlap, as evaluate does."""
        pairs = match_records(self.previous.get(report.report_id, []), report.records)  # type: ignore[arg-type]
        diffs = []
        for previous, current in pairs:
            if _doubtful(previous):
                # evaluate neither misses nor scores the fields of a doubtful gold label; neither does the page.
                if current is not None:
                    diffs.append(RecordDiff(current, previous))
                continue
            diffs.append(RecordDiff(current, previous, self._changed(previous, current) if previous and current else []))
        return diffs

    def unplaced(self, report_ids: set[str]) -> list[tuple[str, Previous]]:
        """Previous records (with their report_id) of reports this run lacks in documents it has: missing, with no text
        to show them in. Documents the run did not read at all are left out (see `outside`)."""
        documents = {_document(report_id) for report_id in report_ids}
        return [(report_id, item) for report_id, items in self.previous.items()
                if report_id not in report_ids and _document(report_id) in documents
                for item in items if not _doubtful(item)]

    def outside(self, report_ids: set[str]) -> int:
        """How many previous records belong to documents this run did not read (reviewing a part of a corpus)."""
        documents = {_document(report_id) for report_id in report_ids}
        return sum(len(items) for report_id, items in self.previous.items() if _document(report_id) not in documents)

    def _changed(self, previous: Previous, current: MetricRecord) -> list[str]:
        return [name for name in self.fields if not _same(name, getattr(previous, name), getattr(current, name))]


def _document(report_id: str) -> str:
    return report_id.rpartition("#")[0]


def _doubtful(previous: Previous | None) -> bool:
    return isinstance(previous, GoldMetric) and previous.doubtful


def _same(name: str, before: Any, after: Any) -> bool:
    compare: Callable[[Any, Any], bool] | None = RECORD_FIELDS.get(name)
    if compare is not None:
        return compare(before, after)
    if name in UNORDERED:
        return set(before) == set(after)
    return before == after


def compare_with(path: Path) -> Comparison:
    """A previous run's records file (csv, jsonl, parquet) or a gold folder in the corpus/gold format."""
    if path.is_dir():
        return _from_gold(path)
    if not path.is_file():
        raise ReviewInputError(f"{path}: no such records file or gold folder")
    previous: dict[str, list[Previous]] = {}
    for record in read_records(path):
        previous.setdefault(record.report_id, []).append(record)
    return Comparison(source=str(path), kind="run", previous=previous, fields=RUN_FIELDS)


def _from_gold(folder: Path) -> Comparison:
    try:
        documents = load_gold(folder)
    except ValueError as problem:
        raise ReviewInputError(str(problem)) from None
    if not documents:
        raise ReviewInputError(f"{folder}: no gold *.jsonl files in this folder")
    previous: dict[str, list[Previous]] = {}
    skipped = 0
    for document in documents.values():
        for metric in document.metrics:
            if metric.start is None or metric.end is None:
                skipped += 1
                continue
            previous.setdefault(document.report_id(metric.report), []).append(metric)
    return Comparison(source=str(folder), kind="gold", previous=previous, fields=GOLD_FIELDS, skipped=skipped)
