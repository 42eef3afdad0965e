"""Status: achieved, planned, recurring or case_detail from the passage (tests/data/status_cases.yaml)."""
from __future__ import annotations

import pytest
import yaml

from extract.metrics.status import load_status_rules
from extract.numbers import load_number_patterns, parse_quantities
from extract.text import clauses, sentences
from schemas.labels import Activity, DocType, UnitClass
from tests.conftest import DATA

CASES = yaml.safe_load((DATA / "status_cases.yaml").read_text(encoding="utf-8"))
RULES = load_status_rules()


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_status_case(case: dict) -> None:
    text = case["text"]
    found = []
    for sentence in sentences(text):
        for clause in clauses(text, sentence):
            for quantity in parse_quantities(clause.text, load_number_patterns()):
                start = clause.start + quantity.start
                money = quantity.unit_class == UnitClass.money
                activity = Activity(case["activity"]) if "activity" in case else None
                found.append(RULES.status(DocType(case["doc_type"]), text, sentence, clause, start, money, activity,
                                          quantity.unit))
    assert found[case.get("nth", 0)].value == case["status"]
