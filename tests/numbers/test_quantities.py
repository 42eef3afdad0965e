"""The number normaliser against its case table (tests/data/numbers_cases.yaml) and its traps."""
from __future__ import annotations

import math
from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict, Field

from extract.numbers.quantities import load_number_patterns, parse_quantities
from extract.yamlfile import PATTERNS_DIR, PatternError, load_model
from schemas.labels import Qualifier, UnitClass
from tests.conftest import DATA, RAW


class NumberCase(BaseModel):
    """One line of the case table."""

    model_config = ConfigDict(extra="forbid")

    id: str
    text: str
    none: bool = False
    raw: str | None = None
    value: float | None = None
    max: float | None = None
    q: Qualifier = Qualifier.exact
    unit: str | None = None
    cls: UnitClass | None = None
    masked: bool = False
    count: int | None = None


class CaseTable(BaseModel):
    """tests/data/numbers_cases.yaml."""

    model_config = ConfigDict(extra="forbid")

    cases: list[NumberCase] = Field(min_length=250)


CASES = load_model(DATA / "numbers_cases.yaml", CaseTable).cases
TRAPS = [
    line.strip()
    for line in (DATA / "numbers_traps.txt").read_text(encoding="utf-8").splitlines()
    if line.strip() and not line.startswith("#")
]


def _same(found: float | None, expected: float | None) -> bool:
    if found is None or expected is None:
        return found is expected
    return math.isclose(found, expected, rel_tol=1e-12, abs_tol=1e-9)


def test_case_ids_are_unique() -> None:
    ids = [case.id for case in CASES]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_case(case: NumberCase) -> None:
    found = parse_quantities(case.text)
    for quantity in found:
        assert case.text[quantity.start : quantity.end] == quantity.raw
    if case.none:
        assert found == [], [quantity.raw for quantity in found]
        return
    matching = [quantity for quantity in found if quantity.raw == case.raw]
    assert matching, f"no quantity with raw {case.raw!r}; found {[quantity.raw for quantity in found]}"
    quantity = matching[0]
    assert _same(quantity.value, case.value)
    assert _same(quantity.value_max, case.max)
    assert quantity.qualifier == case.q
    assert quantity.unit == case.unit
    assert quantity.unit_class == case.cls
    assert quantity.masked == case.masked
    if case.count is not None:
        assert len(found) == case.count, [quantity.raw for quantity in found]


def test_traps_file_is_long() -> None:
    assert len(TRAPS) >= 100


@pytest.mark.parametrize("word", TRAPS)
def test_trap_yields_nothing(word: str) -> None:
    assert parse_quantities(word) == []


@pytest.mark.parametrize("bad", [None, 123, 1.5, b"1500\xe5\xbc\xa0", ["1500张"]])
def test_bad_input_raises_type_error(bad: object) -> None:
    with pytest.raises(TypeError, match="expects a str"):
        parse_quantities(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    ["万" * 100_000, "9" * 100_000, "一" * 100_000, "x" * 100_000, "1." * 50_000, "十余" * 50_000, "" , " "],
    ids=["wan", "nines", "yi", "masks", "dots", "shiyu", "empty", "space"],
)
def test_degenerate_input_returns_a_list(text: str) -> None:
    found = parse_quantities(text)
    assert isinstance(found, list)
    assert all(text[quantity.start : quantity.end] == quantity.raw for quantity in found)


def test_ten_megabytes_of_report_text() -> None:
    corpus = "".join(path.read_text(encoding="utf-8") for path in sorted(RAW.glob("*.txt")))
    text = corpus * (10_000_000 // len(corpus.encode("utf-8")) + 1)
    found = parse_quantities(text)
    assert isinstance(found, list)
    assert len(found) > 1000
    assert all(text[quantity.start : quantity.end] == quantity.raw for quantity in found)


def test_patterns_are_cached_and_frozen() -> None:
    patterns = load_number_patterns()
    assert load_number_patterns() is patterns
    with pytest.raises(AttributeError):
        patterns.licensing = frozenset()  # type: ignore[misc]
    with pytest.raises(TypeError):
        patterns.unit_by_form["张"] = None  # type: ignore[index]
    with pytest.raises(TypeError):
        patterns.table.digits["一"] = 7  # type: ignore[index]


def test_explicit_parser_is_used() -> None:
    assert parse_quantities("发放3份", parser=load_number_patterns())[0].value == 3


def test_bad_pattern_line_names_file_and_line(tmp_path: Path) -> None:
    source = PATTERNS_DIR
    (tmp_path / "numbers.yaml").write_text((source / "numbers.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    units = (source / "units.yaml").read_text(encoding="utf-8").replace("unit_class: items}", "unit_class: itemz}", 1)
    (tmp_path / "units.yaml").write_text(units, encoding="utf-8")
    with pytest.raises(PatternError, match=r"units\.yaml:\d+"):
        load_number_patterns(tmp_path)
