"""The Python API: text or a file in, reports with their metric records out."""
from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from extract.documents import DEFAULT_MAX_BYTES, read_file
from extract.metrics import (
    Attacher,
    DocTypeClassifier,
    load_attacher,
    load_doctype_classifier,
)
from extract.metrics.activitymodel import load_activity_model
from extract.metrics.doctypemodel import DocTypeModel, load_doctype_model
from extract.regions import PlaceFinder, load_place_finder
from extract.text import Normaliser, Splitter, load_normaliser, load_splitter
from extract.yamlfile import PATTERNS_DIR
from schemas.labels import DocType
from schemas.records import Document, Report


@dataclass(frozen=True)
class Pipeline:
    """Every compiled stage, built once from one patterns directory and passed around explicitly."""

    normaliser: Normaliser
    splitter: Splitter
    doctypes: DocTypeClassifier
    attacher: Attacher
    places: PlaceFinder
    # A learned second opinion on doc type (None: the cue rules decide alone).
    doctype_model: DocTypeModel | None = None

    def reports(self, text: str, doc_id: str) -> list[Report]:
        """Clean, split and extract one document's text into reports with their records."""
        cleaned = self.normaliser.clean(text)
        reports = []
        for index, section in enumerate(self.splitter.split(cleaned), start=1):
            shadow = self.normaliser.shadow(section.text)
            # Cues are simplified words, so the type is read off the simplified shadow (將 → 将).
            title = self.normaliser.shadow(section.title) if section.title else None
            report = Report(
                doc_id=doc_id,
                report_id=f"{doc_id}#{index}",
                index=index,
                title=section.title,
                doc_type=self._doc_type(title.text if title else None, shadow.text),
                text=section.text,
            )
            reports.append(self.places.fill(self.attacher.fill(report, shadow), shadow, title))
        return reports

    def _doc_type(self, title: str | None, text: str) -> DocType:
        rules_type = self.doctypes.classify(title, text)
        return self.doctype_model.decide(title, text, rules_type) if self.doctype_model else rules_type


def load_pipeline(directory: Path = PATTERNS_DIR, rules_only: bool = False) -> Pipeline:
    """Build the pipeline from one patterns directory (cached); rules_only leaves out the learned models."""
    # One cache key however it is called (load_pipeline(), (dir), (dir, False), rules_only=...).
    return _build_pipeline(Path(directory), bool(rules_only))


@lru_cache(maxsize=8)
def _build_pipeline(directory: Path, rules_only: bool) -> Pipeline:
    attacher = load_attacher(directory)
    return Pipeline(
        normaliser=load_normaliser(directory),
        splitter=load_splitter(directory),
        doctypes=load_doctype_classifier(directory),
        attacher=attacher if rules_only else replace(attacher, model=load_activity_model(directory)),
        places=load_place_finder(directory),
        doctype_model=None if rules_only else load_doctype_model(directory),
    )


def extract_text(text: str, doc_id: str = "text", pipeline: Pipeline | None = None) -> list[Report]:
    """Reports, with their metric records, of one document's text."""
    return (pipeline or load_pipeline()).reports(text, doc_id)


def extract_document(document: Document, pipeline: Pipeline | None = None) -> list[Report]:
    """Reports, with their metric records, of a Document already read."""
    return extract_text(document.text, document.doc_id, pipeline)


def extract_file(path: Path, doc_id: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES,
                 pipeline: Pipeline | None = None) -> list[Report]:
    """Read a file and return its reports; raises ReadError for a bad file."""
    return extract_document(read_file(path, doc_id, max_bytes), pipeline)
