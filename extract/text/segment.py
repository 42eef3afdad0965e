"""Segment text with a private jieba-rs tokenizer (jieba's dictionary and algorithm) that knows the domain's words."""
from __future__ import annotations

import importlib.machinery
import importlib.util
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from pydantic import BaseModel, ConfigDict

from extract.yamlfile import PATTERNS_DIR, load_model

# The frequency a domain word gets at least, so jieba keeps it whole against its parts.
DOMAIN_WORD_FREQUENCY = 1000
# rjieba wants a part of speech for an added word: jieba.posseg tags words added without one "x".
DOMAIN_WORD_TAG = "x"


def _jieba_class() -> Any:
    """rjieba's Jieba class, loaded without running the package's __init__ when it is not imported yet.

    That __init__ builds a default tokenizer for rjieba.cut and friends (0.1 s, a tenth of the start-up
    budget) which nothing here uses: the extension module holding the class is loaded on its own and
    registered under its own name, so a later `import rjieba` finds and reuses it.
    """
    loaded = sys.modules.get("rjieba.rjieba")
    if loaded is not None:
        return loaded.Jieba
    package = importlib.util.find_spec("rjieba")
    folder = Path(next(iter(package.submodule_search_locations or []), "")) if package else None
    candidates = [folder / f"rjieba{suffix}" for suffix in importlib.machinery.EXTENSION_SUFFIXES] if folder else []
    extension = next((path for path in candidates if path.is_file()), None)
    spec = importlib.util.spec_from_file_location("rjieba.rjieba", extension) if extension else None
    if spec is None or spec.loader is None:
        import rjieba  # an install laid out otherwise: the plain import still works, only slower

        return rjieba.Jieba
    module = importlib.util.module_from_spec(spec)
    sys.modules["rjieba.rjieba"] = module
    spec.loader.exec_module(module)
    return module.Jieba


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
    """A jieba-rs tokenizer of its own (never the global one) with the domain words added.

    jieba-rs ships jieba's dictionary and runs jieba's algorithm (word graph, best route, HMM for
    unknown words) some 20 to 40 times faster than the Python package.
    """

    def __init__(self, words: Iterable[str]) -> None:
        self._jieba = _jieba_class()()
        for word in sorted(set(words)):
            self._jieba.add_word(word, max(self._jieba.suggest_freq(word), DOMAIN_WORD_FREQUENCY), DOMAIN_WORD_TAG)

    def tokens(self, text: str) -> list[Token]:
        """The words of a text with their offsets, in order."""
        return [Token(word, start, end) for word, start, end in self._jieba.tokenize(text, "default", True)]

    def tags(self, text: str) -> list[tuple[str, str]]:
        """The words of a text with their part-of-speech tags (jieba's: v verb, n noun, x a domain word)."""
        return [(word, tag) for word, tag in self._jieba.tag(text, True)]

    def boundaries(self, text: str, offset: int = 0) -> set[int]:
        """Offsets at which a word starts or ends (plus `offset`, for a stretch of a longer text)."""
        found: set[int] = {offset, offset + len(text)}
        for _, start, end in self._jieba.tokenize(text, "default", True):
            found.add(offset + start)
            found.add(offset + end)
        return found


def load_dictionary(directory: Path = PATTERNS_DIR) -> list[str]:
    """The domain words of patterns/dictionary.yaml."""
    return load_model(directory / "dictionary.yaml", Dictionary).words


@lru_cache(maxsize=4)
def load_segmenter(directory: Path = PATTERNS_DIR, extra: tuple[str, ...] = ()) -> Segmenter:
    """Build a Segmenter with the dictionary words and any extra lexicon words, once per set."""
    return Segmenter([*load_dictionary(directory), *extra])
