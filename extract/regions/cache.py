"""A per-user cache of data derived from installed files: read back with marshal instead of rebuilt.

The gazetteer is built from a 12 MB zip of jionlp's (villages included) on every start, a third of a
second. Its plain form (tuples, dicts, strings) is kept in the user's cache folder under a key made of
the source files' paths, sizes and modification times and of the code that builds it, so a new jionlp,
an edited file or new code builds it afresh. Python jieba caches its dictionary the same way. The cache
is only ever an optimisation: when it cannot be read or written, the data is built as before.
"""
from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterable

CACHE_ENV = "OUTREACH_METRICS_CACHE"


def cache_folder() -> Path:
    """$OUTREACH_METRICS_CACHE, else $XDG_CACHE_HOME/outreach-metrics, else ~/.cache/outreach-metrics."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "outreach-metrics"


def cache_key(sources: Iterable[Path]) -> str:
    """A key that changes when any source file changes (path, size, modification time), or the Python
    version (marshal's format may change between versions)."""
    parts = [f"python {sys.version_info[0]}.{sys.version_info[1]} marshal {marshal.version}"]
    for source in sources:
        status = source.stat()
        parts.append(f"{source.resolve()}:{status.st_size}:{status.st_mtime_ns}")
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:24]


def cached(name: str, sources: Iterable[Path], build: Callable[[], Any]) -> Any:
    """build(), a value marshal can write (tuples, lists, dicts, strings, numbers), read from the cache
    when the sources are unchanged since it was written."""
    try:
        path: Path | None = cache_folder() / f"{name}-{cache_key(sources)}.marshal"
    except (OSError, RuntimeError):
        path = None  # a source cannot be read, or there is no home folder: no cache
    if path is not None:
        try:
            return marshal.loads(path.read_bytes())
        except (OSError, ValueError, EOFError, TypeError):
            pass  # no cache yet, or an unreadable one: build it and keep it
    value = build()
    if path is not None:
        _write(path, marshal.dumps(value))
    return value


def _write(path: Path, data: bytes) -> None:
    """Write the cache file atomically, dropping the caches of older sources; never fail the run."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        for stale in path.parent.glob(f"{path.name.rsplit('-', 1)[0]}-*.marshal"):
            stale.unlink(missing_ok=True)
        handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.stem}-", delete=False)
        try:
            with handle:
                handle.write(data)
            os.replace(handle.name, path)
        finally:
            Path(handle.name).unlink(missing_ok=True)
    except OSError:
        pass  # a read-only home: the run goes on without a cache
