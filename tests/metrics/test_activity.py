"""Activity: the verb that governs the counted noun phrase, verb families, sums and people's roles."""
from __future__ import annotations

import pytest
import yaml

from extract.pipeline import extract_text, load_pipeline
from tests.conftest import DATA

CASES = yaml.safe_load((DATA / "activity_cases.yaml").read_text(encoding="utf-8"))


# The rules alone: these cases pin down activity.py and the lexicons; how far the learned model may
# depart from them is tests/metrics/test_activitymodel.py's to check.
@pytest.mark.parametrize("case", CASES, ids=[case["text"] for case in CASES])
def test_activity_case(case: dict) -> None:
    rules = load_pipeline(rules_only=True)
    records = [record for report in extract_text(case["text"], "case.txt", rules) for record in report.records]
    assert [record.activity.value for record in records] == case["activities"], [record.rule for record in records]
