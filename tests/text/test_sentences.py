"""Sentences and clauses keep offsets; hard-wrapped lines join, headings do not."""
from __future__ import annotations

from extract.text.sentences import clauses, sentences


def test_sentences_cut_at_marks_and_paragraphs() -> None:
    text = "开展讲座3次。发放宣传单500份；悬挂横幅2条\n二、下一步"
    assert [span.text for span in sentences(text)] == ["开展讲座3次。", "发放宣传单500份；", "悬挂横幅2条\n", "二、下一步"]


def test_hard_wrapped_line_joins_the_next() -> None:
    text = ("今年以来共开展大型街面宣传八次并且发放了宣传单两千余\n份，专题讲座六次，通过抖音微信等自媒体宣传八\n"
            "百余次，拦截反诈预警一百余次，避免事主经济损失共计\n八十余万元。\n短标题\n最后一段。")
    found = [span.text for span in sentences(text)]
    assert found[0] == text[:text.index("。") + 1]
    assert "短标题\n" in found


def test_offsets_index_the_text() -> None:
    text = "一、宣传。共发放宣传单500份,悬挂横幅2条；完成。"
    for sentence in sentences(text):
        assert text[sentence.start:sentence.end] == sentence.text
        for clause in clauses(text, sentence):
            assert text[clause.start:clause.end] == clause.text
    assert [clause.text for clause in clauses(text, sentences(text)[1])] == ["共发放宣传单500份,", "悬挂横幅2条；"]
