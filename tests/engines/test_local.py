"""The local engine: a worker that dies fails only the file that killed it; the others are retried."""
from __future__ import annotations

import os

from extract.engines import local
from extract.engines.local import LocalEngine
from extract.engines.work import FileJob, Settings, process_chunk
from tests.conftest import RAW

SHORT = RAW / "004_b01f797654e47c8c.txt"


def die_on_poison(chunk: list[FileJob], settings: Settings) -> list:
    """process_chunk, except that a chunk holding `poison` kills its worker process outright."""
    if any(job.doc_id == "poison" for job in chunk):
        os._exit(9)
    return process_chunk(chunk, settings)


def test_a_dead_worker_fails_its_own_files_and_the_run_goes_on(monkeypatch) -> None:
    monkeypatch.setattr(local, "process_chunk", die_on_poison)
    jobs = [[FileJob(str(SHORT), f"good{index}")] for index in range(3)]
    jobs.insert(1, [FileJob(str(SHORT), "poison")])
    results = [result for chunk in LocalEngine(2).run(jobs, Settings(max_bytes=10**7)) for result in chunk]
    outcome = {result.doc_id: result for result in results}
    assert sorted(outcome) == ["good0", "good1", "good2", "poison"]
    assert "BrokenProcessPool" in outcome["poison"].error
    assert all(outcome[f"good{index}"].error is None and outcome[f"good{index}"].reports for index in range(3))


def test_one_worker_runs_in_this_process_in_order() -> None:
    jobs = [[FileJob(str(SHORT), "a")], [FileJob(str(RAW / "missing.txt"), "b")]]
    results = [chunk for chunk in LocalEngine(1).run(jobs, Settings(max_bytes=10**7))]
    assert [chunk[0].doc_id for chunk in results] == ["a", "b"]
    assert results[1][0].error.startswith("cannot read file")
