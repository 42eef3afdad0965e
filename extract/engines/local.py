"""The local engine: worker processes on this machine, a bounded number of chunks in flight."""
from __future__ import annotations

import multiprocessing
import threading
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Iterable, Iterator

from extract.engines.work import FileJob, FileResult, Settings, failed_chunk, process_chunk, start_pool_worker, start_worker

IN_FLIGHT_PER_WORKER = 2  # enough to keep every worker busy; more would only hold results in memory


class LocalEngine:
    """Runs chunks in this process (one worker) or in a pool of worker processes."""

    name = "local"

    def __init__(self, workers: int) -> None:
        self.workers = max(1, workers)

    def capacity(self) -> int:
        """How many chunks run at once."""
        return self.workers

    def run(self, chunks: Iterable[list[FileJob]], settings: Settings) -> Iterator[list[FileResult]]:
        """Yield each chunk's results as it finishes; completion order, not input order."""
        if self.workers == 1:
            start_worker(settings)
            for chunk in chunks:
                yield process_chunk(chunk, settings)
            return
        pool = self._pool(settings)
        pending: dict[Future, tuple[list[FileJob], int]] = {}
        again: list[tuple[list[FileJob], int]] = []  # chunks lost with a dead worker, to run again
        queue = iter(chunks)
        finished = False
        try:
            while True:
                if again:
                    # After a worker died, the chunks it may have taken down run one at a time, so the
                    # chunk that kills a worker again is the one that fails, not its neighbours.
                    if not pending:
                        chunk, attempt = again.pop(0)
                        pending[pool.submit(process_chunk, chunk, settings)] = (chunk, attempt)
                else:
                    while len(pending) < self.workers * IN_FLIGHT_PER_WORKER:
                        chunk = next(queue, None)
                        if chunk is None:
                            break
                        pending[pool.submit(process_chunk, chunk, settings)] = (chunk, 0)
                if not pending:
                    break
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                broken = False
                for future in done:
                    chunk, attempt = pending.pop(future)
                    try:
                        results = future.result()
                    except BrokenProcessPool as problem:
                        # A worker died (killed, out of memory): every chunk in flight is lost with it.
                        broken = True
                        if attempt == 0:
                            again.append((chunk, 1))
                            continue
                        results = failed_chunk(chunk, problem)
                    except Exception as problem:  # noqa: BLE001 - a failed task fails its files, not the run
                        results = failed_chunk(chunk, problem)
                    yield results
                if broken:
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = self._pool(settings)
            finished = True
        finally:
            pool.shutdown(wait=finished, cancel_futures=True)
            if not finished:
                # Interrupted: stop the workers we started now instead of letting them finish their chunks.
                for child in multiprocessing.active_children():
                    child.terminate()

    def _pool(self, settings: Settings) -> ProcessPoolExecutor:
        # fork: workers start at once with the patterns and dictionary this process has loaded. A process
        # running other threads cannot be forked safely (a lock held by a thread stays held in the copy),
        # so there the workers start from a clean forkserver and load them in the initializer.
        forkable = threading.active_count() == 1 and "fork" in multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("fork" if forkable else "forkserver")
        return ProcessPoolExecutor(self.workers, mp_context=context, initializer=start_pool_worker, initargs=(settings,))

    def close(self) -> None:
        """Nothing stays open between runs."""
