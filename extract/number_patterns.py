"""The pattern files of the number normaliser (units.yaml, numbers.yaml) as validated models."""
from __future__ import annotations

import regex
from pydantic import BaseModel, ConfigDict, Field, field_validator

from schemas.labels import Qualifier, UnitClass

# Placeholders a trap pattern may use; replaced by character classes at compile time.
PLACEHOLDER_PROBE = {"{num}": "[0-9一]", "{cn}": "一"}


class UnitEntry(BaseModel):
    """One measure word: its simplified output, class and the spellings read in text."""

    model_config = ConfigDict(extra="forbid")

    unit: str
    unit_class: UnitClass
    forms: list[str] = Field(default_factory=list)
    traditional: list[str] = Field(default_factory=list)
    scale: int = 1
    qualifier: Qualifier | None = None
    halves: bool = False

    def written_forms(self) -> list[str]:
        """Every spelling of this unit that may follow a number."""
        return (self.forms or [self.unit]) + self.traditional


class UnitsFile(BaseModel):
    """patterns/units.yaml."""

    model_config = ConfigDict(extra="forbid")

    units: list[UnitEntry]


class NumeralChars(BaseModel):
    """The characters of the numeral grammar."""

    model_config = ConfigDict(extra="forbid")

    digits: dict[str, int]
    tens: dict[str, int]
    small_magnitudes: dict[str, int]
    big_magnitudes: dict[str, int]
    financial: list[str]
    zero: list[str]
    two_before_magnitude: list[str]
    decimal_point: list[str]
    negative: list[str]
    inner_more: list[str]
    inner_some: list[str]
    vague_prefixes: list[str]
    half: list[str]
    percent_prefixes: list[str]
    masks: list[str]


class CueBefore(BaseModel):
    """Words before a number that set its qualifier (近, 超过, 不少于)."""

    model_config = ConfigDict(extra="forbid")

    words: list[str]
    qualifier: Qualifier
    not_after: list[str] = Field(default_factory=list)


class CueAfter(BaseModel):
    """Words after a number that set its qualifier (余, 以上, 左右)."""

    model_config = ConfigDict(extra="forbid")

    words: list[str]
    qualifier: Qualifier
    before_unit: bool
    after_unit: bool


class MoneySubunits(BaseModel):
    """元 followed by 角/分."""

    model_config = ConfigDict(extra="forbid")

    after_unit: str
    parts: dict[str, float]


class TrapPattern(BaseModel):
    """A shape that is not a quantity, with the reason."""

    model_config = ConfigDict(extra="forbid")

    name: str
    why: str
    pattern: str
    unless_unit: bool = False

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        probe = value
        for placeholder, stand_in in PLACEHOLDER_PROBE.items():
            probe = probe.replace(placeholder, stand_in)
        try:
            regex.compile(probe)
        except regex.error as error:
            raise ValueError(f"not a valid regex: {error}") from None
        return value


class NumbersFile(BaseModel):
    """patterns/numbers.yaml."""

    model_config = ConfigDict(extra="forbid")

    fold: dict[str, str]
    numerals: NumeralChars
    max_numeral_length: int = Field(ge=8, le=200)
    cues_before: list[CueBefore]
    cues_after: list[CueAfter]
    bare_magnitude_cues: list[CueBefore]
    licensing_before: list[str]
    money_subunits: MoneySubunits
    range_separators: list[str]
    trap_words: list[str]
    trap_patterns: list[TrapPattern]

    @field_validator("fold")
    @classmethod
    def _one_for_one(cls, value: dict[str, str]) -> dict[str, str]:
        for source, target in value.items():
            if len(source) != 1 or len(target) != 1:
                raise ValueError(f"fold must map one character to one character: {source!r} → {target!r}")
        return value
