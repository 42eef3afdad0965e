"""The people doing the outreach (DoerRules): 组织网格员, 网格员向其发放, 网格员逐店发放, 联合村干部、网格员."""
from __future__ import annotations

import pytest

from extract.metrics.lexicon import load_lexicon
from extract.metrics.scope import load_scope_rules

LEXICON = load_lexicon()
DOERS = load_scope_rules(LEXICON).doers


def doing(text: str, joined: bool = False) -> dict[str, bool]:
    """Each audience word of the text and whether it names people doing the work."""
    hits = LEXICON.audiences.find(text)
    return dict(zip([hit.word for hit in hits], DOERS.doing(text, 0, hits, joined)))


@pytest.mark.parametrize(("text", "expected"), [
    ("动员辖区商户播放电子屏", {"商户": True}),
    ("网格员向其发放宣传单", {"网格员": True}),
    ("网格员逐店发放宣传单", {"网格员": True}),
    ("为网格员开展培训", {"网格员": False}),
    ("联合村干部、网格员等力量", {"村干部": True, "网格员": True}),
    ("以青少年为重点开展宣传", {"青少年": False}),
    ("学生参加讲座", {"学生": False}),
])
def test_doers(text: str, expected: dict[str, bool]) -> None:
    assert doing(text) == expected


def test_people_organised_into_joined_work_are_no_doers() -> None:
    assert doing("组织养老机构工作人员和老人开展逃生演练") == {"老人": True}
    assert doing("组织养老机构工作人员和老人开展逃生演练", joined=True) == {"老人": False}
