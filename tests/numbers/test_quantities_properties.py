"""Property tests: Chinese numerals read back to their integer; offsets always match raw."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.numbers.quantities import parse_quantities

DIGITS = "零一二三四五六七八九"
SECTION_UNITS = ("", "十", "百", "千")
TOP = 10**12


def _section(value: int, two: str) -> str:
    """Write 1..9999 in Chinese, with 零 for inner gaps (一千零五, 一千零五十)."""
    parts: list[str] = []
    gap = False
    for power in range(3, -1, -1):
        digit = value // 10**power % 10
        if digit == 0:
            gap = gap or bool(parts)
            continue
        if gap:
            parts.append("零")
            gap = False
        written = two if digit == 2 and power >= 2 else DIGITS[digit]
        parts.append(written + SECTION_UNITS[power])
    return "".join(parts)


def to_chinese(number: int, two: str = "二") -> str:
    """Write 0..10^12 in Chinese numerals; `two` is 二 or 两 before 百/千/万/亿."""
    if number == 0:
        return "零"
    groups = ((number // 10**8, "亿"), (number // 10**4 % 10**4, "万"), (number % 10**4, ""))
    parts: list[str] = []
    gap = False
    for value, suffix in groups:
        if value == 0:
            gap = gap or bool(parts)
            continue
        if parts and (gap or value < 1000):
            parts.append("零")
        gap = False
        if suffix == "亿" and value >= 10**4:
            written = to_chinese(value, two)
        elif suffix and value == 2:
            written = two
        else:
            written = _section(value, two)
        parts.append(written + suffix)
    text = "".join(parts)
    return text[1:] if text.startswith("一十") else text


def test_writer_examples() -> None:
    assert to_chinese(1050) == "一千零五十"
    assert to_chinese(10005) == "一万零五"
    assert to_chinese(12) == "十二"
    assert to_chinese(2200, "两") == "两千两百"
    assert to_chinese(20000, "两") == "两万"
    assert to_chinese(1000010000) == "十亿零一万"
    assert to_chinese(TOP) == "一万亿"


@settings(max_examples=1500, deadline=None)
@given(st.integers(min_value=0, max_value=TOP), st.sampled_from(["二", "两"]))
def test_chinese_integer_reads_back(number: int, two: str) -> None:
    text = to_chinese(number, two) + "人"
    found = parse_quantities(text)
    assert len(found) == 1, (text, found)
    assert found[0].value == number, text
    assert found[0].unit == "人"
    assert found[0].raw == text


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=0, max_value=TOP), st.sampled_from(["plain", "commas", "full_width"]))
def test_arabic_integer_reads_back(number: int, style: str) -> None:
    written = {"plain": str(number), "commas": f"{number:,}", "full_width": str(number).translate(
        {ord(digit): ord(digit) + 0xFEE0 for digit in "0123456789"})}[style]
    found = parse_quantities("发放" + written + "份")
    assert [quantity.value for quantity in found] == [number]


TOKENS = (
    list("0123456789０１２３４５６７８９.,，、。；：%％-—~至到xX* \u3000\n")
    + list("零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟萬億兩餘點幾半数负")
    + ["张", "份", "条", "條", "人次", "场", "場", "户", "万元", "亿元", "元", "名", "次", "起", "个", "块", "年", "月", "日", "时", "岁", "小时"]
    + ["余", "多", "逾", "超过", "近", "约", "左右", "以上", "不少于", "至少", "上", "不超过", "以内", "百分之", "第", "篇"]
    + ["宣传", "群众", "发放", "千方百计", "一些", "统一", "一是", "（", "）", "“", "”", "a", "Z"]
)


@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TOKENS) | st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=40))
def test_offsets_always_match_raw(tokens: list[str]) -> None:
    text = "".join(tokens)
    found = parse_quantities(text)
    previous_end = 0
    for quantity in found:
        assert text[quantity.start : quantity.end] == quantity.raw
        assert 0 <= quantity.start < quantity.end <= len(text)
        assert quantity.start >= previous_end  # quantities never overlap
        previous_end = quantity.end
        assert quantity.masked == (quantity.value is None)


@settings(max_examples=500, deadline=None)
@given(st.text(max_size=80))
def test_any_text_is_safe(text: str) -> None:
    for quantity in parse_quantities(text):
        assert text[quantity.start : quantity.end] == quantity.raw
