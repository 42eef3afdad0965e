"""A self-contained HTML review page: every record highlighted in its report, and what changed since a previous run."""

from __future__ import annotations

from extract.review.diff import Comparison, compare_with
from extract.review.load import ReviewInputError, read_reports_with_records
from extract.review.page import render_review, write_review

__all__ = ["Comparison", "ReviewInputError", "compare_with", "read_reports_with_records", "render_review", "write_review"]
