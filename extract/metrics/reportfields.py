"""Report-level fields: organisation, region, date, and the labels a report mentions."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jieba.posseg
import regex
from pydantic import BaseModel, ConfigDict

from extract.metrics.lexicon import Lexicon
from extract.text import Segmenter, Shadow, load_segmenter
from extract.yamlfile import PATTERNS_DIR, load_model
from schemas.records import MetricRecord, Report


class OrganisationRules(BaseModel):
    """patterns/organisations.yaml: name endings, name tokens, region suffixes and the date line."""

    model_config = ConfigDict(extra="forbid")

    organisation_suffixes: list[str]
    name_pos: list[str]
    name_max_tokens: int
    mask_pattern: str
    name_breaks: list[str]
    organisation_stoplist: list[str]
    region_suffixes: list[str]
    region_stoplist: list[str]
    date_pattern: str


# How much of a report's start is tagged to find its organisation and region.
HEAD_CHARS = 2500


@dataclass(frozen=True)
class Word:
    """A segmented word with its part of speech."""

    text: str
    pos: str


class ReportFields:
    """Finds a report's organisation, region and date, and collects its mentioned labels."""

    def __init__(self, rules: OrganisationRules, segmenter: Segmenter) -> None:
        self._rules = rules
        self._tagger = jieba.posseg.POSTokenizer(segmenter.tokenizer)
        self._suffixes = tuple(sorted(rules.organisation_suffixes, key=len, reverse=True))
        self._regions = tuple(rules.region_suffixes)
        self._mask = regex.compile(rules.mask_pattern)
        self._breaks = frozenset(rules.name_breaks)
        self._stoplist = frozenset(rules.region_stoplist)
        self._not_reporters = frozenset(rules.organisation_stoplist)
        self._date = regex.compile(rules.date_pattern)

    def _words(self, text: str) -> list[Word]:
        return [Word(word, flag) for word, flag in self._tagger.cut(text)]

    def _is_name_part(self, word: Word) -> bool:
        if word.text in self._breaks:
            return False
        return word.pos in self._rules.name_pos or bool(self._mask.match(word.text)) \
            or word.text.endswith(self._suffixes) or (word.text.endswith(self._regions) and word.pos.startswith("n"))

    def organisation_of(self, words: list[Word]) -> str | None:
        """The first body named with a proper name before its ending (新城派出所, xx县公安局网安大队)."""
        for index, word in enumerate(words):
            if not word.text.endswith(self._suffixes):
                continue
            start = index
            while start > 0 and index - start < self._rules.name_max_tokens and self._is_name_part(words[start - 1]):
                start -= 1
            name = "".join(item.text for item in words[start:self._extend(words, index + 1)])
            if (start < index or self._has_own_name(word.text)) and name not in self._not_reporters:
                return name
        return None

    def _has_own_name(self, word: str) -> bool:
        """True when a word is more than a bare ending (县公安局, not 公安局)."""
        return any(word.endswith(suffix) and len(word) > len(suffix) for suffix in self._suffixes)

    def _extend(self, words: list[Word], end: int) -> int:
        """Swallow a unit named inside the body: 公安局 + 网安 + 大队, 公安局 + 新城 + 派出所."""
        while end < len(words):
            if len(words[end].text) <= 3 and words[end].text.endswith(self._suffixes):
                end += 1
            elif end + 1 < len(words) and len(words[end].text) <= 2 and words[end].pos.startswith("n") \
                    and words[end + 1].text.endswith(self._suffixes):
                end += 2
            else:
                break
        return end

    def region_of(self, words: list[Word], organisation: str | None) -> str | None:
        """The region in the organisation's name, else the first place name with an administrative suffix."""
        if organisation:
            # Inside a body's name any place name is its region (六安分公司 → 六安).
            found = self._first_region(self._words(organisation), suffix_required=False)
            if found:
                return found
        return self._first_region(words, suffix_required=True)

    def _first_region(self, words: list[Word], suffix_required: bool) -> str | None:
        for index, word in enumerate(words):
            following = words[index + 1].text if index + 1 < len(words) else ""
            if word.pos in ("ns", "nr") and following in self._regions:
                candidate = word.text + following  # 东乡 + 区, 霍林郭勒 + 市
            elif word.pos == "ns" and (word.text.endswith(self._regions) or not suffix_required):
                candidate = word.text
            else:
                continue
            if len(candidate) >= 2 and candidate not in self._stoplist and not self._mask.match(candidate[:-1]):
                # A county inside its city is named whole: 驻马店市 + 驿城区.
                for item in words[index + 1 + (candidate != word.text):]:
                    if item.pos != "ns" or not item.text.endswith(self._regions):
                        break
                    candidate += item.text
                return candidate
        return None

    def date_of(self, text: str) -> str | None:
        """A date printed on a line of its own."""
        for line in text.split("\n"):
            if self._date.match(line.strip()):
                return line.strip()
        return None

    def describe(self, report: Report, shadow: Shadow, lexicon: Lexicon, records: list[MetricRecord],
                 case_spans: list[tuple[int, int]] = ()) -> dict[str, Any]:
        """The report-level fields of SPEC §2 as a dict for Report.model_copy(update=...).

        Channels and activities named inside a case story (case_spans) are the fraudster's, not outreach.
        """
        text = shadow.text

        def outside_cases(hits: list) -> list:
            return [hit for hit in hits if not any(start <= hit.start < end for start, end in case_spans)]

        # Part-of-speech tagging is the slow step: the reporting body is named near the start.
        # The title often names the body (韩城市公安局2022年反诈宣传工作总结).
        words = self._words(f"{report.title or ''}\n{text[:HEAD_CHARS]}")
        organisation = self.organisation_of(words)
        # Non-outreach work (tips, enforcement …) is named in passing everywhere; it counts for the
        # report only when a record counts it.
        activities = {hit.value: None for hit in outside_cases(lexicon.activities.find(text))
                      if hit.value not in lexicon.audience_free_activities}
        activities.update({record.activity: None for record in records})
        channels = {label: None for hit in outside_cases(lexicon.channels.find(text)) for label in hit.value}
        audiences = {label: None for hit in lexicon.audiences.find(text) for label in hit.value}
        return {
            # Names come from the normalised shadow, so traditional and simplified reports agree.
            "organization": organisation,
            "region": self.region_of(words, organisation),
            "date": self.date_of(report.text),
            "activities": list(activities),
            "channels": list(channels),
            "audiences": list(audiences),
        }


def load_report_fields(directory: Path = PATTERNS_DIR, segmenter: Segmenter | None = None) -> ReportFields:
    """Build ReportFields from patterns/organisations.yaml, tagging with the given segmenter's words."""
    return ReportFields(load_model(directory / "organisations.yaml", OrganisationRules),
                        segmenter or load_segmenter(directory))
