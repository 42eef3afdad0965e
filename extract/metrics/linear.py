"""Linear models read from JSON weight tables: the shared part of the learned second opinions on activity
and doc type (activitymodel.py, doctypemodel.py). Training is tools/'s job; this only reads and scores."""
from __future__ import annotations

import json
from pathlib import Path
from typing import TypeVar

import numpy
from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from extract.yamlfile import PatternError


class LinearTable(BaseModel):
    """A one-vs-rest linear model: what it was trained on, its labels, intercepts and weight rows."""

    model_config = ConfigDict(extra="forbid")

    trained_on: str
    records: int
    regularisation: float
    labels: list[str]
    intercepts: list[float]
    # feature → [[label index, weight], …]; features under the pruning cut are left out.
    weights: dict[str, list[tuple[int, float]]]

    @model_validator(mode="after")
    def _rows_fit_labels(self) -> "LinearTable":
        if len(self.intercepts) != len(self.labels):
            raise ValueError(f"{len(self.intercepts)} intercepts for {len(self.labels)} labels")
        for feature, row in self.weights.items():
            if any(not 0 <= index < len(self.labels) for index, _ in row):
                raise ValueError(f"feature {feature!r} names a label index outside 0..{len(self.labels) - 1}")
        return self


Table = TypeVar("Table", bound=LinearTable)


class LinearScorer:
    """Scores sparse features against a table: one matrix product over a dense copy of the weights."""

    def __init__(self, table: LinearTable) -> None:
        self._rows = {feature: row for row, feature in enumerate(table.weights)}
        self._matrix = numpy.zeros((len(self._rows), len(table.labels)))
        for feature, weights in table.weights.items():
            for label, weight in weights:
                self._matrix[self._rows[feature], label] = weight
        self._intercepts = numpy.asarray(table.intercepts, dtype=float)

    @property
    def rows(self) -> dict[str, int]:
        """Each weighted feature's row in the matrix."""
        return self._rows

    def best(self, features: dict[str, float]) -> tuple[int, float]:
        """The index of the best-scoring label and its score (the SVM's margin: above 0, it prefers it)."""
        rows, values = [], []
        for feature, value in features.items():
            row = self._rows.get(feature)
            if row is not None:
                rows.append(row)
                values.append(value)
        return self.best_of_rows(rows, values)

    def best_of_rows(self, rows: list[int], values: list[float]) -> tuple[int, float]:
        """best() for features already looked up: their rows and values."""
        scores = self._intercepts + numpy.asarray(values) @ self._matrix[rows] if rows else self._intercepts
        best = int(scores.argmax())
        return best, float(scores[best])


def read_table(path: Path, model: type[Table]) -> Table:
    """Read and validate a weight table; a bad one raises PatternError naming the file and the problem."""
    try:
        return model.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except json.JSONDecodeError as error:
        raise PatternError(f"{path}:{error.lineno}: not JSON: {error.msg}") from None
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"])
        raise PatternError(f"{path}: {where}: {first['msg']}") from None
