"""Read records and reports written in any output format (or a Parquet dataset folder); write tables."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.dataset

from extract.write import (
    FORMULA_STARTS,
    LIST_SEPARATOR,
    atomic_write,
    neutralise,
    output_format,
    write_rows,
)

LIST_COLUMNS = ("channels", "audiences", "activities")
NUMBER_COLUMNS = ("value", "value_max", "start", "end", "part_of", "index", "year")
TABLE_FORMATS = (".csv", ".parquet", ".xlsx")


class TableError(ValueError):
    """An input table cannot be read or lacks a column the comparison needs."""


def _split_list(cell: Any) -> list[str]:
    if isinstance(cell, list):
        return [str(item) for item in cell]
    if cell is None or (isinstance(cell, float) and pd.isna(cell)):
        return []
    if hasattr(cell, "tolist"):
        return [str(item) for item in cell.tolist()]
    return [item for item in str(cell).split(LIST_SEPARATOR) if item]


def _undo_neutralise(cell: Any) -> Any:
    """Drop the apostrophe the CSV writer puts before a cell a spreadsheet would run as a formula."""
    if isinstance(cell, str) and len(cell) > 1 and cell[0] == "'" and cell[1:].startswith(FORMULA_STARTS):
        return cell[1:]
    return cell


def _read_frame(path: Path) -> pd.DataFrame:
    if path.is_dir():
        # A dataset folder: every Parquet file under it, hive partitions (province=…/) read as
        # columns; other files a writer leaves there (a manifest, _SUCCESS) are passed over.
        dataset = pyarrow.dataset.dataset(path, format="parquet", partitioning="hive", exclude_invalid_files=True)
        return dataset.to_table().to_pandas()
    kind = output_format(path)
    if kind == "parquet":
        return pd.read_parquet(path)
    if kind == "jsonl":
        return pd.read_json(path, lines=True, dtype=False)
    frame = pd.read_csv(path, encoding="utf-8-sig", dtype=str, keep_default_na=False)
    frame = frame.map(_undo_neutralise).replace("", None)
    if "masked" in frame:
        frame["masked"] = frame["masked"].map(lambda cell: str(cell).lower() == "true")
    return frame


def read_table(path: Path, required: tuple[str, ...]) -> pd.DataFrame:
    """Records or reports from a .csv/.jsonl/.parquet file or a Parquet folder, with real types."""
    if not path.exists():
        raise TableError(f"{path}: no such file or folder")
    try:
        frame = _read_frame(path)
    except TableError:
        raise
    except Exception as error:  # noqa: BLE001 - any reader failure becomes one clear line
        raise TableError(f"{path}: cannot be read ({type(error).__name__}: {error})") from None
    missing = [column for column in required if column not in frame.columns]
    if missing:
        raise TableError(f"{path}: missing column(s) {', '.join(missing)}")
    for column in LIST_COLUMNS:
        if column in frame:
            frame[column] = frame[column].map(_split_list)
    for column in NUMBER_COLUMNS:
        if column in frame:
            frame[column] = pd.to_numeric(frame[column], errors="coerce")
    if "masked" in frame:
        frame["masked"] = frame["masked"].fillna(False).astype(bool)
    return frame.reset_index(drop=True)


def _cell(value: Any) -> Any:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return None
    return value.item() if hasattr(value, "item") else value


def write_table(table: pd.DataFrame, path: Path) -> int:
    """Write a comparison table as .csv (Excel-safe), .parquet or .xlsx, atomically; returns rows."""
    suffix = path.suffix.lower()
    if suffix not in TABLE_FORMATS:
        raise ValueError(f"{path}: unknown table suffix {path.suffix!r}; use one of {', '.join(TABLE_FORMATS)}")
    rows = [{column: _cell(value) for column, value in row.items()} for row in table.to_dict("records")]
    if suffix != ".xlsx":
        return write_rows(rows, path)

    def write(target: Path) -> None:
        from openpyxl import Workbook

        workbook = Workbook()
        sheet = workbook.active
        sheet.title = "compare"
        sheet.append(list(table.columns))
        for row in rows:
            # openpyxl stores a string starting with "=" as a formula: neutralise like the CSV writer.
            sheet.append([neutralise(row[column]) for column in table.columns])
        sheet.freeze_panes = "B2"
        workbook.save(target)

    atomic_write(path, write)
    return len(rows)
