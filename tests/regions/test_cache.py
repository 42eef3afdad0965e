"""The gazetteer read back from the user's cache is the gazetteer built from jionlp's files."""
from __future__ import annotations

from pathlib import Path

import pytest

from extract.regions import gazetteer as module
from extract.regions.cache import CACHE_ENV, cached


def _plain(gazetteer: module.Gazetteer) -> tuple:
    """Everything a gazetteer holds, parents by name chain, in a form that compares by value."""
    rows = [(item.name, item.level, item.code, item.alias, [node.name for node in item.chain()]) for item in gazetteer.divisions]
    return rows, module._flatten(gazetteer), gazetteer.source


@pytest.fixture()
def fresh(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """load_gazetteer with its in-process memo cleared and the cache in a temporary folder."""
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    module.load_gazetteer.cache_clear()
    yield tmp_path / "cache"
    module.load_gazetteer.cache_clear()


def test_cached_gazetteer_equals_the_built_one(fresh: Path) -> None:
    built = module.build_gazetteer(module.jionlp_directory())
    first = module.load_gazetteer()  # builds and writes the cache
    assert len(list(fresh.glob("gazetteer-*.marshal"))) == 1
    module.load_gazetteer.cache_clear()
    second = module.load_gazetteer()  # reads it back
    assert second is not first
    assert _plain(first) == _plain(built) == _plain(second)
    assert [item.label() for item in second.lookup("襄樊")] == [item.label() for item in built.lookup("襄樊")]


def test_a_damaged_cache_is_built_afresh(fresh: Path) -> None:
    module.load_gazetteer()
    [path] = fresh.glob("gazetteer-*.marshal")
    path.write_bytes(b"not marshal data")
    module.load_gazetteer.cache_clear()
    assert _plain(module.load_gazetteer()) == _plain(module.build_gazetteer(module.jionlp_directory()))


def test_a_changed_source_makes_a_new_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    source = tmp_path / "source.txt"
    source.write_text("one", encoding="utf-8")
    calls: list[int] = []
    assert cached("demo", [source], lambda: calls.append(1) or ["one"]) == ["one"]
    assert cached("demo", [source], lambda: calls.append(1) or ["stale"]) == ["one"]
    source.write_text("two!", encoding="utf-8")
    assert cached("demo", [source], lambda: calls.append(1) or ["two"]) == ["two"]
    assert len(calls) == 2
    assert len(list((tmp_path / "cache").glob("demo-*.marshal"))) == 1  # the stale one is gone


def test_an_unwritable_cache_folder_still_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocker / "cache"))  # a folder inside a file cannot be made
    source = tmp_path / "source.txt"
    source.write_text("one", encoding="utf-8")
    assert cached("demo", [source], lambda: {"a": [1, 2]}) == {"a": [1, 2]}
