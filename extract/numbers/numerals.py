"""Read one numeral (Arabic, Chinese or mixed) at a position of folded text into a Decimal."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from decimal import Decimal
from typing import NamedTuple

import regex

# Above this a "number" is a run of magnitudes (万万万…) or an identifier, not a count.
MAX_VALUE = Decimal(10) ** 16
ZERO = Decimal(0)
SPACES = " \t"
MAX_SPACES = 2
# A number written digit by digit with more digits than this is an identifier, not a count.
MAX_POSITIONAL_DIGITS = 8
# Thousands are grouped by commas (1,500) or, in Hong Kong and Macau text, by spaces (27 000).
ARABIC = regex.compile(r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d{1,3}(?:[ \u00a0\u2009]\d{3})+(?![\d,])|\d{1,16})(?:\.\d{1,12})?|\.\d{1,12}")
ARABIC_FRACTION = regex.compile(r"\d{1,12}")
GROUP_SEPARATORS = regex.compile(r"[, \u00a0\u2009]")


@dataclass(frozen=True)
class NumeralTable:
    """The characters of the numeral grammar, loaded from patterns/numbers.yaml."""

    digits: Mapping[str, int]
    tens: Mapping[str, int]
    small: Mapping[str, int]
    big: Mapping[str, int]
    financial: frozenset[str]
    zero: frozenset[str]
    place_zero: frozenset[str]
    two_before_magnitude: frozenset[str]
    decimal_point: frozenset[str]
    inner_more: frozenset[str]
    inner_some: frozenset[str]
    max_length: int = 48
    # Units that begin with a magnitude character (千米): they end an Arabic number.
    magnitude_led_units: tuple[str, ...] = ()

    @cached_property
    def continuing(self) -> frozenset[str]:
        """Every character read_numeral's loop may take after a numeral has begun (spaces too, which
        it may skip), so a numeral followed by none of them is complete."""
        return frozenset(SPACES + "0123456789.").union(
            self.zero, self.digits, self.tens, self.small, self.big, self.inner_more, self.inner_some,
            self.decimal_point)

    def is_magnitude(self, char: str) -> bool:
        """Whether `char` is 十/百/千/万/亿 or a variant."""
        return char in self.small or char in self.big


class Numeral(NamedTuple):
    """A numeral read from text: its span, value and what it was made of (a NamedTuple: built per candidate)."""

    start: int
    end: int
    value: Decimal
    has_digit: bool
    has_magnitude: bool
    bare_start: bool  # begins with a magnitude (十二, 百余, 万余)
    has_arabic: bool
    financial_only: bool  # every character is a capital form (拾, 陆, 伍)
    inner_more: bool  # 余/多/几 inside (十余万, 十几)
    decimal: bool
    trailing_magnitude: int | None  # 万 in 5万, for ranges 3-5万


@dataclass(slots=True)
class _State:
    """The running sums of a numeral being read (a small, short-lived accumulator)."""

    total: Decimal = Decimal(0)
    section: Decimal = Decimal(0)
    pending: Decimal | None = None
    pending_chinese_digit: bool = False
    last_small: int | None = None
    last_big: int | None = None
    last_magnitude: int | None = None
    zero_seen: bool = False
    arabic_decimal_big: bool = False
    consumed: bool = False
    flags: dict[str, bool] = field(default_factory=dict)
    chars: list[str] = field(default_factory=list)

    def integer(self) -> Decimal:
        """The value read so far, applying the 一万三 = 13000 shorthand."""
        value = self.total + self.section
        if self.pending is None:
            return value
        shorthand = (
            self.pending_chinese_digit
            and not self.zero_seen
            and self.last_magnitude is not None
            and self.last_magnitude >= 100
        )
        return value + (self.pending * self.last_magnitude / 10 if shorthand else self.pending)


def _peek(text: str, position: int, limit: int) -> int:
    """Skip at most MAX_SPACES spaces; return the next position."""
    skipped = 0
    while position < limit and text[position] in SPACES and skipped < MAX_SPACES:
        position += 1
        skipped += 1
    return position


def _next_is_magnitude(text: str, position: int, limit: int, table: NumeralTable) -> bool:
    position = _peek(text, position, limit)
    return position < limit and table.is_magnitude(text[position])


def _read_fraction(text: str, position: int, limit: int, table: NumeralTable) -> tuple[str, int] | None:
    """Read the digits after 点: Chinese digits or Arabic digits."""
    position = _peek(text, position, limit)
    match = ARABIC_FRACTION.match(text, position, limit)
    if match:
        return match.group(), match.end()
    digits = []
    while position < limit and text[position] in table.digits and len(digits) < 16:
        digits.append(str(table.digits[text[position]]))
        position += 1
    return ("".join(digits), position) if digits else None


def _add_small(state: _State, magnitude: int, bare: bool) -> None:
    coefficient = state.pending if state.pending is not None else Decimal(1)
    state.flags["bare_start"] = state.flags.get("bare_start", False) or (bare and not state.consumed)
    state.section += coefficient * magnitude
    state.last_small = state.last_magnitude = magnitude
    state.pending = None
    state.zero_seen = False


def _add_big(state: _State, magnitude: int) -> bool:
    """Apply 万/亿; False when the result would be absurd (万万万…)."""
    if state.pending is not None:
        state.section += state.pending
        state.pending = None
    if state.section == 0 and state.total == 0:
        state.flags["bare_start"] = not state.consumed or state.flags.get("bare_start", False)
        state.total = Decimal(magnitude)
    elif state.section == 0:
        state.total *= magnitude
    elif state.last_big is None or magnitude > state.last_big:
        state.total = (state.total + state.section) * magnitude
    else:
        state.total += state.section * magnitude
    state.section = Decimal(0)
    state.last_small = None
    state.last_big = max(magnitude, state.last_big or 0)
    state.last_magnitude = magnitude
    state.zero_seen = False
    return state.total <= MAX_VALUE


def _finish(state: _State, start: int, end: int, table: NumeralTable, value: Decimal, decimal: bool) -> Numeral | None:
    if not state.consumed or value > MAX_VALUE:
        return None
    written = "".join(state.chars)
    trailing = written[-1] if written else ""
    trailing_magnitude = table.small.get(trailing) or table.big.get(trailing)
    return Numeral(
        start=start,
        end=end,
        value=value,
        has_digit=state.flags.get("digit", False),
        has_magnitude=state.flags.get("magnitude", False),
        bare_start=state.flags.get("bare_start", False),
        has_arabic=state.flags.get("arabic", False),
        financial_only=bool(written) and all(char in table.financial for char in written),
        inner_more=state.flags.get("more", False),
        decimal=decimal,
        trailing_magnitude=trailing_magnitude,
    )


def _ends_numeral(text: str, position: int, table: NumeralTable) -> bool:
    """Whether nothing at `position` can go on a numeral: the text's end, or a character (not a space)
    that no rule of read_numeral's loop takes up."""
    return position >= len(text) or text[position] not in table.continuing


def _read_short(text: str, start: int, table: NumeralTable) -> Numeral | None | bool:
    """The numerals most candidates are, read without the state machine: one Chinese digit (一步,
    二是) or one plain Arabic number (2023年, 300份) that nothing after it continues. False for any
    other numeral; the result is the one the loop of read_numeral would give."""
    if start >= len(text):
        return False
    char = text[start]
    if char.isascii():
        arabic = ARABIC.match(text, start, min(len(text), start + table.max_length))
        if arabic is None or not _ends_numeral(text, arabic.end(), table):
            return False
        written = arabic.group()
        value = ZERO + Decimal(GROUP_SEPARATORS.sub("", written))
        if value > MAX_VALUE:
            return None
        return Numeral(start, arabic.end(), value, True, False, False, True,
                       all(each in table.financial for each in written), False, "." in written,
                       table.small.get(written[-1]) or table.big.get(written[-1]))
    if char not in table.digits or char in table.zero or not _ends_numeral(text, start + 1, table):
        return False
    return Numeral(start, start + 1, ZERO + Decimal(table.digits[char]), True, False, False, False,
                   char in table.financial, False, False, table.small.get(char) or table.big.get(char))


def _positional_digit(text: str, position: int, table: NumeralTable) -> int | None:
    """The digit at `position` of a number written digit by digit, else None."""
    char = text[position]
    # An Arabic 0 after a Chinese digit is a folded full-width zero (一０八, 四一０.五九), unless an Arabic
    # number goes on after it.
    if char == "0":
        return 0 if position > 0 and text[position - 1] in table.digits \
            and not (position + 1 < len(text) and text[position + 1].isdigit() and text[position + 1].isascii()) else None
    if char in table.zero:
        return 0
    if char in table.digits and char not in table.financial and char not in table.two_before_magnitude:
        return table.digits[char]
    return None


def read_positional(text: str, start: int, table: NumeralTable) -> Numeral | None:
    """A Chinese number written digit by digit (一四八六 = 1486, 一〇八万 = 1080000), else None."""
    # Taiwan's official texts write counts so. It takes three digits or more, or two with a place zero (二〇, 一0;
    # not 零: 三零单位 is a slogan); two plain digits side by side are a range (三四次) and a run rising by one
    # a list (一二三等奖); a numeral character right before or a small magnitude after make it no such number.
    if start > 0 and text[start - 1] in table.continuing and text[start - 1] not in SPACES:
        return None
    digits, position = _positional_run(text, start, table)
    if not digits or digits[0] == 0 or not _digit_by_digit(digits, text[start:position], table):
        return None
    fraction: list[int] = []
    if position + 1 < len(text) and (text[position] == "." or text[position] in table.decimal_point):
        fraction, after = _positional_run(text, position + 1, table)
        if fraction:
            position = after
    value = Decimal("".join(map(str, digits)) + ("." + "".join(map(str, fraction)) if fraction else ""))
    scaled = position < len(text) and text[position] in table.big
    if scaled:
        value, position = _with_magnitude(text, position, table, value, lower=not fraction)
    elif position < len(text) and table.is_magnitude(text[position]):
        return None
    return Numeral(start, position, value, True, scaled, False, False, False, False, bool(fraction), None)


def _positional_run(text: str, start: int, table: NumeralTable) -> tuple[list[int], int]:
    """The digits written digit by digit from `start` (none if it holds no such digit), and where they end."""
    digits: list[int] = []
    position = start
    while position < len(text) and (digit := _positional_digit(text, position, table)) is not None:
        digits.append(digit)
        position += 1
    return digits, position


def _with_magnitude(text: str, position: int, table: NumeralTable, value: Decimal, lower: bool) -> tuple[Decimal, int]:
    """value scaled by the 万 or 亿 at `position`, plus (with lower) the part below it written digit by digit
    (九萬三三七九), and where the number ends."""
    magnitude = table.big[text[position]]
    value, position = value * magnitude, position + 1
    if lower and (below := _positional_below(text, position, table, magnitude)) is not None:
        value, position = value + below[0], below[1]
    return value, position


def _digit_by_digit(digits: list[int], written: str, table: NumeralTable) -> bool:
    """Whether a run of Chinese digits is one number: three digits or more, or two with a place zero, and
    not a run rising by one (一二三等奖)."""
    return (len(digits) >= 3 or any(char in table.place_zero or char == "0" for char in written)) \
        and not all(right - left == 1 for left, right in zip(digits, digits[1:]))


def _positional_below(text: str, start: int, table: NumeralTable, above: int) -> tuple[Decimal, int] | None:
    """The part of a number below its 万 or 亿 written digit by digit, and where it ends, else None.

    九萬三三七九 is 93,379 and 六二九億二四二四萬 62,924,240,000 (Taiwan's official counts); 一万三 (13,000),
    一万二三千 (a range) and 一万二千 are read by the place words and stay None here.
    """
    digits, position = _positional_run(text, start, table)
    if not digits or not _digit_by_digit(digits, text[start:position], table):
        return None
    value = Decimal("".join(map(str, digits)))
    if position < len(text) and text[position] in table.big and table.big[text[position]] < above:
        return _with_magnitude(text, position, table, value, lower=True)
    if value >= above or (position < len(text) and table.is_magnitude(text[position])):
        return None
    return value, position


def read_numeral(text: str, start: int, table: NumeralTable) -> Numeral | None:
    """Read the longest well-formed numeral at `start` of folded text; None when there is none."""
    short = _read_short(text, start, table)
    if short is not False:
        return short
    limit = min(len(text), start + table.max_length)
    state = _State()
    position = end = start
    while position < limit:
        here = _peek(text, position, limit) if state.consumed else position
        if here >= limit:
            break
        char = text[here]
        arabic = ARABIC.match(text, here, limit) if char.isascii() else None
        if arabic and (char != "." or not state.consumed):
            if state.pending is not None:
                break
            if state.arabic_decimal_big:
                return None  # 10.1万零100 is malformed
            if state.consumed and state.last_magnitude is None:
                break
            state.pending = Decimal(GROUP_SEPARATORS.sub("", arabic.group()))
            state.pending_chinese_digit = False
            state.flags["digit"] = state.flags["arabic"] = True
            state.chars.append(arabic.group())
            state.consumed = True
            position = end = arabic.end()
            continue
        if char in table.zero:
            if not state.consumed:
                state.pending, state.pending_chinese_digit = Decimal(0), False
                state.flags["digit"] = True
            elif state.pending is not None or state.last_magnitude is None:
                break
            else:
                state.zero_seen = True
        elif char in table.digits:
            if state.arabic_decimal_big:
                return None
            if state.pending is not None:
                break
            if char in table.two_before_magnitude and state.consumed and not _next_is_magnitude(text, here + 1, limit, table):
                break
            state.pending = Decimal(table.digits[char])
            state.pending_chinese_digit = True
            state.flags["digit"] = True
        elif char in table.tens:
            if state.pending is not None or (state.last_small is not None and state.last_small <= 10):
                break
            state.section += table.tens[char]
            state.last_small = state.last_magnitude = 10
            state.flags["digit"] = state.flags["magnitude"] = True
        elif char in table.small:
            magnitude = table.small[char]
            if state.last_small is not None and magnitude >= state.last_small:
                break
            if state.pending is not None and not state.pending_chinese_digit and text.startswith(table.magnitude_led_units, here):
                break  # 12千米 is 12 km
            _add_small(state, magnitude, bare=state.pending is None)
            state.flags["magnitude"] = True
        elif char in table.big:
            if state.pending is not None and not state.pending_chinese_digit and text.startswith(table.magnitude_led_units, here):
                break
            if state.pending is not None and not state.pending_chinese_digit and "." in state.chars[-1]:
                state.arabic_decimal_big = True
            if not _add_big(state, table.big[char]):
                return None
            state.flags["magnitude"] = True
            if not state.flags.get("arabic") and (lower := _positional_below(text, here + 1, table, table.big[char])) is not None:
                state.chars.append(char)
                state.consumed = True
                return _finish(state, start, lower[1], table, state.integer() + lower[0], decimal=False)
        elif char in table.inner_more and state.consumed and state.pending is None and state.last_magnitude is not None:
            if not _next_is_magnitude(text, here + 1, limit, table):
                break
            state.flags["more"] = True
        elif char in table.inner_more and state.consumed and state.pending is not None and not state.pending_chinese_digit:
            if not _next_is_magnitude(text, here + 1, limit, table):
                break
            state.flags["more"] = True  # 3000余万
        elif char in table.inner_some and state.consumed and state.pending is None and state.last_magnitude is not None:
            state.pending, state.pending_chinese_digit = Decimal(0), False
            state.flags["more"] = True
        elif char in table.decimal_point and state.consumed:
            fraction = _read_fraction(text, here + 1, limit, table)
            if fraction is None:
                break
            digits, after = fraction
            state.chars.append(char)
            value = state.integer() + Decimal("0." + digits)
            big_at = _peek(text, after, limit)
            if big_at < limit and text[big_at] in table.big:
                value *= table.big[text[big_at]]
                after = big_at + 1
            return _finish(state, start, after, table, value, decimal=True)
        else:
            break
        state.chars.append(char)
        state.consumed = True
        position = end = here + 1
    value = state.integer()
    return _finish(state, start, end, table, value, decimal="." in "".join(state.chars))
