"""Required strings: every match of a pattern holds one, so a screen never hides a match."""
from __future__ import annotations

import pytest
import regex
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from extract.text.literals import PartScreen, Screen, required_strings
from tests.conftest import DATA, RAW, ROOT

CASES = yaml.safe_load((DATA / "literal_cases.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_required_strings(case: dict) -> None:
    required = required_strings(case["pattern"])
    assert (None if required is None else sorted(required)) == (None if case["required"] is None else sorted(case["required"]))


def _split_patterns() -> list[str]:
    rules = yaml.safe_load((ROOT / "patterns" / "split.yaml").read_text(encoding="utf-8"))
    return [rule["pattern"] for rule in [*rules["chrome_lines"], *rules["tail_markers"]]]


def test_every_match_on_the_seed_lines_holds_a_required_string() -> None:
    """Each chrome and tail cue, on every line of the seed reports and every piece of it."""
    for pattern in _split_patterns():
        required = required_strings(pattern)
        assert required is not None, pattern  # the split cues are all screened
        compiled = regex.compile(pattern)
        for path in sorted(RAW.glob("*.txt")):
            for line in path.read_text(encoding="utf-8").split("\n"):
                for start in range(0, len(line), 7):
                    for match in compiled.finditer(line[start:start + 60]):
                        assert any(string in match.group() for string in required), (pattern, match.group())


@given(st.text(alphabet="相关文章本文地址:：】【 -/…篇范文时间日期作者来源小编2024", max_size=30))
# No deadline: the first example loads the pattern files, which on a busy machine took longer than 200 ms.
@settings(deadline=None)
def test_a_screened_out_text_matches_no_cue(text: str) -> None:
    patterns = _split_patterns()
    if not Screen(patterns).may_match(text):
        assert not any(regex.search(pattern, text) for pattern in patterns)


def test_a_pattern_without_requirement_lets_everything_through() -> None:
    assert Screen(["我要投稿", r"\d+"]).may_match("没有")
    assert not Screen(["我要投稿", "本文地址"]).may_match("没有")
    assert Screen(["我要投稿"]).may_match("点击我要投稿")


def _doctype_patterns() -> list[str]:
    cues = yaml.safe_load((ROOT / "patterns" / "doc_types.yaml").read_text(encoding="utf-8"))
    return [pattern for section in ("cues", "once", "against") for patterns in cues[section].values()
            for pattern in patterns]


def test_a_part_screen_never_drops_a_pattern_that_matches() -> None:
    """The doc-type cues on every seed report and every line of it: a cue left out has no match there."""
    patterns = _doctype_patterns()
    screen, compiled = PartScreen(patterns), [regex.compile(pattern) for pattern in patterns]
    dropped = 0
    for path in sorted(RAW.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        for piece in [text, *text.split("\n")]:
            possible = screen.possible(piece)
            for index, pattern in enumerate(compiled):
                if index not in possible:
                    dropped += 1
                    assert pattern.search(piece) is None, (patterns[index], piece[:40])
    assert dropped  # the screen does leave cues out


@given(st.text(alphabet="我本所将了是日于”说表示通知a1", max_size=30))
@settings(deadline=None)
def test_a_part_screen_on_random_texts(text: str) -> None:
    patterns = _doctype_patterns()
    possible = PartScreen(patterns).possible(text)
    assert all(regex.search(pattern, text) is None for index, pattern in enumerate(patterns) if index not in possible)


def test_a_part_screen_keeps_patterns_without_requirement() -> None:
    assert PartScreen(["我要投稿", r"\d+", "本文"]).possible("没有") == {1}
    assert PartScreen(["我要投稿", r"\d+", "本文"]).possible("本文我要投稿") == {0, 1, 2}
    assert PartScreen(["ab", "bc"]).possible("abc") == {0, 1}  # overlapping strings both found
