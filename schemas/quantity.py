"""A quantity found in text by the number normaliser, before any attachment."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from schemas.labels import Qualifier, UnitClass


class Quantity(BaseModel):
    """One counted quantity: its span in the given text and its normalised value."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    start: int
    end: int
    raw: str
    value: float | None
    value_max: float | None = None
    qualifier: Qualifier = Qualifier.exact
    unit: str | None = None
    unit_class: UnitClass | None = None
    masked: bool = False
