"""Resolve a place name as written (韩城市, 驻马店市驿城区, 秭歸縣, 襄樊) to province, city, county and code.

A name that fits more than one division (朝阳区) stays unresolved, with its candidates in the note,
unless the report's other place names decide it (相山镇 in a text naming 崇仁县). Nothing is guessed.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import opencc
import regex

from extract.regions.gazetteer import (
    DIRECT_UNDER_PROVINCE,
    Division,
    Gazetteer,
    load_gazetteer,
)
from extract.regions.rules import RegionRules, load_region_rules
from extract.yamlfile import PATTERNS_DIR

# The longest key tried at each position of a name (内蒙古自治区 is six characters, 黔西南布依族苗族自治州 eleven).
MAX_KEY = 14
MASK = regex.compile(r"[xX×*＊Ⅹ]")
# How many candidates a note lists before it says how many more there are.
NOTE_CANDIDATES = 6


@dataclass(frozen=True)
class Resolution:
    """The SPEC §2 resolved-place fields of one region string."""

    province: str | None = None
    city: str | None = None
    county: str | None = None
    region_code: str | None = None
    region_note: str | None = None

    def as_fields(self) -> dict[str, Any]:
        """The fields as a dict for Report.model_copy(update=...)."""
        return {"province": self.province, "city": self.city, "county": self.county,
                "region_code": self.region_code, "region_note": self.region_note}


def _from_division(division: Division, note: str | None = None) -> Resolution:
    province, city, county = division.at(0), division.at(1), division.at(2)
    return Resolution(
        province=province.name if province else None,
        city=city.name if city and city.name != DIRECT_UNDER_PROVINCE else None,
        county=county.name if county else None,
        region_code=division.finest_code(),
        region_note=note,
    )


def _common_ancestor(candidates: list[Division]) -> Division | None:
    """The finest division that every candidate lies within (香港 for two Hong Kong districts)."""
    common: Division | None = None
    for level_items in zip(*(candidate.chain() for candidate in candidates)):
        if any(item is not level_items[0] for item in level_items):
            break
        common = level_items[0]
    return common


class Resolver:
    """Resolves region strings against one gazetteer, loaded once."""

    def __init__(self, gazetteer: Gazetteer, rules: RegionRules) -> None:
        self._gazetteer = gazetteer
        self._generic = frozenset(rules.generic_names)
        self._t2s = opencc.OpenCC("t2s")

    def _pieces(self, name: str) -> tuple[list[list[Division]], str]:
        """Split a name into successive gazetteer names, longest first; also return what no name covered."""
        pieces: list[list[Division]] = []
        leftover = []
        position = 0
        while position < len(name):
            for length in range(min(MAX_KEY, len(name) - position), 1, -1):
                key = name[position:position + length]
                if key in self._generic:
                    leftover.append(key)  # a zone named alone is no place (开发区)
                    position += length
                    break
                found = self._gazetteer.lookup(key)
                if found:
                    pieces.append(found)
                    position += length
                    break
            else:
                leftover.append(name[position])
                position += 1
        return pieces, "".join(leftover)

    @staticmethod
    def _narrow(pieces: list[list[Division]]) -> list[Division]:
        """Candidates of the finest piece that lie within a candidate of each coarser piece (驻马店市 + 驿城区)."""
        current: list[Division] = []
        for found in pieces:
            # A county-or-higher reading wins over a town of the same name (相山 the district, not 相山镇's stem).
            if any(item.level <= 2 for item in found):
                found = [item for item in found if item.level <= 2]
            if not current:
                current = found
                continue
            within = [item for item in found if any(item.is_within(parent) for parent in current)]
            current = within or current
        return current

    @staticmethod
    def _decided_by(candidates: list[Division], context: str) -> list[Division]:
        """Candidates whose parent divisions the context names (北京 for 朝阳区, 崇仁县 for 相山镇)."""
        supported = []
        for candidate in candidates:
            parents = candidate.chain()[:-1]
            names = {item.name for item in parents if item.name != DIRECT_UNDER_PROVINCE}
            names |= {alias for item in parents if item.level <= 1 for alias in item.alias if len(alias) >= 2}
            if any(name in context for name in names):
                supported.append(candidate)
        return supported

    def _note(self, name: str, candidates: list[Division]) -> str:
        listed = ", ".join(f"{item.label()} {item.finest_code() or ''}".strip() for item in candidates[:NOTE_CANDIDATES])
        more = f" and {len(candidates) - NOTE_CANDIDATES} more" if len(candidates) > NOTE_CANDIDATES else ""
        return f"{name}: {listed}{more}"

    def resolve(self, region: str | None, context: str = "") -> Resolution:
        """Province, city, county and code of a region string; a note when it is masked, unknown or ambiguous."""
        if not region or not region.strip():
            return Resolution()
        name = self._t2s.convert(region.strip())
        if MASK.search(name):
            return Resolution(region_note=f"{region}: masked in the source")
        pieces, leftover = self._pieces(name)
        candidates = self._narrow(pieces)
        if not candidates:
            return Resolution(region_note=f"{region}: not in the gazetteer")
        if len(candidates) > 1 and context:
            supported = self._decided_by(candidates, self._t2s.convert(context))
            if len(supported) == 1:
                candidates = supported
        if len(candidates) == 1:
            note = f"{region}: {leftover} not in the gazetteer" if len(leftover) > 1 else None
            return _from_division(candidates[0], note)
        common = _common_ancestor(candidates)
        ambiguous = f"{self._note(region, candidates)} (ambiguous)"
        return _from_division(common, ambiguous) if common else Resolution(region_note=ambiguous)


@lru_cache(maxsize=4)
def load_resolver(directory: Path = PATTERNS_DIR) -> Resolver:
    """The resolver over the installed gazetteer and a patterns directory, built once per process."""
    return Resolver(load_gazetteer(), load_region_rules(directory))
