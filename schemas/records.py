"""Documents, reports and metric records: the rows the pipeline writes out."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from schemas.labels import (
    Activity,
    Audience,
    Channel,
    DocType,
    OrganizationType,
    Qualifier,
    Status,
    UnitClass,
)


class Document(BaseModel):
    """One input file after reading: its text as written and how it was decoded."""

    model_config = ConfigDict(extra="forbid")

    doc_id: str
    path: str
    format: str  # txt, docx, html, pdf
    encoding: str | None = None
    text: str


class MetricRecord(BaseModel):
    """One counted quantity with its activity, object, audiences and evidence (SPEC.md §2)."""

    model_config = ConfigDict(extra="forbid")

    doc_id: str
    report_id: str
    start: int
    end: int
    evidence: str
    raw: str
    value: float | None
    value_max: float | None = None
    qualifier: Qualifier = Qualifier.exact
    unit: str | None = None
    unit_class: UnitClass = UnitClass.other
    masked: bool = False
    activity: Activity = Activity.other
    object: str | None = None
    channels: list[Channel] = Field(default_factory=list)
    audiences: list[Audience] = Field(default_factory=list)
    status: Status = Status.achieved
    period: str | None = None
    part_of: int | None = None
    rule: str = ""


class Report(BaseModel):
    """One summary inside a document, with its text and report-level fields."""

    model_config = ConfigDict(extra="forbid")

    doc_id: str
    report_id: str
    index: int
    title: str | None = None
    doc_type: DocType = DocType.summary
    organization: str | None = None
    organization_type: OrganizationType | None = None
    region: str | None = None
    province: str | None = None
    city: str | None = None
    county: str | None = None
    region_code: str | None = None
    region_note: str | None = None
    date: str | None = None
    year: int | None = None
    duplicate_of: str | None = None
    activities: list[Activity] = Field(default_factory=list)
    channels: list[Channel] = Field(default_factory=list)
    audiences: list[Audience] = Field(default_factory=list)
    text: str
    records: list[MetricRecord] = Field(default_factory=list, exclude=True)
