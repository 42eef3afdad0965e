"""Writers: Excel-safe CSV, typed Parquet, JSON Lines, all written atomically."""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pandas as pd

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from extract.write import csv_dtypes, write_models, write_rows
from schemas.records import MetricRecord


def _record(**changes) -> MetricRecord:
    values = dict(doc_id="d.txt", report_id="d.txt#1", start=4, end=9, evidence="发放宣传单3千余张", raw="3千余张",
                  value=3000.0, qualifier="more_than", unit="张", unit_class="items", activity="distribution",
                  object="宣传单", channels=["print", "wechat"], audiences=["elderly"], rule="activity:发放")
    values.update(changes)
    return MetricRecord(**values)


def test_csv_has_bom_and_neutralises_formulas(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    write_models([_record(evidence="=HYPERLINK(\"http://x\")"), _record(object="@SUM(A1)")], path, MetricRecord)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    text = data.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and "'@SUM(A1)" in text
    assert "print|wechat" in text


def test_parquet_has_real_types(tmp_path: Path) -> None:
    path = tmp_path / "out.parquet"
    write_models([_record(), _record(value=None, masked=True)], path, MetricRecord)
    table = pq.read_table(path)
    assert table.schema.field("value").type == pa.float64()
    assert table.schema.field("start").type == pa.int64()
    assert table.schema.field("masked").type == pa.bool_()
    assert table.schema.field("channels").type == pa.list_(pa.string())
    assert table.column("value").to_pylist() == [3000.0, None]


def test_jsonl_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    write_models([_record()], path, MetricRecord)
    assert MetricRecord.model_validate(json.loads(path.read_text(encoding="utf-8"))) == _record()


def test_failed_write_leaves_the_old_file_and_no_temp(tmp_path: Path) -> None:
    path = tmp_path / "out.jsonl"
    path.write_text("old\n", encoding="utf-8")
    with pytest.raises(TypeError):
        write_rows([{"value": object()}], path)
    assert path.read_text(encoding="utf-8") == "old\n"
    assert [child.name for child in tmp_path.iterdir()] == ["out.jsonl"]


def test_unknown_suffix_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown output suffix"):
        write_rows([], tmp_path / "out.xlsx")


def test_output_mode_follows_the_umask(tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        write_models([_record()], tmp_path / "out.csv", MetricRecord)
        write_models([_record()], tmp_path / "out.jsonl", MetricRecord)
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "out.csv").stat().st_mode) == 0o644
    assert stat.S_IMODE((tmp_path / "out.jsonl").stat().st_mode) == 0o644


def test_csv_part_of_reads_back_as_integer(tmp_path: Path) -> None:
    path = tmp_path / "out.csv"
    write_models([_record(), _record(part_of=0), _record(part_of=12)], path, MetricRecord)
    frame = pd.read_csv(path, encoding="utf-8-sig", dtype=csv_dtypes(MetricRecord))
    assert str(frame["part_of"].dtype) == "Int64"
    assert frame["part_of"].tolist()[1:] == [0, 12] and pd.isna(frame["part_of"].iloc[0])
    assert str(frame["start"].dtype) == "int64" and str(frame["value"].dtype) == "float64"
    assert str(frame["masked"].dtype) == "boolean"


def test_dataset_files_replace_the_previous_run_and_nulls_get_the_hive_default(tmp_path: Path) -> None:
    from extract.write import NULL_PARTITION, open_sink
    from schemas.records import Report

    folder = tmp_path / "reports"
    first = open_sink(f"{folder}/", Report, ["year"])
    for index, year in enumerate([2021, None, 2022], start=1):
        first.add({"doc_id": "d", "report_id": f"d#{index}", "index": index, "text": "x", "year": year}, {"year": year})
    assert first.close() == 3
    assert sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*.parquet")) == [
        "year=2021/part-00000.parquet", "year=2022/part-00000.parquet", f"year={NULL_PARTITION}/part-00000.parquet"]
    second = open_sink(f"{folder}/", Report, ["year"])
    second.add({"doc_id": "d", "report_id": "d#1", "index": 1, "text": "y", "year": 2022}, {"year": 2022})
    second.close()
    assert [path.relative_to(folder).as_posix() for path in folder.rglob("*.parquet")] == ["year=2022/part-00000.parquet"]
    import pyarrow.dataset as ds

    table = ds.dataset(folder, format="parquet", partitioning="hive").to_table()
    assert table.column("text").to_pylist() == ["y"] and table.column("year").to_pylist() == [2022]


def test_streamed_file_is_invisible_until_closed(tmp_path: Path) -> None:
    from extract.write import ROWS_PER_BATCH, open_sink

    path = tmp_path / "records.parquet"
    sink = open_sink(path, MetricRecord)
    for index in range(ROWS_PER_BATCH + 5):
        sink.add(_record(start=index).model_dump(mode="json"))
    assert not path.exists()
    assert sink.close() == ROWS_PER_BATCH + 5
    assert pq.ParquetFile(path).metadata.num_row_groups == 2  # written in bounded batches, not all at once
    assert [child.name for child in tmp_path.iterdir()] == ["records.parquet"]


def test_a_dataset_keeps_its_previous_files_until_the_new_one_is_complete(tmp_path: Path, monkeypatch) -> None:
    """Files written while a run goes on stay hidden: readers, and a killed or stopped run, see the previous dataset."""
    from extract import write
    from extract.write import open_sink
    from schemas.records import Report

    monkeypatch.setattr(write, "ROWS_PER_BATCH", 2)
    folder = tmp_path / "reports"

    def fill(text: str, rows: int):
        sink = open_sink(f"{folder}/", Report, ["year"])
        for index in range(1, rows + 1):
            sink.add({"doc_id": "d", "report_id": f"d#{index}", "index": index, "text": text, "year": 2022}, {"year": 2022})
            sink.end_input()
        return sink

    def visible() -> list[str]:
        return sorted(path.relative_to(folder).as_posix() for path in folder.rglob("*") if not path.name.startswith("."))

    fill("old", 2).close()
    previous = visible()
    stopped = fill("new", 5)  # two files written already, in the middle of the run
    assert visible() == previous and any(folder.rglob(".part-*"))
    stopped.abort()
    assert visible() == previous and not any(folder.rglob(".part-*"))
    fill("killed", 4)  # never closed nor aborted: kill -9
    fill("new", 5).close()
    assert visible() == ["year=2022", "year=2022/part-00000.parquet", "year=2022/part-00001.parquet",
                         "year=2022/part-00002.parquet"]
    assert not any(folder.rglob(".part-*"))
    assert pd.read_parquet(folder)["text"].tolist() == ["new"] * 5


def test_csv_dtypes_name_every_serialised_field_by_its_type() -> None:
    dtypes = csv_dtypes(MetricRecord)
    assert (dtypes["start"], dtypes["value"], dtypes["part_of"]) == ("int64", "float64", "Int64")
    assert dtypes["activity"] == dtypes["channels"] == "string"  # an enum, a list
    assert set(dtypes) == {name for name, info in MetricRecord.model_fields.items() if not info.exclude}


def test_csv_and_jsonl_runs_do_not_import_pyarrow(tmp_path: Path) -> None:
    # Imported only for Parquet: a small CSV run should not pay for it at start-up.
    script = (
        "import sys; from pathlib import Path; from extract.write import FileSink; from schemas.records import MetricRecord\n"
        f"for name in ('out.csv', 'out.jsonl'):\n"
        f"    sink = FileSink(Path({str(tmp_path)!r}) / name, MetricRecord); sink.close()\n"
        "print('pyarrow' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).resolve().parents[1])
    assert result.stdout.strip() == "False"
