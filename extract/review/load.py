"""Read records and reports already written by `extract` (csv, jsonl or parquet) back into Report objects."""
from __future__ import annotations

import csv
import json
import types
import typing
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
from pydantic import BaseModel, ValidationError

from extract.write import FORMULA_STARTS, LIST_SEPARATOR, output_format
from schemas.records import MetricRecord, Report


class ReviewInputError(ValueError):
    """A records or reports file that cannot be read; the message names the file and the problem."""


def _is_list(annotation: Any) -> bool:
    return typing.get_origin(annotation) is list


def _is_optional(annotation: Any) -> bool:
    return typing.get_origin(annotation) in (typing.Union, types.UnionType) and type(None) in typing.get_args(annotation)


def _csv_value(cell: str, annotation: Any) -> Any:
    """Undo what the CSV writer did to one cell: the formula apostrophe, `|`-joined lists, empty for None."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS):
        cell = cell[1:]
    if _is_list(annotation):
        return [item for item in cell.split(LIST_SEPARATOR) if item]
    if cell == "" and _is_optional(annotation):
        return None
    return cell


def _csv_row(row: dict[str, str | None], fields: dict[str, Any]) -> dict[str, Any]:
    """One CSV row as model input; an empty cell of a field that cannot be None takes the field's default."""
    values = {}
    for name, cell in row.items():
        if name not in fields:
            continue
        annotation = fields[name].annotation
        if not cell and not (_is_list(annotation) or _is_optional(annotation) or fields[name].is_required()):
            continue
        values[name] = _csv_value(cell or "", annotation)
    return values


def _csv_rows(path: Path, model: type[BaseModel]) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [_csv_row(row, model.model_fields) for row in csv.DictReader(handle)]


def read_rows(path: Path, model: type[BaseModel]) -> list[BaseModel]:
    """Every row of a csv, jsonl or parquet file as `model`; ReviewInputError names the file and row."""
    try:
        kind = output_format(path)
        if kind == "jsonl":
            rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        elif kind == "parquet":
            rows = pq.read_table(path).to_pylist()
        else:
            rows = _csv_rows(path, model)
    except (OSError, ValueError, UnicodeDecodeError) as problem:
        raise ReviewInputError(f"{path}: {str(problem).splitlines()[0]}") from None
    except Exception as problem:  # noqa: BLE001 - pyarrow raises its own error types for a broken file
        raise ReviewInputError(f"{path}: {type(problem).__name__}: {str(problem).splitlines()[0]}") from None
    items = []
    for number, row in enumerate(rows, start=1):
        try:
            items.append(model.model_validate(row))
        except ValidationError as problem:
            first = problem.errors()[0]
            where = ".".join(str(part) for part in first["loc"])
            raise ReviewInputError(f"{path}: row {number}: {where}: {first['msg']}") from None
    return items


def read_records(path: Path) -> list[MetricRecord]:
    """The metric records of a csv, jsonl or parquet file written by `extract --out`."""
    return typing.cast(list[MetricRecord], read_rows(path, MetricRecord))


def read_reports_with_records(records_path: Path, reports_path: Path) -> list[Report]:
    """Reports (with their text) read back, each holding its records; a record of an unknown report is an error."""
    reports = typing.cast(list[Report], read_rows(reports_path, Report))
    by_id = {report.report_id: report for report in reports}
    for record in read_records(records_path):
        if record.report_id not in by_id:
            raise ReviewInputError(f"{records_path}: record {record.raw!r} names report {record.report_id!r}, "
                                   f"which is not in {reports_path}")
        report = by_id[record.report_id]
        if report.text[record.start:record.end] != record.raw:
            raise ReviewInputError(f"{records_path}: record {record.raw!r} of {record.report_id}: text[{record.start}:"
                                   f"{record.end}] is {report.text[record.start:record.end]!r}, not its raw")
        report.records.append(record)
    return reports
