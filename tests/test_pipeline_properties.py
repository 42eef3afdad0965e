"""Property test of the whole pipeline: any mix of Chinese, digits, punctuation, full-width forms, html
fragments and control characters is read without an exception, and every record's raw is its span."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.pipeline import extract_text, load_pipeline

PIECES = [
    "民警", "发放", "宣传单", "宣传资料", "份", "张", "场", "人次", "余", "多", "近", "万", "千", "百", "十",
    "三", "两", "一", "零", "其中", "共", "开展", "讲座", "社区", "老年人", "学生", "微信", "公众号",
    "計劃", "懸掛", "橫幅", "條", "乡(xiāng)", "'", "篇1", "总结", "我要投稿", "相关文章：", "本文地址",
    "以下是小编整理的", "...", "…", "、", "，", "。", "；", "：", "！", "？", "“", "”", "（", "）", "《", "》",
    "１２３", "５００", "，", "％", "%", "1,500", "3-5", "9:00", "2022年", "4月", "1.5", "0.5万",
    "<p>", "</p>", "<br>", "&nbsp;", "&gt;", "<div class='nav'>", "\\\"", "[bookmark: _Toc1]", "> ",
    "\n", "\r\n", "\n\n", " ", "  ", "\u3000", "\u3000\u3000", "\t", "\x00", "\x0b", "\x0c", "\x1b", "\u200b",
    "\ufeff", "\u2028", "\u0085", "\x7f", "\ud7ff", "\ud800", "\udfff", "\U0001f600",
]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=3)), max_size=60).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_pipeline_never_raises_and_raw_is_the_span(text: str) -> None:
    for report in extract_text(text, doc_id="random", pipeline=load_pipeline()):
        for record in report.records:
            assert report.text[record.start:record.end] == record.raw
            assert record.raw
            assert record.evidence in report.text
            assert record.part_of is None or 0 <= record.part_of < len(report.records)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_mixes_flattened_to_one_long_line(text: str) -> None:
    # Lines over 2,000 characters take the flattened-page paths (paragraph breaks at indentation,
    # sentence-level chrome); the repeated mix is kept to 4,000 characters so the suite stays fast.
    piece = text.replace("\n", "").replace("\r", "") + "\u3000\u3000"
    line = (piece * (2100 // len(piece) + 1))[:4000]
    for report in extract_text(line, doc_id="long", pipeline=load_pipeline()):
        for record in report.records:
            assert report.text[record.start:record.end] == record.raw
