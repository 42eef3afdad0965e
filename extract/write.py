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
from typing import TYPE_CHECKING, Any, Iterable

import regex
from pydantic import BaseModel

if TYPE_CHECKING:
    import pyarrow as pa

FORMATS = {".csv": "csv", ".parquet": "parquet", ".jsonl": "jsonl", ".ndjson": "jsonl"}
# Cells starting with these are read as formulas by spreadsheets (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
LIST_SEPARATOR = "|"
# One encoder for every row: json.dumps with an option builds a new encoder per call.
JSON_LINE = json.JSONEncoder(ensure_ascii=False)


def _arrow() -> tuple[types.ModuleType, types.ModuleType]:
    """pyarrow and pyarrow.parquet, imported on first use: CSV and JSON Lines runs never pay for them."""
    import pyarrow
    import pyarrow.parquet

    return pyarrow, pyarrow.parquet


def output_format(path: Path) -> str:
    """The output format named by a file's suffix; ValueError for an unknown suffix."""
    try:
        return FORMATS[path.suffix.lower()]
    except KeyError:
        raise ValueError(f"{path}: unknown output suffix {path.suffix!r}; use one of {', '.join(FORMATS)}") from None


def _scalar_type(annotation: Any) -> Any:
    """A field annotation with Optional unwrapped; str for an Enum (written as its value)."""
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        members = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
        return _scalar_type(members[0])
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return str
    return annotation


def _arrow_type(annotation: Any) -> pa.DataType:
    """The Arrow type of a pydantic field annotation (Optional and Enum unwrapped)."""
    pa, _ = _arrow()
    annotation = _scalar_type(annotation)
    if typing.get_origin(annotation) is list:
        return pa.list_(_arrow_type(typing.get_args(annotation)[0]))
    return {bool: pa.bool_(), int: pa.int64(), float: pa.float64(), str: pa.string()}.get(annotation, pa.string())


def arrow_schema(model: type[BaseModel]) -> pa.Schema:
    """An Arrow schema with the real types of a model's serialised fields."""
    pa, _ = _arrow()
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
        kind = _scalar_type(info.annotation)
        optional = type(None) in typing.get_args(info.annotation)
        if kind is int:
            dtypes[name] = "Int64" if optional else "int64"
        elif kind is float:
            dtypes[name] = "float64"
        elif kind is bool:
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


def temporary_beside(path: Path) -> Path:
    """A new empty temporary file in the target's folder, so the final rename stays on one filesystem."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    os.close(handle)
    # mkstemp creates 0600; the output gets the mode a plain open() would give it.
    os.chmod(temporary, 0o666 & ~_umask())
    return Path(temporary)


def commit(temporary: Path, path: Path) -> None:
    """Flush a finished temporary file to disk and rename it over the target in one step."""
    with open(temporary, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def _atomic(path: Path, write: typing.Callable[[Path], None]) -> None:
    """Write through a temporary file in the same folder, then rename over the target."""
    temporary = temporary_beside(path)
    try:
        write(temporary)
        commit(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
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
            pa, pq = _arrow()
            schema = arrow_schema(model) if model else None
            table = pa.Table.from_pylist([{key: row.get(key) for key in columns} for row in materialised], schema=schema)
            pq.write_table(table, target)

    _atomic(path, write)
    return len(materialised)


def write_models(items: Iterable[BaseModel], path: Path, model: type[BaseModel]) -> int:
    """Write pydantic models as rows of `model`'s columns."""
    return write_rows((item.model_dump(mode="json") for item in items), path, model)


# Streaming: rows arrive one input at a time and leave in bounded batches, so memory stays flat.
ROWS_PER_BATCH = 10_000
NULL_PARTITION = "__HIVE_DEFAULT_PARTITION__"  # what pyarrow, Spark and DuckDB read back as null
PART_NAME = regex.compile(r"^part-\d+\.parquet$")
PENDING_SUFFIX = ".pending"


def is_dataset(target: str | Path) -> bool:
    """True when an output names a folder (a trailing slash, or an existing folder): a Parquet dataset."""
    text = str(target)
    return text.endswith(("/", os.sep)) or Path(text).is_dir()


def _columns(model: type[BaseModel], leave_out: Iterable[str] = ()) -> list[str]:
    skipped = set(leave_out)
    return [name for name, info in model.model_fields.items() if not info.exclude and name not in skipped]


class FileSink:
    """One output file written row by row into a temporary file, renamed over the target on close."""

    def __init__(self, path: Path, model: type[BaseModel]) -> None:
        self.path, self.kind, self.rows = path, output_format(path), 0
        self.columns = _columns(model)
        self.temporary = temporary_beside(path)
        self.batch: list[dict[str, Any]] = []
        self.handle: Any = None
        if self.kind == "parquet":
            pa, pq = _arrow()
            self.schema = pa.schema([arrow_schema(model).field(name) for name in self.columns])
            self.handle = pq.ParquetWriter(self.temporary, self.schema)
        else:
            # utf-8-sig: the BOM makes Excel read the Chinese text as UTF-8.
            encoding = "utf-8-sig" if self.kind == "csv" else "utf-8"
            self.handle = open(self.temporary, "w", encoding=encoding, newline="" if self.kind == "csv" else None)
            if self.kind == "csv":
                self.csv = csv.writer(self.handle)
                self.csv.writerow(self.columns)

    def add(self, row: dict[str, Any], partition: dict[str, Any] | None = None) -> None:
        """Append one row (a partition is meaningless for a single file and ignored)."""
        self.rows += 1
        if self.kind == "jsonl":
            self.handle.write(JSON_LINE.encode({key: row.get(key) for key in self.columns}) + "\n")
        elif self.kind == "csv":
            self.csv.writerow([_csv_cell(row.get(key)) for key in self.columns])
        else:
            # Only the columns are held: a report row arrives with its record rows attached.
            self.batch.append({key: row.get(key) for key in self.columns})
            if len(self.batch) >= ROWS_PER_BATCH:
                self._flush()

    def end_input(self) -> None:
        """Nothing to do at an input's end: batches of a single file are cut by row count alone."""

    def _flush(self) -> None:
        if self.batch:
            pa, _ = _arrow()
            self.handle.write_table(pa.Table.from_pylist(self.batch, schema=self.schema))
            self.batch = []

    def close(self) -> int:
        """Finish the file and rename it over the target; returns the number of rows."""
        self._flush()
        self.handle.close()
        commit(self.temporary, self.path)
        return self.rows

    def abort(self) -> None:
        """Drop the unfinished file; the previous target, if any, stays as it was."""
        try:
            self.handle.close()
        finally:
            self.temporary.unlink(missing_ok=True)


def partition_folder(values: dict[str, Any]) -> str:
    """The hive-style folder of one partition, e.g. `doc_type=summary/year=2022`."""
    parts = []
    for name, value in values.items():
        text = NULL_PARTITION if value is None or value == "" else str(value)
        # A slash or a leading dot would change the folder structure or hide the folder.
        text = text.replace("%", "%25").replace("/", "%2F").replace("\\", "%5C")
        parts.append(f"{name}={'%2E' + text[1:] if text.startswith('.') else text}")
    return "/".join(parts)


class DatasetSink:
    """A Parquet dataset folder: one file per batch (and partition), each written atomically and put in
    place when the dataset is complete."""

    def __init__(self, folder: Path, model: type[BaseModel], partition_by: Iterable[str] = ()) -> None:
        self.folder, self.partition_by = folder, list(partition_by)
        self.columns = _columns(model, self.partition_by)
        pa, _ = _arrow()
        self.schema = pa.schema([arrow_schema(model).field(name) for name in self.columns])
        self.batch: list[tuple[tuple, dict[str, Any]]] = []
        self.pending: dict[Path, Path] = {}  # hidden file written -> its place, renamed at close
        self.rows = self.files = 0
        folder.mkdir(parents=True, exist_ok=True)

    def add(self, row: dict[str, Any], partition: dict[str, Any] | None = None) -> None:
        """Buffer one row with its partition values (report-level fields)."""
        values = partition or {}
        # Only the columns are held: a report row arrives with its record rows attached.
        self.batch.append((tuple(values.get(name) for name in self.partition_by),
                           {name: row.get(name) for name in self.columns}))
        self.rows += 1

    def end_input(self) -> None:
        """Write the buffered rows as the next file(s) once enough have gathered; files never split an input."""
        if len(self.batch) >= ROWS_PER_BATCH:
            self._flush()

    def _flush(self) -> None:
        groups: dict[tuple, list[dict[str, Any]]] = {}
        for key, row in self.batch:
            groups.setdefault(key, []).append(row)
        for key in sorted(groups, key=lambda values: tuple((value is None, str(value)) for value in values)):
            self._write(Path(partition_folder(dict(zip(self.partition_by, key)))), groups[key])
        self.batch = []
        self.files += 1

    def _write(self, relative: Path, rows: list[dict[str, Any]]) -> None:
        target = self.folder / relative / f"part-{self.files:05d}.parquet"
        # Hidden until close, so readers see the previous complete dataset while the run goes on
        # (it writes as inputs finish) and after a kill; readers and globs skip dot files.
        pending = target.with_name(f".{target.name}{PENDING_SUFFIX}")
        pa, pq = _arrow()
        table = pa.Table.from_pylist(rows, schema=self.schema)
        _atomic(pending, lambda temporary: pq.write_table(table, temporary))
        self.pending[pending] = target

    def close(self) -> int:
        """Write the last file, put every file in place, then remove files of earlier runs this run did not write."""
        self._flush()
        if not self.pending:
            self._write(Path("."), [])  # an empty dataset still has its schema, so readers do not fail
        for pending, target in self.pending.items():
            os.replace(pending, target)
        written = set(self.pending.values())
        for stale in sorted(self.folder.rglob("part-*.parquet"), reverse=True):
            if PART_NAME.match(stale.name) and stale not in written:
                stale.unlink()
        for left in self.folder.rglob(f".part-*.parquet{PENDING_SUFFIX}"):
            left.unlink()  # left by a run that was killed
        for folder in sorted((path for path in self.folder.rglob("*") if path.is_dir()), reverse=True):
            if "=" in folder.name and not any(folder.iterdir()):
                folder.rmdir()
        return self.rows

    def abort(self) -> None:
        """Stop writing and drop this run's files; the previous dataset stays as it was."""
        self.batch = []
        for pending in self.pending:
            pending.unlink(missing_ok=True)


def open_sink(target: str | Path, model: type[BaseModel], partition_by: Iterable[str] = ()) -> FileSink | DatasetSink:
    """A streaming writer for one output: a Parquet dataset for a folder, else a file in its suffix's format."""
    if is_dataset(target):
        return DatasetSink(Path(target), model, partition_by)
    return FileSink(Path(target), model)
