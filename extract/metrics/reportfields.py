"""Report-level fields: date and year, and the labels a report mentions (the body and region: extract/regions)."""
from __future__ import annotations

from bisect import bisect_right
from pathlib import Path
from typing import Any

from extract.metrics.dates import iso_date, work_year
from extract.metrics.lexicon import Lexicon
from extract.metrics.organisation import OrganisationRules, load_organisation_rules
from extract.metrics.scope import ScopeRules
from extract.text import Shadow, Span, sentences
from extract.text.engine import compile_pattern
from extract.yamlfile import PATTERNS_DIR
from schemas.records import MetricRecord, Report


class ReportFields:
    """Finds a report's date and year, and collects its mentioned labels."""

    def __init__(self, rules: OrganisationRules) -> None:
        self._date = compile_pattern(rules.date_pattern)

    def date_of(self, text: str) -> str | None:
        """A date printed on a line of its own, as written."""
        for line in text.split("\n"):
            if self._date.match(line.strip()):
                return line.strip()
        return None

    def describe(self, report: Report, shadow: Shadow, lexicon: Lexicon, scope: ScopeRules, records: list[MetricRecord],
                 case_spans: list[tuple[int, int]] = (), spans: list[Span] | None = None) -> dict[str, Any]:
        """The report-level fields of SPEC §2 as a dict for Report.model_copy(update=...).

        Channels, activities and people named inside a case story (case_spans) are the fraudster's and the
        victim's, not the outreach's.
        spans are the shadow's sentences when the caller has them already.
        """
        text = shadow.text
        # Case spans are sentences in text order: bisect instead of testing every span for every hit.
        case_starts = [start for start, _ in case_spans]

        def in_case(position: int) -> bool:
            index = bisect_right(case_starts, position) - 1
            return index >= 0 and position < case_spans[index][1]

        def outside_cases(hits: list) -> list:
            return [hit for hit in hits if not in_case(hit.start)]

        written_date = self.date_of(report.text)
        date = iso_date(written_date) if written_date else None
        year = int(date[:4]) if date else work_year(text)
        # Non-outreach work (tips, enforcement …) is named in passing everywhere; it counts for the
        # report only when a record counts it.
        hits = outside_cases(lexicon.activities.find(text))
        # A path verb (深入社区, 走进校园) named alone is no visit, but it is work done face to face.
        activities = {hit.value: None for hit in hits
                      if hit.value not in lexicon.counted_only_activities and hit.word not in lexicon.path_verbs}
        # Things that only one kind of work puts out (展板, 横幅, 宣传单) name that work, counted or not,
        # and so do mention words (讲解).
        activities.update({hit.value: None for hit in outside_cases(lexicon.mentions.find(text))})
        activities.update({record.activity: None for record in records})
        channel_hits, audience_hits = scope.report_hits(text, sentences(text) if spans is None else spans)
        channels = {label: None for hit in outside_cases(channel_hits) for label in hit.value}
        channels.update(dict.fromkeys(scope.implied_by_work([*activities, *(hit.value for hit in hits
                                                                            if hit.word in lexicon.path_verbs)])))
        audiences = {label: None for hit in outside_cases(audience_hits) for label in hit.value}
        return {
            "date": date,
            "year": year,
            "activities": list(activities),
            "channels": list(channels),
            "audiences": list(audiences),
        }


def load_report_fields(directory: Path = PATTERNS_DIR) -> ReportFields:
    """Build ReportFields from patterns/organisations.yaml."""
    return ReportFields(load_organisation_rules(directory))
