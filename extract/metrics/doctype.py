"""Decide whether a report is a summary, a plan or a news piece from cue words."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import regex
from pydantic import BaseModel, ConfigDict

from extract.text.alternation import Alternation
from extract.text.literals import PartScreen
from extract.yamlfile import PATTERNS_DIR, load_model
from schemas.labels import DocType


class DocTypeCues(BaseModel):
    """patterns/doc_types.yaml: cue regexes per document type."""

    model_config = ConfigDict(extra="forbid")

    title_weight: int
    weights: dict[DocType, int]
    cues: dict[DocType, list[str]]
    once: dict[DocType, list[str]] = {}
    minimum: dict[DocType, int] = {}
    against: dict[DocType, list[str]] = {}
    fallback: DocType = DocType.summary


class DocTypeClassifier:
    """Scores cue words in a report's title and body."""

    def __init__(self, cues: DocTypeCues) -> None:
        self._weight = cues.title_weight
        self._weights = cues.weights
        self._minimum = cues.minimum
        self._cues = {kind: Alternation(words) for kind, words in cues.cues.items()}
        self._once = {kind: [regex.compile(word) for word in words] for kind, words in cues.once.items()}
        self._against = {kind: Alternation(words) for kind, words in cues.against.items()}
        self._fallback = cues.fallback
        # Every cue of every kind behind one screen: a text holds the required strings (通知, 据悉, 了) of
        # a few dozen of them, and only those are searched. Each cue's place: (section, kind, index).
        sections = (("cues", cues.cues), ("once", cues.once), ("against", cues.against))
        self._places = [(section, kind, index) for section, table in sections
                        for kind, words in table.items() for index in range(len(words))]
        self._screen = PartScreen(word for _, table in sections for words in table.values() for word in words)

    def _possible(self, text: str) -> dict[tuple[str, DocType], set[int]]:
        """The cues that may match in text, as indexes per (section, kind)."""
        possible: dict[tuple[str, DocType], set[int]] = {}
        places = self._places
        for index in self._screen.possible(text):
            section, kind, position = places[index]
            possible.setdefault((section, kind), set()).add(position)
        return possible

    def classify(self, title: str | None, text: str) -> DocType:
        """The doc_type whose cues score highest; summary on a tie, the fallback when no cue is found."""
        scores = {kind: 0 for kind in DocType}
        possible = self._possible(text)
        in_title = self._possible(title) if title else {}
        for kind, pattern in self._cues.items():
            only = possible.get(("cues", kind))
            scores[kind] += self._weights.get(kind, 1) * pattern.count(text, only) if only else 0
            only = in_title.get(("cues", kind))
            scores[kind] += self._weight * pattern.count(title, only) if only else 0
        # The voice of a text (我校, 此外) is one fact about it: a plan says 我校 as often as a summary.
        for kind, patterns in self._once.items():
            only = possible.get(("once", kind), ())
            scores[kind] += self._weights.get(kind, 1) * sum(patterns[index].search(text) is not None for index in only)
        if not any(scores.values()):
            return self._fallback
        # Signals of work already done weigh against a plan (强化了, 营造了: plans speak of what is to come).
        for kind, pattern in self._against.items():
            only = possible.get(("against", kind))
            scores[kind] -= pattern.count(text, only) if only else 0
        for kind, minimum in self._minimum.items():
            if scores[kind] < minimum:
                scores[kind] = 0
        best = max(scores.values())
        # Only weak plan words (one 安排, one 要把) were found: no type is told, as when no cue is found.
        if best <= 0:
            return self._fallback
        if scores[DocType.summary] == best:
            return DocType.summary
        return max(scores, key=lambda kind: scores[kind])


@lru_cache(maxsize=4)
def load_doctype_classifier(directory: Path = PATTERNS_DIR) -> DocTypeClassifier:
    """Build a DocTypeClassifier from patterns/doc_types.yaml once per directory."""
    return DocTypeClassifier(load_model(directory / "doc_types.yaml", DocTypeCues))
