"""An Alternation finds exactly what the one compiled alternation of its parts finds."""
from __future__ import annotations

import pytest
import regex
import yaml
from hypothesis import given
from hypothesis import strategies as st

from extract.text.alternation import Alternation
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
