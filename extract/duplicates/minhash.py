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


def shingle_hashes(text: str, size: int = SHINGLE_SIZE) -> np.ndarray:
    """32-bit hashes of a normalised text's distinct character n-grams (the whole text when shorter)."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(codes) == 0:
        return np.zeros(0, dtype=np.uint64)
    width = min(size, len(codes))
    # Code points fit in 21 bits, so three of them pack into one 63-bit key without collision;
    # hashing the keys in numpy replaces datasketch's sha1 per shingle, 60 % of the time.
    keys = np.zeros(len(codes) - width + 1, dtype=np.uint64)
    for offset in range(width):
        keys = (keys << np.uint64(21)) | codes[offset:len(codes) - width + 1 + offset]
    mixed = (keys * np.uint64(0x9E3779B97F4A7C15)) >> np.uint64(32)
    return np.unique(mixed)


def _prehashed(value: int) -> int:
    """datasketch's hash function slot: the shingles arrive already hashed."""
    return value


class DuplicateFinder:
    """Receives reports in input order and sets `duplicate_of` to the first report of the same text.

    Keeps one MinHash signature (PERMUTATIONS values of 32 bits) and its LSH bands per report seen,
    so memory grows by about 1 kB per report; nothing is kept of the texts themselves.
    """

    def __init__(self, threshold: float = THRESHOLD, permutations: int = PERMUTATIONS) -> None:
        self.threshold = threshold
        self.permutations = permutations
        self._index = MinHashLSH(threshold=threshold, num_perm=permutations)
        self._signatures: dict[str, np.ndarray] = {}
        self._order: dict[str, int] = {}
        self._original: dict[str, str] = {}
        self._short: dict[str, str] = {}
        # Drawing the permutations is a fifth of the work of one signature: draw them once.
        template = MinHash(num_perm=permutations, hashfunc=_prehashed)
        self._permutation_args = {"permutations": template.permutations, "scheme": template.scheme}

    def _signature(self, text: str) -> MinHash:
        signature = MinHash(num_perm=self.permutations, hashfunc=_prehashed, **self._permutation_args)
        signature.update_batch(shingle_hashes(text).tolist())
        return signature

    def _similar(self, signature: MinHash, keys: list[str]) -> list[str]:
        """The keys whose estimated similarity reaches the threshold, compared in one array operation."""
        if not keys:
            return []
        stack = np.stack([self._signatures[key] for key in keys])
        shares = (stack == signature.hashvalues).mean(axis=1)
        return [key for key, share in zip(keys, shares) if share >= self.threshold]

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
            candidates = self._similar(signature, self._index.query(signature))
            # Point at the root of the earliest copy, so every copy of a text names the same report.
            roots = {self._original.get(key, key) for key in candidates}
            original = min(roots, key=self._order.__getitem__) if roots else None
            self._index.insert(report_id, signature)
            self._signatures[report_id] = signature.hashvalues
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
