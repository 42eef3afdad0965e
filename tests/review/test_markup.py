"""Marked-up text: spans cut at code points, nested or reopened where they overlap, every character kept."""
from __future__ import annotations

import pytest
import yaml

from extract.review.markup import Span, Token, mark_tokens
from tests.conftest import DATA

CASES = yaml.safe_load((DATA / "review_markup_cases.yaml").read_text(encoding="utf-8"))


def _render(tokens: list[Token]) -> str:
    pieces = []
    for token in tokens:
        if token.kind == "text":
            pieces.append(token.text)
        elif token.kind == "open":
            pieces.append(f"[{'+' if token.continued else ''}{token.span.id}:")
        else:
            pieces.append("]")
    return "".join(pieces)


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_markup_case(case: dict) -> None:
    spans = [Span(name, start, end, "other") for name, start, end in case["spans"]]
    tokens = mark_tokens(case["text"], spans)
    assert _render(tokens) == case["expected"]
    assert "".join(token.text for token in tokens) == case["text"]


def test_span_outside_the_text_is_refused() -> None:
    with pytest.raises(ValueError, match="outside"):
        mark_tokens("300份", [Span("a", 2, 9, "other")])
