"""The reporting body and its type, found in plain text (case table: tests/data/organisation_cases.yaml)."""
from __future__ import annotations

import pytest
import yaml

from extract.metrics.organisation import load_organisation_finder
from extract.pipeline import extract_text
from tests.conftest import DATA

CASES = yaml.safe_load((DATA / "organisation_cases.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_reporting_body(case: dict) -> None:
    report = extract_text(case["text"])[0]
    assert report.organization == case["organization"]
    expected_type = case.get("type")
    assert (report.organization_type.value if report.organization_type else None) == expected_type


def test_type_of_names() -> None:
    finder = load_organisation_finder()
    assert finder.type_of("xx银行xx分行营业部").value == "bank"
    assert finder.type_of("平安保险xx分公司").value == "insurance"
    assert finder.type_of("市文化旅游委").value == "government"
    assert finder.type_of("某某协会").value == "other"
    assert finder.type_of("某某读书角") is None


def test_without_a_gazetteer_a_bare_name_is_not_proper() -> None:
    """峨桥派出所 needs the gazetteer to know 峨桥 is a place; masked and bare-level names do not."""
    finder = load_organisation_finder()
    assert finder.reporter("近期，峨桥派出所民警开展宣传。") is None
    assert finder.reporter("近期，峨桥派出所民警开展宣传。", lambda name: name.startswith("峨桥")).name == "峨桥派出所"
    assert finder.reporter("近期，xx派出所开展宣传。").name == "xx派出所"
