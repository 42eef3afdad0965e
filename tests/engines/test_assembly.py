"""Assembly: inputs are written in input order as soon as every earlier input is finished, from memory or disk."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from extract.engines import assembly as assembly_module
from extract.engines.assembly import Assembly
from extract.engines.parts import PartStore
from extract.engines.work import part_line
from extract.manifest import Entry


@dataclass(frozen=True)
class Item:
    path: str
    given: str
    doc_id: str


class ListSink:
    """Keeps what it is given: rows, and a marker at each input's end."""

    def __init__(self) -> None:
        self.rows: list = []
        self.closed = self.aborted = False

    def add(self, row: dict, partition: dict | None = None) -> None:
        self.rows.append((row.get("report_id") or row.get("doc_id"), partition))

    def end_input(self) -> None:
        self.rows.append("|")

    def close(self) -> int:
        self.closed = True
        return len(self.rows)

    def abort(self) -> None:
        self.aborted = True


def _report(doc: str, records: int) -> dict:
    return {"doc_id": doc, "report_id": f"{doc}#1", "doc_type": "summary", "text": doc,
            "records": [{"doc_id": doc, "report_id": f"{doc}#1"} for _ in range(records)]}


def _finish(store: PartStore, names: list[str]) -> tuple[list[Entry], str, dict[str, str]]:
    """One finished chunk: its part on disk, its entries and its lines."""
    lines = {f"/in/{name}": part_line(f"/in/{name}", [_report(name, 2)]) for name in names}
    part = store.write(lines.values())
    entries = [Entry(path=path, doc_id=path[4:], hash="h", status="done", reports=1, records=2, part=part)
               for path in lines]
    return entries, part, lines


@pytest.mark.parametrize("cached", [16, 0], ids=["from-memory", "read-back-from-disk"])
def test_inputs_are_written_in_order_as_soon_as_every_earlier_one_is_done(tmp_path: Path, monkeypatch,
                                                                          cached: int) -> None:
    monkeypatch.setattr(assembly_module, "CACHED_PARTS", cached)
    items = [Item(f"/in/{name}", name, name) for name in "abcdef"]
    store = PartStore(tmp_path / "parts")
    records, reports, errors = ListSink(), ListSink(), ListSink()
    assembly = Assembly(items, store, records, reports, errors, partition_by=["doc_type"])
    assembly.add(*_finish(store, ["c", "d"]))  # a later chunk finishes first: nothing can be written yet
    assert reports.rows == [] and assembly.position == 0
    assembly.add(*_finish(store, ["a", "b"]))  # now a to d are due
    assert [row for row in reports.rows if row != "|"] == [(f"{name}#1", {"doc_type": "summary"}) for name in "abcd"]
    assembly.add([Entry(path="/in/e", doc_id="e", hash="h", status="failed", error="empty file")])
    assert errors.rows[-1] == ("e", None)
    assembly.add(*_finish(store, ["f"]))
    assembly.close()
    assert records.closed and reports.closed and errors.closed
    assert [row for row in records.rows if row != "|"] == [(f"{name}#1", {"doc_type": "summary"})
                                                          for name in "abcdf" for _ in range(2)]
    assert records.rows.count("|") == 5  # one end per finished input; a failed one has no rows
    assert assembly.cache == {}


def test_an_input_never_finished_leaves_the_outputs_unwritten(tmp_path: Path) -> None:
    items = [Item("/in/a", "a", "a"), Item("/in/b", "b", "b")]
    store = PartStore(tmp_path / "parts")
    records = ListSink()
    assembly = Assembly(items, store, records, processors=[lambda row: {**row, "duplicate_of": None}])
    assembly.add(*_finish(store, ["b"]))
    with pytest.raises(RuntimeError, match="never finished"):
        assembly.close()
    assembly.abort()
    assert records.aborted and not records.closed


def test_part_lines_are_json_with_the_rows(tmp_path: Path) -> None:
    store = PartStore(tmp_path / "parts")
    _, part, lines = _finish(store, ["a"])
    assert store.read(part) == {"/in/a": json.loads(lines["/in/a"])["reports"]}
