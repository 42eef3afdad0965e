"""Text to reports, sentences and words: cleaning with a simplified shadow, splitting bundles, segmentation."""

from __future__ import annotations

from extract.text.normalise import Normaliser, Shadow, load_normaliser
from extract.text.segment import Segmenter, load_segmenter
from extract.text.sentences import Span, clauses, line_bounds, sentences
from extract.text.split import Splitter, load_splitter

__all__ = ["Normaliser", "Segmenter", "Shadow", "Span", "Splitter", "clauses", "line_bounds", "load_normaliser", "load_segmenter", "load_splitter", "sentences"]
