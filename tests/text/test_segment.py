"""Segmentation keeps the domain's words whole with a tokenizer of its own."""
from __future__ import annotations

import jieba
import rjieba

from extract.text.segment import Segmenter, load_segmenter


def test_domain_words_stay_whole() -> None:
    words = [token.word for token in load_segmenter().tokens("动员群众安装国家反诈中心APP,设置宣传展板,防范电信网络诈骗,发放宣传单")]
    for word in ("国家反诈中心", "宣传展板", "电信网络诈骗", "宣传单"):
        assert word in words


def test_tokenizer_is_private_not_jiebas_global() -> None:
    Segmenter(["甲乙丙丁戊"])
    assert "甲乙丙丁戊" not in jieba.lcut("甲乙丙丁戊己")
    assert "甲乙丙丁戊" not in rjieba.cut("甲乙丙丁戊己")
