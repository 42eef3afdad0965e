"""Objects: the counted thing named in a count's own item, and what a percentage measures."""
from __future__ import annotations

import pytest
import yaml

from extract.pipeline import extract_text, load_pipeline
from tests.conftest import DATA

CASES = yaml.safe_load((DATA / "objects_cases.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[case["text"] for case in CASES])
def test_object_case(case: dict) -> None:
    records = [record for report in extract_text(case["text"], "case.txt", load_pipeline(rules_only=True))
               for record in report.records if record.raw == case["raw"]]
    assert [record.object for record in records] == [case["object"]]
