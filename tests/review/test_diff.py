"""--against: records paired as evaluate pairs them, and named new, missing or changed."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from extract.batch import run_batch
from extract.evaluation import evaluate, load_gold
from extract.review.diff import compare_with
from extract.review.load import ReviewInputError
from extract.write import write_models
from schemas.labels import Activity
from schemas.records import MetricRecord
from tests.conftest import RAW, ROOT

GOLD = ROOT / "corpus" / "gold"


@pytest.fixture(scope="module")
def seed_reports() -> list:
    """The seed corpus extracted once."""
    return run_batch([str(RAW)]).reports


def test_against_gold_agrees_with_evaluate(seed_reports: list) -> None:
    comparison = compare_with(GOLD)
    diffs = [diff for report in seed_reports for diff in comparison.diff_report(report)]
    figures = evaluate(load_gold(GOLD), seed_reports)
    assert sum(diff.status == "new" for diff in diffs) == figures.quantity.false_positive
    assert sum(diff.status == "missing" for diff in diffs) == figures.quantity.false_negative
    changed = sorted((diff.current.report_id, diff.current.raw, name) for diff in diffs for name in diff.changed)
    assert changed == sorted((error.report_id, error.raw, error.kind) for error in figures.field_errors)
    assert comparison.kind == "gold" and comparison.skipped == 0


def test_against_itself_nothing_changed(seed_reports: list, tmp_path: Path) -> None:
    path = tmp_path / "records.parquet"
    write_models([record for report in seed_reports for record in report.records], path, MetricRecord)
    comparison = compare_with(path)
    assert {diff.status for report in seed_reports for diff in comparison.diff_report(report)} == {None}


def test_edited_dropped_and_extra_records(seed_reports: list, tmp_path: Path) -> None:
    report = next(report for report in seed_reports if len(report.records) >= 3)
    first, second, third = report.records[:3]
    previous = [second.model_copy(update={"activity": Activity.drill, "channels": list(reversed(second.channels))}), third,
                third.model_copy(update={"start": 0, "end": 1, "raw": report.text[0]})]
    path = tmp_path / "previous.jsonl"
    path.write_text("".join(record.model_dump_json() + "\n" for record in previous), encoding="utf-8")
    diffs = {(diff.status, (diff.current or diff.previous).start): diff for diff in compare_with(path).diff_report(report)}
    assert diffs[("new", first.start)].current == first
    assert diffs[("changed", second.start)].changed == ["activity"]  # channel order is not a change
    assert diffs[("missing", 0)].previous.raw == report.text[0]
    assert (None, third.start) in diffs


def test_previous_records_of_reports_not_in_this_run(tmp_path: Path) -> None:
    record = MetricRecord(doc_id="gone.txt", report_id="gone.txt#1", start=0, end=2, evidence="3次", raw="3次", value=3)
    path = tmp_path / "previous.jsonl"
    path.write_text(json.dumps(record.model_dump(mode="json")) + "\n", encoding="utf-8")
    assert compare_with(path).unplaced({"gone.txt#2"}) == [("gone.txt#1", record)]
    # A document the run did not read at all is not missing from it: reviewing part of a corpus.
    assert compare_with(path).unplaced({"other.txt#1"}) == []
    assert compare_with(path).outside({"other.txt#1"}) == 1 and compare_with(path).outside({"gone.txt#2"}) == 0


def test_nothing_to_compare_with_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(ReviewInputError, match="no such records file or gold folder"):
        compare_with(tmp_path / "absent.jsonl")
    with pytest.raises(ReviewInputError, match="no gold"):
        compare_with(tmp_path)
