"""Hand-made reports with places, written in every output format the compare command reads."""
from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from extract.write import write_models
from schemas.records import MetricRecord, Report
from tests.conftest import DATA


def handmade_reports() -> list[Report]:
    """The reports of tests/data/compare_reports.yaml as models, records filled in around their raw text."""
    cases = yaml.safe_load((DATA / "compare_reports.yaml").read_text(encoding="utf-8"))["reports"]
    reports = []
    for case in cases:
        records = case.pop("records")
        doc_id = case["report_id"].split("#")[0]
        text = "，".join(record["raw"] for record in records) or "无数字的报告"
        report = Report(doc_id=doc_id, index=int(case["report_id"].split("#")[1]), text=text, **case)
        offset = 0
        for record in records:
            start = text.index(record["raw"], offset)
            offset = start + len(record["raw"])
            report.records.append(MetricRecord(doc_id=doc_id, report_id=report.report_id, start=start, end=offset,
                                               evidence=record["raw"], rule="handmade", **record))
        reports.append(report)
    return reports


@pytest.fixture(scope="session")
def handmade_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Path]]:
    """(records, reports) paths per format: csv, jsonl, parquet, and a folder of Parquet files."""
    folder = tmp_path_factory.mktemp("handmade")
    reports = handmade_reports()
    records = [record for report in reports for record in report.records]
    files = {}
    for kind in ("csv", "jsonl", "parquet"):
        files[kind] = (folder / f"records.{kind}", folder / f"reports.{kind}")
        write_models(records, files[kind][0], MetricRecord)
        write_models(reports, files[kind][1], Report)
    half = len(records) // 2
    write_models(records[:half], folder / "dataset" / "records" / "part-0.parquet", MetricRecord)
    write_models(records[half:], folder / "dataset" / "records" / "part-1.parquet", MetricRecord)
    write_models(reports, folder / "dataset" / "reports" / "part-0.parquet", Report)
    (folder / "dataset" / "records" / "manifest.json").write_text("{}", encoding="utf-8")  # not Parquet: passed over
    files["dataset"] = (folder / "dataset" / "records", folder / "dataset" / "reports")
    return files
