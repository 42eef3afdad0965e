"""Ambiguity filters: numbers that are not metrics in their context."""
from __future__ import annotations

import pytest

from extract.numbers.ambiguity import load_ambiguity_filters


@pytest.mark.parametrize(
    ("text", "raw", "rule"),
    [
        ("民警给学校师生上了一堂生动的宣传课", "一堂", "article_one"),
        ("它已然成为一个严峻的社会问题", "一个", "idiom_numbers"),
        ("切实把宣传工作作为一项举措", "一项", "one_item_rhetoric"),
        ("四是设置一批宣传展板", "一批", "batch_of"),
        ("商讨设计一个或两个条幅内容", "一个", "either_or"),
        ("根据《教育问责三项制度实施细则》", "三项", "book_title"),
        ("电话前带有多个“0”的号码", "0", "quoted_digit"),
        ("一组组数字", "一组", "reduplicated"),
        ("推广咨询热线“96110-8”", "8", "number_extension"),
    ],
)
def test_filter_drops(text: str, raw: str, rule: str) -> None:
    start = text.index(raw)
    assert load_ambiguity_filters().rejects(text, start, start + len(raw)) == rule


@pytest.mark.parametrize(
    ("text", "raw"),
    [("各营业网点至少张挂一幅宣传横幅", "一幅"), ("结合社区每二月一次的便民服务活动", "一次"), ("发放宣传单300份", "300份")],
)
def test_counts_are_kept(text: str, raw: str) -> None:
    start = text.index(raw)
    assert load_ambiguity_filters().rejects(text, start, start + len(raw)) is None
