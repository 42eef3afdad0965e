"""WordSearch: the leftmost, longest, non-overlapping words, as a sorted alternation of them finds them."""
from __future__ import annotations

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.text.wordsearch import WordSearch, word_trie

# Few letters, so that words overlap and nest often; one astral character, whose offsets must stay
# in characters, not in UTF-8 or UTF-16 units.
LETTERS = "宣传单页码a.\U00020000"


def alternation_hits(words: list[str], text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    pattern = regex.compile("|".join(regex.escape(word) for word in sorted(words, key=len, reverse=True)))
    return [(match.group(), match.start(), match.end()) for match in pattern.finditer(text, start, end)]


@given(words=st.lists(st.text(LETTERS, min_size=1, max_size=4), min_size=1, max_size=8),
       text=st.text(LETTERS, max_size=40), bounds=st.tuples(st.integers(0, 45), st.integers(0, 45)))
@settings(max_examples=300, deadline=None)
def test_finds_what_a_longest_first_alternation_finds(words: list[str], text: str, bounds: tuple[int, int]) -> None:
    start, end = min(bounds), max(bounds)
    search = WordSearch(words)
    found = [(search.words[index], begin, stop) for index, begin, stop in search.find(text, start, end)]
    assert found == alternation_hits(words, text, start, min(end, len(text)))


def test_the_whole_text_is_searched_without_bounds() -> None:
    search = WordSearch(["宣传", "宣传单", "单"])
    assert search.find("发放宣传单和宣传") == [(1, 2, 5), (0, 6, 8)]


@pytest.mark.parametrize("words", [[], ["宣传", ""]])
def test_no_words_or_an_empty_word_is_refused(words: list[str]) -> None:
    with pytest.raises(ValueError):
        WordSearch(words)


def test_word_trie_takes_the_longest_word_like_a_sorted_alternation() -> None:
    words = ["宣传", "宣传单", "宣传单页", "传单", "单", "页码", "a.b"]
    text = "发放宣传单页码宣传单传单a.b单页axb"
    alternation = regex.compile("|".join(regex.escape(word) for word in sorted(words, key=len, reverse=True)))
    expected = [(match.start(), match.group()) for match in alternation.finditer(text)]
    assert [(match.start(), match.group()) for match in regex.finditer(word_trie(words), text)] == expected


def test_word_trie_of_words_of_two_or_more_characters_matches_like_a_sorted_alternation() -> None:
    # No one-character word: the trie is screened by its first two characters (a lookahead).
    words = ["宣传", "宣传单", "宣传单页", "传单", "页码", "a.b", "单]", "-^"]
    text = "发放宣传单页码宣传单传单a.b单页axb单]宣单-^宣"
    assert word_trie(words).startswith("(?=[")
    alternation = regex.compile("|".join(regex.escape(word) for word in sorted(words, key=len, reverse=True)))
    expected = [(match.start(), match.group()) for match in alternation.finditer(text)]
    assert [(match.start(), match.group()) for match in regex.finditer(word_trie(words), text)] == expected
