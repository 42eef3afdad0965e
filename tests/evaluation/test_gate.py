"""The gate: each threshold is compared with its figure."""
from __future__ import annotations

from extract.evaluation.gate import check_gate

FIGURES = {"quantity": {"f1": 0.96}, "fields": {"activity": 0.91}, "report_fields": {"doc_type": {"accuracy": 0.7}, "region": {"f1": 0.6}}}


def test_passes_when_every_figure_reaches_its_threshold() -> None:
    assert check_gate(FIGURES, {"quantity_f1": 0.95, "fields": {"activity": 0.9}, "report_fields": {"doc_type": 0.7}}) == []


def test_names_each_figure_below_threshold() -> None:
    failures = check_gate(FIGURES, {"quantity_f1": 0.97, "fields": {"activity": 0.95}, "report_fields": {"region": 0.7}})
    assert len(failures) == 3
    assert failures[0].startswith("quantity F1")
