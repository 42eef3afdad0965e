"""Doc type: plans, news and summaries told apart by cue words."""
from __future__ import annotations

import pytest

from extract.metrics.doctype import load_doctype_classifier
from schemas.labels import DocType


@pytest.mark.parametrize(
    ("title", "text", "expected"),
    [
        ("防范电信诈骗工作方案", "一、活动时间。二、活动内容。三、工作要求：各单位要高度重视，力争知晓率达到90%。", DocType.plan),
        (None, "10月11日，全市打击整治养老诈骗专项行动总结会召开。会议指出，会议强调，据介绍。", DocType.news),
        ("宣传总结", "今年以来，我所共计开展宣传活动12场，取得了良好效果。", DocType.summary),
        (None, "没有任何线索的一段话。", DocType.summary),
    ],
)
def test_classify(title, text, expected) -> None:
    assert load_doctype_classifier().classify(title, text) == expected
