"""The batch: resume after any interruption, own outputs never read back, non-documents skipped, none lost silently."""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from typer.testing import CliRunner

from cli import app
from extract.batch import Outputs, Planned, _chunks, run_batch, run_extract
from extract.engines.local import LocalEngine
from extract.manifest import manifest_path, read_manifest
from tests.conftest import RAW, ROOT

runner = CliRunner()
SEEDS = sorted(RAW.glob("*.txt"))
LONG_COPIES = 8


def _inbox(folder: Path) -> Path:
    """Three of the seeds (the shorter ones) and a copy of one in a subfolder: four documents."""
    (folder / "sub").mkdir(parents=True)
    for seed in (SEEDS[0], SEEDS[2], SEEDS[4]):
        shutil.copy(seed, folder / seed.name)
    shutil.copy(SEEDS[2], folder / "sub" / "again.txt")
    return folder


def _long_inbox(folder: Path) -> Path:
    """The four documents and eight copies of the longest seed: an interrupted run has work left to do
    however fast the first files go (the kill and stop tests need the run to be part way)."""
    _inbox(folder)
    (folder / "bulk").mkdir()
    for number in range(LONG_COPIES):
        shutil.copy(SEEDS[3], folder / "bulk" / f"copy{number}.txt")
    return folder


def _extract(*arguments: str) -> object:
    result = runner.invoke(app, ["extract", *arguments, "--no-progress"])
    assert result.exit_code in (0, 1), result.output
    return result


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One uninterrupted run over the documents of _long_inbox: records and reports."""
    folder = tmp_path_factory.mktemp("reference")
    inbox = _long_inbox(folder / "inbox")
    _extract(str(inbox), "--out", str(folder / "out" / "records.jsonl"), "--reports", str(folder / "out" / "reports.jsonl"),
             "--workers", "1")
    return folder / "out"


def _start(inbox: Path, out: Path, workers: int) -> subprocess.Popen:
    command = [sys.executable, str(ROOT / "cli.py"), "extract", str(inbox), "--out", str(out / "records.jsonl"),
               "--reports", str(out / "reports.jsonl"), "--workers", str(workers), "--chunk-files", "1", "--no-progress"]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _wait_for_done(out: Path, process: subprocess.Popen, count: int) -> None:
    """Wait until the manifest holds `count` finished inputs (the run is part way)."""
    manifest = manifest_path(out / "records.jsonl")
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline and process.poll() is None:
        if len(read_manifest(manifest)[1]) >= count:
            return
        time.sleep(0.05)
    raise AssertionError(f"the run ended or stalled before {count} inputs were done")


def test_killed_run_resumed_gives_the_uninterrupted_records(tmp_path: Path, reference: Path) -> None:
    inbox = _long_inbox(tmp_path / "inbox")
    out = tmp_path / "out"
    out.mkdir()
    (out / "records.jsonl").write_text("previous complete file\n", encoding="utf-8")
    process = _start(inbox, out, workers=1)
    _wait_for_done(out, process, 2)
    process.kill()  # kill -9: no handler runs, no cleanup
    process.wait()
    # At the moment of the kill the output is still the previous complete file, never half a new one.
    assert (out / "records.jsonl").read_text(encoding="utf-8") == "previous complete file\n"
    done_before = len(read_manifest(manifest_path(out / "records.jsonl"))[1])
    assert 2 <= done_before < 4 + LONG_COPIES
    result = _extract(str(inbox), "--out", str(out / "records.jsonl"), "--reports", str(out / "reports.jsonl"),
                      "--resume", "--workers", "1")
    assert f"{done_before} taken from the manifest" in result.stderr
    for name in ("records.jsonl", "reports.jsonl"):
        assert (out / name).read_bytes() == (reference / name).read_bytes(), name


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_stopped_run_stops_its_workers_and_resumes(tmp_path: Path, reference: Path, stop: signal.Signals) -> None:
    inbox = _long_inbox(tmp_path / "inbox")
    out = tmp_path / "out"
    process = _start(inbox, out, workers=2)
    _wait_for_done(out, process, 1)
    workers = psutil.Process(process.pid).children(recursive=True)
    process.send_signal(stop)
    _, stderr = process.communicate(timeout=120)
    _, alive = psutil.wait_procs(workers, timeout=60)
    assert not alive, "workers still running after the run was stopped"
    if process.returncode == 0:
        pytest.fail("the run finished before the signal reached it")  # never a silent pass
    assert process.returncode == 130
    assert "--resume" in stderr
    assert not (out / "records.jsonl").exists()
    _extract(str(inbox), "--out", str(out / "records.jsonl"), "--reports", str(out / "reports.jsonl"), "--resume")
    for name in ("records.jsonl", "reports.jsonl"):
        assert (out / name).read_bytes() == (reference / name).read_bytes(), name


def test_resume_retries_failures_and_reprocesses_changed_inputs(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SEEDS[4], inbox / "a.txt")
    (inbox / "b.txt").write_bytes(b"")
    out = tmp_path / "records.jsonl"
    outputs = Outputs(records=str(out), errors=str(tmp_path / "errors.jsonl"))
    first = run_extract([str(inbox)], outputs, engine=LocalEngine(1), workers=1)
    assert (first.read, first.failed) == (1, 1)
    shutil.copy(SEEDS[2], inbox / "b.txt")  # the failed file is fixed
    second = run_extract([str(inbox)], outputs, engine=LocalEngine(1), workers=1, resume=True)
    assert (second.resumed, second.read, second.failed) == (1, 2, 0)
    (inbox / "a.txt").write_text("民警发放宣传单3千余张。", encoding="utf-8")  # a changed input
    third = run_extract([str(inbox)], outputs, engine=LocalEngine(1), workers=1, resume=True)
    assert third.resumed == 1
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [row["raw"] for row in records if row["doc_id"] == "a.txt"] == ["3千余张"]
    assert (tmp_path / "errors.jsonl").read_text(encoding="utf-8") == ""


def test_outputs_inside_the_input_folder_are_never_read_back(tmp_path: Path) -> None:
    inbox = _inbox(tmp_path / "inbox")
    arguments = [str(inbox), "--out", str(inbox / "records.txt.jsonl"), "--reports", str(inbox / "reports.csv"),
                 "--workers", "1"]
    first = _extract(*arguments)
    second = _extract(*arguments)
    assert "4 of 4 files read" in first.stderr and "4 of 4 files read" in second.stderr
    # A later run writing elsewhere still leaves out what the manifest in the folder says its run wrote.
    (inbox / "old.txt").write_bytes((inbox / "records.txt.jsonl").read_bytes())
    third = _extract(str(inbox), "--out", str(tmp_path / "elsewhere.jsonl"), "--workers", "1")
    assert "5 of 5 files read" in third.stderr
    manifest = inbox / "records.txt.jsonl.manifest.jsonl"
    header, _ = read_manifest(manifest)
    assert str((inbox / "reports.csv").absolute()) in header.outputs


def test_only_documents_are_read_and_others_are_counted_as_skipped(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(SEEDS[4], inbox / "report.txt")
    shutil.copy(SEEDS[4], inbox / "report-without-suffix")
    (inbox / "README.md").write_text("# 说明\n\n发放宣传单3000份。\n", encoding="utf-8")
    (inbox / "picture.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (inbox / "photo.txt").write_bytes(b"\xff\xd8\xff\xe0" + bytes(200))  # a JPEG named .txt is no document
    (inbox / "table.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    result = _extract(str(inbox), "--out", str(tmp_path / "r.jsonl"), "--errors", str(errors), "--workers", "1")
    assert result.exit_code == 0, result.output
    assert "2 of 6 files read" in result.stderr and "4 skipped (not documents)" in result.stderr
    assert errors.read_text(encoding="utf-8") == ""
    # A file named on the command line is always read: the user asked for it.
    named = _extract(str(inbox / "picture.png"), "--out", str(tmp_path / "p.jsonl"), "--workers", "1")
    assert named.exit_code == 1 and "picture.png" in named.stderr


def test_include_and_exclude_globs(tmp_path: Path) -> None:
    inbox = _inbox(tmp_path / "inbox")
    out = tmp_path / "r.jsonl"
    result = _extract(str(inbox), "--out", str(out), "--include", "00[0-3]*.txt", "--include", "sub/*",
                      "--exclude", "000_*", "--workers", "1")
    doc_ids = {json.loads(line)["doc_id"] for line in out.read_text(encoding="utf-8").splitlines()}
    assert doc_ids == {SEEDS[2].name, "sub/again.txt"}
    assert "2 of 2 files read" in result.stderr


def test_workers_chunks_and_engines_give_the_same_bytes(tmp_path: Path, reference: Path) -> None:
    inbox = _long_inbox(tmp_path / "inbox")
    out = tmp_path / "two"
    run_extract([str(inbox)], Outputs(records=str(out / "records.jsonl"), reports=str(out / "reports.jsonl")),
                engine=LocalEngine(2), workers=2, chunk_files=4)
    for name in ("records.jsonl", "reports.jsonl"):
        assert (out / name).read_bytes() == (reference / name).read_bytes(), name


def test_post_processors_see_every_report_in_input_order(tmp_path: Path) -> None:
    inbox = _inbox(tmp_path / "inbox")
    seen: list[str] = []

    def mark(row: dict) -> dict:
        seen.append(row["report_id"])
        return {**row, "duplicate_of": seen[0] if len(seen) > 1 else None}

    reports = tmp_path / "reports.jsonl"
    run_extract([str(inbox)], Outputs(records=str(tmp_path / "r.jsonl"), reports=str(reports)),
                engine=LocalEngine(2), workers=2, chunk_files=1, post_processors=[mark])
    rows = [json.loads(line) for line in reports.read_text(encoding="utf-8").splitlines()]
    assert [row["report_id"] for row in rows] == seen
    assert [row["doc_id"] for row in rows] == sorted((row["doc_id"] for row in rows), key=lambda doc: ("/" in doc, doc))
    assert rows[0]["duplicate_of"] is None and all(row["duplicate_of"] == seen[0] for row in rows[1:])


def test_document_without_reports_is_listed(tmp_path: Path) -> None:
    (tmp_path / "chrome.txt").write_text("我要投稿\n本文地址：http://example.com/1.html\n", encoding="utf-8")
    (tmp_path / "good.txt").write_text((RAW / "004_b01f797654e47c8c.txt").read_text(encoding="utf-8"), encoding="utf-8")
    result = run_batch([str(tmp_path)])
    assert result.errors == []
    assert result.without_reports == [str(tmp_path / "chrome.txt")]
    assert {report.doc_id for report in result.reports} == {"good.txt"}
    streamed = _extract(str(tmp_path), "--out", str(tmp_path / "out" / "r.jsonl"), "--workers", "1")
    assert "1 read but without any report" in streamed.stderr.splitlines()[-1]


def test_chunks_shrink_towards_the_end_so_workers_finish_together() -> None:
    items = [Planned(f"/in/{number}", str(number), str(number), "h", 1000, True) for number in range(271)]
    sizes = [len(chunk) for chunk in _chunks(items, 32, False, spread=4)]
    assert sizes[0] == 32 and sizes[-1] == 1 and sizes == sorted(sizes, reverse=True)
    assert [job.path for chunk in _chunks(items, 32, False, spread=4) for job in chunk] == [item.path for item in items]
    # A size given with --chunk-files stays as it is.
    assert {len(chunk) for chunk in _chunks(items, 4, False)} == {4, 3}
