"""Mark each report whose text is a near copy of an earlier one, in input order, with MinHash LSH."""
from __future__ import annotations

import unicodedata
from typing import Iterable, Iterator

import numpy as np
import regex
from datasketch import MinHash, MinHashLSH

from schemas.records import Report

# Character 3-grams of the text with punctuation, spaces and masking marks dropped: full-width and
# half-width copies of one text then share every shingle, and one changed character costs only
# three of them. On the seeds, copies score 0.94 or more and different texts 0.63 or less.
SHINGLE_SIZE = 3
THRESHOLD = 0.75
PERMUTATIONS = 128
# Below this many characters two texts can share most 3-grams by chance (a heading, a slogan):
# they count as copies only when identical.
MIN_CHARACTERS = 40
KEPT = regex.compile(r"[\p{Han}a-z0-9]+")


def normalised_text(text: str) -> str:
    """The text as compared: NFKC-folded, lower case, only Han characters, letters and digits."""
    return "".join(KEPT.findall(unicodedata.normalize("NFKC", text).lower()))


def shingles(text: str, size: int = SHINGLE_SIZE) -> set[str]:
    """The character n-grams of a normalised text (the whole text when it is shorter than n)."""
    if len(text) <= size:
        return {text} if text else set()
    return {text[start:start + size] for start in range(len(text) - size + 1)}


class DuplicateFinder:
    """Receives reports in input order and sets `duplicate_of` to the first report of the same text.

    Keeps one MinHash signature (PERMUTATIONS 32-bit values) and the LSH bands per report seen, so
    memory grows by about 1 kB per report; nothing is kept of the texts themselves.
    """

    def __init__(self, threshold: float = THRESHOLD, permutations: int = PERMUTATIONS) -> None:
        self.threshold = threshold
        self.permutations = permutations
        self._index = MinHashLSH(threshold=threshold, num_perm=permutations)
        self._signatures: dict[str, np.ndarray] = {}
        self._order: dict[str, int] = {}
        self._original: dict[str, str] = {}
        self._short: dict[str, str] = {}

    def _signature(self, text: str) -> MinHash:
        signature = MinHash(num_perm=self.permutations)
        signature.update_batch([shingle.encode("utf-8") for shingle in shingles(text)])
        return signature

    def _similarity(self, signature: MinHash, key: str) -> float:
        return float(np.mean(signature.hashvalues.astype(np.uint32) == self._signatures[key]))

    def original_of(self, report_id: str, text: str) -> str | None:
        """Register one text; return the report_id of the first earlier text it copies, or None."""
        if report_id in self._order:
            return self._original.get(report_id)
        self._order[report_id] = len(self._order)
        compared = normalised_text(text)
        if len(compared) < MIN_CHARACTERS:
            match = self._short.setdefault(compared, report_id) if compared else report_id
            original = None if match == report_id else match
        else:
            signature = self._signature(compared)
            candidates = [key for key in self._index.query(signature)
                          if self._similarity(signature, key) >= self.threshold]
            # Point at the root of the earliest copy, so every copy of a text names the same report.
            roots = {self._original.get(key, key) for key in candidates}
            original = min(roots, key=self._order.__getitem__) if roots else None
            self._index.insert(report_id, signature)
            self._signatures[report_id] = signature.hashvalues.astype(np.uint32)
        if original is not None:
            self._original[report_id] = original
        return original

    def mark(self, report: Report) -> Report:
        """Set the report's duplicate_of (in place) and return it."""
        report.duplicate_of = self.original_of(report.report_id, report.text)
        return report

    def mark_all(self, reports: Iterable[Report]) -> Iterator[Report]:
        """Mark a stream of reports in input order, yielding each as soon as it is marked."""
        for report in reports:
            yield self.mark(report)
