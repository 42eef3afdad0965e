"""The Dask engine on a real LocalCluster with worker processes gives the local engine's records."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extract.batch import Outputs, run_extract
from extract.engines.cluster import DaskEngine
from extract.engines.local import LocalEngine
from tests.conftest import RAW


@pytest.fixture(scope="module")
def cluster():
    """Two worker processes, as on a real cluster (spawned, not threads of this process)."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as local:
        yield local


def _inbox(tmp_path: Path) -> Path:
    inbox = tmp_path / "inbox"
    (inbox / "sub").mkdir(parents=True)
    # The two short seeds (the pipeline's speed is not the point here), one of them twice.
    for name in ("002_81e7789554a7c4a8.txt", "004_b01f797654e47c8c.txt"):
        shutil.copy(RAW / name, inbox / name)
    shutil.copy(RAW / "004_b01f797654e47c8c.txt", inbox / "sub" / "copy.txt")
    (inbox / "broken.txt").write_bytes(b"\x00\x01" * 300)
    return inbox


@pytest.mark.parametrize("send_bytes", [False, True], ids=["shared-filesystem", "bytes-sent"])
def test_dask_gives_the_records_of_the_local_engine(cluster, tmp_path: Path, send_bytes: bool) -> None:
    inbox = _inbox(tmp_path)
    local, remote = tmp_path / "local", tmp_path / "dask"
    run_extract([str(inbox)], Outputs(records=str(local / "r.jsonl"), reports=str(local / "p.jsonl"),
                                      errors=str(local / "e.jsonl")), engine=LocalEngine(1), workers=1)
    engine = DaskEngine(workers=2, scheduler=cluster.scheduler_address)
    try:
        tally = run_extract([str(inbox)], Outputs(records=str(remote / "r.jsonl"), reports=str(remote / "p.jsonl"),
                                                  errors=str(remote / "e.jsonl")),
                            engine=engine, workers=2, send_bytes=send_bytes, chunk_files=2)
    finally:
        engine.close()
    for name in ("r.jsonl", "p.jsonl", "e.jsonl"):
        assert (remote / name).read_bytes() == (local / name).read_bytes(), name
    # The bad file is an error row, and the compute did not fail.
    assert tally.failed == 1 and tally.read == 3
    assert "broken.txt" in (remote / "e.jsonl").read_text(encoding="utf-8")
    assert len((remote / "r.jsonl").read_text(encoding="utf-8").splitlines()) > 10
