"""Chinese display names of labels and groupings for charts, loaded from patterns/display_names.yaml."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from extract.yamlfile import PATTERNS_DIR, load_model
from schemas.labels import Activity, Audience, Channel, OrganizationType, UnitClass

NAMES_FILE = "display_names.yaml"


class DisplayNames(BaseModel):
    """Chinese names keyed by the fixed labels; an unknown label is an error with its line."""

    model_config = ConfigDict(extra="forbid")

    groupings: dict[str, str]
    unknown: str
    activities: dict[Activity, str]
    unit_classes: dict[UnitClass, str]
    channels: dict[Channel, str]
    audiences: dict[Audience, str]
    organization_types: dict[OrganizationType, str]

    def activity(self, label: str) -> str:
        """The Chinese name of an activity label (the label itself when none is given)."""
        return {key.value: name for key, name in self.activities.items()}.get(label, label)

    def unit_class(self, label: str) -> str:
        """The Chinese measure word of a unit class."""
        return {key.value: name for key, name in self.unit_classes.items()}.get(label, label)

    def channel(self, label: str) -> str:
        """The Chinese name of a channel label."""
        return {key.value: name for key, name in self.channels.items()}.get(label, label)

    def group(self, by: str, label: str) -> str:
        """A group label as a chart prints it: 'unknown' and body types in Chinese."""
        if label == "unknown":
            return self.unknown
        if by == "organization_type":
            return {key.value: name for key, name in self.organization_types.items()}.get(label, label)
        return label


@lru_cache(maxsize=4)
def load_names(patterns: Path = PATTERNS_DIR) -> DisplayNames:
    """The display names of a patterns folder."""
    return load_model(patterns / NAMES_FILE, DisplayNames)
