"""Records and reports read back from csv, jsonl and parquet exactly as extract wrote them."""
from __future__ import annotations

from pathlib import Path

import pytest

from extract.review.load import (
    ReviewInputError,
    read_records,
    read_reports_with_records,
)
from extract.write import write_models
from schemas.records import MetricRecord, Report

TEXT = "-开展讲座3次，=发放宣传单300份\n受教育群众𠀀200余人次"


def _report() -> Report:
    report = Report(doc_id="a.txt", report_id="a.txt#1", index=1, title="=HYPERLINK(1)", organization="+某派出所", text=TEXT,
                    activities=["lecture", "distribution"], channels=[], year=2023)
    for raw, activity, channels in (("3次", "lecture", ["in_person"]), ("300份", "distribution", ["print", "wechat"]),
                                    ("200余人次", "reach", [])):
        start = TEXT.index(raw)
        report.records.append(MetricRecord(doc_id="a.txt", report_id="a.txt#1", start=start, end=start + len(raw),
                                           evidence="-" + raw, raw=raw, value=3.5, activity=activity, channels=channels,
                                           object="@宣传单" if channels else None, masked=bool(channels), part_of=0 if channels else None))
    return report


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_round_trip(tmp_path: Path, suffix: str) -> None:
    report = _report()
    records, reports = tmp_path / f"records{suffix}", tmp_path / f"reports{suffix}"
    write_models(report.records, records, MetricRecord)
    write_models([report], reports, Report)
    [read] = read_reports_with_records(records, reports)
    assert read.model_dump() == report.model_dump()
    assert [record.model_dump() for record in read.records] == [record.model_dump() for record in report.records]


def test_record_of_unknown_report_names_both_files(tmp_path: Path) -> None:
    report = _report()
    write_models(report.records, tmp_path / "records.jsonl", MetricRecord)
    write_models([report.model_copy(update={"report_id": "b.txt#1"})], tmp_path / "reports.jsonl", Report)
    with pytest.raises(ReviewInputError, match=r"records\.jsonl.*a\.txt#1.*reports\.jsonl"):
        read_reports_with_records(tmp_path / "records.jsonl", tmp_path / "reports.jsonl")


def test_offsets_that_miss_the_raw_text_are_refused(tmp_path: Path) -> None:
    report = _report()
    report.records[0] = report.records[0].model_copy(update={"start": 0, "end": 2})
    write_models(report.records, tmp_path / "records.csv", MetricRecord)
    write_models([report], tmp_path / "reports.csv", Report)
    with pytest.raises(ReviewInputError, match=r"records\.csv.*3次.*text\[0:2\]"):
        read_reports_with_records(tmp_path / "records.csv", tmp_path / "reports.csv")


@pytest.mark.parametrize("name, content, problem", [
    ("records.jsonl", '{"doc_id": "a"}\n', "row 1: report_id: Field required"),
    ("records.jsonl", "not json\n", "Expecting value"),
    ("records.parquet", "not parquet", "magic bytes"),
    ("records.txt", "", "unknown output suffix"),
])
def test_bad_file_is_one_line_naming_it(tmp_path: Path, name: str, content: str, problem: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ReviewInputError) as raised:
        read_records(path)
    assert str(raised.value).startswith(str(path)) and problem in str(raised.value) and "\n" not in str(raised.value)
