"""The number patterns compiled by the standard library match as the `regex` engine would."""
from __future__ import annotations

import re

import pytest
import regex

from extract.numbers import load_number_patterns
from tests.conftest import RAW

STDLIB_PATTERNS = ["starts", "units", "cues_before", "after_before_unit", "after_after_unit", "ranges", "masks",
                   "mask_suffix", "money_parts", "half_shares"]


def _spans(found: re.Match | regex.Match | None) -> tuple | None:
    return None if found is None else (found.span(), found.groups())


@pytest.mark.parametrize("name", STDLIB_PATTERNS)
def test_the_stdlib_pattern_matches_as_regex_at_every_position_of_the_seed_reports(name: str) -> None:
    patterns = load_number_patterns()
    compiled = getattr(patterns, name)
    assert isinstance(compiled, re.Pattern)
    same = regex.compile(compiled.pattern)
    for path in sorted(RAW.glob("*.txt")):
        text = patterns.fold(path.read_text(encoding="utf-8"))
        for position in range(len(text)):
            assert _spans(compiled.match(text, position)) == _spans(same.match(text, position)), (name, position)
            # cues_before is searched in the window before a number, up to where it starts
            window = max(0, position - 8)
            assert _spans(compiled.search(text, window, position)) == _spans(same.search(text, window, position))
