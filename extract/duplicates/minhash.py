"""Mark each report whose text is a near copy of an earlier one, in input order, with MinHash LSH.

The signature of a text (its fingerprint) is computed where the report is extracted, in the worker;
the finder, in the batch's main process, only looks fingerprints up in the LSH bands in input order.
"""
from __future__ import annotations

import base64
import unicodedata
from typing import Iterable, Iterator

import numpy as np
import regex

from schemas.records import Report

# Character 3-grams of the text with punctuation, spaces and masking marks dropped: full-width and
# half-width copies of one text then share every shingle, and one changed character costs only
# three of them. On the seeds, copies score 0.94 or more and different texts 0.63 or less.
SHINGLE_SIZE = 3
THRESHOLD = 0.75
PERMUTATIONS = 128
# datasketch's MinHashLSH picks 11 bands of 11 rows for 128 permutations at threshold 0.75 (it
# minimises the false positive and negative areas with scipy); tests check both numbers against it.
BANDS, ROWS = 11, 11
# Below this many characters two texts can share most 3-grams by chance (a heading, a slogan):
# they count as copies only when identical.
MIN_CHARACTERS = 40
KEPT = regex.compile(r"[\p{Han}a-z0-9]+")
# A fingerprint is one string, so it travels in JSON parts: the text itself under the length floor,
# else the signature's bytes in base64 (whose alphabet holds no ":").
SHORT, SIGNED = "text:", "minhash:"


def _permutations(count: int, seed: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's "affine32" permutations h -> a*h + b (mod 2**32), drawn as it draws them.

    numpy's RandomState streams are frozen by numpy's compatibility policy, so the draws never change.
    """
    generator = np.random.RandomState(seed)
    odd = generator.randint(0, 1 << 31, count, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    return odd, generator.randint(0, 1 << 32, count, dtype=np.uint32)


MULTIPLIERS, OFFSETS = _permutations(PERMUTATIONS)
MULTIPLIER_COLUMN, OFFSET_COLUMN = MULTIPLIERS[:, None].copy(), OFFSETS[:, None].copy()


def normalised_text(text: str) -> str:
    """The text as compared: NFKC-folded, lower case, only Han characters, letters and digits."""
    return "".join(KEPT.findall(unicodedata.normalize("NFKC", text).lower()))


def shingle_hashes(text: str, size: int = SHINGLE_SIZE) -> np.ndarray:
    """32-bit hashes of a normalised text's distinct character n-grams (the whole text when shorter)."""
    return np.unique(_shingle_keys(text, size))


def _shingle_keys(text: str, size: int = SHINGLE_SIZE) -> np.ndarray:
    """32-bit hashes (as uint64) of a normalised text's character n-grams, repeats included."""
    codes = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if len(codes) == 0:
        return np.zeros(0, dtype=np.uint64)
    width = min(size, len(codes))
    count = len(codes) - width + 1
    # Code points fit in 21 bits, so three of them pack into one 63-bit key without collision;
    # hashing the keys in numpy replaces datasketch's sha1 per shingle, 60 % of the time.
    # In place: one array for the keys, no temporary per step.
    keys = codes[:count].copy()
    for offset in range(1, width):
        keys <<= np.uint64(21)
        keys |= codes[offset:count + offset]
    keys *= np.uint64(0x9E3779B97F4A7C15)
    keys >>= np.uint64(32)
    return keys


def signature(text: str) -> np.ndarray:
    """The MinHash signature of a normalised text: what datasketch's MinHash (scheme "affine32",
    seed 1) holds after update_batch of its shingle hashes, computed here without importing datasketch
    (whose LSH module imports scipy: half a second at every start)."""
    # A repeated shingle cannot change a minimum: no np.unique here (it cost half the signature).
    hashes = _shingle_keys(text).astype(np.uint32)
    if len(hashes) == 0:
        return np.full(PERMUTATIONS, np.iinfo(np.uint32).max, dtype=np.uint32)
    # The MurmurHash3 finalizer, as datasketch premixes each input hash; uint32 arithmetic wraps.
    hashes ^= hashes >> np.uint32(16)
    hashes *= np.uint32(0x85EBCA6B)
    hashes ^= hashes >> np.uint32(13)
    hashes *= np.uint32(0xC2B2AE35)
    hashes ^= hashes >> np.uint32(16)
    # Permutations by rows, shingles along each row: one multiply, one in-place add, and minima
    # reduced along contiguous rows (about twice as fast as the shingles-by-rows layout).
    permuted = np.multiply(MULTIPLIER_COLUMN, hashes[None, :])
    permuted += OFFSET_COLUMN
    return permuted.min(axis=1)


def fingerprint(text: str) -> str:
    """What the finder compares of a report text, as one string: the normalised text when short,
    else its MinHash signature. Computed in the worker, so the main process never shingles."""
    compared = normalised_text(text)
    if len(compared) < MIN_CHARACTERS:
        return SHORT + compared
    return SIGNED + base64.b64encode(signature(compared).astype("<u4").tobytes()).decode("ascii")


class DuplicateFinder:
    """Receives reports in input order and sets `duplicate_of` to the first report of the same text.

    Keeps one MinHash signature (PERMUTATIONS values of 32 bits) and its LSH bands per report seen,
    so memory grows by about 1 kB per report; nothing is kept of the texts themselves.
    """

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        # LSH: per band, the band's values -> the root (first report of a text) -> reports in that bucket.
        # Grouping by root lets a lookup stop at the first root with a similar report, so a text
        # republished a thousand times costs one comparison, not a thousand.
        self._bands: list[dict[bytes, dict[str, list[str]]]] = [{} for _ in range(BANDS)]
        self._signatures: dict[str, np.ndarray] = {}
        self._order: dict[str, int] = {}
        self._original: dict[str, str] = {}
        self._short: dict[str, str] = {}

    def _similar(self, values: np.ndarray, keys: list[str]) -> bool:
        """Whether any of the keys reaches the threshold of estimated similarity, in one array operation."""
        if not keys:
            return False
        shares = (np.stack([self._signatures[key] for key in keys]) == values).mean(axis=1)
        return bool((shares >= self.threshold).any())

    def _lookup(self, raw: bytes, values: np.ndarray) -> tuple[list[bytes], str | None]:
        """The signature's band keys, and the earliest root with a similar report sharing a band with it."""
        width = ROWS * values.itemsize
        keys = [raw[band * width:(band + 1) * width] for band in range(BANDS)]
        buckets = [table[key] for table, key in zip(self._bands, keys) if key in table]
        for root in sorted({root for bucket in buckets for root in bucket}, key=self._order.__getitem__):
            # The root itself first (it heads its group in each of its own buckets): for a copy of a
            # copy it is usually the match, and the group's other members need not be gathered.
            if (any(bucket.get(root, ("",))[0] == root for bucket in buckets)
                    and (self._signatures[root] == values).mean() >= self.threshold):
                return keys, root
            members = {key for bucket in buckets for key in bucket.get(root, ())} - {root}
            if self._similar(values, sorted(members)):
                return keys, root
        return keys, None

    def original_of(self, report_id: str, text: str) -> str | None:
        """Register one text; return the report_id of the first earlier text it copies, or None."""
        return self.original_of_fingerprint(report_id, fingerprint(text))

    def original_of_fingerprint(self, report_id: str, printed: str) -> str | None:
        """Register one report by its fingerprint; return the report_id of the first earlier text it copies."""
        if report_id in self._order:
            return self._original.get(report_id)
        self._order[report_id] = len(self._order)
        if printed.startswith(SHORT):
            compared = printed[len(SHORT):]
            match = self._short.setdefault(compared, report_id) if compared else report_id
            original = None if match == report_id else match
        else:
            raw = base64.b64decode(printed[len(SIGNED):])
            values = np.frombuffer(raw, dtype="<u4")
            # Every copy names the root of the earliest text it is similar to, so all copies of a text
            # name the same report.
            keys, original = self._lookup(raw, values)
            for table, key in zip(self._bands, keys):
                table.setdefault(key, {}).setdefault(original or report_id, []).append(report_id)
            self._signatures[report_id] = values
        if original is not None:
            self._original[report_id] = original
        return original

    def mark_row(self, row: dict) -> dict:
        """Set duplicate_of of a report row (as a part holds it, with its `fingerprint`, or its text) and return it."""
        printed = row.get("fingerprint") or fingerprint(row["text"])
        row["duplicate_of"] = self.original_of_fingerprint(row["report_id"], printed)
        return row

    def mark(self, report: Report) -> Report:
        """Set the report's duplicate_of (in place) and return it."""
        report.duplicate_of = self.original_of(report.report_id, report.text)
        return report

    def mark_all(self, reports: Iterable[Report]) -> Iterator[Report]:
        """Mark a stream of reports in input order, yielding each as soon as it is marked."""
        for report in reports:
            yield self.mark(report)
