"""Near-duplicate detection: the republished seed reports, small edits, different texts, input order."""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import yaml

from extract.duplicates import DuplicateFinder, normalised_text
from schemas.records import Report
from tests.conftest import DATA

PAIRS = yaml.safe_load((DATA / "duplicate_pairs.yaml").read_text(encoding="utf-8"))
SAME = {(pair["copy"], pair["original"]) for pair in PAIRS["same"]}
REWORDED = {(pair["copy"], pair["original"]) for pair in PAIRS["reworded"]}


@pytest.fixture(scope="module")
def seed_reports(seed_outputs: tuple[Path, Path]) -> list[dict]:
    """The seed corpus's reports as extract wrote them (CSV), empty cells read as None."""
    frame = pd.read_csv(seed_outputs[1], encoding="utf-8-sig", dtype=str, keep_default_na=False)
    return [{key: (value or None) for key, value in row.items()} for row in frame.to_dict("records")]


def test_republished_seed_reports_name_their_first_copy(seed_reports: list[dict]) -> None:
    """Every pair read by hand is found, and nothing is paired that was not read as the same text."""
    found = {(report["report_id"], report["duplicate_of"]) for report in seed_reports if report["duplicate_of"]}
    assert SAME <= found, sorted(SAME - found)
    assert found <= SAME | REWORDED, sorted(found - SAME - REWORDED)


def test_bundles_that_contain_another_report_are_not_copies(seed_reports: list[dict]) -> None:
    """A report holding the whole of another is a different text, in either direction."""
    duplicate_of = {report["report_id"]: report["duplicate_of"] for report in seed_reports}
    for pair in PAIRS["contains"]:
        assert duplicate_of[pair["shorter"]] != pair["longer"]
        assert duplicate_of[pair["longer"]] != pair["shorter"]


def test_originals_are_earlier_and_never_copies(seed_reports: list[dict]) -> None:
    """duplicate_of points back in input order, at a report that is itself no copy."""
    position = {report["report_id"]: number for number, report in enumerate(seed_reports)}
    duplicate_of = {report["report_id"]: report["duplicate_of"] for report in seed_reports}
    for report_id, original in duplicate_of.items():
        if original:
            assert position[original] < position[report_id]
            assert duplicate_of[original] is None


BASE = ("为进一步提高辖区群众防范各类电信诈骗安全意识，有效打击诈骗犯罪，维护群众利益，预防和减少电信诈骗案件的发生，"
        "新城派出所四项举措在辖区内开展了防范电信诈骗宣传工作。以所长为组长的领导小组制定了详细的宣传方案，"
        "民警深入社区、学校、企业开展宣传讲座12场，发放宣传资料3000余份，张贴海报200张，受教育群众5000余人次。"
        "通过微信公众号推送防骗知识20期，在辖区银行网点设置宣传展板8块，劝阻群众转账6起，避免经济损失10万余元。")

EDITS = [
    ("punctuation half-width", BASE.replace("，", ",").replace("。", ".")),
    ("names masked", BASE.replace("新城派出所", "xx派出所").replace("12场", "**场")),
    ("a few words changed", BASE.replace("深入", "走进").replace("详细的", "具体").replace("防骗知识", "反诈知识")),
    ("a sentence added", BASE + "下一步，我所将继续加大宣传力度。"),
    ("spaces and line breaks", BASE.replace("。", "。\n\n").replace("，", "， ")),
    ("full-width digits", BASE.replace("3000", "３０００").replace("200", "２００")),
]


@pytest.mark.parametrize("name, edited", EDITS, ids=[name for name, _ in EDITS])
def test_small_edits_still_match(name: str, edited: str) -> None:
    """A copy with small edits names the original."""
    finder = DuplicateFinder()
    assert finder.original_of("a#1", BASE) is None
    assert finder.original_of("b#1", edited) == "a#1", name


def test_a_different_report_on_the_same_subject_is_not_a_copy() -> None:
    """Two anti-fraud summaries sharing the domain's stock phrases are different texts."""
    other = ("为切实增强辖区群众预防网络电信诈骗意识，助力提升安全感满意度，近日，某社区结合疫情防控及大走访活动，"
             "积极开展防诈骗宣传活动。活动中，社区工作人员通过大喇叭循环播放防诈骗音频，入户走访独居老人45户，"
             "向过往群众讲解冒充公检法、刷单返利等常见骗术，发放宣传折页600余份，引导群众下载国家反诈中心APP。")
    finder = DuplicateFinder()
    finder.original_of("a#1", BASE)
    assert finder.original_of("b#1", other) is None


def test_every_copy_names_the_first_report_of_the_text() -> None:
    """A copy of a copy points at the root, not at the copy in between."""
    finder = DuplicateFinder()
    finder.original_of("a#1", BASE)
    finder.original_of("b#1", EDITS[0][1])
    assert finder.original_of("c#1", EDITS[2][1]) == "a#1"


def test_short_texts_match_only_when_identical() -> None:
    """Under the length floor a heading is a copy only of the very same heading."""
    finder = DuplicateFinder()
    assert finder.original_of("a#1", "防范电信诈骗宣传总结") is None
    assert finder.original_of("b#1", "防范电信诈骗宣传总结。") == "a#1"
    assert finder.original_of("c#1", "防范电信诈骗工作总结") is None
    assert finder.original_of("d#1", "") is None
    assert finder.original_of("e#1", "") is None


def test_mark_all_streams_reports_in_order() -> None:
    """mark_all yields each report as it is marked, with duplicate_of set in place."""
    reports = [Report(doc_id=name, report_id=f"{name}#1", index=1, text=text)
               for name, text in (("a", BASE), ("b", EDITS[1][1]), ("c", "另一篇" * 30))]
    marked = list(DuplicateFinder().mark_all(iter(reports)))
    assert [report.duplicate_of for report in marked] == [None, "a#1", None]
    assert marked[1] is reports[1]


def test_normalised_text_folds_width_and_drops_punctuation() -> None:
    """Full-width letters and digits fold; punctuation and spaces go."""
    assert normalised_text("ＡＰＰ下载，３０００份！ x") == "app下载3000份x"
