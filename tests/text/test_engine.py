"""compile_pattern gives `re` only patterns both engines read alike, and they then match alike."""
from __future__ import annotations

import re
from typing import Iterator

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.text.engine import compile_pattern, readable_alike
from tests.conftest import RAW


@pytest.mark.parametrize(("pattern", "alike"), [
    ("派出所|公安局", True),
    ("《[^《》\\n]{0,80}》", True),
    ("[xX×*＊Ⅹ]+(?:省|市)", True),
    ("(?:镇|乡)(?=结合|通过)", True),
    ("(?P<word>半数|一半)(?!小时)", True),
    ("\\(次\\)", True),
    ("(?<![A-Za-z])[0-9.]{1,10}", True),
    ("\\d+", False),  # Unicode tables of two versions
    ("\\s*$", False),
    ("\\p{Han}{2}", False),
    ("\\bword", False),
    ("a{e<=1}", False),  # fuzzy matching in regex, literal braces in re
    ("[[:alpha:]]", False),
    ("(?i)abc", False),
    ("(?P<a>x)(?P=a)", False),
    ("a?", False),  # may match empty
    ("(?<=ab|c)d", False),  # a lookbehind of varying width: re refuses it
    ("(?|a|b)", False),
])
def test_readable_alike(pattern: str, alike: bool) -> None:
    assert readable_alike(pattern) is alike
    assert isinstance(compile_pattern(pattern), re.Pattern) is alike


def _organisation_and_place_patterns() -> list[str]:
    from extract.regions.place import load_place_finder
    finder = load_place_finder()
    bodies = finder.organisations
    return [compiled.pattern for compiled in (
        finder._endings, finder._cases, finder._masked, finder._hidden, finder._sentence, finder._territory,
        bodies._mask, bodies._titles, bodies._self, bodies._place_body_cue, bodies._actions, bodies._subject_actions,
        bodies._opened, bodies._bracketed) if isinstance(compiled, re.Pattern)]


def test_the_rules_stdlib_patterns_find_what_regex_finds_on_the_seed_reports() -> None:
    patterns = _organisation_and_place_patterns()
    assert len(patterns) >= 10
    for path in sorted(RAW.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for pattern in patterns:
            ours, theirs = re.compile(pattern), regex.compile(pattern)
            assert [match.span() for match in ours.finditer(text)] == [match.span() for match in theirs.finditer(text)]
            for position in range(0, len(text), 3):
                found, expected = ours.match(text, position), theirs.match(text, position)
                assert (found and found.span()) == (expected and expected.span()), (pattern, position)


@given(st.text(alphabet="镇乡区市县结合通过开展xX×《》（）()\n ，。积极", max_size=40))
@settings(deadline=None)
def test_the_rules_stdlib_patterns_on_random_texts(text: str) -> None:
    for pattern in _organisation_and_place_patterns():
        assert [match.span() for match in re.finditer(pattern, text)] == \
            [match.span() for match in regex.finditer(pattern, text)]


def _stdlib_patterns_of(value: object, seen: set[int]) -> Iterator[str]:
    """The patterns of every `re`-compiled object reachable from value's fields, lists and dicts."""
    if id(value) in seen or isinstance(value, (str, bytes, int, float, type)):
        return
    seen.add(id(value))
    if isinstance(value, re.Pattern):
        yield value.pattern
    elif isinstance(value, (list, tuple, frozenset, set)):
        for item in value:
            yield from _stdlib_patterns_of(item, seen)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _stdlib_patterns_of(item, seen)
    elif hasattr(value, "__dict__") and type(value).__module__.startswith("extract."):
        for item in vars(value).values():
            yield from _stdlib_patterns_of(item, seen)


def test_every_stdlib_pattern_of_the_pipeline_finds_what_regex_finds_on_the_seed_reports() -> None:
    from extract.pipeline import load_pipeline
    patterns = sorted(set(_stdlib_patterns_of(load_pipeline(), set())))
    assert len(patterns) >= 40
    texts = [path.read_text(encoding="utf-8") for path in sorted(RAW.glob("*.txt"))]
    for pattern in patterns:
        ours, theirs = re.compile(pattern), regex.compile(pattern)
        for text in texts:
            assert [match.span() for match in ours.finditer(text)] == [match.span() for match in theirs.finditer(text)]
            for position in range(0, len(text), 7):
                found, expected = ours.match(text, position), theirs.match(text, position)
                assert (found and found.span()) == (expected and expected.span()), (pattern, position)
