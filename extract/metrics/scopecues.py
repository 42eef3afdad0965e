"""The cues of patterns/scope.yaml, read and checked (extra="forbid") before ScopeRules compiles them."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from schemas.labels import Activity, Audience, Channel


class ScopeCues(BaseModel):
    """patterns/scope.yaml: contexts in which channel and audience words are not the outreach's own."""

    model_config = ConfigDict(extra="forbid")

    content_channels: list[Channel]
    not_channel_before: str
    not_channel_after: str
    channel_window: int
    not_channel_spans: list[str]
    not_audience_spans: list[str]
    recipients: str
    recipient_window: int
    shared_recipient: str
    served_words: list[str]
    served_before: str
    modifiers: list[str]
    impersonated_before: list[str]
    doer_modifiers: str
    doer_labels: list[Audience]
    doer_work: str
    before_recipient: str
    doer_enumeration: str
    not_audience_after: str
    one_person_before: str
    visit_activities: list[Activity]
    venue_audiences: dict[Audience, list[str]]
    path_verbs: str
    path_modifiers: str
    path_venues: dict[Audience, list[str]]
    venue_clause_tail: str
    counted_audience_activities: list[Activity]
    joined_activities: list[Activity]
    people_count: str
    count_mark: str
    played_before: str
    staff_of: dict[Audience, list[str]]
    staff_nouns: str
    staff_window: int
    report_implied_channels: dict[Channel, list[Activity]]
    school_sites: dict[Audience, list[str]]
    not_sites: list[str]
    not_site_after: str
    linked_count: str
    harm: str
    statistic_activities: list[Activity]
    owner_between: str
    passes_on: str
    means_activities: list[Activity]
    means_after: str
    means_before: str
    media_counted_activities: list[Activity]
    media_counted_unless: str
    worded_channels: dict[Activity, dict[Channel, list[str]]]
    carried_channel_activities: list[Activity]
    attendance: str
    maker_after: str
    not_medium_before: dict[Channel, str]
    not_medium_after: dict[Channel, str]
    goods: str
    printing_words: list[str]
