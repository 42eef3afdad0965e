"""Filters that drop quantities which are not metrics in their context (patterns/ambiguity.yaml)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex
from pydantic import BaseModel, ConfigDict

from extract.yamlfile import PATTERNS_DIR, load_model
from extract.text.engine import compile_pattern

# How many written forms of quantities keep their list of filters to try.
RAW_CACHE = 8192


class FilterEntry(BaseModel):
    """One ambiguity filter: regexes on the quantity and the text around it."""

    model_config = ConfigDict(extra="forbid")

    name: str
    raw: str | None = None
    before: str | None = None
    after: str | None = None
    unless_before: str | None = None
    same_unit_after: bool = False
    window: int | None = None  # characters looked at before the quantity, when not the file's window
    why: str


class AmbiguityFile(BaseModel):
    """patterns/ambiguity.yaml."""

    model_config = ConfigDict(extra="forbid")

    window: int
    filters: list[FilterEntry]


def _compile(pattern: str | None) -> regex.Pattern | None:
    return compile_pattern(pattern) if pattern else None


@dataclass(frozen=True)
class CompiledFilter:
    """A filter with its regexes compiled."""

    name: str
    raw: regex.Pattern | None
    before: regex.Pattern | None
    after: regex.Pattern | None
    unless_before: regex.Pattern | None
    same_unit_after: bool
    window: int | None


class AmbiguityFilters:
    """Decides, from the text around a quantity, whether it is a non-metric."""

    def __init__(self, rules: AmbiguityFile) -> None:
        self._window = rules.window
        self._filters = [
            CompiledFilter(entry.name, _compile(entry.raw), _compile(entry.before), _compile(entry.after),
                           _compile(entry.unless_before), entry.same_unit_after, entry.window)
            for entry in rules.filters
        ]
        # The filters whose raw pattern a quantity's written form passes, in order, per form: most forms
        # recur (一次, 3场), and two thirds of the filters test the form first.
        self._by_raw: dict[str, list[CompiledFilter]] = {}

    def _for_raw(self, raw: str) -> list[CompiledFilter]:
        """The filters, in order, that have no raw pattern or one that raw fully matches."""
        found = self._by_raw.get(raw)
        if found is None:
            if len(self._by_raw) >= RAW_CACHE:
                self._by_raw.clear()  # bounded: a run over millions of quantities keeps only recent forms
            found = self._by_raw[raw] = [rule for rule in self._filters if not rule.raw or rule.raw.fullmatch(raw)]
        return found

    def rejects(self, text: str, start: int, end: int) -> str | None:
        """The name of the filter that drops text[start:end] as a non-metric, else None."""
        raw = text[start:end]
        before = text[max(0, start - self._window):start]
        after = text[end:end + self._window]
        for rule in self._for_raw(raw):
            # A filter with its own window looks further back (the parts of a named set listed after 即).
            window = before if rule.window is None else text[max(0, start - rule.window):start]
            if rule.before and not rule.before.search(window):
                continue
            if rule.after:
                match = rule.after.search(after)
                if not match or (rule.same_unit_after and match.group("unit") != raw[-1]):
                    continue
            if rule.unless_before and rule.unless_before.search(window):
                continue
            return rule.name
        return None


@lru_cache(maxsize=4)
def load_ambiguity_filters(directory: Path = PATTERNS_DIR) -> AmbiguityFilters:
    """Build the filters of patterns/ambiguity.yaml once per directory."""
    return AmbiguityFilters(load_model(directory / "ambiguity.yaml", AmbiguityFile))
