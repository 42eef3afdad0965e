"""Clean the text as written and build its normalised shadow (half-width, simplified) with an offset map."""
from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Sequence

import opencc
import regex
from pydantic import BaseModel, ConfigDict

from extract.text.literals import Screen
from extract.yamlfile import PATTERNS_DIR, load_model

# Full-width ASCII forms and the ideographic space fold to half-width.
WIDTH_TABLE = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}
FULL_WIDTH_CHARS = re.compile("[\uff01-\uff5e\u3000]")
# Decimal digits of other scripts (Arabic-Indic, Devanagari …) fold to ASCII digits.
OTHER_DIGITS = regex.compile(r"(?![0-9])\p{Nd}")
# Longer lines are simplified a sentence at a time when a phrase conversion changes their length,
# so the character-by-character fallback never runs over a whole flattened page.
SIMPLIFY_CHUNK = regex.compile(r"[^。!?\n]*[。!?]*")
# How many lines' shadows are remembered, and the longest line remembered (a page flattened to one line
# is not kept twice in memory).
LINE_CACHE = 8192
LINE_CACHE_CHARS = 4000
# A lone surrogate (possible in a Python str, never in decoded UTF-8) cannot pass through OpenCC.
SURROGATE = regex.compile(r"[\ud800-\udfff]")


class Substitution(BaseModel):
    """One cleaning rule of patterns/cleaning.yaml."""

    model_config = ConfigDict(extra="forbid")

    name: str
    pattern: str
    replacement: str = ""
    # When set, the rule applies only inside lines at least this long (a page flattened to one line).
    min_line_chars: int = 0
    why: str


class CleaningRules(BaseModel):
    """The rules that clean written text and the deletions made only in the shadow."""

    model_config = ConfigDict(extra="forbid")

    written: list[Substitution]
    shadow_deletions: list[Substitution]


@dataclass(frozen=True)
class Shadow:
    """Normalised text for matching, with origin[i] = index in the written text of shadow char i."""

    text: str
    origin: Sequence[int]  # a range when nothing was deleted, else a compact array
    written_length: int

    def to_written(self, start: int, end: int) -> tuple[int, int]:
        """Map a shadow span [start, end) to the written-text span it came from."""
        if start >= len(self.origin):
            return self.written_length, self.written_length
        if end <= start:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.origin[end - 1] + 1


class Normaliser:
    """Cleans written text and builds shadows; holds its own compiled rules and OpenCC converter."""

    def __init__(self, rules: CleaningRules) -> None:
        self._written = [(regex.compile(rule.pattern), rule.replacement, rule.min_line_chars) for rule in rules.written]
        self._deletions = [regex.compile(rule.pattern) for rule in rules.shadow_deletions]
        # tw2s also undoes Taiwan variants (著 → 着 in 随着), which plain t2s leaves alone.
        self._t2s = opencc.OpenCC("tw2s")
        # The splitter shadows every line of a document, then the pipeline each report made of those
        # lines: one line's folded, simplified form is worked out once (both are line by line).
        self._cached_line = lru_cache(maxsize=LINE_CACHE)(lambda line: self.simplify(fold_text(line)))

    def clean(self, text: str) -> str:
        """Return the text as written, rid of stray escapes, conversion markers and whitespace runs."""
        for pattern, replacement, min_line_chars in self._written:
            if min_line_chars:
                text = _sub_in_long_lines(pattern, replacement, text, min_line_chars)
            else:
                text = pattern.sub(replacement, text)
        return text.strip()

    def simplify(self, text: str) -> str:
        """Convert traditional to simplified characters, keeping the length unchanged."""
        try:
            converted = self._t2s.convert(text)
        except UnicodeEncodeError:
            # Same length: the shadow's offsets still line up with the written text.
            return self.simplify(SURROGATE.sub("\ufffd", text))
        if len(converted) == len(text):
            return converted
        if len(text) > 200:
            chunks = [chunk.group() for chunk in SIMPLIFY_CHUNK.finditer(text) if chunk.group()]
            # A long stretch with no sentence mark is one chunk: go on character by character.
            if len(chunks) > 1:
                return "".join(self.simplify(chunk) for chunk in chunks)
        # A phrase-level conversion changed the length: fall back to one character at a time.
        return "".join(self._single(char) for char in text)

    def _single(self, char: str) -> str:
        converted = self._t2s.convert(char)
        return converted if len(converted) == 1 else char

    @cached_property
    def _deletion_screen(self) -> Screen:
        """The screen of the shadow deletions (made on first use, so loading is not slowed)."""
        return Screen(pattern.pattern for pattern in self._deletions)

    def shadow_text(self, line: str) -> str:
        """shadow(line).text of one line, without building its offset map when nothing is deleted."""
        if "\n" in line or self._deletion_screen.may_match(line):
            return self.shadow(line).text
        return self._simplified_line(line)

    def _simplified_line(self, line: str) -> str:
        """One line folded and simplified: remembered unless it is too long to keep twice."""
        return self._cached_line(line) if len(line) <= LINE_CACHE_CHARS else self.simplify(fold_text(line))

    def shadow(self, text: str) -> Shadow:
        """Build the normalised shadow of written text: half-width, simplified, glosses removed."""
        # Most text holds no character a deletion needs (an ASCII bracket, a quote): one search says so.
        deletions = sorted((match.start(), match.end()) for pattern in self._deletions
                           for match in pattern.finditer(text) if match.end() > match.start()) \
            if self._deletion_screen.may_match(text) else []
        simplified = "\n".join([self._simplified_line(line) for line in text.split("\n")])
        if not deletions:
            return Shadow(simplified, range(len(text)), len(text))
        kept_pieces, origin, position = [], array("q"), 0
        for start, end in deletions:
            if start > position:
                kept_pieces.append(simplified[position:start])
                origin.extend(range(position, start))
            position = max(position, end)
        kept_pieces.append(simplified[position:])
        origin.extend(range(position, len(text)))
        return Shadow("".join(kept_pieces), origin, len(text))


def _sub_in_long_lines(pattern: regex.Pattern, replacement: str, text: str, min_line_chars: int) -> str:
    """Apply a substitution only inside lines of at least min_line_chars characters."""
    if len(text) < min_line_chars:
        return text
    lines = text.split("\n")
    return "\n".join(pattern.sub(replacement, line) if len(line) >= min_line_chars else line for line in lines)


def fold_text(text: str) -> str:
    """Fold every full-width ASCII form, ideographic space and non-ASCII digit of a text (as fold_width)."""
    folded = replace_chars(text, FULL_WIDTH_CHARS, WIDTH_TABLE)
    if folded.isascii():
        return folded
    return OTHER_DIGITS.sub(_ascii_digit, folded)


def _ascii_digit(match: regex.Match) -> str:
    """The ASCII form of one decimal digit; a digit newer than Python's Unicode tables (the regex
    module's are newer: U+11BF0) stays as it is, since its value is unknown here."""
    value = unicodedata.digit(match.group(), None)
    return match.group() if value is None else str(value)


def replace_chars(text: str, finder: re.Pattern, table: dict[int, int]) -> str:
    """text.translate(table) for a table whose targets are none of its sources, and finder matching one
    source character: one str.replace per distinct character found, which on Chinese text (a dozen
    distinct full-width marks) is ten times faster than translate's look-up of every character."""
    for char in set(finder.findall(text)):
        text = text.replace(char, chr(table[ord(char)]))
    return text


def fold_width(char: str) -> str:
    """Fold one full-width ASCII character or ideographic space to its half-width form."""
    code = ord(char)
    if 0xFF01 <= code <= 0xFF5E:
        return chr(code - 0xFEE0)
    if code == 0x3000:
        return " "
    if unicodedata.category(char) == "Nd" and not char.isascii():
        return str(unicodedata.digit(char, 0)) if unicodedata.digit(char, None) is not None else char
    return char


@lru_cache(maxsize=4)
def load_normaliser(directory: Path = PATTERNS_DIR) -> Normaliser:
    """Build a Normaliser from patterns/cleaning.yaml once per directory."""
    return Normaliser(load_model(directory / "cleaning.yaml", CleaningRules))
