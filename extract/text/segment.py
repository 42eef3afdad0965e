"""Segment text with a private jieba-rs tokenizer (jieba's dictionary and algorithm) that knows the domain's words."""
from __future__ import annotations

from bisect import bisect_right, insort
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import regex
import rjieba
from pydantic import BaseModel, ConfigDict

from extract.yamlfile import PATTERNS_DIR, load_model

# The frequency a domain word gets at least, so jieba keeps it whole against its parts.
DOMAIN_WORD_FREQUENCY = 1000
# rjieba wants a part of speech for an added word: jieba.posseg tags words added without one "x".
DOMAIN_WORD_TAG = "x"
# jieba cuts text into blocks of Han characters, letters, digits and +#&._%- and segments each
# block alone; a character outside this (wider, Unicode \w) class therefore always ends a word.
SEPARATOR = regex.compile(r"[^\w+#&.%\-]")
LAST_SEPARATOR = regex.compile(r"(?r)[^\w+#&.%\-]")


class Dictionary(BaseModel):
    """patterns/dictionary.yaml: words the segmenter keeps whole."""

    model_config = ConfigDict(extra="forbid")

    words: list[str]


@dataclass(frozen=True)
class Token:
    """One segmented word and its offsets."""

    word: str
    start: int
    end: int


class WordEdges:
    """The offsets where a word of a text starts or ends, segmenting only the stretch asked about.

    Segmenting a stretch between two separators gives the same words as segmenting the whole
    text, so `offset in edges` equals `offset in segmenter.boundaries(text)` at a fraction of the cost.
    """

    def __init__(self, text: str, segmenter: "Segmenter") -> None:
        self._text = text
        self._segmenter = segmenter
        # Stretch start -> (stretch end, word edges inside it); starts kept sorted for bisect.
        self._stretches: dict[int, tuple[int, frozenset[int]]] = {}
        self._starts: list[int] = []

    def __contains__(self, offset: object) -> bool:
        text = self._text
        if not isinstance(offset, int) or not 0 <= offset <= len(text):
            return False
        if offset in (0, len(text)):
            return True
        if text[offset - 1:offset + 1] == "\r\n":
            return False
        if SEPARATOR.match(text, offset - 1) or SEPARATOR.match(text, offset):
            return True
        known = bisect_right(self._starts, offset) - 1
        if known >= 0 and offset < self._stretches[self._starts[known]][0]:
            return offset in self._stretches[self._starts[known]][1]
        before = LAST_SEPARATOR.search(text, 0, offset)
        start = before.end() if before else 0
        after = SEPARATOR.search(text, offset)
        end = after.start() if after else len(text)
        self._stretches[start] = (end, frozenset(start + edge for edge in self._segmenter.edges(text[start:end])))
        insort(self._starts, start)
        return offset in self._stretches[start][1]


class Segmenter:
    """A jieba-rs tokenizer of its own (never the global one) with the domain words added.

    jieba-rs ships jieba's dictionary and runs jieba's algorithm (word graph, best route, HMM for
    unknown words) some 20 to 40 times faster than the Python package.
    """

    def __init__(self, words: Iterable[str]) -> None:
        self._jieba = rjieba.Jieba()
        for word in sorted(set(words)):
            self._jieba.add_word(word, max(self._jieba.suggest_freq(word), DOMAIN_WORD_FREQUENCY), DOMAIN_WORD_TAG)

    def tokens(self, text: str) -> list[Token]:
        """The words of a text with their offsets, in order."""
        return [Token(word, start, end) for word, start, end in self._jieba.tokenize(text, "default", True)]

    def edges(self, text: str) -> set[int]:
        """Offsets at which a word starts or ends, segmenting the whole text."""
        found: set[int] = {0, len(text)}
        for _, start, end in self._jieba.tokenize(text, "default", True):
            found.add(start)
            found.add(end)
        return found

    def boundaries(self, text: str) -> WordEdges:
        """Offsets at which a word starts or ends (`offset in boundaries`), segmented on demand."""
        return WordEdges(text, self)


def load_dictionary(directory: Path = PATTERNS_DIR) -> list[str]:
    """The domain words of patterns/dictionary.yaml."""
    return load_model(directory / "dictionary.yaml", Dictionary).words


@lru_cache(maxsize=4)
def load_segmenter(directory: Path = PATTERNS_DIR, extra: tuple[str, ...] = ()) -> Segmenter:
    """Build a Segmenter with the dictionary words and any extra lexicon words, once per set."""
    return Segmenter([*load_dictionary(directory), *extra])
