"""patterns/regions.yaml as a validated model: what the region finder and resolver need besides the gazetteer."""
from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict

from extract.yamlfile import PATTERNS_DIR, load_model


class RegionRules(BaseModel):
    """Generic names, division endings, town-named bodies, words that are no place, case cues, masks."""

    model_config = ConfigDict(extra="forbid")

    generic_names: list[str]
    admin_endings: list[str]
    town_body_endings: list[str]
    text_stoplist: list[str]
    case_cues: list[str]
    masked_place: str
    word_stems: list[str]
    territory_names: list[str]
    station_own_stops: list[str]
    territory_prefixes: list[str]
    missing_divisions: list[str]
    brand_endings: list[str]
    branch_endings: list[str]
    zone_endings: list[str]
    tail_endings: list[str]
    tail_chars: int
    tail_followers: list[str]


def load_region_rules(directory: Path = PATTERNS_DIR) -> RegionRules:
    """patterns/regions.yaml, validated (a bad line fails with file:line)."""
    return load_model(directory / "regions.yaml", RegionRules)
