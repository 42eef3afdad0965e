"""Places gone to (进校园, 深入企业、学校) and the audiences they name."""
from __future__ import annotations

import pytest

from extract.metrics.lexicon import load_lexicon
from extract.metrics.scope import load_scope_rules
from extract.text import Span

PLACES = load_scope_rules(load_lexicon()).places


@pytest.mark.parametrize(("text", "expected"), [
    ("民警走进校园、走进企业开展宣传", ["校园", "企业"]),
    ("深入辖区各个小区、商铺", ["小区", "商铺"]),
    ("下沉社区开展宣讲", ["社区"]),
    ("表彰先进企业", []),
    ("并至辖内各大KTV、学校、车站宣导", ["学校"]),
    ("来到了香鹿山镇中心校", ["中心校"]),
    ("截至目前学校已开展", []),
    ("在学校张贴海报", []),
])
def test_places_after_a_verb_of_going(text: str, expected: list[str]) -> None:
    assert [hit.word for hit in PLACES.hits(text)] == expected


@pytest.mark.parametrize(("text", "clause_from", "expected"), [
    ("走进校园、社区等地，举办讲座15次", "举办", ["校园", "社区"]),
    ("走进校园开展宣传，覆盖学生3000人", "覆盖", ["校园"]),
    ("走进校园发放宣传单，覆盖学生3000人", "覆盖", []),
    ("走进5所学校，举办讲座15次", "举办", []),
    ("走进校园。举办讲座15次", "举办", []),
])
def test_places_of_the_clause_before(text: str, clause_from: str, expected: list[str]) -> None:
    start = text.index(clause_from)
    assert [hit.word for hit in PLACES.carried(text, Span(start, len(text), text[start:]))] == expected
