"""Clean the text as written and build its normalised shadow (half-width, simplified) with an offset map."""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import opencc
import regex
from pydantic import BaseModel, ConfigDict

from extract.yamlfile import PATTERNS_DIR, load_model


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
    origin: tuple[int, ...]
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
        converted = self._t2s.convert(text)
        if len(converted) == len(text):
            return converted
        # A phrase-level conversion changed the length: fall back to one character at a time.
        return "".join(self._single(char) for char in text)

    def _single(self, char: str) -> str:
        converted = self._t2s.convert(char)
        return converted if len(converted) == 1 else char

    def shadow(self, text: str) -> Shadow:
        """Build the normalised shadow of written text: half-width, simplified, glosses removed."""
        deleted = bytearray(len(text))
        for pattern in self._deletions:
            for match in pattern.finditer(text):
                deleted[match.start():match.end()] = b"\x01" * (match.end() - match.start())
        folded = "".join(fold_width(char) for char in text)
        simplified = "\n".join(self.simplify(line) for line in folded.split("\n"))
        kept = [index for index in range(len(text)) if not deleted[index]]
        return Shadow("".join(simplified[index] for index in kept), tuple(kept), len(text))


def _sub_in_long_lines(pattern: regex.Pattern, replacement: str, text: str, min_line_chars: int) -> str:
    """Apply a substitution only inside lines of at least min_line_chars characters."""
    if len(text) < min_line_chars:
        return text
    lines = text.split("\n")
    return "\n".join(pattern.sub(replacement, line) if len(line) >= min_line_chars else line for line in lines)


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
