"""Near-duplicate reports across a batch (the same text republished): MinHash signatures and LSH."""
from extract.duplicates.minhash import DuplicateFinder, normalised_text, shingle_hashes

__all__ = ["DuplicateFinder", "normalised_text", "shingle_hashes"]
