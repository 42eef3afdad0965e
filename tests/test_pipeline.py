"""The Python API: a document flattened to one line gives the records of its lined form."""
from __future__ import annotations

import pytest

from extract.pipeline import extract_text
from tests.conftest import RAW

# Seeds whose every paragraph and heading is indented (002 has an unindented title line mid-page and
# 003 separates paragraphs only by blank lines: flattened, their structure is gone).
INDENTED_SEEDS = ["000_23cee1b953ad0199.txt", "001_bd304e38a7a584fe.txt", "004_b01f797654e47c8c.txt"]


def _records(text: str) -> list[dict]:
    return [record.model_dump() for report in extract_text(text, doc_id="seed") for record in report.records]


def _quantities(text: str) -> list[tuple]:
    return sorted((record["raw"], record["value"], record["unit"]) for record in _records(text))


@pytest.mark.parametrize("name", INDENTED_SEEDS)
def test_one_line_document_gives_the_records_of_its_lined_form(name: str) -> None:
    # A flattened page (html without blocks, a pdf text layer) keeps each paragraph's indentation.
    lines = (RAW / name).read_text(encoding="utf-8").split("\n")
    lined = _records("\n".join(lines))
    assert lined
    assert _records("".join(lines)) == lined


@pytest.mark.parametrize("name", sorted(path.name for path in RAW.glob("*.txt")))
def test_one_line_document_without_paragraph_marks_keeps_its_quantities(name: str) -> None:
    # Joined with nothing at all, headings run into the text; the counted quantities must survive.
    lines = [line.strip() for line in (RAW / name).read_text(encoding="utf-8").split("\n")]
    lined, flat = _quantities("\n".join(lines)), _quantities("".join(lines))
    found = sum(min(lined.count(item), flat.count(item)) for item in set(lined))
    assert found >= 0.9 * len(lined), (found, len(lined))


def test_one_short_line_without_sentence_marks_is_a_report() -> None:
    reports = extract_text("民警发放宣传单300份")
    assert [record.raw for report in reports for record in report.records] == ["300份"]


def test_lone_surrogates_do_not_stop_the_pipeline() -> None:
    reports = extract_text("民警发放\ud800宣传单300份。")
    assert [record.raw for report in reports for record in report.records] == ["300份"]
