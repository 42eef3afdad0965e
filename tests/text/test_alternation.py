"""An Alternation finds exactly what the one compiled alternation of its parts finds."""
from __future__ import annotations

import pytest
import regex
import yaml
from hypothesis import example, given
from hypothesis import strategies as st

from extract.text.alternation import Alternation, LeadingSearch, first_characters, leading_strings
from extract.text.literals import PartScreen
from tests.conftest import DATA, ROOT, RAW

CASES = yaml.safe_load((DATA / "alternation_cases.yaml").read_text(encoding="utf-8"))


def _spans(matches) -> list[tuple[int, int, str]]:
    return [(match.start(), match.end(), match.group()) for match in matches]


def _same(parts: list[str], text: str, pos: int = 0, endpos: int | None = None) -> None:
    whole = regex.compile("|".join(f"(?:{part})" for part in parts))
    end = len(text) if endpos is None else endpos
    split = Alternation(parts)
    assert _spans(split.finditer(text, pos, end)) == _spans(whole.finditer(text, pos, end))
    assert split.count(text) == len(whole.findall(text))
    # Only the parts a screen lets through, searched alone, find the same.
    only = PartScreen(parts).possible(text)
    assert _spans(split.finditer(text, pos, end, only)) == _spans(whole.finditer(text, pos, end))
    assert split.count(text, only) == len(whole.findall(text))


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_cases_match_the_compiled_alternation(case: dict) -> None:
    _same(case["parts"], case["text"])


def test_pattern_files_on_the_seed_reports() -> None:
    """The alternations the rules build (scope spans, doc-type cues) on every seed report, whole and in windows."""
    scope = yaml.safe_load((ROOT / "patterns" / "scope.yaml").read_text(encoding="utf-8"))
    cues = yaml.safe_load((ROOT / "patterns" / "doc_types.yaml").read_text(encoding="utf-8"))["cues"]
    alternations = [scope["not_channel_spans"], *cues.values()]
    for path in sorted(RAW.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for parts in alternations:
            _same(parts, text)
            _same(parts, text, len(text) // 3, 2 * len(text) // 3)


@given(st.text(alphabet="ab中x1.", max_size=30), st.integers(0, 5))
def test_random_texts(text: str, pos: int) -> None:
    _same(["a+b", "b?", "中x|x\\d", "(?<=a)b"], text, min(pos, len(text)))


def _same_search(parts: list[str], text: str, pos: int = 0, endpos: int | None = None) -> None:
    whole = regex.compile("|".join(f"(?:{part})" for part in parts))
    end = len(text) if endpos is None else endpos
    found, expected = LeadingSearch(parts).search(text, pos, end), whole.search(text, pos, end)
    assert _spans([found] if found else []) == _spans([expected] if expected else [])


@pytest.mark.parametrize(("pattern", "characters"), [
    ("冻结(?=[^，]{0,3}资金)", "冻"),
    ("(?<=[\\d一](?:场|次)[^，]{0,8})活动", "活"),
    ("(?:向|为|对)\\p{Han}{1,6}宣传", "向为对"),
    ("进(?:校园|学校)", "进"),
    ("a?b", None),
    ("(?i)ab", None),
    ("[^\\p{Han}]a", None),
    ("[[:alpha:]]x", None),
])
def test_first_characters(pattern: str, characters: str | None) -> None:
    assert first_characters(pattern) == (frozenset(characters) if characters else None)


@pytest.mark.parametrize(("pattern", "strings"), [
    ("受理(?=案件)", ["受理"]),
    ("(?:向|为|对)\\p{Han}{1,6}宣传", ["向", "为", "对"]),
    ("(?:获得?|荣膺)(?=奖)", ["获", "荣膺"]),
    ("(?<=[\\d一](?:场|次))活动", ["活动"]),
    ("进(?:校园|学校)", ["进校", "进学"]),
    ("[ab]c", ["ac", "bc"]),
    ("a{2}b", ["a"]),
    ("(?:ab)+c", ["ab"]),
    ("a?b", None),
    ("x|y?", None),
])
def test_leading_strings(pattern: str, strings: list[str] | None) -> None:
    assert leading_strings(pattern, 2) == (frozenset(strings) if strings else None)


@given(st.lists(st.sampled_from(["向", "为", "受理", "受", "中", "宣传", "案", "a"]), max_size=12).map("".join),
       st.data())
@example("受理中", None)  # a one-character leading string (受) where a two-character one (受理) also starts
def test_leading_search_on_random_texts(text: str, data: st.DataObject | None) -> None:
    # One-character and two-character leading strings, sharing first characters, with lookarounds.
    parts = ["受理(?=案)", "(?:向|为)\\p{Han}{1,3}宣传", "受\\p{Han}中", "理中", "(?<=a)宣传", "向a"]
    low = data.draw(st.integers(0, len(text))) if data else 0
    high = data.draw(st.integers(low, len(text))) if data else len(text)
    _same_search(parts, text, low, high)


@given(st.lists(st.sampled_from(["向", "为", "受理", "受", "中", "宣传", "案", "a"]), max_size=12).map("".join),
       st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), max_size=8))
@example("受理中", [(0, 1), (0, 2)])  # a window ending inside the leading string 受理 the whole text holds
def test_leading_search_reused_on_windows_of_one_text(text: str, windows: list[tuple[int, int]]) -> None:
    # One search object over many windows of one text, as the rules use it: what it keeps from the
    # text's first search never changes a later window's match.
    parts = ["受理(?=案)", "(?:向|为)\\p{Han}{1,3}宣传", "受\\p{Han}中", "理中", "(?<=a)宣传", "向a", "受"]
    search = LeadingSearch(parts)
    whole = regex.compile("|".join(f"(?:{part})" for part in parts))
    for low, high in [(0, len(text)), *windows]:
        low, high = min(low, len(text)), min(max(low, high), len(text))
        found, expected = search.search(text, low, high), whole.search(text, low, high)
        assert _spans([found] if found else []) == _spans([expected] if expected else [])


def test_leading_search_on_the_lexicon_and_the_seed_reports() -> None:
    """The activity lexicon's regex entries, screened by their first characters, find what their one
    compiled alternation finds, on every seed report, whole and in windows."""
    from extract.metrics.lexicon import load_lexicon
    parts = list(load_lexicon().activities._patterns)
    for path in sorted(RAW.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for start in range(0, len(text), max(1, len(text) // 7)):
            _same_search(parts, text, start)
            _same_search(parts, text, start, min(len(text), start + 40))


@given(st.text(alphabet="ab中x1.", max_size=30), st.integers(0, 5))
def test_leading_search_random_texts(text: str, pos: int) -> None:
    _same_search(["a+b", "中x|x\\d", "(?<=a)b", "[ab]中"], text, min(pos, len(text)))


def test_leading_search_tells_the_patterns_that_can_start_at_a_place() -> None:
    search = LeadingSearch(["(?:反诈|防诈)课", "反诈(?=宣传)", "向\\p{Han}{1,3}宣传", "反\\p{Han}"])
    assert search.starting_at("反诈课", 0) == [0, 1, 3]
    assert search.starting_at("反诈宣传", 0) == [1, 3]  # 反诈课 does not start there
    assert search.starting_at("向群众宣传", 0) == [2]
    assert search.starting_at("群众", 0) == ()
    assert LeadingSearch(["a?b"]).starting_at("ab", 0) is None  # an open start: no screen
