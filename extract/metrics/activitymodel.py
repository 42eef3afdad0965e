"""A learned second opinion on each record's activity: a linear model over the words around the count,
taken over the rules' label only where it is confident, and more confident still to overrule a rule that
found a trigger word, an object or a neighbouring count (docs/learned_activity.md).

The weights are data, trained from the gold corpora by tools/train_activity_model.py and kept in
patterns/activity_model.json; this module only reads them and scores. A patterns directory without
that file gets the rules alone, so a new domain needs no model to run.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from extract.metrics.activity import FALLBACK_RULE
from extract.metrics.linear import LinearScorer, LinearTable, read_table
from extract.text import Normaliser, Segmenter, load_normaliser, load_segmenter
from schemas.labels import Activity
from schemas.records import MetricRecord

MODEL_FILE = "activity_model.json"
# The clause a count is read in ends at these marks, as in the splitter's clauses.
CLAUSE_END = re.compile(r"[，。；！？：\n,;!?:]")


class WeightTable(LinearTable):
    """The contents of activity_model.json: how the features are read, and one weight row per feature."""

    # The score the model must beat to relabel a count the rules labelled from its measure word alone, and
    # the higher one to overrule any other rule.
    threshold: float
    threshold_over_rule: float
    left_chars: int
    right_chars: int
    evidence_weight: float
    labels: list[Activity]


@dataclass(frozen=True)
class ActivityModel:
    """Scores a record's activity from its clause; relabels records where the score clears the threshold."""

    table: WeightTable
    normaliser: Normaliser
    segmenter: Segmenter
    _scorer: LinearScorer = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_scorer", LinearScorer(self.table))

    def features(self, text: str, start: int, end: int, evidence: str, unit: str | None,
                 unit_class: str) -> dict[str, float]:
        """Sparse features of one count: measure word, unit class, clause windows, nearest verb and noun."""
        left, right = clause_windows(text, start, end, self.table.left_chars, self.table.right_chars)
        left, right = self.normaliser.shadow_text(left), self.normaliser.shadow_text(right)
        found: dict[str, float] = {f"unit={unit}": 1, f"class={unit_class}": 1}
        for side, window in (("L", left), ("R", right)):
            for index in range(len(window) - 1):
                found[f"{side}2={window[index:index + 2]}"] = 1
            for char in window:
                found[f"{side}1={char}"] = 1
        left_tags = self.segmenter.tags(left) if left else []
        right_tags = self.segmenter.tags(right) if right else []
        for side, tags in (("LW", left_tags), ("RW", right_tags)):
            for word, _ in tags:
                found[f"{side}={word}"] = 1
        if left_tags:
            found[f"L-1={left_tags[-1][0]}"] = 1
        if right_tags:
            found[f"R+1={right_tags[0][0]}"] = 1
        verbs = [word for word, tag in left_tags if tag.startswith("v")]
        if verbs:
            found[f"verb={verbs[-1]}"] = 1
        nouns = [word for word, tag in right_tags if tag.startswith("n")]
        if nouns:
            found[f"noun+={nouns[0]}"] = 1
        for word, _ in self.segmenter.tags(self.normaliser.shadow_text(evidence)):
            found[f"S={word}"] = self.table.evidence_weight
        return found

    def opinion(self, features: dict[str, float]) -> tuple[Activity, float]:
        """The best-scoring activity and its score (a linear SVM's margin: above 0 means it prefers it)."""
        best, score = self._scorer.best(features)
        return self.table.labels[best], score

    def relabel(self, text: str, records: list[MetricRecord]) -> list[MetricRecord]:
        """The records with the model's activity wherever it disagrees with the rules above its threshold."""
        relabelled = []
        for record in records:
            label, score = self.opinion(self.features(text, record.start, record.end, record.evidence,
                                                      record.unit, record.unit_class.value))
            threshold = self.table.threshold if record.rule == FALLBACK_RULE else self.table.threshold_over_rule
            if score > threshold and label != record.activity:
                record = record.model_copy(update={"activity": label, "rule": f"model:{record.rule}"})
            relabelled.append(record)
        return relabelled


def clause_windows(text: str, start: int, end: int, left_chars: int, right_chars: int) -> tuple[str, str]:
    """The text of the count's clause before and after the count, cut to a window on each side."""
    # Only a clause end inside a window can cut it, so only the windows are searched.
    left_from = max(0, start - left_chars)
    left_bound = max((match.end() for match in CLAUSE_END.finditer(text, left_from, start)), default=left_from)
    right_match = CLAUSE_END.search(text, end, end + right_chars)
    return text[left_bound:start], text[end:right_match.start() if right_match else min(len(text), end + right_chars)]


def read_weight_table(path: Path) -> WeightTable:
    """Read and validate a model file; a bad one raises PatternError naming the file and the problem."""
    return read_table(path, WeightTable)


@lru_cache(maxsize=4)
def load_activity_model(directory: Path) -> ActivityModel | None:
    """The directory's activity model (cached), or None when it ships none (the rules then decide alone)."""
    path = directory / MODEL_FILE
    if not path.exists():
        return None
    return _model(read_weight_table(path), directory)


def untrained_model(directory: Path, **settings: float) -> ActivityModel:
    """A model with the given feature settings and no weights: what training computes features with."""
    return _model(WeightTable(trained_on="", records=0, labels=[], intercepts=[], weights={}, **settings), directory)


def _model(table: WeightTable, directory: Path) -> ActivityModel:
    # The dictionary's own segmenter, not the attacher's: the lexicon's extra words change with every
    # round of rules, and features must be cut the same way as when the weights were trained.
    return ActivityModel(table, load_normaliser(directory), load_segmenter(directory))
