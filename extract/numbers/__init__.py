"""Sentences to quantities: numerals, qualifiers and units read from patterns, with non-metric filters."""

from __future__ import annotations

from extract.numbers.ambiguity import AmbiguityFilters, load_ambiguity_filters
from extract.numbers.quantities import (
    NumberPatterns,
    load_number_patterns,
    parse_quantities,
)

__all__ = ["AmbiguityFilters", "NumberPatterns", "load_ambiguity_filters", "load_number_patterns", "parse_quantities"]
