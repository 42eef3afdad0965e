"""Turn the quantities of a report into metric records: activity, object, channels, audiences, status."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import regex
from pydantic import BaseModel, ConfigDict

from extract.metrics.lexicon import Hit, Lexicon, ObjectEntry, load_lexicon
from extract.metrics.reportfields import ReportFields, load_report_fields
from extract.numbers import (
    AmbiguityFilters,
    NumberPatterns,
    load_ambiguity_filters,
    load_number_patterns,
    parse_quantities,
)
from extract.text import Segmenter, Shadow, Span, clauses, load_segmenter, sentences
from extract.yamlfile import PATTERNS_DIR, load_model
from schemas.labels import Activity, DocType, Qualifier, Status, UnitClass
from schemas.quantity import Quantity
from schemas.records import MetricRecord, Report

# Words of this length or less must start and end on jieba word boundaries to count as a trigger
# (派出 inside 派出所 is no trigger).
SHORT_WORD = 2
# Lines that open like this summarise the body, so a figure they repeat is the body's.
HEADLINE_OPENERS = ("摘要", "导语", "内容提要", "【摘要】", "【导语】")
# How many earlier records a 其中 sub-count searches for a total in its own unit.
TOTAL_LOOKBACK = 6
# Separators of the items of an enumeration inside one clause.
ITEM_SEPARATORS = "、及和与"


class StatusCues(BaseModel):
    """patterns/status.yaml: cue regexes for status, period and sub-counts."""

    model_config = ConfigDict(extra="forbid")

    aggregate: list[str]
    case_detail: list[str]
    case_paragraph: list[str]
    recurring: list[str]
    recurring_window: int
    planned: list[str]
    period: list[str]
    distant_qualifiers: dict[Qualifier, list[str]]
    qualifier_window: int
    sub_count: list[str]


def _alternation(words: list[str]) -> regex.Pattern:
    return regex.compile("|".join(f"(?:{word})" for word in words))


@dataclass(frozen=True)
class Attacher:
    """Builds metric records and report-level fields from compiled lexicons and cues."""

    numbers: NumberPatterns
    filters: AmbiguityFilters
    lexicon: Lexicon
    segmenter: Segmenter
    fields: ReportFields
    aggregate: regex.Pattern
    case_detail: regex.Pattern
    case_paragraph: regex.Pattern
    recurring: regex.Pattern
    recurring_window: int
    planned: regex.Pattern
    period: regex.Pattern
    distant_qualifiers: tuple[tuple[Qualifier, regex.Pattern], ...]
    qualifier_window: int
    sub_count: regex.Pattern

    def fill(self, report: Report, shadow: Shadow) -> Report:
        """Return the report with its metric records and report-level fields filled."""
        text = shadow.text
        boundaries = self.segmenter.boundaries(text)
        records: list[MetricRecord] = []
        case_spans: list[tuple[int, int]] = []
        for sentence in sentences(text):
            before = len(records)
            self._sentence_records(report, shadow, sentence, boundaries, records)
            if self._in_case_paragraph(text, sentence.start) or any(
                    record.status == Status.case_detail for record in records[before:]):
                case_spans.append((sentence.start, sentence.end))
        records = _drop_headline_repeats(report.text, records)
        update = self.fields.describe(report, shadow, self.lexicon, records, case_spans)
        return report.model_copy(update={**update, "records": records})

    def _sentence_records(self, report: Report, shadow: Shadow, sentence: Span, boundaries: set[int],
                          records: list[MetricRecord]) -> None:
        text = shadow.text
        sub_count_at = [match.end() for match in self.sub_count.finditer(text, sentence.start, sentence.end)]
        total_index = len(records) - 1 if records else None
        for clause in clauses(text, sentence):
            for quantity in parse_quantities(clause.text, self.numbers):
                start, end = clause.start + quantity.start, clause.start + quantity.end
                if self.filters.rejects(text, start, end):
                    continue
                record = self._record(report, shadow, sentence, clause, quantity, start, end, boundaries)
                if sub_count_at and start > sub_count_at[0] and total_index is not None:
                    total = _total_for(record, records, total_index)
                    record = record.model_copy(update={"part_of": total, **_inherited(record, records[total])})
                elif not sub_count_at or start < sub_count_at[0]:
                    total_index = len(records)
                records.append(record)

    def _record(self, report: Report, shadow: Shadow, sentence: Span, clause: Span, quantity: Quantity,
                start: int, end: int, boundaries: set[int]) -> MetricRecord:
        text = shadow.text
        item_start = _item_start(text, clause.start, start)
        activity_hit = self._activity(text, clause, item_start, start, end, boundaries)
        found = self._object(text, item_start, start, end, clause.end)
        object_entry = found if found and not found.hint_only else None
        activity = self._activity_of(quantity, activity_hit, object_entry)
        unit_class = self._unit_class(quantity, object_entry, found, activity)
        status = self._status(report, text, sentence, clause, start)
        # Channels inside a scam's story are the fraudster's, not outreach channels (SPEC §4).
        channels = [] if status == Status.case_detail else _labels(self.lexicon.channels.find(text, clause.start, clause.end))
        audiences = [] if activity in self.lexicon.audience_free_activities else _labels(
            [hit for hit in self.lexicon.audiences.find(text, clause.start, clause.end)
             if not text[max(clause.start, hit.start - 4):hit.start].endswith(self.lexicon.doer_before)])
        written_start, written_end = shadow.to_written(start, end)
        evidence_start, evidence_end = shadow.to_written(clause.start, clause.end)
        return MetricRecord(
            doc_id=report.doc_id,
            report_id=report.report_id,
            start=written_start,
            end=written_end,
            evidence=report.text[evidence_start:evidence_end].strip(),
            raw=report.text[written_start:written_end],
            value=quantity.value,
            value_max=quantity.value_max,
            qualifier=self._qualifier(text, clause, quantity, start),
            unit=quantity.unit,
            unit_class=unit_class,
            masked=quantity.masked,
            activity=activity,
            object=self._rate_object(text, clause, quantity, start) or (object_entry.name if object_entry else None),
            channels=channels,
            audiences=audiences,
            status=status,
            period=self._period(text, sentence, start),
            rule=f"activity:{activity_hit.word}" if activity_hit else (
                f"object:{object_entry.name}" if object_entry else "quantity"),
        )

    def _activity_of(self, quantity: Quantity, hit: Hit[Activity] | None, object_entry: ObjectEntry | None) -> Activity:
        """The trigger's activity, the object's when the trigger defers to it, else a default."""
        activity = hit.value if hit else (object_entry.activity if object_entry else None)
        deferral = self.lexicon.defers.get(hit.word) if hit else None
        if deferral and object_entry and object_entry.activity in deferral[0]:
            activity = deferral[1] or object_entry.activity
        if quantity.unit_class == UnitClass.rate:
            return Activity.rate
        if activity is None and quantity.unit_class is not None:
            activity = self.lexicon.unit_class_activities.get(quantity.unit_class)
        return activity or Activity.other

    def _unit_class(self, quantity: Quantity, object_entry: ObjectEntry | None, found: ObjectEntry | None,
                    activity: Activity) -> UnitClass:
        """A named object's class beats a measure word's (横幅30条 counts items, not messages),
        except for money and rates; hint-only nouns come after the activity's own class."""
        fixed = quantity.unit_class in (UnitClass.money, UnitClass.rate)
        if object_entry is not None and object_entry.unit_class is not None and not fixed:
            return object_entry.unit_class
        return quantity.unit_class or self.lexicon.activity_unit_classes.get(activity) \
            or (found.unit_class if found else None) or UnitClass.other

    def _activity(self, text: str, clause: Span, item_start: int, start: int, end: int,
                  boundaries: set[int]) -> Hit[Activity] | None:
        """The trigger nearest before the quantity in its clause, else the nearest after it."""
        objects = self.lexicon.objects.find(text, clause.start, clause.end)
        # A trigger inside an object's name (禁毒宣传 in 禁毒宣传资料) is part of the object, not a verb.
        hits = [hit for hit in self.lexicon.activities.find(text, clause.start, clause.end)
                if (len(hit.word) > SHORT_WORD or (hit.start in boundaries and hit.end in boundaries))
                and not any(item.start <= hit.start and hit.end <= item.end and item.word != hit.word
                            and item.value.activity != hit.value for item in objects)]
        before = [hit for hit in hits if hit.end <= start]
        own_item = [hit for hit in before if hit.start >= item_start]
        if own_item:
            return own_item[-1]
        after = [hit for hit in hits if hit.start >= end]
        if after and not _item_break(text, end, after[0].start):
            return after[0]
        if before:
            return before[-1]
        return after[0] if after else None

    def _object(self, text: str, item_start: int, start: int, end: int, clause_end: int) -> ObjectEntry | None:
        """The counted thing named in the quantity's own item: before it, else right after it.

        Hint-only nouns (群众, 单位) are returned only when no named object is found.
        """
        before = [hit.value for hit in self.lexicon.objects.find(text, item_start, start)][::-1]
        after = self.lexicon.objects.find(text, end, clause_end)
        nearby = before + ([after[0].value] if after and not _item_break(text, end, after[0].start) else [])
        named = [entry for entry in nearby if not entry.hint_only]
        return (named or nearby or [None])[0]

    def _rate_object(self, text: str, clause: Span, quantity: Quantity, start: int) -> str | None:
        """What a percentage measures, named right before it (知晓率达到90% → 知晓率); it beats other objects."""
        if quantity.unit_class != UnitClass.rate or self.lexicon.rate_objects is None:
            return None
        match = self.lexicon.rate_objects.search(text, clause.start, start)
        return match.group("object") if match else None

    def _qualifier(self, text: str, clause: Span, quantity: Quantity, start: int) -> Qualifier:
        """The number's own qualifier, else one standing before the clause's verb (至少张挂一幅)."""
        if quantity.qualifier != Qualifier.exact:
            return quantity.qualifier
        window = text[max(clause.start, start - self.qualifier_window):start]
        for qualifier, pattern in self.distant_qualifiers:
            if pattern.search(window):
                return qualifier
        return quantity.qualifier

    def _status(self, report: Report, text: str, sentence: Span, clause: Span, start: int) -> Status:
        window = text[max(clause.start, start - self.recurring_window):start]
        if self.recurring.search(window):
            return Status.recurring
        if self.aggregate.search(text, clause.start, clause.end) is None and (
                self.case_detail.search(text, clause.start, clause.end) or self._in_case_paragraph(text, start)):
            return Status.case_detail
        if report.doc_type == DocType.plan or self.planned.search(text, clause.start, start):
            return Status.planned
        return Status.achieved

    def _in_case_paragraph(self, text: str, start: int) -> bool:
        paragraph_start = text.rfind("\n", 0, start) + 1
        return bool(self.case_paragraph.match(text, paragraph_start))

    def _period(self, text: str, sentence: Span, start: int) -> str | None:
        found = [match.group() for match in self.period.finditer(text, sentence.start, start)]
        return found[-1] if found else None


def _total_for(record: MetricRecord, records: list[MetricRecord], last: int) -> int:
    """The total a 其中 sub-count belongs to: the nearest earlier count in the same unit, else the last."""
    for index in range(last, max(-1, last - TOTAL_LOOKBACK), -1):
        if records[index].unit == record.unit and records[index].part_of is None:
            return index
    return last


def _inherited(record: MetricRecord, total: MetricRecord) -> dict:
    """A sub-count with no trigger of its own counts what its total counts (其中进校园500份)."""
    if record.activity != Activity.other:
        return {}
    return {"activity": total.activity, "object": record.object or total.object, "rule": f"part_of:{total.rule}"}


def _item_start(text: str, clause_start: int, start: int) -> int:
    """Where the enumeration item holding `start` begins (after the last 、 before it)."""
    position = start
    while position > clause_start and text[position - 1] not in ITEM_SEPARATORS:
        position -= 1
    return position


def _item_break(text: str, begin: int, end: int) -> bool:
    return any(char in ITEM_SEPARATORS for char in text[begin:end])


def _labels(hits: list[Hit]) -> list:
    seen: dict = {}
    for hit in hits:
        for label in hit.value:
            seen.setdefault(label, None)
    return list(seen)


def _drop_headline_repeats(text: str, records: list[MetricRecord]) -> list[MetricRecord]:
    """Drop a record of a heading line whose figure the body repeats (SPEC: one record, the body's)."""
    lines_start = [0] + [index + 1 for index, char in enumerate(text) if char == "\n"]

    def line_of(record: MetricRecord) -> str:
        begin = max(start for start in lines_start if start <= record.start)
        end = text.find("\n", begin)
        return text[begin:end if end >= 0 else len(text)]

    body = {(record.value, record.unit) for record in records if not _headline(line_of(record))}
    return [record for record in records
            if not (_headline(line_of(record)) and (record.value, record.unit) in body)]


def _headline(line: str) -> bool:
    """A heading, or an abstract (摘要, 导语) that repeats the body's figures."""
    return line.startswith(HEADLINE_OPENERS) or (len(line) <= 40 and not any(mark in line for mark in "。；;"))


@lru_cache(maxsize=4)
def load_attacher(directory: Path = PATTERNS_DIR) -> Attacher:
    """Build the Attacher from the lexicons, number patterns and status cues of one directory."""
    cues = load_model(directory / "status.yaml", StatusCues)
    lexicon = load_lexicon(directory)
    segmenter = load_segmenter(directory, lexicon.words())
    return Attacher(
        numbers=load_number_patterns(directory),
        filters=load_ambiguity_filters(directory),
        lexicon=lexicon,
        segmenter=segmenter,
        fields=load_report_fields(directory),
        aggregate=_alternation(cues.aggregate),
        case_detail=_alternation(cues.case_detail),
        case_paragraph=regex.compile("|".join(cues.case_paragraph)),
        recurring=_alternation(cues.recurring),
        recurring_window=cues.recurring_window,
        planned=_alternation(cues.planned),
        period=_alternation(cues.period),
        distant_qualifiers=tuple((qualifier, _alternation(words)) for qualifier, words in cues.distant_qualifiers.items()),
        qualifier_window=cues.qualifier_window,
        sub_count=_alternation(cues.sub_count),
    )
