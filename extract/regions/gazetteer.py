"""The gazetteer: China's divisions down to towns, with aliases and renamings, from JioNLP's data files.

JioNLP (Apache-2.0) ships `dictionary/china_location.zip` (province → city → county → town → village,
with six-digit codes and short aliases for the first three levels, Hong Kong, Macau and Taiwan included)
and `dictionary/china_location_change.txt` (renamings and moves since 2000: 襄樊 → 襄阳). The files are
read straight from the installed package: importing jionlp itself would load its segmenter and print a
banner, and nothing here needs more than the two files.
"""
from __future__ import annotations

import gc
import importlib.util
import re
import zipfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterator, Mapping, Sequence

import regex

from extract.regions.cache import cached

LOCATION_ZIP = "dictionary/china_location.zip"
LOCATION_CHANGES = "dictionary/china_location_change.txt"
# jionlp's placeholder for counties directly under a province (仙桃市, 济源市, 石河子市).
DIRECT_UNDER_PROVINCE = "省直辖行政区划"
LEVELS = ("province", "city", "county", "town")
# The peoples named in an ethnic township's name (枫芸土家族苗族乡), dropped from its short name.
ETHNIC_TOWNSHIP = regex.compile(r"^(\p{Han}{2,}?)(?:\p{Han}{1,4}?族)+$")


class GazetteerMissing(RuntimeError):
    """The jionlp package, whose data files are the gazetteer, is not installed."""


@dataclass(frozen=True)
class Division:
    """One administrative division with its chain of parents; code is None when the source gives none."""

    name: str
    level: int  # 0 province, 1 city, 2 county, 3 town
    code: str | None
    alias: tuple[str, ...]
    parent: Division | None = field(default=None, repr=False, compare=False)

    def chain(self) -> list[Division]:
        """This division and its parents, province first."""
        chain: list[Division] = []
        node: Division | None = self
        while node is not None:
            chain.append(node)
            node = node.parent
        return chain[::-1]

    def at(self, level: int) -> Division | None:
        """The division at a level of this one's chain (itself or a parent), if any."""
        return next((item for item in self.chain() if item.level == level), None)

    def finest_code(self) -> str | None:
        """The code of the finest division in the chain that has one of its own."""
        return next((item.code for item in reversed(self.chain()) if item.code), None)

    def is_within(self, other: Division) -> bool:
        """True when other is this division or one of its parents."""
        return any(item is other for item in self.chain())

    def label(self) -> str:
        """A short name for notes: 长春市朝阳区, 北京市朝阳区 (a municipality is named once), 抚州市崇仁县相山镇."""
        names = [item.name for item in self.chain() if item.name != DIRECT_UNDER_PROVINCE]
        if len(names) > 2 and names[0] != names[1]:
            names = names[1:]
        return "".join(name for index, name in enumerate(names) if index == 0 or name != names[index - 1])


@dataclass
class Gazetteer:
    """Every division, indexed by full name, alias and former name."""

    divisions: Sequence[Division]
    by_name: Mapping[str, list[Division]]
    by_alias: Mapping[str, list[Division]]
    renamed: Mapping[str, list[Division]]
    source: str

    def lookup(self, key: str) -> list[Division]:
        """Divisions whose full name, alias or former name is key: full names first, then aliases, then renamings."""
        return self.by_name.get(key) or self.by_alias.get(key) or self.renamed.get(key) or []

    def names(self, max_level: int = 2) -> list[str]:
        """Every full name of a division down to a level (for scanning a text)."""
        return [name for name, found in self.by_name.items() if any(item.level <= max_level for item in found)]


def jionlp_directory() -> Path:
    """Where the installed jionlp package lies, found without importing it."""
    spec = importlib.util.find_spec("jionlp")
    if spec is None or not spec.submodule_search_locations:
        raise GazetteerMissing("the gazetteer needs the jionlp package: pip install jionlp")
    return Path(list(spec.submodule_search_locations)[0])


def _add(index: dict[str, list[Division]], key: str, division: Division) -> None:
    if key and division not in index.setdefault(key, []):
        index[key].append(division)


def _alias_forms(name: str, alias: str, level: int) -> list[str]:
    """How a division is written short: its alias, and for autonomous ones the alias with the generic suffix."""
    forms = [alias]
    if level == 2 and name.endswith("自治县"):
        forms.append(alias + "县")  # 前郭尔罗斯蒙古族自治县 → 前郭县
    if level == 2 and name.endswith("自治旗"):
        forms.append(alias + "旗")
    if level == 1 and name.endswith("自治州"):
        forms.append(alias + "州")  # 湘西土家族苗族自治州 → 湘西州
    if level == 1 and name.endswith("地区"):
        forms.append(alias + "地区")
    return forms


DIVISION_LINE = re.compile(r"^\t{0,3}[^\t\n].*$", re.MULTILINE)


def _read_locations(directory: Path) -> list[Division]:
    text = zipfile.ZipFile(directory / LOCATION_ZIP).read("china_location.txt").decode("utf-8")
    parents: list[Division | None] = [None, None, None, None]
    divisions: list[Division] = []
    # Nine lines in ten are villages (four tabs and more): one regex pass drops them before the loop.
    for line in DIVISION_LINE.findall(text):
        level = len(line) - len(line.lstrip("\t"))
        if level > 3 or not line.strip():
            continue  # villages and communities are below what a region needs
        parts = line.strip().split("\t")
        name = parts[0]
        code = parts[1] if len(parts) > 1 and parts[1] else None
        parent = parents[level - 1] if level else None
        if code and parent is not None and code == parent.code:
            code = None  # Hong Kong and Macau districts repeat their region's code
        alias = tuple(item for item in (parts[2].split("/") if len(parts) > 2 else []) if item and item != name)
        if level == 3 and len(name) > 2 and name.endswith(("镇", "乡")):
            ethnic = ETHNIC_TOWNSHIP.match(name[:-1])
            alias = (ethnic.group(1) if ethnic else name[:-1],)  # 峨桥镇 → 峨桥, 枫芸土家族苗族乡 → 枫芸
        division = Division(name=name, level=level, code=code, alias=alias, parent=parent)
        parents[level] = division
        divisions.append(division)
    return divisions


def _read_changes(directory: Path, by_name: dict[str, list[Division]]) -> dict[str, list[Division]]:
    """Former names (襄樊市, 襄樊) mapped to the divisions that carry them on today."""
    renamed: dict[str, list[Division]] = {}
    for line in (directory / LOCATION_CHANGES).read_text(encoding="utf-8").splitlines():
        if "=>" not in line:
            continue
        old, new = line.split("=>")
        old_parts, new_parts = old.split("\t")[2:], [part for part in new.split("\t") if part]
        old_name, old_alias = old_parts[-2], old_parts[-1]
        targets = [item for item in by_name.get(new_parts[-1], [])
                   if [node.name for node in item.chain()][-len(new_parts):] == new_parts
                   or item.chain()[0].name == new_parts[0]]
        for key in (old_name, old_alias):
            if key not in by_name:
                for target in targets[:1]:
                    _add(renamed, key, target)
    return renamed


def build_gazetteer(directory: Path) -> Gazetteer:
    """Build the gazetteer from jionlp's data files in directory."""
    divisions = _read_locations(directory)
    by_name: dict[str, list[Division]] = {}
    by_alias: dict[str, list[Division]] = {}
    for division in divisions:
        if division.name == DIRECT_UNDER_PROVINCE:
            continue
        if division.level == 1 and division.parent is not None and division.name == division.parent.name:
            continue  # 北京市 under 北京市: the municipality is indexed once, as the province
        _add(by_name, division.name, division)
        for alias in division.alias:
            for form in _alias_forms(division.name, alias, division.level):
                _add(by_alias, form, division)
    version = (directory.parent / "jionlp").name
    return Gazetteer(divisions=divisions, by_name=by_name, by_alias=by_alias,
                     renamed=_read_changes(directory, by_name), source=f"jionlp ({version}) {LOCATION_ZIP}")


def _flatten(gazetteer: Gazetteer) -> tuple:
    """The gazetteer as plain data: rows (name, level, code, alias, parent row) and indexes of row numbers."""
    row_of = {id(division): row for row, division in enumerate(gazetteer.divisions)}
    rows = [(item.name, item.level, item.code, item.alias, -1 if item.parent is None else row_of[id(item.parent)])
            for item in gazetteer.divisions]
    indexes = tuple({key: [row_of[id(item)] for item in found] for key, found in index.items()}
                    for index in (gazetteer.by_name, gazetteer.by_alias, gazetteer.renamed))
    return rows, indexes, gazetteer.source


class _Rows(Sequence[Division]):
    """Divisions made from their plain rows on first use, each once: a run looks up a few hundred of the
    50,000, and making them all took a tenth of a second of every start."""

    def __init__(self, rows: list[tuple]) -> None:
        self._rows = rows
        self._made: list[Division | None] = [None] * len(rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __getitem__(self, row):  # type: ignore[override]  # an int only
        made = self._made[row]
        if made is None:
            name, level, code, alias, parent = self._rows[row]
            made = Division(name, level, code, tuple(alias), self[parent] if parent >= 0 else None)
            self._made[row] = made
        return made


class _Index(Mapping[str, list[Division]]):
    """A name index of row numbers whose divisions are made when a name is looked up."""

    def __init__(self, rows: _Rows, index: dict[str, list[int]]) -> None:
        self._rows, self._index = rows, index

    def __getitem__(self, key: str) -> list[Division]:
        return [self._rows[row] for row in self._index[key]]

    def __contains__(self, key: object) -> bool:
        return key in self._index

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        """The divisions of a name, else default: one look-up, not Mapping.get's __getitem__ and KeyError."""
        rows = self._index.get(key)
        return default if rows is None else [self._rows[row] for row in rows]

    def __iter__(self) -> Iterator[str]:
        return iter(self._index)

    def __len__(self) -> int:
        return len(self._index)


def _unflatten(data: tuple) -> Gazetteer:
    """The gazetteer back from its plain data (parents come before their children), made lazily."""
    rows, indexes, source = data
    divisions = _Rows(rows)
    if not all(isinstance(index, dict) for index in indexes) or (rows and len(rows[0]) != 5):
        raise TypeError("a cache of another shape")
    by_name, by_alias, renamed = (_Index(divisions, index) for index in indexes)
    return Gazetteer(divisions=divisions, by_name=by_name, by_alias=by_alias, renamed=renamed, source=source)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, once per process: from the user's cache when jionlp's files and this code are unchanged
    (extract/regions/cache.py), else built from the installed jionlp data files."""
    directory = jionlp_directory()
    built: list[Gazetteer] = []

    def build() -> tuple:
        built.append(build_gazetteer(directory))
        return _flatten(built[0])

    # Some 50,000 long-lived objects are made here, none of them garbage: the cycle collector, which
    # would walk them again and again as they are made, is paused meanwhile (half the load time).
    collecting = gc.isenabled()
    gc.disable()
    try:
        data = cached("gazetteer", [directory / LOCATION_ZIP, directory / LOCATION_CHANGES, Path(__file__)], build)
        if built:
            return built[0]
        try:
            return _unflatten(data)
        except (ValueError, TypeError, IndexError, KeyError):
            return build_gazetteer(directory)  # a cache of another shape: build afresh
    finally:
        if collecting:
            gc.enable()
