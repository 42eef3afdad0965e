"""Enumeration items: 、 and the conjunctions separate them, but not inside a word that holds 及/和/与."""
from __future__ import annotations

import re

from extract.metrics.items import item_break, item_start, items_between_commas, separates
from extract.text import Span

JOINED = re.compile("普及|参与|和平")


def test_a_conjunction_separates_items() -> None:
    text = "发放宣传单300份和手册200本"
    assert separates(text, text.index("和"), JOINED)
    assert item_start(text, 0, text.index("200")) == text.index("手册")


def test_a_conjunction_inside_a_word_separates_nothing() -> None:
    text = "宣传普及人数达300人次"
    assert not separates(text, text.index("及"), JOINED)
    assert item_start(text, 0, text.index("300"), JOINED) == 0
    # without the word list, 及 splits the word
    assert item_start(text, 0, text.index("300")) == text.index("人数")


def test_item_break_sees_only_separators() -> None:
    assert item_break("群众参与、学生", 0, 7, JOINED)
    assert not item_break("群众参与活动", 0, 6, JOINED)


def test_items_between_commas_keep_conjunctions_and_empty_items() -> None:
    text = "发放资料和手册300份、、海报20张、"
    items = items_between_commas(text, Span(0, len(text), text))
    assert [item.text for item in items] == ["发放资料和手册300份", "", "海报20张"]
