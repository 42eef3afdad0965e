"""The CI gate: thresholds stored in one YAML file, and predictions read back from files."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml

from schemas.records import MetricRecord, Report


def load_thresholds(path: Path) -> dict[str, Any]:
    """Read the thresholds file (quantity_f1, fields.*, report_fields.*)."""
    return yaml.safe_load(path.read_text(encoding="utf-8")) or {}


def check_gate(figures: dict[str, Any], thresholds: dict[str, Any]) -> list[str]:
    """Every gated figure that is below its threshold, as a readable line."""
    failures = []
    if "quantity_f1" in thresholds and figures["quantity"]["f1"] < thresholds["quantity_f1"]:
        failures.append(f"quantity F1 {figures['quantity']['f1']:.4f} < {thresholds['quantity_f1']}")
    for name, minimum in (thresholds.get("fields") or {}).items():
        if figures["fields"].get(name, 0.0) < minimum:
            failures.append(f"{name} accuracy {figures['fields'].get(name, 0.0):.4f} < {minimum}")
    for name, minimum in (thresholds.get("report_fields") or {}).items():
        score = figures["report_fields"].get(name, {})
        found = score.get("f1", score.get("accuracy", 0.0))
        if found < minimum:
            failures.append(f"report {name} {found:.4f} < {minimum}")
    return failures


def predictions_from_files(records_path: Path, reports_path: Path | None) -> list[Report]:
    """Rebuild reports with their records from `extract` JSON Lines output files."""
    records = [MetricRecord.model_validate(json.loads(line))
               for line in records_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    reports: dict[str, Report] = {}
    if reports_path is not None:
        for line in reports_path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                report = Report.model_validate(json.loads(line))
                reports[report.report_id] = report
    for record in records:
        if record.report_id not in reports:
            doc_id, _, index = record.report_id.rpartition("#")
            reports[record.report_id] = Report(doc_id=doc_id, report_id=record.report_id, index=int(index or 0), text="")
        reports[record.report_id].records.append(record)
    return list(reports.values())
