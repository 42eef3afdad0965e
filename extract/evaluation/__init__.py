"""The gold corpus, scores against it, and the gate of thresholds CI holds."""

from __future__ import annotations

from extract.evaluation.evaluate import evaluate, rule_table
from extract.evaluation.gate import check_gate, load_thresholds, predictions_from_files
from extract.evaluation.gold import GOLD_DIR, RAW_DIR, GoldError, load_gold

__all__ = ["GOLD_DIR", "RAW_DIR", "GoldError", "check_gate", "evaluate", "load_gold", "load_thresholds", "predictions_from_files", "rule_table"]
