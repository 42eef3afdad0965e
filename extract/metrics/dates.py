"""A report's printed date as ISO (2021-09-15, 2021-09, 2021) and the year its work happened."""
from __future__ import annotations

import regex

DIGITS = {"〇": 0, "零": 0, "○": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
DATE_PARTS = regex.compile(r"^(?P<year>[\d〇零○O一二三四五六七八九]{4})年(?:(?P<month>[\d一二三四五六七八九十]{1,3})月"
                           r"(?:(?P<day>[\d一二三四五六七八九十]{1,3})日)?)?$")
# A year the text names (2022年以来, 2021年9月15日上午); not inside a document's title or number
# (《2019年……方案》, 〔2019〕45号), and never a masked one (20xx年).
YEAR = regex.compile(r"(?<![\d〇零○一二三四五六七八九])((?:19|20)\d{2}|二[〇零○][〇零○一二三四五六七八九]{2})年(?!代|版|新版|度预算)")
QUOTED = regex.compile(r"《[^《》\n]{0,80}》|〔[^〔〕\n]{0,12}〕|\[[^\[\]\n]{0,12}\]|【[^【】\n]{0,20}】")


def chinese_number(text: str) -> int | None:
    """A written year, month or day as an int: 2021, 二〇二一, 9, 十五, 二十一; None when masked."""
    if text.isdigit():
        return int(text)
    if all(char in DIGITS for char in text):
        return int("".join(str(DIGITS[char]) for char in text))
    if "十" in text and all(char in DIGITS or char == "十" for char in text):
        tens, _, units = text.partition("十")
        return (DIGITS[tens] if tens else 1) * 10 + (DIGITS[units] if units else 0)
    return None


def iso_date(written: str) -> str | None:
    """A printed date as ISO YYYY-MM-DD, or YYYY-MM / YYYY when only that is printed; None when masked."""
    match = DATE_PARTS.match(written.strip())
    if not match:
        return None
    year = chinese_number(match["year"])
    month = chinese_number(match["month"]) if match["month"] else None
    day = chinese_number(match["day"]) if match["day"] else None
    if year is None or (match["month"] and month is None) or (match["day"] and day is None):
        return None
    if month is not None and not 1 <= month <= 12 or day is not None and not 1 <= day <= 31:
        return None
    return f"{year:04d}" + (f"-{month:02d}" if month else "") + (f"-{day:02d}" if day else "")


def work_year(text: str) -> int | None:
    """The first year the text names outside document titles and numbers (2022年以来 → 2022)."""
    hidden = QUOTED.sub(lambda match: "□" * len(match.group()), text)
    for match in YEAR.finditer(hidden):
        year = chinese_number(match.group(1))
        if year is not None:
            return year
    return None
