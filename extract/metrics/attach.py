"""Assemble a report's metric records from its quantities: activity, status and scope per record,
sub-counts linked to their totals, headline repeats dropped."""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Container

from extract.metrics.activity import FALLBACK_RULE, ActivityRules, Counted, item_span
from extract.metrics.activitymodel import ActivityModel
from extract.metrics.lexicon import Lexicon, load_lexicon
from extract.metrics.objects import rate_object
from extract.metrics.reportfields import ReportFields, load_report_fields
from extract.metrics.scope import ScopeRules, load_scope_rules
from extract.metrics.status import StatusRules, load_status_rules
from extract.numbers import (
    AmbiguityFilters,
    NumberPatterns,
    load_ambiguity_filters,
    load_number_patterns,
    parse_quantities,
)
from extract.text import Segmenter, Shadow, Span, clauses, line_bounds, load_segmenter, sentences
from extract.yamlfile import PATTERNS_DIR
from schemas.labels import Activity, DocType, Qualifier, Status, UnitClass
from schemas.quantity import Quantity
from schemas.records import MetricRecord, Report

# Lines that open like this summarise the body, so a figure they repeat is the body's.
HEADLINE_OPENERS = ("摘要", "导语", "提要", "内容提要", "【摘要】", "【导语】", "【提要】", "【内容提要】")
# A line this short with no sentence end reads as a heading.
HEADLINE_MAX_CHARS = 40
# How many earlier records a 其中 sub-count searches for a total in its own unit.
TOTAL_LOOKBACK = 6
# A news lead repeats body figures rounded (26.5億餘元 for 26億5486萬餘元): how far apart they may be.
LEAD_ROUNDING = 0.01
# Counts below this in a lead and a body are too common to be one figure told twice.
LEAD_MIN_VALUE = 10


class SentenceBoundaries:
    """Word boundaries of one sentence, in report offsets, segmented only when first asked.

    jieba cuts every run of text at punctuation on its own, so a sentence's words are the whole
    text's words there; segmenting sentence by sentence, and only sentences with a quantity, keeps
    memory flat and skips most of the segmentation of a large document.
    """

    def __init__(self, segmenter: Segmenter, sentence: Span) -> None:
        self._segmenter = segmenter
        self._sentence = sentence
        self._offsets: set[int] | None = None

    def __contains__(self, offset: object) -> bool:
        if self._offsets is None:
            self._offsets = self._segmenter.boundaries(self._sentence.text, self._sentence.start)
        return offset in self._offsets


@dataclass(frozen=True)
class Attacher:
    """Builds metric records and report-level fields from compiled lexicons and cues."""

    numbers: NumberPatterns
    filters: AmbiguityFilters
    lexicon: Lexicon
    segmenter: Segmenter
    fields: ReportFields
    activities: ActivityRules
    status: StatusRules
    scope: ScopeRules
    # A learned second opinion on activity, added by load_pipeline (None: the rules decide alone).
    model: ActivityModel | None = None

    def fill(self, report: Report, shadow: Shadow) -> Report:
        """Return the report with its metric records and report-level fields filled."""
        text = shadow.text
        records: list[MetricRecord] = []
        case_spans: list[tuple[int, int]] = []
        spans = sentences(text)
        may_start = self.numbers.may_start.search
        # Whether a paragraph opens as a case story, asked once per paragraph, not once per sentence:
        # sentences come in text order, so a new paragraph starts only past the last one's line break.
        next_break, in_case = None, False
        for sentence in spans:
            before = len(records)
            # No character that can start a number: no clause of the sentence holds a quantity.
            if may_start(text, sentence.start, sentence.end) is not None:
                self._sentence_records(report, shadow, sentence, SentenceBoundaries(self.segmenter, sentence), records)
            if next_break is None or 0 <= next_break < sentence.start:
                next_break = text.find("\n", sentence.start)
                in_case = self.status.in_case_paragraph(text, sentence.start)
            if in_case or (len(records) > before and any(
                    record.status == Status.case_detail for record in records[before:])):
                case_spans.append((sentence.start, sentence.end))
        records = _drop_headline_repeats(report.text, records, report.doc_type == DocType.news)
        if self.model is not None:
            records = self.model.relabel(report.text, records)
        update = self.fields.describe(report, shadow, self.lexicon, self.scope, records, case_spans, spans)
        return report.model_copy(update={**update, "records": records})

    def _sentence_records(self, report: Report, shadow: Shadow, sentence: Span, boundaries: Container[int],
                          records: list[MetricRecord]) -> None:
        text = shadow.text
        sub_count_at = self.status.sub_count_starts(text, sentence)
        total_index = len(records) - 1 if records else None
        sentence_first = len(records)
        previous: Span | None = None
        for clause in clauses(text, sentence):
            for quantity in parse_quantities(clause.text, self.numbers):
                start, end = clause.start + quantity.start, clause.start + quantity.end
                if self.filters.rejects(text, start, end):
                    continue
                counted = self.activities.counted(text, clause, quantity, start, end, boundaries, previous)
                if counted.rule == FALLBACK_RULE and counted.unit_class == UnitClass.money:
                    counted = self._money_referring_back(counted, records[sentence_first:])
                elif counted.rule == FALLBACK_RULE and self.lexicon.compared.search(text, clause.start, start):
                    counted = self._compared(counted, quantity, records[sentence_first:])
                record = self._record(report, shadow, sentence, clause, quantity, start, end, counted, previous)
                if sub_count_at and start > sub_count_at[0] and total_index is not None:
                    total = _total_for(record, records, total_index)
                    record = record.model_copy(update={"part_of": total, **_inherited(record, records[total], counted.yields)})
                elif not sub_count_at or start < sub_count_at[0]:
                    total_index = len(records)
                records.append(record)
            previous = clause

    def _money_referring_back(self, counted: Counted, earlier: list[MetricRecord]) -> Counted:
        """A sum with no verb of its own takes the activity of the sentence's last count it can
        follow (成功拦阻103件，金额突破1亿4490万元 is intercepted money)."""
        for record in reversed(earlier):
            if record.activity in self.lexicon.money_refers_back:
                return replace(counted, activity=record.activity, rule=f"refers_back:{record.rule}")
        return counted

    def _compared(self, counted: Counted, quantity: Quantity, earlier: list[MetricRecord]) -> Counted:
        """A count compared with another period (較去年同期減少731件, 較去年同期(490件)) counts what the
        sentence's last count in its unit counts."""
        for record in reversed(earlier):
            if record.unit == quantity.unit and record.part_of is None:
                return replace(counted, activity=record.activity, unit_class=record.unit_class, rule=f"compared:{record.rule}")
        return counted

    def _record(self, report: Report, shadow: Shadow, sentence: Span, clause: Span, quantity: Quantity,
                start: int, end: int, counted: Counted, previous: Span | None = None) -> MetricRecord:
        text = shadow.text
        status = self.status.status(report.doc_type, text, sentence, clause, start,
                                    money=counted.unit_class == UnitClass.money, activity=counted.activity,
                                    unit=quantity.unit)
        written_start, written_end = shadow.to_written(start, end)
        item = item_span(text, clause, start, end)
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
            qualifier=self.status.qualifier(text, clause, quantity, start),
            unit=quantity.unit,
            unit_class=counted.unit_class,
            masked=quantity.masked,
            activity=counted.activity,
            object=rate_object(self.lexicon, text, clause, quantity, start) or (
                counted.object.name if counted.object else None),
            channels=self.scope.channels(text, clause, status, counted.activity,
                                         counted.object.name if counted.object else None, item, previous),
            audiences=self.scope.audiences(text, clause, counted.activity, item, end),
            status=status,
            period=self.status.period(text, sentence, start),
            rule=counted.rule,
        )

def _total_for(record: MetricRecord, records: list[MetricRecord], last: int) -> int:
    """The total a 其中 sub-count belongs to: the nearest earlier count in the same unit, else the last."""
    for index in range(last, max(-1, last - TOTAL_LOOKBACK), -1):
        if records[index].unit == record.unit and records[index].part_of is None:
            return index
    return last


def _inherited(record: MetricRecord, total: MetricRecord, yields: bool) -> dict:
    """A sub-count with no trigger of its own counts what its total counts (其中进校园500份)."""
    if record.activity != Activity.other and not yields:
        return {}
    return {"activity": total.activity, "object": record.object or total.object, "rule": f"part_of:{total.rule}"}


def _drop_headline_repeats(text: str, records: list[MetricRecord], news: bool = False) -> list[MetricRecord]:
    """Drop a record of a heading line whose figure the body repeats (SPEC: one record, the body's)."""

    def on_headline(record: MetricRecord) -> bool:
        begin, end = line_bounds(text, record.start)
        # Only the opening of a long line matters: never copy a whole flattened page per record.
        return _headline(text[begin:end]) if end - begin <= HEADLINE_MAX_CHARS else text.startswith(HEADLINE_OPENERS, begin)

    headline = [on_headline(record) for record in records]
    body = {(record.value, record.unit) for record, heading in zip(records, headline) if not heading}
    kept = [record for record, heading in zip(records, headline) if not (heading and (record.value, record.unit) in body)]
    return _drop_lead_repeats(text, kept, news)


def _drop_lead_repeats(text: str, records: list[MetricRecord], news: bool = False) -> list[MetricRecord]:
    """Drop a record of a news lead (the opening paragraph) whose figure a later paragraph gives more
    precisely (lead 攔阻獎金逾198萬元, body 核發攔阻獎金198萬7000元) or, in a news report, tells again
    for the same work (lead 成功攔阻詐騙案共2525件, body 攔阻詐騙案2525件): SPEC, one record, the body's."""
    if not records:
        return records
    lead_end = line_bounds(text, records[0].start)[1]
    lead = [record for record in records if record.start < lead_end]
    body = [record for record in records if record.start >= lead_end]
    if not body or len(lead) == len(records):
        return records
    repeated = [record for record in lead
                if any(_same_figure(record, later) or (news and _told_again(record, later)) for later in body)]
    return [record for record in records if record not in repeated]


def _same_figure(lead: MetricRecord, body: MetricRecord) -> bool:
    """Whether a body record gives the lead's figure more precisely: same unit, and a rounded lead value
    (余, 逾, 约) the body's lies near; small counts (1次, 2场) repeat by chance."""
    if lead.unit != body.unit or lead.value is None or body.value is None or lead.value < LEAD_MIN_VALUE:
        return False
    # An exact repeat may be a figure told twice on purpose (a case story retold, a plan's target restated):
    # only a lead figure rounded from a more precise body figure is surely the same one.
    return (lead.qualifier != Qualifier.exact and body.value != lead.value
            and abs(body.value - lead.value) <= LEAD_ROUNDING * lead.value)


def _told_again(lead: MetricRecord, body: MetricRecord) -> bool:
    """Whether a body record tells the lead's figure again: the same value, unit and work, the object
    worded either way (詐騙案 / 詐騙案件), a total or a target (预计带动…人次 in both). A news lead sums up
    the work the body then tells (81家醫院…演練訪查 in both, C14); in other texts, or in a case story
    (支取存款5万元 … 挽回5万元损失), an exact repeat may be a figure told twice on purpose."""
    return (lead.value is not None and lead.status != Status.case_detail
            and (lead.value, lead.unit, lead.activity) == (body.value, body.unit, body.activity))


def _headline(line: str) -> bool:
    """A heading, or an abstract (摘要, 导语) that repeats the body's figures."""
    return line.startswith(HEADLINE_OPENERS) or (len(line) <= HEADLINE_MAX_CHARS and not any(mark in line for mark in "。；;"))


@lru_cache(maxsize=4)
def load_attacher(directory: Path = PATTERNS_DIR) -> Attacher:
    """Build the Attacher from the lexicons, number patterns and status cues of one directory."""
    lexicon = load_lexicon(directory)
    segmenter = load_segmenter(directory, lexicon.words())
    return Attacher(
        numbers=load_number_patterns(directory),
        filters=load_ambiguity_filters(directory),
        lexicon=lexicon,
        segmenter=segmenter,
        fields=load_report_fields(directory),
        activities=ActivityRules(lexicon, segmenter),
        status=load_status_rules(directory),
        scope=load_scope_rules(lexicon, directory),
    )
