"""Splitting: the seed pages give the reports a reader sees, with no page chrome inside."""
from __future__ import annotations

import pytest
import yaml

from extract.text.normalise import load_normaliser
from extract.text.split import load_splitter
from tests.conftest import DATA, RAW

EXPECTED = yaml.safe_load((DATA / "split_expected.yaml").read_text(encoding="utf-8"))
CHROME = ["我要投稿", "相关推荐", "相关文章", "本文地址", "更新时间", "以下是小编", "下面是小编", "以下是本站",
          "来源：", "作者：", "www.", "全文阅读已结束", "[bookmark", "通用15篇", "精选24篇"]


def _sections(name: str):
    normaliser = load_normaliser()
    return load_splitter().split(normaliser.clean((RAW / name).read_text(encoding="utf-8")))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_seed_report_counts(name: str) -> None:
    assert len(_sections(name)) == EXPECTED[name]["reports"], EXPECTED[name]["why"]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_no_report_contains_page_chrome(name: str) -> None:
    for section in _sections(name):
        for chrome in CHROME:
            assert chrome not in section.text, (section.title, chrome)


def test_titles_drop_the_pian_number() -> None:
    titles = {section.title for section in _sections("000_23cee1b953ad0199.txt")}
    assert titles == {"社区开展防诈骗知识宣传总结"}


def test_announced_count_heading_splits_at_report_openings() -> None:
    sections = _sections("004_b01f797654e47c8c.txt")
    assert sections[0].title is None
    assert sections[1].title == sections[2].title == "派出所防电信诈骗主题宣传活动总结"
    assert sections[2].text.startswith("为进一步提高辖区群众防范各类电信诈骗安全意识")


def test_every_line_of_a_report_page_lands_in_exactly_one_report() -> None:
    sections = _sections("001_bd304e38a7a584fe.txt")
    body_lines = [line for section in sections for line in section.lines]
    assert len(body_lines) == len(set(zip(range(len(body_lines)), body_lines)))
    assert sum(line.startswith("8月以来,共计入户走访500余户") or "8月以来,共计入户走访500余户" in line
               for line in body_lines) == 1


def test_chrome_cue_cuts_its_sentence_not_the_line() -> None:
    text = "民警向群众发放宣传单300份。我要投稿。开展讲座3场，受教育群众200余人次。"
    sections = load_splitter().split(load_normaliser().clean(text))
    assert [section.text for section in sections] == ["民警向群众发放宣传单300份。开展讲座3场，受教育群众200余人次。"]


def test_byline_inside_a_long_line_is_cut_alone() -> None:
    body = "民警向群众发放宣传单300份，开展讲座3场。" * 120
    text = f"来源：网络 作者：某某 更新时间：2025-01-19。{body}"
    sections = load_splitter().split(load_normaliser().clean(text))
    assert "".join(section.text for section in sections) == body


def test_flattened_page_is_cut_at_its_paragraph_indentation() -> None:
    normaliser = load_normaliser()
    lines = (RAW / "004_b01f797654e47c8c.txt").read_text(encoding="utf-8").split("\n")
    assert normaliser.clean("".join(lines)) == normaliser.clean("\n".join(lines))
