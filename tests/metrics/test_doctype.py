"""Doc type: plans, news and summaries told apart by cue words (tests/data/doctype_cases.yaml)."""
from __future__ import annotations

import pytest
import yaml

from extract.metrics.doctype import load_doctype_classifier
from schemas.labels import DocType
from tests.conftest import DATA

CASES = yaml.safe_load((DATA / "doctype_cases.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_classify(case: dict) -> None:
    assert load_doctype_classifier().classify(case["title"], case["text"]) == DocType(case["doc_type"])
