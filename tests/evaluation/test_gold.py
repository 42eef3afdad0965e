"""The gold corpus validates: offsets point at raw, labels are from SPEC, no duplicates."""
from __future__ import annotations

import pytest

from extract.evaluation.gold import GOLD_DIR, load_gold, report_texts
from tests.conftest import RAW

GOLD = load_gold()


def test_every_raw_document_has_gold() -> None:
    assert sorted(GOLD) == sorted(path.name for path in RAW.glob("*.txt"))


@pytest.mark.parametrize("doc_id", sorted(GOLD))
def test_every_report_is_labelled(doc_id: str) -> None:
    texts = report_texts(RAW / doc_id)
    assert [report.report for report in GOLD[doc_id].reports] == list(range(1, len(texts) + 1))


@pytest.mark.parametrize("doc_id", sorted(GOLD))
def test_raw_is_the_text_at_its_offsets(doc_id: str) -> None:
    texts = report_texts(RAW / doc_id)
    for metric in GOLD[doc_id].metrics:
        text = texts[metric.report - 1]
        assert metric.start is not None and metric.end is not None, metric.raw
        assert text[metric.start:metric.end] == metric.raw
        assert metric.evidence in text and metric.raw in metric.evidence


@pytest.mark.parametrize("doc_id", sorted(GOLD))
def test_no_duplicate_records_and_valid_part_of(doc_id: str) -> None:
    metrics = GOLD[doc_id].metrics
    spans = [(metric.report, metric.start, metric.end) for metric in metrics]
    assert len(spans) == len(set(spans))
    for metric in metrics:
        if metric.part_of is not None:
            siblings = [other for other in metrics if other.report == metric.report]
            assert 0 <= metric.part_of < len(siblings)
            assert siblings[metric.part_of] is not metric


def test_doubtful_records_say_why() -> None:
    for document in GOLD.values():
        for metric in document.metrics:
            if metric.doubtful:
                assert metric.why, metric.raw


def test_corpus_size() -> None:
    assert sum(len(document.reports) for document in GOLD.values()) == 61
    assert sum(len(document.metrics) for document in GOLD.values()) >= 200
    assert GOLD_DIR.is_dir()
