"""The Dask engine: the same chunks run as tasks on a Dask distributed cluster (a LocalCluster when no address)."""
from __future__ import annotations

import logging
from typing import Iterable, Iterator

from extract.engines.work import FileJob, FileResult, Settings, failed_chunk, process_chunk, start_worker

IN_FLIGHT_PER_WORKER = 2


class DaskEngine:
    """Submits chunks to a Dask scheduler and yields their results as they finish."""

    name = "dask"

    def __init__(self, workers: int, scheduler: str | None = None) -> None:
        from distributed import Client, LocalCluster

        self.cluster = None
        if scheduler:
            self.client = Client(scheduler)
        else:
            # Worker processes, one thread each: the pipeline is pure Python, so threads would share one GIL.
            self.cluster = LocalCluster(n_workers=max(1, workers), threads_per_worker=1, processes=True,
                                        dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self.cluster)

    def capacity(self) -> int:
        """How many chunks run at once: the worker threads the cluster has now."""
        return max(1, sum(self.client.nthreads().values()))

    def run(self, chunks: Iterable[list[FileJob]], settings: Settings) -> Iterator[list[FileResult]]:
        """Yield each chunk's results as it finishes; a task that fails becomes error rows for its files."""
        from distributed import as_completed

        # Load patterns and dictionary once on every worker, as a pool initializer would.
        self.client.run(start_worker, settings)
        limit = self.capacity() * IN_FLIGHT_PER_WORKER
        queue = iter(chunks)
        pending = {}
        completed = as_completed()

        def submit() -> None:
            chunk = next(queue, None)
            if chunk is not None:
                future = self.client.submit(process_chunk, chunk, settings, pure=False)
                pending[future.key] = chunk
                completed.add(future)

        for _ in range(limit):
            submit()
        for future in completed:
            chunk = pending.pop(future.key)
            try:
                results = future.result()
            except Exception as problem:  # noqa: BLE001 - a lost task fails its files, never the run
                results = failed_chunk(chunk, problem)
            future.release()
            submit()
            yield results

    def close(self) -> None:
        """Disconnect, and stop the LocalCluster this engine started (never a cluster it was pointed at)."""
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
