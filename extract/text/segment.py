"""Segment text with a private jieba tokenizer that knows the domain's words."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import jieba
from pydantic import BaseModel, ConfigDict

from extract.yamlfile import PATTERNS_DIR, load_model

jieba.setLogLevel(logging.WARNING)


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


class Segmenter:
    """A jieba tokenizer of its own (never jieba's global one) with the domain words added."""

    def __init__(self, words: Iterable[str]) -> None:
        self._tokenizer = jieba.Tokenizer()
        self._tokenizer.initialize()
        for word in sorted(set(words)):
            self._tokenizer.add_word(word, freq=max(self._tokenizer.suggest_freq(word), 1000))

    @property
    def tokenizer(self) -> jieba.Tokenizer:
        """The private jieba tokenizer (for jieba.posseg.POSTokenizer)."""
        return self._tokenizer

    def tokens(self, text: str) -> list[Token]:
        """The words of a text with their offsets, in order."""
        return [Token(word, start, end) for word, start, end in self._tokenizer.tokenize(text, HMM=True)]

    def boundaries(self, text: str) -> set[int]:
        """Offsets at which a word starts or ends."""
        edges: set[int] = {0, len(text)}
        for token in self.tokens(text):
            edges.add(token.start)
            edges.add(token.end)
        return edges


def load_dictionary(directory: Path = PATTERNS_DIR) -> list[str]:
    """The domain words of patterns/dictionary.yaml."""
    return load_model(directory / "dictionary.yaml", Dictionary).words


@lru_cache(maxsize=4)
def load_segmenter(directory: Path = PATTERNS_DIR, extra: tuple[str, ...] = ()) -> Segmenter:
    """Build a Segmenter with the dictionary words and any extra lexicon words, once per set."""
    return Segmenter([*load_dictionary(directory), *extra])
