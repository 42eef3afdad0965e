"""Quantities to metric records and report fields: activity, object, status, channels, audiences."""

from __future__ import annotations

from extract.metrics.attach import Attacher, load_attacher
from extract.metrics.doctype import DocTypeClassifier, load_doctype_classifier

__all__ = ["Attacher", "DocTypeClassifier", "load_attacher", "load_doctype_classifier"]
