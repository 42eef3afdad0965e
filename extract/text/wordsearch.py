"""Find the words of a fixed list in text: leftmost first, the longest at each place, never overlapping."""
from __future__ import annotations

import re
from typing import Iterable

from ahocorasick_rs import AhoCorasick, MatchKind


class WordSearch:
    """The words of a list found in text the way an alternation of them sorted longest first finds them.

    An Aho-Corasick automaton reads the text once whatever the number of words; a regular expression
    engine, even given the words as a trie, tries them at every character (5x slower on a lexicon of
    900 words over whole reports).
    """

    def __init__(self, words: Iterable[str]) -> None:
        self.words = list(dict.fromkeys(words))
        if not self.words or not all(self.words):
            raise ValueError("WordSearch needs at least one word and no empty word")
        self._automaton = AhoCorasick(self.words, matchkind=MatchKind.LeftmostLongest)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, int]]:
        """(word index, start, end) of each word found in text[start:end], left to right."""
        if end is None or end > len(text):
            end = len(text)
        if start == 0 and end == len(text):
            return self._automaton.find_matches_as_indexes(text)
        found = self._automaton.find_matches_as_indexes(text[start:end])
        if not start:
            return found
        return [(index, begin + start, stop + start) for index, begin, stop in found]


def word_trie(words: Iterable[str]) -> str:
    """One pattern that matches the longest of the words starting at a position (a trie of alternatives)."""
    root: dict = {}
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    pattern = _trie_pattern(root)
    seconds = "".join(sorted({char for child in root.values() for char in child if char}))
    if seconds and "" not in root:
        # Every word starts with one of the first characters followed by one of the second ones, or is
        # a word of one character: the engine checks that at once before walking the trie's first level,
        # whose alternatives it would otherwise try one by one (all of them, the matching one failing
        # later) wherever a first character alone occurs.
        screen = f"[{re.escape(''.join(sorted(root)))}][{re.escape(seconds)}]"
        singles = "".join(sorted(char for char, child in root.items() if "" in child))
        if singles:
            screen += f"|[{re.escape(singles)}]"
        pattern = f"(?={screen}){pattern}"
    return pattern


def _trie_pattern(node: dict) -> str:
    branches = [re.escape(char) + _trie_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
    # A word may end here: the longer words are tried first, then the word that ends here.
    return f"(?:{body})?" if "" in node else body
