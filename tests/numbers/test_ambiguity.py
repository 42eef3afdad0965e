"""Ambiguity filters: numbers that are not metrics in their context (tests/data/ambiguity_cases.yaml)."""
from __future__ import annotations

import pytest
import yaml

from extract.numbers.ambiguity import load_ambiguity_filters
from tests.conftest import DATA

CASES = yaml.safe_load((DATA / "ambiguity_cases.yaml").read_text(encoding="utf-8"))


def _span(case: dict) -> tuple[int, int]:
    start = -1
    for _ in range(case.get("nth", 0) + 1):
        start = case["text"].index(case["raw"], start + 1)
    return start, start + len(case["raw"])


@pytest.mark.parametrize("case", CASES["drops"], ids=lambda case: f"{case['rule']}:{case['raw']}")
def test_filter_drops(case: dict) -> None:
    assert load_ambiguity_filters().rejects(case["text"], *_span(case)) == case["rule"]


@pytest.mark.parametrize("case", CASES["keeps"], ids=lambda case: case["raw"])
def test_counts_are_kept(case: dict) -> None:
    assert load_ambiguity_filters().rejects(case["text"], *_span(case)) is None
