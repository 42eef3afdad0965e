"""The schema of one patterns/lexicon/*.yaml file: activity triggers, objects, people's roles, labels."""
from __future__ import annotations

import regex
from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, field_validator, model_validator

from schemas.labels import Activity, Channel, UnitClass


class ActivityEntry(BaseModel):
    """Trigger words of one activity label."""

    model_config = ConfigDict(extra="forbid")

    label: Activity
    words: list[str] = Field(default_factory=list)
    patterns: list[str] = Field(default_factory=list)
    defer_to_object: list[Activity] = Field(default_factory=list)
    deferred_activity: Activity | None = None
    yields_to_total: bool = False


class ObjectEntry(BaseModel):
    """A counted thing: its normal form, surface words, implied activity and unit class."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str
    words: tuple[str, ...]
    activity: Activity | None = None
    unit_class: UnitClass | None = None
    hint_only: bool = False


class PeopleRoles(BaseModel):
    """The role of counted people: reached by the outreach, trained by it, or doing the work."""

    model_config = ConfigDict(extra="forbid")

    reached_under: list[Activity] = Field(default_factory=list)
    trained_by: list[str] = Field(default_factory=list)
    doers: list[str] = Field(default_factory=list)
    doer_window: int = 4
    mobilisers: list[str] = Field(default_factory=list)
    people_only_units: list[str] = Field(default_factory=list)
    work_done_by_subject: list[Activity] = Field(default_factory=list)
    recipient_markers: list[str] = Field(default_factory=list)
    outreach_context: list[str] = Field(default_factory=list)
    joined_by_audience: list[Activity] = Field(default_factory=list)
    trainees: list[str] = Field(default_factory=list)
    sat_in: list[Activity] = Field(default_factory=list)
    viewing: list[str] = Field(default_factory=list)
    workforce: list[str] = Field(default_factory=list)
    online: list[str] = Field(default_factory=list)
    reached_after: str | None = None
    teaching_verbs: list[str] = Field(default_factory=list)


class AfterCount(BaseModel):
    """Words right after a count that say what it counts (…辆出租车的顶灯LED屏 carry a display)."""

    model_config = ConfigDict(extra="forbid")

    pattern: str
    activity: Activity
    _compiled: regex.Pattern = PrivateAttr()

    @model_validator(mode="after")
    def _compiled_once(self) -> "AfterCount":
        try:
            self._compiled = regex.compile(self.pattern)
        except regex.error as error:
            raise ValueError(f"bad pattern: {error}") from error
        return self

    def matches(self, text: str, start: int, end: int) -> bool:
        """Whether the words at text[start:end] say so."""
        return self._compiled.match(text, start, end) is not None


class UnitClassOverride(BaseModel):
    """A unit class that decides the activity over weaker triggers (households are visited)."""

    model_config = ConfigDict(extra="forbid")

    activity: Activity
    over: list[Activity]
    over_when_named: list[Activity] = Field(default_factory=list)  # only with a trigger of `activity` before
    # activities a count keeps when its item names a firm (检查经营主体116户次: firms checked, SPEC §7)
    kept_for_firms: list[Activity] = Field(default_factory=list)
    firms: list[str] = Field(default_factory=list)
    # what the count is when words right after it say what it counts, whatever the clause's verb
    followed_by: AfterCount | None = None


class InstalledDevices(BaseModel):
    """Devices (住警器, 烟感) whose installing is no app promotion, and the app words that make it one."""

    model_config = ConfigDict(extra="forbid")

    devices: list[str] = Field(default_factory=list)
    apps: list[str] = Field(default_factory=list)
    window: int = 0  # how far before the verb a device or app is looked for


class LabelEntry(BaseModel):
    """Surface words of a channel or audience label (a list of labels expands a shorthand)."""

    model_config = ConfigDict(extra="forbid")

    label: list[str]
    words: list[str]

    @field_validator("label", mode="before")
    @classmethod
    def _as_list(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value


class LexiconFile(BaseModel):
    """One domain's lexicon file; every section is optional so a domain adds only what it needs."""

    model_config = ConfigDict(extra="forbid")

    activities: list[ActivityEntry] = Field(default_factory=list)
    unit_class_activities: dict[UnitClass, Activity] = Field(default_factory=dict)
    activity_unit_classes: dict[Activity, UnitClass] = Field(default_factory=dict)
    audience_free_activities: list[Activity] = Field(default_factory=list)
    counted_only_activities: list[Activity] = Field(default_factory=list)
    named_by_objects: list[Activity] = Field(default_factory=list)
    mentions: list[ActivityEntry] = Field(default_factory=list)
    channel_free_activities: list[Activity] = Field(default_factory=list)
    money_refers_back: list[Activity] = Field(default_factory=list)
    money_only: list[Activity] = Field(default_factory=list)
    views_only: list[Activity] = Field(default_factory=list)
    governed_nouns: list[str] = Field(default_factory=list)
    implied_channels: dict[Activity, list[Channel]] = Field(default_factory=dict)
    unprinted_objects: list[str] = Field(default_factory=list)
    unit_class_overrides: dict[UnitClass, UnitClassOverride] = Field(default_factory=dict)
    unit_overrides: dict[str, UnitClassOverride] = Field(default_factory=dict)
    unit_activities: dict[str, Activity] = Field(default_factory=dict)
    class_only_units: list[str] = Field(default_factory=list)
    doer_before: list[str] = Field(default_factory=list)
    trigger_prefixes: list[str] = Field(default_factory=list)
    modifier_triggers: str | None = None
    sum_openers: list[str] = Field(default_factory=list)
    joined_words: list[str] = Field(default_factory=list)
    participation: list[str] = Field(default_factory=list)
    object_verbs: list[Activity] = Field(default_factory=list)
    listing_work: list[Activity] = Field(default_factory=list)
    people_counts: list[Activity] = Field(default_factory=list)
    path_verbs: list[str] = Field(default_factory=list)
    convening_verbs: list[str] = Field(default_factory=list)
    light_verbs: str | None = None
    people_roles: PeopleRoles | None = None
    installed_devices: InstalledDevices | None = None
    rate_objects: str | None = None
    survey_shares: str | None = None
    respectively: str | None = None
    coordinators: str | None = None
    compared: str | None = None
    objects: list[ObjectEntry] = Field(default_factory=list)
    channels: list[LabelEntry] = Field(default_factory=list)
    audiences: list[LabelEntry] = Field(default_factory=list)
