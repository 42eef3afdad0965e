"""Attachment: each quantity gets the activity, object, labels and status of its own clause."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from extract.pipeline import extract_text, load_pipeline
from tests.conftest import DATA, ROOT

CASES = yaml.safe_load((DATA / "attach_cases.yaml").read_text(encoding="utf-8"))


def _records(text: str):
    return [record for report in extract_text(text, doc_id="case.txt") for record in report.records]


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_attach_case(case: dict) -> None:
    records = _records(case["text"])
    assert [record.raw for record in records] == [expected["raw"] for expected in case["records"]]
    for record, expected in zip(records, case["records"]):
        dumped = record.model_dump(mode="json")
        for name, value in expected.items():
            if name in ("channels", "audiences"):
                assert set(dumped[name]) == set(value), (record.raw, name)
            else:
                assert dumped[name] == value, (record.raw, name, dumped[name])


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_offsets_and_evidence(case: dict) -> None:
    for report in extract_text(case["text"], doc_id="case.txt"):
        for record in report.records:
            assert report.text[record.start:record.end] == record.raw
            assert record.raw in record.evidence


def test_every_seed_record_points_at_its_raw(raw_dir: Path) -> None:
    for path in sorted(raw_dir.glob("*.txt")):
        for report in extract_text(path.read_text(encoding="utf-8"), doc_id=path.name):
            for record in report.records:
                assert report.text[record.start:record.end] == record.raw
                assert record.raw in record.evidence


def test_repeated_paragraphs_are_extracted_in_each_report(raw_dir: Path) -> None:
    text = (raw_dir / "001_bd304e38a7a584fe.txt").read_text(encoding="utf-8")
    reports = extract_text(text, doc_id="001.txt")
    holding = [report.index for report in reports if any(record.raw == "500余户" for record in report.records)]
    assert len(holding) >= 1
    # 篇1 and 篇20 are the same text re-posted: both keep their records.
    assert [r.raw for r in reports[0].records] == [r.raw for r in reports[19].records]


def test_headline_repeating_a_body_figure_gives_one_record() -> None:
    text = "共发放宣传单5000余份\n今年以来，我所共发放宣传单5000余份，开展讲座6次。"
    records = _records(text)
    assert [record.raw for record in records] == ["5000余份", "6次"]
    assert records[0].start > text.index("\n")


def test_lead_rounding_a_body_figure_gives_one_record() -> None:
    text = "警方去年拦阻诈骗金额逾198万元，居全市之冠。\n据统计，全年拦阻诈骗金额198万7000元，拦阻诈骗案件120件。"
    assert [record.raw for record in _records(text)] == ["198万7000元", "120件"]


@pytest.mark.parametrize("text", [
    "警方去年拦阻诈骗金额198万元，居全市之冠。\n据统计，全年拦阻诈骗金额198万元。",
    # the same work with its object worded otherwise (诈骗案 / 诈骗案件): still one figure (C14)
    "警银合作去年成功拦阻诈骗案共320件，居全市之冠。\n据统计，全年拦阻诈骗案件共320件。",
    # a target restated is one target too (预计带动…人次 in the lead and again in the body)
    "记者获悉，本次活动预计带动全市1万2000人次学生参与反诈教育。\n据介绍，活动预计带动1万2000人次学生参与反诈教育。",
])
def test_news_lead_telling_the_body_figure_again_is_one_record(text: str) -> None:
    # SPEC §2, ADJUDICATION C14: a figure a lead repeats from the body is one record, the body's.
    records = _records(text)
    assert len(records) == 1
    assert records[0].start > text.index("\n")


@pytest.mark.parametrize("text", [
    # a case story told in the lead and retold in the body: two statements of one case, both kept
    "记者报道，事主张某到银行支取存款5万元。\n银行与警方协作，为张某挽回5万元损失。",
])
def test_lead_repeats_of_case_amounts_are_kept(text: str) -> None:
    assert len(_records(text)) == 2


def test_new_activity_word_needs_one_yaml_line(tmp_path: Path) -> None:
    patterns = tmp_path / "patterns"
    shutil.copytree(ROOT / "patterns", patterns)
    sentence = "民警向群众分赠300份。"
    # The rules alone: the learned model already reads 分赠 as handing out, which is not what this is about.
    before = [r.activity.value for report in extract_text(sentence, pipeline=load_pipeline(patterns, rules_only=True))
              for r in report.records]
    # Patterns are compiled once per folder, so the edited copy lives in a folder of its own.
    edited = tmp_path / "edited"
    shutil.copytree(patterns, edited)
    (edited / "lexicon" / "new_words.yaml").write_text(
        "activities:\n  - {label: distribution, words: [分赠]}\n", encoding="utf-8")
    after = [r.activity.value for report in extract_text(sentence, pipeline=load_pipeline(edited, rules_only=True))
             for r in report.records]
    assert before == ["other"]
    assert after == ["distribution"]
