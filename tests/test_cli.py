"""The extract command: every report in one row, bad files reported and skipped, outputs typed."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from cli import app
from extract.batch import collect_inputs
from tests.conftest import RAW, ROOT, docx_bytes, html_bytes

runner = CliRunner()


def _jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_extract_bundled_corpus_one_row_per_report(tmp_path: Path) -> None:
    out, reports = tmp_path / "records.jsonl", tmp_path / "reports.jsonl"
    result = runner.invoke(app, ["extract", str(RAW), "--out", str(out), "--reports", str(reports), "--no-progress"])
    assert result.exit_code == 0, result.output
    rows = _jsonl(reports)
    assert len(rows) == 61
    assert len({row["report_id"] for row in rows}) == 61
    assert all("我要投稿" not in row["text"] and "相关文章" not in row["text"] for row in rows)
    records = _jsonl(out)
    assert len(records) > 150
    texts = {row["report_id"]: row["text"] for row in rows}
    for record in records:
        assert texts[record["report_id"]][record["start"]:record["end"]] == record["raw"]


def test_mixed_folder_writes_good_files_and_reports_bad_ones(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "sub").mkdir(parents=True)
    seed = (RAW / "004_b01f797654e47c8c.txt").read_text(encoding="utf-8")
    (inbox / "good.txt").write_text(seed, encoding="utf-8")
    (inbox / "sub" / "good.gbk.txt").write_bytes(seed.encode("gb18030"))
    (inbox / "sub" / "good.docx").write_bytes(docx_bytes(seed))
    (inbox / "good.html").write_bytes(html_bytes(seed))
    (inbox / "empty.txt").write_bytes(b"")
    (inbox / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (inbox / "truncated.docx").write_bytes(docx_bytes(seed)[:700])
    (inbox / "invalid.txt").write_bytes(b"\x81\x30\xff\xfe\xfa\x80" * 100)
    out, reports, errors = tmp_path / "r.csv", tmp_path / "rep.csv", tmp_path / "errors.jsonl"
    result = runner.invoke(app, ["extract", str(inbox), "--out", str(out), "--reports", str(reports),
                                 "--errors", str(errors), "--no-progress"])
    assert result.exit_code == 1
    failed = {row["doc_id"]: row["error"] for row in _jsonl(errors)}
    assert set(failed) == {"empty.txt", "binary.txt", "truncated.docx", "invalid.txt"}
    frame = pd.read_csv(reports, encoding="utf-8-sig")
    assert sorted(set(frame["doc_id"])) == ["good.html", "good.txt", "sub/good.docx", "sub/good.gbk.txt"]
    assert frame.groupby("doc_id").size().tolist() == [3, 3, 3, 3]


def test_parquet_output_is_typed(tmp_path: Path) -> None:
    out = tmp_path / "records.parquet"
    result = runner.invoke(app, ["extract", str(RAW / "001_bd304e38a7a584fe.txt"), "--out", str(out), "--no-progress"])
    assert result.exit_code == 0
    frame = pd.read_parquet(out)
    assert frame["value"].dtype == "float64"
    assert frame["start"].dtype == "int64"
    assert frame["doc_id"].iloc[0] == "001_bd304e38a7a584fe.txt"


def test_glob_and_doc_ids_use_forward_slashes(tmp_path: Path) -> None:
    folder = tmp_path / "a" / "b"
    folder.mkdir(parents=True)
    shutil.copy(RAW / "002_81e7789554a7c4a8.txt", folder / "x.txt")
    assert collect_inputs([str(tmp_path / "a")]) == [(folder / "x.txt", "b/x.txt")]
    assert [doc_id for _, doc_id in collect_inputs([str(tmp_path / "a" / "**" / "*.txt")])] == ["b/x.txt"]


def test_workers_give_the_same_records(tmp_path: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    runner.invoke(app, ["extract", str(RAW), "--out", str(one), "--no-progress"])
    runner.invoke(app, ["extract", str(RAW), "--out", str(two), "--no-progress", "--workers", "2"])
    assert one.read_text(encoding="utf-8") == two.read_text(encoding="utf-8")


def test_broken_pattern_file_stops_before_any_file(tmp_path: Path) -> None:
    patterns = tmp_path / "patterns"
    shutil.copytree(ROOT / "patterns", patterns)
    (patterns / "lexicon" / "bad.yaml").write_text("activities:\n  - label: handing_out\n    words: [派送]\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(RAW), "--out", str(tmp_path / "o.jsonl"), "--patterns", str(patterns), "--no-progress"])
    assert result.exit_code == 2
    assert "bad.yaml:2:" in result.output


def test_help_is_useful() -> None:
    for command in ("extract", "evaluate", "rules", "compare"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0
        assert "Example" in result.output or "rule" in result.output


def test_version_prints_the_package_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip().startswith("outreach-metrics ")
    assert result.stdout.split()[-1][0].isdigit()


def test_max_bytes_accepts_and_shows_sizes(tmp_path: Path) -> None:
    seed = str(RAW / "004_b01f797654e47c8c.txt")
    small = runner.invoke(app, ["extract", seed, "--out", str(tmp_path / "a.jsonl"), "--max-bytes", "1KB", "--no-progress"])
    assert small.exit_code == 1
    large = runner.invoke(app, ["extract", seed, "--out", str(tmp_path / "b.jsonl"), "--max-bytes", "1MB", "--no-progress"])
    assert large.exit_code == 0, large.output
    wrong = runner.invoke(app, ["extract", seed, "--out", str(tmp_path / "c.jsonl"), "--max-bytes", "lots"])
    assert wrong.exit_code == 2
    assert "20MB" in runner.invoke(app, ["extract", "--help"], terminal_width=200).output


def test_help_metavars_read_as_words() -> None:
    for command in ("extract", "evaluate", "rules", "review", "compare"):
        text = runner.invoke(app, [command, "--help"], terminal_width=200).output
        for machine in ("<list[str]>", "{inputs}", "<path>", "<int>", "<bool>", "<float>", "<int range>"):
            assert machine not in text, (command, machine)
    text = runner.invoke(app, ["extract", "--help"], terminal_width=200).output
    assert "INPUT..." in text and "FILE" in text and "SIZE" in text


def test_progress_bar_goes_to_stderr() -> None:
    from cli import progress_bar

    assert progress_bar(enabled=True).console.stderr
    assert "stderr" in runner.invoke(app, ["extract", "--help"], terminal_width=200).output


def test_one_file_for_two_outputs_is_refused(tmp_path: Path) -> None:
    same = tmp_path / "x.csv"
    for pair in (["--out", str(same), "--reports", str(same)], ["--out", str(same), "--errors", str(tmp_path / "." / "x.csv")]):
        result = runner.invoke(app, ["extract", str(RAW / "004_b01f797654e47c8c.txt"), *pair, "--no-progress"])
        assert result.exit_code == 2
        assert "name the same file" in result.stderr
        assert not same.exists()


def test_error_lines_go_to_stderr_once_and_stdout_stays_empty(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(RAW / "004_b01f797654e47c8c.txt", inbox / "good.txt")
    (inbox / "empty.txt").write_bytes(b"")
    for progress in ("--progress", "--no-progress"):
        result = runner.invoke(app, ["extract", str(inbox), "--out", str(tmp_path / "r.csv"), progress, "--workers", "1"])
        assert result.exit_code == 1
        assert result.stdout == ""
        assert result.stderr.count("empty.txt: empty file") == 1
        assert result.stderr.count("\n\n") == 0
        assert "1 of 2 files read" in result.stderr.strip().splitlines()[-1]


def test_dataset_output_partitioned_and_read_by_duckdb_pandas_and_pyarrow(tmp_path: Path) -> None:
    import duckdb
    import pyarrow.dataset as ds

    records, reports = tmp_path / "records", tmp_path / "reports"
    result = runner.invoke(app, ["extract", str(RAW), "--out", f"{records}/", "--reports", f"{reports}/",
                                 "--partition-by", "doc_type", "--no-progress", "--workers", "1"])
    assert result.exit_code == 0, result.output
    folders = sorted(path.name for path in records.iterdir() if not path.name.startswith((".", "_")))
    assert len(folders) >= 2 and set(folders) <= {"doc_type=news", "doc_type=other", "doc_type=plan", "doc_type=summary"}
    assert all(path.name.startswith("part-") for path in records.glob("doc_type=*/*"))
    flat = tmp_path / "flat.jsonl"
    runner.invoke(app, ["extract", str(RAW), "--out", str(flat), "--no-progress", "--workers", "1"])
    expected = len(flat.read_text(encoding="utf-8").splitlines())
    connection = duckdb.connect()
    counted = connection.execute(
        f"select doc_type, count(*) from read_parquet('{records}/**/*.parquet', hive_partitioning = true) group by doc_type"
    ).fetchall()
    assert sum(count for _, count in counted) == expected
    assert {doc_type for doc_type, _ in counted} <= {"summary", "plan", "news", "other"}
    joined = connection.execute(
        f"select count(*) from read_parquet('{records}/**/*.parquet', hive_partitioning = true) r "
        f"join read_parquet('{reports}/**/*.parquet', hive_partitioning = true) p using (report_id) "
        "where r.doc_type = p.doc_type").fetchone()[0]
    assert joined == expected
    frame = pd.read_parquet(records)
    assert len(frame) == expected and frame["value"].dtype == "float64"
    table = ds.dataset(reports, format="parquet", partitioning="hive").to_table()
    assert table.num_rows == 61 and "doc_type" in table.schema.names


def test_rules_only_switches_the_learned_model_off(tmp_path: Path) -> None:
    """--rules-only: every activity from a rule; the records are the same ones, only activity and rule move."""
    seed = RAW / "001_bd304e38a7a584fe.txt"
    runs = {}
    for name, flags in {"model": [], "rules": ["--rules-only"]}.items():
        out = tmp_path / f"{name}.jsonl"
        result = runner.invoke(app, ["extract", str(seed), "--out", str(out), "--no-progress", "--workers", "1", *flags])
        assert result.exit_code == 0, result.output
        runs[name] = _jsonl(out)
    assert not any(record["rule"].startswith("model:") for record in runs["rules"])
    relabelled = [record for record in runs["model"] if record["rule"].startswith("model:")]
    assert relabelled
    moving = {"activity", "rule"}
    assert [{key: value for key, value in record.items() if key not in moving} for record in runs["model"]] == \
        [{key: value for key, value in record.items() if key not in moving} for record in runs["rules"]]
