"""Trap patterns tried only where a match can start: the same answers as searching the whole alternation."""
from __future__ import annotations

import re

import pytest

from extract.numbers import load_number_patterns
from extract.numbers.traps import TrapSearch, _overlaps, required_chars, start_class
from tests.conftest import RAW


@pytest.mark.parametrize("pattern, starts, misses", [
    (r"(?<!每)[0-9一二]{1,4}\s*月", "3二", "月每x"),
    (r"(?:第\s*\d)|篇\d", "第篇", "一1"),
    (r"x?年", "x年", "一"),
])
def test_start_class_holds_every_possible_start(pattern: str, starts: str, misses: str) -> None:
    found = start_class(pattern)
    assert found is not None
    assert all(found.fullmatch(char) for char in starts)
    assert not any(found.fullmatch(char) for char in misses)


@pytest.mark.parametrize("pattern", [r"x*", r"(?=年)", r"(?i)a", r".年"])
def test_no_start_class_when_unsure(pattern: str) -> None:
    assert start_class(pattern) is None


def test_required_chars() -> None:
    assert required_chars(r"[\w\-]+\.(?:jpg|png)") == frozenset(".")
    assert required_chars(r"abc|@x") == frozenset("a@")
    assert required_chars(r"\w+") is None


def _windows(text: str) -> list[tuple[int, int]]:
    return [(match.start(), match.end()) for match in re.finditer(r"[0-9.]+|[一二三四五六七八九十百千万两]+", text)]


@pytest.mark.parametrize("kind", ["hard_traps", "soft_traps"])
def test_same_answers_as_the_whole_alternation_on_the_seeds(kind: str) -> None:
    traps: TrapSearch = getattr(load_number_patterns(), kind)
    checked = trapped = 0
    for path in sorted(RAW.glob("*.txt")):
        text = load_number_patterns().fold(path.read_text(encoding="utf-8"))
        for start, end in _windows(text):
            low, high = max(0, start - 12), min(len(text), end + 12)
            expected = _overlaps(traps.pattern, text, low, start, end, high)
            assert traps.overlaps(text, low, start, end, high) == expected, text[low:high]
            checked += 1
            trapped += expected
    assert checked > 500 and 0 < trapped < checked
