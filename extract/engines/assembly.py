"""Write the outputs from finished chunks in input order, each input as soon as every input before it is finished."""
from __future__ import annotations

import json
from collections import OrderedDict
from typing import Any, Callable, Iterable, Protocol, Sequence

from extract.engines.parts import PartStore
from extract.manifest import Entry

# A batch-wide pass over the report rows in input order (the near-duplicate finder): it gets each row
# as the part holds it (the output columns, plus its `records` and `fingerprint`) and returns it.
RowProcessor = Callable[[dict], dict]
# Parts held in memory while earlier inputs are still running; one evicted is read back from disk.
CACHED_PARTS = 16


class Input(Protocol):
    """What assembly needs of a planned input."""

    path: str
    given: str
    doc_id: str


class Sink(Protocol):
    """A streaming writer (extract.write.FileSink or DatasetSink)."""

    def add(self, row: dict[str, Any], partition: dict[str, Any] | None = None) -> None:
        """Append one row."""

    def end_input(self) -> None:
        """Mark the end of one input's rows."""

    def close(self) -> int:
        """Finish the output."""

    def abort(self) -> None:
        """Drop the unfinished output."""


class Assembly:
    """Feeds the sinks in input order while the engine still runs, so no serial pass is left at the end."""

    def __init__(self, inputs: Sequence[Input], store: PartStore, records: Sink, reports: Sink | None = None,
                 errors: Sink | None = None, partition_by: Sequence[str] = (),
                 processors: Sequence[RowProcessor] = ()) -> None:
        self.inputs, self.store, self.position = inputs, store, 0
        self.records, self.reports, self.errors = records, reports, errors
        self.sinks = [sink for sink in (records, reports, errors) if sink is not None]
        self.partition_by, self.processors = list(partition_by), list(processors)
        self.entries: dict[str, Entry] = {}
        # part name -> input path -> its part line (a JSON text) or its decoded report rows
        self.cache: OrderedDict[str, dict[str, str | list[dict]]] = OrderedDict()

    def add(self, entries: Iterable[Entry], part: str | None = None, lines: dict[str, str] | None = None) -> None:
        """Take finished inputs (with the lines of the part just written, if any) and write every input now due."""
        if part is not None and lines:
            self._keep(part, dict(lines))
        for entry in entries:
            self.entries[entry.path] = entry
        while self.position < len(self.inputs):
            entry = self.entries.get(self.inputs[self.position].path)
            if entry is None:
                return
            self._write(self.inputs[self.position], entry)
            self.position += 1

    def close(self) -> None:
        """Finish every output; each replaces the old one only now, complete."""
        if self.position < len(self.inputs):
            raise RuntimeError(f"{self.inputs[self.position].given}: never finished, outputs not written")
        for sink in self.sinks:
            sink.close()

    def abort(self) -> None:
        """Drop the unfinished outputs; the previous ones stay as they were."""
        for sink in self.sinks:
            sink.abort()

    def _keep(self, part: str, found: dict[str, str | list[dict]]) -> dict[str, str | list[dict]]:
        self.cache[part] = found
        while len(self.cache) > CACHED_PARTS:
            self.cache.popitem(last=False)
        return found

    def _rows(self, entry: Entry) -> list[dict]:
        """The report rows of one finished input, from memory when its part is still there."""
        part = self.cache.get(entry.part) or self._keep(entry.part, dict(self.store.read(entry.part)))
        found = part.pop(entry.path, [])
        if not part:
            self.cache.pop(entry.part, None)
        return json.loads(found)["reports"] if isinstance(found, str) else found

    def _write(self, item: Input, entry: Entry) -> None:
        if entry.status != "done":
            if self.errors is not None:
                self.errors.add({"path": item.given, "doc_id": item.doc_id, "error": entry.error or ""})
            return
        for row in self._rows(entry):
            for processor in self.processors:
                row = processor(row)
            partition = {name: row.get(name) for name in self.partition_by}
            if self.reports is not None:
                self.reports.add(row, partition)
            for record in row["records"]:
                self.records.add(record, partition)
        for sink in self.sinks:
            sink.end_input()
