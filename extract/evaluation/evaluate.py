"""Score predicted records and reports against the gold corpus: per-field precision, recall, F1."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Callable, Iterator

from extract.evaluation.gold import GoldDocument, GoldMetric, GoldReport
from schemas.records import MetricRecord, Report

# Fields compared on matched records, with how a gold and a predicted value are compared.
RECORD_FIELDS: dict[str, Callable[[Any, Any], bool]] = {
    "value": lambda gold, pred: (gold is None and pred is None) or (
        gold is not None and pred is not None and abs(float(gold) - float(pred)) < 1e-6),
    "value_max": lambda gold, pred: (gold is None and pred is None) or (
        gold is not None and pred is not None and abs(float(gold) - float(pred)) < 1e-6),
    "qualifier": lambda gold, pred: gold == pred,
    "unit": lambda gold, pred: gold == pred,
    "activity": lambda gold, pred: gold == pred,
    "object": lambda gold, pred: gold == pred,
    "status": lambda gold, pred: gold == pred,
    "channels": lambda gold, pred: set(gold) == set(pred),
    "audiences": lambda gold, pred: set(gold) == set(pred),
}
# Record fields holding label sets, also scored label by label (micro P/R/F1 over matched records).
RECORD_SET_FIELDS = ("channels", "audiences")
REPORT_STRING_FIELDS = ("organization", "region")
REPORT_SET_FIELDS = ("activities", "channels", "audiences")


@dataclass
class Score:
    """Counts of true positives, false positives and false negatives."""

    true_positive: int = 0
    false_positive: int = 0
    false_negative: int = 0

    @property
    def precision(self) -> float:
        """Share of predictions that are right."""
        predicted = self.true_positive + self.false_positive
        return self.true_positive / predicted if predicted else 1.0

    @property
    def recall(self) -> float:
        """Share of gold items found."""
        expected = self.true_positive + self.false_negative
        return self.true_positive / expected if expected else 1.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def as_dict(self) -> dict[str, float | int]:
        """Precision, recall, F1 and the counts behind them."""
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "tp": self.true_positive, "fp": self.false_positive, "fn": self.false_negative}


@dataclass
class Mismatch:
    """A false positive or false negative, with where it is and why, for --errors."""

    kind: str
    report_id: str
    raw: str
    evidence: str
    detail: str = ""
    doubtful: bool = False


@dataclass
class Evaluation:
    """Everything evaluate prints: detection, field accuracy, report fields and the errors."""

    reports: int = 0
    quantity: Score = field(default_factory=Score)
    doubtful: Score = field(default_factory=Score)
    field_hits: Counter = field(default_factory=Counter)
    matched: int = 0
    label_scores: dict[str, Score] = field(default_factory=lambda: {name: Score() for name in RECORD_SET_FIELDS})
    report_scores: dict[str, Score] = field(default_factory=dict)
    doc_type_hits: int = 0
    errors: list[Mismatch] = field(default_factory=list)
    field_errors: list[Mismatch] = field(default_factory=list)

    def fields(self) -> dict[str, float]:
        """Accuracy of each record field over matched records."""
        return {name: round(self.field_hits[name] / self.matched, 4) if self.matched else 0.0 for name in RECORD_FIELDS}

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of `evaluate --json`."""
        report_fields = {name: score.as_dict() for name, score in self.report_scores.items()}
        report_fields["doc_type"] = {"accuracy": round(self.doc_type_hits / self.reports, 4) if self.reports else 0.0}
        return {"reports": self.reports, "quantity": self.quantity.as_dict(), "doubtful": self.doubtful.as_dict(),
                "matched": self.matched, "fields": self.fields(),
                "label_sets": {name: score.as_dict() for name, score in self.label_scores.items()},
                "report_fields": report_fields}


def shown(value: Any) -> str:
    """A field value as a person reads it: label values, not enum reprs; lists in brackets."""
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, (list, tuple, set)):
        return "[" + ", ".join(shown(item) for item in value) + "]"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "none" if value is None else str(value)


def _overlap(gold: GoldMetric, pred: MetricRecord) -> int:
    return max(0, min(gold.end or 0, pred.end) - max(gold.start or 0, pred.start))


def match_records(gold: list[GoldMetric], predicted: list[MetricRecord]) -> list[tuple[GoldMetric | None, MetricRecord | None]]:
    """Pair gold and predicted records of one report by greatest span overlap, one to one."""
    pairs = sorted(((_overlap(item, pred), gold_index, pred_index)
                    for gold_index, item in enumerate(gold) for pred_index, pred in enumerate(predicted)
                    if _overlap(item, pred) > 0), reverse=True)
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    matched: list[tuple[GoldMetric | None, MetricRecord | None]] = []
    for _, gold_index, pred_index in pairs:
        if gold_index not in used_gold and pred_index not in used_pred:
            used_gold.add(gold_index)
            used_pred.add(pred_index)
            matched.append((gold[gold_index], predicted[pred_index]))
    matched += [(item, None) for index, item in enumerate(gold) if index not in used_gold]
    matched += [(None, pred) for index, pred in enumerate(predicted) if index not in used_pred]
    return matched


def _score_report_fields(evaluation: Evaluation, gold: GoldReport, pred: Report | None) -> None:
    for name in REPORT_STRING_FIELDS:
        score = evaluation.report_scores.setdefault(name, Score())
        expected, found = getattr(gold, name), getattr(pred, name) if pred else None
        if expected and found and expected == found:
            score.true_positive += 1
        else:
            score.false_negative += bool(expected)
            score.false_positive += bool(found)
    for name in REPORT_SET_FIELDS:
        score = evaluation.report_scores.setdefault(name, Score())
        expected, found = set(getattr(gold, name)), set(getattr(pred, name)) if pred else set()
        score.true_positive += len(expected & found)
        score.false_negative += len(expected - found)
        score.false_positive += len(found - expected)
    evaluation.doc_type_hits += bool(pred and pred.doc_type == gold.doc_type)


def _aligned(gold: dict[str, GoldDocument], reports: list[Report]) -> Iterator[
        tuple[str, GoldReport, Report | None, list[GoldMetric], list[MetricRecord]]]:
    """Each gold report with its predicted report (if any), gold metrics and predicted records."""
    predicted = {report.report_id: report for report in reports}
    for document in gold.values():
        for gold_report in document.reports:
            report_id = document.report_id(gold_report.report)
            pred_report = predicted.get(report_id)
            gold_metrics = [metric for metric in document.metrics if metric.report == gold_report.report]
            yield report_id, gold_report, pred_report, gold_metrics, pred_report.records if pred_report else []


def evaluate(gold: dict[str, GoldDocument], reports: list[Report]) -> Evaluation:
    """Score predicted reports (with their records) against every gold document."""
    evaluation = Evaluation()
    for report_id, gold_report, pred_report, gold_metrics, records in _aligned(gold, reports):
        evaluation.reports += 1
        _score_report_fields(evaluation, gold_report, pred_report)
        _score_records(evaluation, report_id, gold_metrics, records)
    return evaluation


def _score_records(evaluation: Evaluation, report_id: str, gold: list[GoldMetric], records: list[MetricRecord]) -> None:
    for gold_metric, record in match_records(gold, records):
        score = evaluation.doubtful if gold_metric is not None and gold_metric.doubtful else evaluation.quantity
        if gold_metric is None:
            evaluation.quantity.false_positive += 1
            evaluation.errors.append(Mismatch("FP", report_id, record.raw, record.evidence, record.rule))
        elif record is None:
            score.false_negative += 1
            if not gold_metric.doubtful:
                evaluation.errors.append(Mismatch("FN", report_id, gold_metric.raw, gold_metric.evidence))
        else:
            score.true_positive += 1
            if gold_metric.doubtful:
                continue
            evaluation.matched += 1
            score_labels(evaluation.label_scores, gold_metric, record)
            for name, same in RECORD_FIELDS.items():
                expected, found = getattr(gold_metric, name), getattr(record, name)
                if same(expected, found):
                    evaluation.field_hits[name] += 1
                else:
                    evaluation.field_errors.append(Mismatch(
                        name, report_id, record.raw, record.evidence, f"gold {shown(expected)} got {shown(found)} ({record.rule})"))


def score_labels(scores: dict[str, Score], gold: GoldMetric, record: MetricRecord) -> None:
    """Add one matched pair's labels of each set field to its counts: shared, extra, missed."""
    for name, score in scores.items():
        expected, found = set(getattr(gold, name)), set(getattr(record, name))
        score.true_positive += len(expected & found)
        score.false_positive += len(found - expected)
        score.false_negative += len(expected - found)


def rule_table(gold: dict[str, GoldDocument], reports: list[Report]) -> tuple[list[dict[str, Any]], list[Mismatch]]:
    """Per rule id: records produced, matched to gold, precision; plus the gold records no rule found."""
    produced: Counter = Counter()
    hits: Counter = Counter()
    missed: list[Mismatch] = []
    for report_id, _, _, gold_metrics, records in _aligned(gold, reports):
        for gold_metric, record in match_records(gold_metrics, records):
            if record is not None:
                produced[record.rule] += 1
                hits[record.rule] += gold_metric is not None
            elif gold_metric is not None:
                missed.append(Mismatch("FN", report_id, gold_metric.raw, gold_metric.evidence,
                                       gold_metric.why or "", doubtful=gold_metric.doubtful))
    rows = [{"rule": rule, "records": count, "matched": hits[rule], "precision": round(hits[rule] / count, 4)}
            for rule, count in produced.most_common()]
    return rows, missed
