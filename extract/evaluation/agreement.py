"""Agreement between two labellers of the same documents, scored as evaluate scores the extractor."""
from __future__ import annotations

from pathlib import Path

from extract.evaluation.evaluate import Evaluation, evaluate
from extract.evaluation.gold import GoldDocument, load_gold
from schemas.records import MetricRecord, Report

# Fields a labeller's report line shares with an extracted report.
REPORT_FIELDS = ("title", "doc_type", "organization", "region", "date", "activities", "channels", "audiences")


def as_reports(document: GoldDocument) -> list[Report]:
    """A gold document's labels in the shape of extracted reports, so they can be scored as predictions."""
    reports = []
    for gold_report in document.reports:
        report_id = document.report_id(gold_report.report)
        report = Report(doc_id=document.doc_id, report_id=report_id, index=gold_report.report, text="",
                        **{name: getattr(gold_report, name) for name in REPORT_FIELDS})
        for metric in document.metrics:
            if metric.report != gold_report.report or metric.start is None or metric.end is None:
                continue
            fields = metric.model_dump(exclude={"kind", "report", "nth", "doubtful", "why"})
            report.records.append(MetricRecord(doc_id=document.doc_id, report_id=report_id,
                                               rule="doubtful" if metric.doubtful else "sure", **fields))
        reports.append(report)
    return reports


def agreement(first: Path, second: Path) -> Evaluation:
    """Score the second labeller's files against the first's, on the documents both labelled."""
    theirs = load_gold(second)
    ours = {doc_id: document for doc_id, document in load_gold(first).items() if doc_id in theirs}
    return evaluate(ours, [report for document in theirs.values() for report in as_reports(document)])
