"""Cleaning keeps the text as written; the shadow folds width and script with an honest offset map."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.text.normalise import FULL_WIDTH_CHARS, WIDTH_TABLE, fold_text, fold_width, load_normaliser, replace_chars


@pytest.fixture(scope="module")
def normaliser():
    return load_normaliser()


@pytest.mark.parametrize(
    ("written", "cleaned"),
    [
        ("[bookmark: _Toc1]防范电信诈骗宣传总结", "防范电信诈骗宣传总结"),
        ('借鉴\\"四平公安\\"模式', '借鉴"四平公安"模式'),
        (">　　一、党委重视、成立组织。", "一、党委重视、成立组织。"),
        ("　　第一段\r\n\r\n\r\n　　第二段", "第一段\n第二段"),
        ("开展讲座3   场", "开展讲座3 场"),
    ],
)
def test_clean(normaliser, written: str, cleaned: str) -> None:
    assert normaliser.clean(written) == cleaned


@pytest.mark.parametrize(
    ("written", "shadow"),
    [
        ("懸掛橫幅３０余條", "悬挂横幅30余条"),
        ("发放宣传单１，５００份", "发放宣传单1,500份"),
        ("乡(xiāng)镇", "乡镇"),
        ("诈骗的'常见情况", "诈骗的常见情况"),
        ("随著互联网", "随着互联网"),
    ],
)
def test_shadow_text(normaliser, written: str, shadow: str) -> None:
    assert normaliser.shadow(written).text == shadow


def test_shadow_offsets_map_back_to_the_written_text(normaliser) -> None:
    written = "乡(xiāng)镇懸掛橫幅３０余條"
    shadow = normaliser.shadow(written)
    start = shadow.text.index("30余条")
    begin, end = shadow.to_written(start, start + len("30余条"))
    assert written[begin:end] == "３０余條"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.one_of(st.characters(), st.sampled_from("０１２３４５６７８９，％（）　٣४")), max_size=40))
def test_fold_text_folds_like_fold_width(text: str) -> None:
    assert fold_text(text) == "".join(fold_width(char) for char in text)


def test_digit_newer_than_python_unicode_tables_is_kept() -> None:
    # regex knows U+11BF0 as a decimal digit, Python 3.11's unicodedata does not: found by hypothesis.
    assert fold_text("\U00011bf0٣") == "\U00011bf03"


def test_shadow_maps_around_deletions(normaliser) -> None:
    written = "乡(xiāng)镇發放宣传单１，５００份"
    shadow = normaliser.shadow(written)
    assert shadow.text == "乡镇发放宣传单1,500份"
    start = shadow.text.index("1,500")
    assert written[slice(*shadow.to_written(start, start + 5))] == "１，５００"


def test_long_line_without_sentence_marks_that_opencc_shortens_keeps_its_length() -> None:
    """A NUL makes OpenCC return a shorter string; a 300-character line with no 。 must not recurse."""
    text = "\x0b\x00" + "宣傳" * 150
    assert len(load_normaliser().shadow(text).text) == len(text)


@given(st.text(alphabet=st.sampled_from([chr(code) for code in range(0xFF00, 0xFF62)] + ["\u3000", "a", "中", " ", "\n"]), max_size=40))
def test_replace_chars_is_translate(text: str) -> None:
    """Folding by one replace per distinct full-width character gives str.translate's result."""
    assert replace_chars(text, FULL_WIDTH_CHARS, WIDTH_TABLE) == text.translate(WIDTH_TABLE)
