"""Lexicons: domains merge, longest words win, shorthands expand."""
from __future__ import annotations

from pathlib import Path

import pytest
import regex
from hypothesis import example, given, settings
from hypothesis import strategies as st

from extract.metrics.lexicon import PhraseMatcher, load_lexicon
from extract.yamlfile import PatternError


def test_longest_word_wins() -> None:
    matcher = PhraseMatcher({"宣传": "a", "宣传单": "b"})
    assert [(hit.word, hit.value) for hit in matcher.find("发放宣传单")] == [("宣传单", "b")]


def test_every_domain_file_is_merged() -> None:
    lexicon = load_lexicon()
    words = set(lexicon.words())
    assert {"发放", "禁毒讲座", "消防演练", "普法讲座"} <= words


def test_shorthand_expands() -> None:
    hits = load_lexicon().channels.find("通过两微一抖发布")
    assert [label.value for label in hits[0].value] == ["wechat", "weibo", "douyin"]


def test_unknown_channel_label_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "lexicon").mkdir()
    (tmp_path / "lexicon" / "x.yaml").write_text("channels:\n  - {label: fax, words: [传真]}\n", encoding="utf-8")
    with pytest.raises(PatternError, match="x.yaml"):
        load_lexicon(tmp_path)


# Texts built from pieces of the words and patterns, so that they meet, overlap and tie often.
PIECES = ["向", "群众", "宣传", "宣", "单", "冻结", "资金", "5", "余"]


def _matches_one_alternation(words: dict[str, str], patterns: dict[str, str], text: str,
                             data: st.DataObject | None) -> tuple[list, list]:
    """Assert find() on a drawn stretch of text gives what one alternation (words longest first, then
    the patterns) gives; return the hits and the alternation's (start, end, word) matches."""
    start = data.draw(st.integers(0, len(text))) if data else 0
    end = data.draw(st.integers(start, len(text))) if data else len(text)
    alternation = regex.compile("|".join([regex.escape(word) for word in sorted(words, key=len, reverse=True)]
                                         + [f"(?:{pattern})" for pattern in patterns]))
    expected = [(match.start(), match.end(), match.group()) for match in alternation.finditer(text, start, end)]
    found = PhraseMatcher(words, patterns).find(text, start, end)
    assert [(hit.start, hit.end, hit.word) for hit in found] == expected
    return found, expected


@given(text=st.lists(st.sampled_from(PIECES), max_size=14).map("".join), data=st.data())
@example(text="宣传单5", data=None)  # a word and a pattern starting at one place: the word wins
@settings(max_examples=300, deadline=None)
def test_words_and_patterns_merge_like_one_alternation(text: str, data: st.DataObject | None) -> None:
    # Words first (longest first), then the regex entries: the alternation find() promises to match.
    words = {"宣传": "a", "宣传单": "b", "群众": "c", "资金": "d"}
    patterns = {"向\\p{Han}{1,3}宣传(?=\\d)": "e", "冻结(?=资金)": "f", "众宣": "g", "宣\\p{Han}单5": "h"}
    _matches_one_alternation(words, patterns, text, data)


# Patterns whose leading strings run past two characters (反诈课), share a first character (向, 向群),
# or stop at an optional part (民警全?覆盖), with words among them.
LONG_PIECES = ["反诈", "课", "向", "群", "众", "宣传", "民警", "全", "覆盖", "5"]


@given(text=st.lists(st.sampled_from(LONG_PIECES), max_size=14).map("".join), data=st.data())
@example(text="反诈课向群众宣传5", data=None)
@settings(max_examples=300, deadline=None)
def test_long_leading_strings_give_the_alternation_and_its_values(text: str, data: st.DataObject | None) -> None:
    words = {"宣传": "a", "群众": "b", "覆盖": "c"}
    patterns = {"(?:反诈|防诈)课": "d", "向\\p{Han}{1,3}宣传(?=\\d)": "e", "向群众": "f", "民警全?覆盖": "g",
                "群众宣传": "h", "反诈课向": "i"}
    found, expected = _matches_one_alternation(words, patterns, text, data)

    def value(start: int, end: int, word: str) -> str:
        # A word's own value, else the first pattern (in order) that matches there with the same end.
        if word in words:
            return words[word]
        return next(label for pattern, label in patterns.items()
                    if (match := regex.compile(pattern).match(text, start)) and match.end() == end)

    assert [hit.value for hit in found] == [value(*item) for item in expected]
