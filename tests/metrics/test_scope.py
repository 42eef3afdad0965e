"""Scope: channels and audiences of the outreach itself, from tests/data/scope_cases.yaml."""
from __future__ import annotations

import pytest
import yaml

from extract.metrics.lexicon import load_lexicon
from extract.metrics.scope import labels, load_scope_rules
from extract.text import Span, load_normaliser
from schemas.labels import Activity, Status
from tests.conftest import DATA

CASES = yaml.safe_load((DATA / "scope_cases.yaml").read_text(encoding="utf-8"))
SCOPE = load_scope_rules(load_lexicon())


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_scope_case(case: dict) -> None:
    text = load_normaliser().shadow(case["text"]).text
    # clause_from: the clause starts at this word, as when a colon cuts a byline from its label.
    start = text.index(case["clause_from"]) if "clause_from" in case else 0
    clause = Span(start, len(text), text[start:])
    assert {label.value for label in SCOPE.channels(text, clause, Status.achieved)} == set(case["channels"])
    assert {label.value for label in SCOPE.audiences(text, clause, Activity.distribution)} == set(case["audiences"])


def test_no_channels_in_a_case_story() -> None:
    text = "骗子通过微信联系事主"
    assert SCOPE.channels(text, Span(0, len(text), text), Status.case_detail) == []


def test_no_audiences_for_non_outreach_work() -> None:
    text = "群众举报线索10条"
    assert SCOPE.audiences(text, Span(0, len(text), text), Activity.tips) == []
    assert labels(SCOPE.audience_hits(text)) != []
