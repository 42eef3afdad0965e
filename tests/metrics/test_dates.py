"""Printed dates as ISO, and the year a text names for its work."""
from __future__ import annotations

import pytest

from extract.metrics.dates import chinese_number, iso_date, work_year


@pytest.mark.parametrize(("written", "iso"), [
    ("2021年9月15日", "2021-09-15"),
    ("二〇二一年九月十五日", "2021-09-15"),
    ("二〇二二年十二月三十一日", "2022-12-31"),
    ("2021年9月", "2021-09"),
    ("2022年", "2022"),
    ("20xx年x月x日", None),
    ("2021年13月1日", None),
    ("九月十五日", None),
])
def test_iso_date(written: str, iso: str | None) -> None:
    assert iso_date(written) == iso


@pytest.mark.parametrize(("text", "year"), [
    ("2022年以来，共开展宣传8次。", 2022),
    ("2021年9月15上午,我联社组织相关人员开展了宣传活动。", 2021),
    ("按照《2019年打击治理方案》（秭政办发〔2019〕45号）要求，今年开展宣传。", None),
    ("20xx年以来办理的案件。", None),
    ("二〇二三年以来，我所开展宣传。", 2023),
])
def test_work_year(text: str, year: int | None) -> None:
    assert work_year(text) == year


def test_chinese_numbers() -> None:
    assert [chinese_number(text) for text in ("十", "十五", "二十", "三十一", "九", "12", "x")] == [10, 15, 20, 31, 9, 12, None]
