"""Report-level fields: organisation, region, date, and the labels a report mentions."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import regex
from pydantic import BaseModel, ConfigDict

from extract.lexicon import Lexicon
from extract.normalise import Shadow
from extract.yamlfile import PATTERNS_DIR, load_model
from schemas.records import MetricRecord, Report


class OrganisationRules(BaseModel):
    """patterns/organisations.yaml: name endings, breaks, region suffixes and the date line."""

    model_config = ConfigDict(extra="forbid")

    organisation_suffixes: list[str]
    name_characters: str
    name_max_chars: int
    name_breaks: list[str]
    region_suffixes: list[str]
    region_max_chars: int
    region_stoplist: list[str]
    date_pattern: str


def _longest_first(words: list[str]) -> str:
    return "|".join(regex.escape(word) for word in sorted(words, key=len, reverse=True))


@dataclass(frozen=True)
class ReportFields:
    """Finds a report's organisation, region and date, and collects its mentioned labels."""

    organisation: regex.Pattern
    region: regex.Pattern
    breaks: regex.Pattern
    stoplist: frozenset[str]
    date: regex.Pattern

    def organisation_of(self, text: str) -> str | None:
        """The first body named in the text, cut at words that cannot be inside a name."""
        for match in self.organisation.finditer(text):
            name = _after_last_break(self.breaks, match.group("name")) + match.group("suffix")
            if len(name) > len(match.group("suffix")) + 1:
                return name
        return None

    def region_of(self, text: str, organisation: str | None) -> str | None:
        """The region named in the organisation's name, else the first one in the text."""
        for source in ([organisation] if organisation else []) + [text]:
            for match in self.region.finditer(source):
                name = _after_last_break(self.breaks, match.group("name")) + match.group("suffix")
                if len(name) >= 2 and name not in self.stoplist and not _masked(name):
                    return name
        return None

    def date_of(self, text: str) -> str | None:
        """A date printed on a line of its own."""
        for line in text.split("\n"):
            if self.date.match(line.strip()):
                return line.strip()
        return None

    def describe(self, report: Report, shadow: Shadow, lexicon: Lexicon, records: list[MetricRecord]) -> dict[str, Any]:
        """The report-level fields of SPEC §2 as a dict for Report.model_copy(update=...)."""
        text = shadow.text
        organisation = self.organisation_of(text)
        activities = {hit.value: None for hit in lexicon.activities.find(text)}
        activities.update({record.activity: None for record in records})
        channels = {label: None for hit in lexicon.channels.find(text) for label in hit.value}
        audiences = {label: None for hit in lexicon.audiences.find(text) for label in hit.value}
        return {
            # Names come from the normalised shadow, so traditional and simplified reports agree.
            "organization": organisation,
            "region": self.region_of(text, organisation),
            "date": self.date_of(report.text),
            "activities": list(activities),
            "channels": list(channels),
            "audiences": list(audiences),
        }


def _after_last_break(breaks: regex.Pattern, name: str) -> str:
    cut = 0
    for match in breaks.finditer(name):
        cut = match.end()
    return name[cut:]


def _masked(name: str) -> bool:
    return bool(regex.match(r"^[xX×*＊]+.?$", name))


@lru_cache(maxsize=4)
def load_report_fields(directory: Path = PATTERNS_DIR) -> ReportFields:
    """Build ReportFields from patterns/organisations.yaml once per directory."""
    rules = load_model(directory / "organisations.yaml", OrganisationRules)
    characters = rules.name_characters
    return ReportFields(
        organisation=regex.compile(
            f"(?P<name>{characters}{{0,{rules.name_max_chars}}}?)(?P<suffix>{_longest_first(rules.organisation_suffixes)})"),
        region=regex.compile(
            f"(?P<name>{characters}{{1,{rules.region_max_chars}}}?)(?P<suffix>{_longest_first(rules.region_suffixes)})"),
        breaks=regex.compile(_longest_first(rules.name_breaks)),
        stoplist=frozenset(rules.region_stoplist),
        date=regex.compile(rules.date_pattern),
    )
