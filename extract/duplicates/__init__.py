"""Near-duplicate reports across a batch (the same text republished): MinHash signatures and LSH."""
from extract.duplicates.minhash import DuplicateFinder, fingerprint, normalised_text, shingle_hashes, signature

__all__ = ["DuplicateFinder", "fingerprint", "normalised_text", "shingle_hashes", "signature"]
