"""Write rows to CSV, Parquet or JSON Lines (chosen by suffix), atomically."""
from __future__ import annotations

import csv
import json
import os
import tempfile
import types
import typing
from enum import Enum
from pathlib import Path
from typing import Any, Iterable

import pyarrow as pa
import pyarrow.parquet as pq
from pydantic import BaseModel

FORMATS = {".csv": "csv", ".parquet": "parquet", ".jsonl": "jsonl", ".ndjson": "jsonl"}
# Cells starting with these are read as formulas by spreadsheets (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "|"


def output_format(path: Path) -> str:
    """The output format named by a file's suffix; ValueError for an unknown suffix."""
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        raise ValueError(f"{path}: unknown output suffix {path.suffix!r}; use one of {', '.join(FORMATS)}") from None


def _arrow_type(annotation: Any) -> pa.DataType:
    """The Arrow type of a pydantic field annotation (Optional and Enum unwrapped)."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return _arrow_type(members[0])
    if origin is list:
        return pa.list_(_arrow_type(typing.get_args(annotation)[0]))
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return pa.string()
    return {bool: pa.bool_(), int: pa.int64(), float: pa.float64(), str: pa.string()}.get(annotation, pa.string())


def arrow_schema(model: type[BaseModel]) -> pa.Schema:
    """An Arrow schema with the real types of a model's serialised fields."""
    fields = [
        pa.field(name, _arrow_type(info.annotation))
        for name, info in model.model_fields.items()
        if not info.exclude
    ]
    return pa.schema(fields)


def csv_dtypes(model: type[BaseModel]) -> dict[str, str]:
    """pandas dtypes that read a model's CSV back typed: pd.read_csv(path, dtype=csv_dtypes(MetricRecord)).

    CSV has no types, and pandas reads an int column with empty cells (part_of) as float; nullable
    Int64 and boolean keep them integers and booleans.
    """
    dtypes = {}
    for name, info in model.model_fields.items():
        if info.exclude:
            continue
        kind = _arrow_type(info.annotation)
        optional = type(None) in typing.get_args(info.annotation)
        if kind == pa.int64():
            dtypes[name] = "Int64" if optional else "int64"
        elif kind == pa.float64():
            dtypes[name] = "float64"
        elif kind == pa.bool_():
            dtypes[name] = "boolean"
        else:
            dtypes[name] = "string"
    return dtypes


def neutralise(cell: Any) -> Any:
    """Prefix a text cell that a spreadsheet would run as a formula with an apostrophe."""
    if isinstance(cell, str) and cell.startswith(FORMULA_STARTS):
        return "'" + cell
    return cell


def _csv_cell(value: Any) -> Any:
    if isinstance(value, list):
        return neutralise(LIST_SEPARATOR.join(str(item) for item in value))
    if value is None:
        return ""
    return neutralise(value)


def _umask() -> int:
    """The process umask (reading it means setting it, so it is set straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _atomic(path: Path, write: typing.Callable[[Path], None]) -> None:
    """Write through a temporary file in the same folder, then rename over the target."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    try:
        # mkstemp creates 0600; the output gets the mode a plain open() would give it.
        os.chmod(temporary, 0o666 & ~_umask())
        write(Path(temporary))
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def atomic_write(path: Path, write: typing.Callable[[Path], None]) -> None:
    """Write a file of any format through `write(temporary_path)`, then rename it over `path`."""
    _atomic(path, write)


def write_rows(rows: Iterable[dict[str, Any]], path: Path, model: type[BaseModel] | None = None) -> int:
    """Write dict rows to `path` in the format of its suffix; returns the number of rows."""
    kind = output_format(path)
    materialised = list(rows)
    columns = [name for name, info in model.model_fields.items() if not info.exclude] if model else (
        list(materialised[0]) if materialised else [])

    def write(target: Path) -> None:
        if kind == "jsonl":
            with open(target, "w", encoding="utf-8") as handle:
                for row in materialised:
                    handle.write(json.dumps(row, ensure_ascii=False) + "\n")
        elif kind == "csv":
            # utf-8-sig: the BOM makes Excel read the Chinese text as UTF-8.
            with open(target, "w", encoding="utf-8-sig", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=columns, extrasaction="ignore")
                writer.writeheader()
                for row in materialised:
                    writer.writerow({key: _csv_cell(row.get(key)) for key in columns})
        else:
            schema = arrow_schema(model) if model else None
            table = pa.Table.from_pylist([{key: row.get(key) for key in columns} for row in materialised], schema=schema)
            pq.write_table(table, target)

    _atomic(path, write)
    return len(materialised)


def write_models(items: Iterable[BaseModel], path: Path, model: type[BaseModel]) -> int:
    """Write pydantic models as rows of `model`'s columns."""
    return write_rows((item.model_dump(mode="json") for item in items), path, model)
