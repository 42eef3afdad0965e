"""Find counted quantities in Chinese report text: parse_quantities(text) -> list[Quantity]."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from extract.numbers.numerals import MAX_POSITIONAL_DIGITS, Numeral, read_numeral, read_positional
from extract.numbers.patterns import NumberPatterns, UnitEntry, load_number_patterns
from schemas.labels import Qualifier, UnitClass
from schemas.quantity import Quantity

__all__ = ["NumberPatterns", "load_number_patterns", "parse_quantities"]

WINDOW = 12  # characters of context each side when testing trap patterns
# A number written digit by digit this large is an identifier (a document or case number), not a count.
POSITIONAL_LIMIT = Decimal(10) ** MAX_POSITIONAL_DIGITS

# ---------------------------------------------------------------------------
# Scanning. Qualifier ranks: the cue nearest the number's start wins (近300多名 → about).
RANK_VAGUE, RANK_BEFORE, RANK_INNER, RANK_AFTER, RANK_UNIT, RANK_AFTER_UNIT = range(6)


@dataclass(slots=True)
class _Candidate:
    """A quantity being assembled; positions are in the folded text (same as the original)."""

    start: int
    end: int
    core_start: int
    core_end: int
    value: Decimal | None
    value_max: Decimal | None = None
    unit: UnitEntry | None = None
    masked: bool = False
    qualifiers: tuple[tuple[int, Qualifier], ...] = ()
    share: bool = False  # a half stated as a share (一半, 近半): a rate with no measure word

    def qualify(self, rank: int, qualifier: Qualifier) -> None:
        """Record a cue and its rank."""
        self.qualifiers = self.qualifiers + ((rank, qualifier),)


def _boundary(folded: str, position: int) -> bool:
    """True at the text's ends and at punctuation or spaces (not inside a word)."""
    return position < 0 or position >= len(folded) or not folded[position].isalnum()


def _cue_before(folded: str, start: int, patterns: NumberPatterns) -> tuple[int, Qualifier] | None:
    """The cue word just before `start` (近, 超过, 不少于), as (cue start, qualifier)."""
    window_start = max(0, start - 8)
    match = patterns.cues_before.search(folded, window_start, start)
    if match is None:
        return None
    word = match.group().rstrip(" \t")
    qualifier, not_after = patterns.cue_before_by_word[word]
    if match.start() > 0 and folded[match.start() - 1] in not_after:
        return None
    return match.start(), qualifier


def _bare_cue(folded: str, numeral: Numeral, patterns: NumberPatterns) -> tuple[int, Qualifier] | None:
    """上 before a bare 百/千/万 (上千条)."""
    first = folded[numeral.start]
    if not numeral.bare_start or first not in patterns.table.big and patterns.table.small.get(first, 0) < 100:
        return None
    for word, (qualifier, not_after) in patterns.bare_cues.items():
        cue_start = numeral.start - len(word)
        if cue_start >= 0 and folded.startswith(word, cue_start):
            if cue_start == 0 or folded[cue_start - 1] not in not_after:
                return cue_start, qualifier
    return None


def _word_trapped(folded: str, core_start: int, core_end: int, patterns: NumberPatterns) -> bool:
    """Whether a trap word (千方百计, 一些, 单一) overlaps the number."""
    numeric = patterns.numeric
    position = max(0, core_start - patterns.trap_word_length + 1)
    # A trap word starting before core_end ends by this offset: the search never looks further.
    limit = min(len(folded), core_end + patterns.trap_word_length - 1)
    while position < core_end:
        found = patterns.trap_word_start.search(folded, position, limit)
        if found is None or found.start() >= core_end:
            return False
        position = found.start()
        for trap in patterns.trap_words.get(folded[position], ()):
            end = position + len(trap.word)
            if end <= core_start or not folded.startswith(trap.word, position):
                continue
            if trap.guard_before and position > 0 and folded[position - 1] in numeric:
                continue
            if trap.guard_after and end < len(folded) and folded[end] in numeric:
                continue
            return True
        position += 1
    return False


def _trapped(folded: str, candidate: _Candidate, patterns: NumberPatterns) -> bool:
    """Whether a trap (date, idiom, phone …) overlaps the number itself."""
    return _hard_trapped(folded, candidate, patterns) or _soft_trapped(folded, candidate, patterns)


def _hard_trapped(folded: str, candidate: _Candidate, patterns: NumberPatterns) -> bool:
    """Whether a trap word or a hard trap overlaps the number: a unit after it changes neither."""
    start, end = candidate.core_start, candidate.core_end
    if _word_trapped(folded, start, end, patterns):
        return True
    return patterns.hard_traps.overlaps(folded, max(0, start - WINDOW), start, end, min(len(folded), end + WINDOW))


def _soft_trapped(folded: str, candidate: _Candidate, patterns: NumberPatterns) -> bool:
    """Whether a soft trap overlaps a number with no unit (a unit makes it a count)."""
    start, end = candidate.core_start, candidate.core_end
    return candidate.unit is None and \
        patterns.soft_traps.overlaps(folded, max(0, start - WINDOW), start, end, min(len(folded), end + WINDOW))


def _attach_tail(folded: str, candidate: _Candidate, patterns: NumberPatterns) -> None:
    """Read after-cues, the unit, 半, 角/分 and after-unit cues following the number."""
    cue = patterns.after_before_unit.match(folded, candidate.end)
    if cue:
        candidate.qualify(RANK_AFTER, patterns.cue_after_by_word[cue.group().lstrip(" \t")])
        candidate.end = cue.end()
    unit_at = candidate.end
    while unit_at < len(folded) and unit_at - candidate.end < 2 and folded[unit_at] in " \t":
        unit_at += 1
    unit = patterns.units.match(folded, unit_at) if candidate.unit is None else None
    if unit:
        entry = candidate.unit = patterns.unit_by_form[unit.group()]
        candidate.end = unit.end()
        if candidate.value is not None:
            if entry.halves and folded.startswith(tuple(patterns.half), candidate.end):
                candidate.value += Decimal("0.5")
                candidate.end += 1
            parts = patterns.money_parts.match(folded, candidate.end) if entry.unit == patterns.money_unit else None
            if parts and parts.end() > candidate.end and entry.scale == 1:
                for part, digit in zip(patterns.money_values, parts.groups()):
                    if digit is not None:
                        value = int(digit) if digit.isdigit() else patterns.table.digits[digit]
                        candidate.value += patterns.money_values[part] * value
                candidate.end = parts.end()
            candidate.value *= entry.scale
            candidate.value_max = candidate.value_max * entry.scale if candidate.value_max is not None else None
        if entry.qualifier is not None:
            candidate.qualify(RANK_UNIT, entry.qualifier)
    if candidate.unit is not None:
        cue = patterns.after_after_unit.match(folded, candidate.end)
        if cue:
            candidate.qualify(RANK_AFTER_UNIT, patterns.cue_after_by_word[cue.group().lstrip(" \t")])
            candidate.end = cue.end()


def _read_range(folded: str, numeral: Numeral, candidate: _Candidate, patterns: NumberPatterns) -> None:
    """3000至5000份, 三至五次, 3-5万: set value_max and stretch the span."""
    separator = patterns.ranges.match(folded, candidate.end)
    if separator is None or candidate.value is None:
        return
    second = read_positional(folded, separator.end(), patterns.table) or read_numeral(folded, separator.end(), patterns.table)
    if second is None:
        return
    low = candidate.value
    if not numeral.has_magnitude and second.trailing_magnitude and low * second.trailing_magnitude <= second.value:
        low *= second.trailing_magnitude  # 3-5万: both ends in 万
    if second.value <= low or second.has_arabic != numeral.has_arabic:
        return
    candidate.value, candidate.value_max = low, second.value
    candidate.end = candidate.core_end = second.end
    if second.inner_more:
        candidate.qualify(RANK_INNER, Qualifier.more_than)


def _plain_accepted(folded: str, numeral: Numeral, candidate: _Candidate, patterns: NumberPatterns) -> bool:
    """Whether a number written only in Chinese characters reads as a quantity here."""
    table = patterns.table
    first = folded[numeral.start]
    cued = bool(candidate.qualifiers)
    edge = _boundary(folded, candidate.start - 1) and _boundary(folded, candidate.end)
    if numeral.bare_start and first in table.big and not numeral.has_digit:
        return cued  # 逾万, 万余 — never a lone 万
    if numeral.bare_start and table.small.get(first, 0) >= 100:
        return cued or (numeral.has_digit and (edge or candidate.unit is not None))  # 百余人, 千三
    if numeral.financial_only and numeral.end - numeral.start == 1:
        return edge  # 伍, 陆, 拾 alone are words (队伍, 陆地, 收拾)
    if numeral.has_magnitude and numeral.has_digit or numeral.decimal:
        return True
    if candidate.unit is not None or edge or numeral.inner_more \
            or any(rank in (RANK_AFTER, RANK_AFTER_UNIT) for rank, _ in candidate.qualifiers):
        return True
    # Licensed: a word that makes a bare numeral a count stands right before it (one endswith for all).
    return folded.endswith(patterns.licensing_words, 0, numeral.start) and _boundary(folded, candidate.end)


def _runs_into_word(folded: str, numeral: Numeral, patterns: NumberPatterns) -> bool:
    """Whether a plain Chinese numeral is surely refused before its cues and tail are read: a word
    character follows it (一步, 二是) that starts no range, after-cue or unit, and only a cue could license
    it. _plain_accepted would refuse it then (nothing after it makes an edge or a licence), so the
    candidate, its cues and its traps need not be built; the resume point is the same."""
    end = numeral.end
    if end >= len(folded) or not folded[end].isalnum() or numeral.bare_start or numeral.inner_more \
            or numeral.decimal or (numeral.has_magnitude and numeral.has_digit) \
            or (numeral.financial_only and end - numeral.start == 1):
        return False
    return patterns.ranges.match(folded, end) is None and patterns.after_before_unit.match(folded, end) is None \
        and patterns.units.match(folded, end) is None


def _masked(folded: str, start: int, patterns: NumberPatterns) -> tuple[_Candidate | None, int]:
    """A redacted number (x余份, **0余份, *.*万人): kept with value None when a unit follows."""
    # A mask starts with a digit, a point or a mask character: most starts (一, 两, 十) are none of these.
    mask = patterns.masks.match(folded, start) if folded[start] in patterns.mask_starts else None
    if mask is None:
        return None, start
    candidate = _Candidate(start, mask.end(), start, mask.end(), None, masked=True)
    suffix = patterns.mask_suffix.match(folded, candidate.end)
    scaled = False
    if suffix:
        written = suffix.group()
        scaled = any(patterns.table.is_magnitude(char) or char == "+" for char in written)
        if any(char in patterns.table.inner_more or char == "+" for char in written):
            candidate.qualify(RANK_INNER, Qualifier.more_than)
        candidate.end = suffix.end()
    _attach_tail(folded, candidate, patterns)
    if candidate.unit is None and not (scaled and _boundary(folded, candidate.end)):
        return None, mask.end()
    if _trapped(folded, candidate, patterns):
        return None, candidate.end
    cue = _cue_before(folded, start, patterns)
    if cue:
        candidate.start = cue[0]
        candidate.qualify(RANK_BEFORE, cue[1])
    return candidate, candidate.end


def _half_share(folded: str, start: int, patterns: NumberPatterns) -> _Candidate | None:
    """A half stated as a share (一半, 半数; bare 半 only after a cue: 近半, 过半), read as 50 per cent
    (adjudication C12); None when there is none at start."""
    match = patterns.half_shares.match(folded, start)
    if match is None:
        return None
    cue = _cue_before(folded, start, patterns)
    if match.group("bare") and cue is None:
        return None  # 多半, 半夜: no share without a cue
    candidate = _Candidate(start, match.end(), start, match.end(), patterns.half_share_value, share=True)
    if cue:
        candidate.start = cue[0]
        candidate.qualify(RANK_BEFORE, cue[1])
    tail = patterns.after_before_unit.match(folded, candidate.end)
    word = tail.group().lstrip(" \t") if tail else ""
    if word and word not in patterns.half_share_not_cues:  # 一半来自: the verb 来自, no cue
        candidate.qualify(RANK_AFTER, patterns.cue_after_by_word[word])
        candidate.end = tail.end()
    return candidate


def _read_candidate(folded: str, start: int, patterns: NumberPatterns) -> tuple[_Candidate | None, int]:
    """Read the quantity starting at `start`; return it (or None) and where to resume."""
    char = folded[start]
    masked, resume = _masked(folded, start, patterns)
    if masked is not None or resume > start:
        return masked, resume
    share = _half_share(folded, start, patterns)
    if share is not None:
        return share, share.end
    sign, vague, percent, numeral_at = 1, False, False, start
    if folded.startswith(patterns.percent_prefixes, start):
        percent = True
        numeral_at = start + len(next(p for p in patterns.percent_prefixes if folded.startswith(p, start)))
    elif char in patterns.negative:
        if start > 0 and folded[start - 1].isascii() and folded[start - 1].isalnum():
            return None, start + 1  # A-1, 3-5 (ranges are read from their first number)
        sign, numeral_at = -1, start + 1
    elif char in patterns.vague:
        if start + 1 >= len(folded) or not patterns.table.is_magnitude(folded[start + 1]):
            return None, start + 1
        vague, numeral_at = True, start + 1
    elif char in patterns.half:
        unit = patterns.units.match(folded, start + 1)
        if unit is None or not patterns.unit_by_form[unit.group()].halves:
            return None, start + 1
        half = _Candidate(start, start + 1, start, start + 1, Decimal("0.5"))
        _attach_tail(folded, half, patterns)
        return (None if _trapped(folded, half, patterns) else half), half.end
    positional = read_positional(folded, numeral_at, patterns.table)
    numeral = positional or read_numeral(folded, numeral_at, patterns.table)
    if numeral is None:
        return None, start + 1
    plain = not (numeral.has_arabic or percent or vague or sign < 0)
    if plain and _runs_into_word(folded, numeral, patterns):
        return None, numeral.end
    candidate = _Candidate(start, numeral.end, start, numeral.end, numeral.value * sign)
    if vague:
        candidate.qualify(RANK_VAGUE, Qualifier.vague)
    cue = _cue_before(folded, start, patterns) or _bare_cue(folded, numeral, patterns)
    if cue:
        candidate.start = cue[0]
        candidate.qualify(RANK_BEFORE, cue[1])
    if numeral.inner_more:
        candidate.qualify(RANK_INNER, Qualifier.more_than)
    if not percent and not vague:
        _read_range(folded, numeral, candidate, patterns)
    # The number's own span is known now: a date or an idiom over it rejects it whatever unit follows,
    # so most dates skip reading their tail. A plain Chinese numeral's own test comes first (it resumes
    # elsewhere), so it is trapped only at the end.
    if not plain and _hard_trapped(folded, candidate, patterns):
        return None, candidate.core_end
    if percent:
        candidate.unit = patterns.percent_unit
    _attach_tail(folded, candidate, patterns)
    # A number written digit by digit counts only with its measure word (一四八六件, 一二〇〇余份) or as a
    # percentage; without one it is a year, a line or a code (二0二一年, 拨打一一0), and so is a long one
    # unless a 万 or 亿 scales it (六二九亿元): no digit of it is a count either.
    if positional is not None and (candidate.unit is None or (positional.value >= POSITIONAL_LIMIT and not positional.has_magnitude)):
        return None, candidate.core_end
    if plain and not _plain_accepted(folded, numeral, candidate, patterns):
        return None, numeral.end
    if _soft_trapped(folded, candidate, patterns) if not plain else _trapped(folded, candidate, patterns):
        return None, candidate.core_end
    return candidate, candidate.end


def _to_quantity(text: str, candidate: _Candidate) -> Quantity:
    qualifier = min(candidate.qualifiers, key=lambda item: item[0])[1] if candidate.qualifiers else Qualifier.exact
    unit = candidate.unit
    return Quantity(
        start=candidate.start,
        end=candidate.end,
        raw=text[candidate.start : candidate.end],
        value=None if candidate.value is None else float(candidate.value),
        value_max=None if candidate.value_max is None else float(candidate.value_max),
        qualifier=qualifier,
        unit=unit.unit if unit else None,
        unit_class=UnitClass.rate if candidate.share else unit.unit_class if unit else None,
        masked=candidate.masked,
    )


def parse_quantities(text: str, parser: NumberPatterns | None = None) -> list[Quantity]:
    """Return every counted quantity in `text`, in order, with offsets into `text`."""
    if not isinstance(text, str):
        raise TypeError(f"parse_quantities expects a str, got {type(text).__name__}")
    patterns = parser or load_number_patterns()
    if patterns.may_start.search(text) is None:
        return []  # most clauses hold no number: skip folding them
    folded = patterns.fold(text)
    found: list[Quantity] = []
    position = 0
    while True:
        match = patterns.starts.search(folded, position)
        if match is None:
            return found
        candidate, resume = _read_candidate(folded, match.start(), patterns)
        if candidate is not None:
            found.append(_to_quantity(text, candidate))
        position = max(resume, match.start() + 1)
