"""A learned second opinion on a report's doc type: a linear model over the characters of its title, its
opening and its close, taken over the cue rules' type wherever its score is above a threshold, except
into a type it may not assign (plan) (docs/learned_doctype.md).

The weights are data, trained from the gold corpora by tools/train_doctype_model.py and kept in
patterns/doctype_model.json; a patterns directory without that file gets the cue rules alone.
"""
from __future__ import annotations

import math
import re
from operator import add
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from extract.metrics.linear import LinearScorer, LinearTable, read_table
from schemas.labels import DocType

MODEL_FILE = "doctype_model.json"
SPACES = re.compile(r"\s+")
DIGIT = re.compile(r"\d")


class DocTypeTable(LinearTable):
    """The contents of doctype_model.json: how much of the text is read, the threshold, the weights."""

    # The score above which the model's type replaces the cue rules'.
    threshold: float
    # Types the model may take a report out of but never into: a report typed plan makes every count in it
    # planned, and a summary's achieved background counts (seed 000, report 13) are not planned.
    never_assigns: list[DocType] = []
    head_chars: int
    tail_chars: int
    labels: list[DocType]


@dataclass(frozen=True)
class DocTypeModel:
    """Types a report from its simplified title and text; defers to the rules' type below its threshold."""

    table: DocTypeTable
    _scorer: LinearScorer = field(init=False, repr=False, compare=False)
    # The weighted grams of each part (t title, h opening, e close) without their prefix, and the row of
    # the length: decide() looks grams up here instead of building some 700 feature names a report.
    _part_rows: dict[str, dict[str, int]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        scorer = LinearScorer(self.table)
        part_rows: dict[str, dict[str, int]] = {"t": {}, "h": {}, "e": {}, "": {}}
        for feature, row in scorer.rows.items():
            prefix, _, gram = feature.partition(":") if ":" in feature else ("", "", feature)
            part_rows.setdefault(prefix, {})[gram] = row
        object.__setattr__(self, "_scorer", scorer)
        object.__setattr__(self, "_part_rows", part_rows)

    def features(self, title: str | None, text: str) -> dict[str, float]:
        """Character grams of the title, the opening and the close, and the length, scaled to unit length."""
        found = grams("t", title) if title else {"t:none": 1.0}
        found.update(grams("h", text[:self.table.head_chars]))
        found.update(grams("e", text[-self.table.tail_chars:]))
        found["length"] = math.log10(len(text) + 1) / 5
        norm = math.sqrt(sum(value * value for value in found.values()))
        return {name: value / norm for name, value in found.items()}

    def opinion(self, features: dict[str, float]) -> tuple[DocType, float]:
        """The best-scoring doc type and its score."""
        best, score = self._scorer.best(features)
        return self.table.labels[best], score

    def score(self, title: str | None, text: str) -> tuple[DocType, float]:
        """opinion(features(title, text)), without building the feature names (the pipeline's path)."""
        parts = (("t", plain_grams(title) if title else {"none"}), ("h", plain_grams(text[:self.table.head_chars])),
                 ("e", plain_grams(text[-self.table.tail_chars:])))
        # The intersection runs in C: only the grams that carry a weight are looked up one by one.
        rows = [self._part_rows[prefix][gram] for prefix, found in parts
                for gram in found & self._part_rows[prefix].keys()]
        length = math.log10(len(text) + 1) / 5
        norm = math.sqrt(sum(len(found) for _, found in parts) + length * length)
        values = [1 / norm] * len(rows)
        if (row := self._part_rows[""].get("length")) is not None:
            rows.append(row)
            values.append(length / norm)
        best, score = self._scorer.best_of_rows(rows, values)
        return self.table.labels[best], score

    def decide(self, title: str | None, text: str, rules_type: DocType) -> DocType:
        """The model's type where its score clears the threshold, else the cue rules' type."""
        label, score = self.score(title, text)
        return label if score > self.table.threshold and label not in self.table.never_assigns else rules_type


def plain_grams(text: str) -> set[str]:
    """Character unigrams and bigrams of a text (digits folded to 0, none across a space)."""
    text = DIGIT.sub("0", SPACES.sub(" ", text))
    found = set(text)
    found.discard(" ")
    for chunk in text.split(" "):
        found.update(map(add, chunk, chunk[1:]))
    return found


def grams(prefix: str, text: str) -> dict[str, float]:
    """Character unigrams and bigrams of a text under a prefix (title t, opening h, close e), present or not."""
    return {f"{prefix}:{gram}": 1.0 for gram in plain_grams(text)}


@lru_cache(maxsize=4)
def load_doctype_model(directory: Path) -> DocTypeModel | None:
    """The directory's doc-type model (cached), or None when it ships none (the cue rules then decide alone)."""
    path = directory / MODEL_FILE
    return DocTypeModel(read_table(path, DocTypeTable)) if path.exists() else None


def untrained_doctype_model(**settings: object) -> DocTypeModel:
    """A model with the given settings and no weights: what training computes features with."""
    return DocTypeModel(DocTypeTable(trained_on="", records=0, regularisation=0.0, labels=[], intercepts=[],
                                     weights={}, **settings))
