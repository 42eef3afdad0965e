"""The gold corpus: load and validate corpus/gold/*.jsonl, and anchor labels to report offsets."""
from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from extract.text import Normaliser, Splitter, load_normaliser, load_splitter
from schemas.labels import (
    Activity,
    Audience,
    Channel,
    DocType,
    Qualifier,
    Status,
    UnitClass,
)

GOLD_DIR = Path(__file__).resolve().parents[2] / "corpus" / "gold"
RAW_DIR = Path(__file__).resolve().parents[2] / "corpus" / "raw"


class GoldReport(BaseModel):
    """Hand-labelled report-level fields of one report."""

    model_config = ConfigDict(extra="forbid")

    kind: str = "report"
    report: int
    title: str | None = None
    doc_type: DocType
    organization: str | None = None
    region: str | None = None
    date: str | None = None
    activities: list[Activity] = Field(default_factory=list)
    channels: list[Channel] = Field(default_factory=list)
    audiences: list[Audience] = Field(default_factory=list)


class GoldMetric(BaseModel):
    """One hand-labelled metric record; start/end index the written report text."""

    model_config = ConfigDict(extra="forbid")

    kind: str = "metric"
    report: int
    raw: str
    evidence: str
    nth: int = 0
    start: int | None = None
    end: int | None = None
    value: float | None
    value_max: float | None = None
    qualifier: Qualifier
    unit: str | None = None
    unit_class: UnitClass
    masked: bool = False
    activity: Activity
    object: str | None = None
    channels: list[Channel] = Field(default_factory=list)
    audiences: list[Audience] = Field(default_factory=list)
    status: Status
    period: str | None = None
    part_of: int | None = None
    doubtful: bool = False
    why: str | None = None


@dataclass
class GoldDocument:
    """The labels of one document: its file, reports and metrics."""

    doc_id: str
    path: Path
    reports: list[GoldReport] = field(default_factory=list)
    metrics: list[GoldMetric] = field(default_factory=list)

    def report_id(self, number: int) -> str:
        """The report_id of report `number` of this document."""
        return f"{self.doc_id}#{number}"


class GoldError(ValueError):
    """A gold file line that does not validate; the message names file and line."""


def read_gold_file(path: Path) -> GoldDocument:
    """Load one gold JSON Lines file, validating each line."""
    document = GoldDocument(doc_id=f"{path.stem}.txt", path=path)
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            if item.get("kind") == "report":
                document.reports.append(GoldReport.model_validate(item))
            else:
                document.metrics.append(GoldMetric.model_validate(item))
        except (ValueError, TypeError) as error:
            raise GoldError(f"{path}:{number}: {error}".splitlines()[0]) from None
    return document


def load_gold(directory: Path = GOLD_DIR) -> dict[str, GoldDocument]:
    """Every gold document of a folder and its subfolders (splits such as dev/ and test/), keyed by doc_id.

    GoldError for a missing folder or one without gold files: scoring against nothing proves nothing.
    """
    if not directory.is_dir():
        raise GoldError(f"{directory}: no such gold folder")
    paths = sorted(directory.rglob("*.jsonl"))
    if not paths:
        raise GoldError(f"{directory}: no gold files (*.jsonl) in this folder or its subfolders")
    documents = [read_gold_file(path) for path in paths]
    return {document.doc_id: document for document in documents}


def report_texts(raw_path: Path, normaliser: Normaliser | None = None,
                 splitter: Splitter | None = None) -> list[str]:
    """The written texts of a raw document's reports, as the pipeline splits them."""
    normaliser = normaliser or load_normaliser()
    splitter = splitter or load_splitter()
    return [section.text for section in splitter.split(normaliser.clean(raw_path.read_text(encoding="utf-8")))]


def anchor(document: GoldDocument, texts: list[str], normaliser: Normaliser | None = None) -> list[str]:
    """Fill start/end of every metric from its evidence; returns the problems found."""
    normaliser = normaliser or load_normaliser()
    problems = []
    for metric in document.metrics:
        if not 1 <= metric.report <= len(texts):
            problems.append(f"report {metric.report} does not exist: {metric.raw}")
            continue
        text = texts[metric.report - 1]
        evidence = normaliser.clean(metric.evidence)
        raw = normaliser.clean(metric.raw)
        where = text.find(evidence)
        if where < 0:
            problems.append(f"#{metric.report} evidence not in report text: {metric.evidence}")
            continue
        offset = where - 1
        for _ in range(metric.nth + 1):
            offset = text.find(raw, offset + 1, where + len(evidence))
            if offset < 0:
                break
        if offset < 0:
            problems.append(f"#{metric.report} raw {metric.raw!r} not in evidence: {metric.evidence}")
            continue
        metric.raw, metric.evidence, metric.start, metric.end = raw, evidence, offset, offset + len(raw)
    return problems


def write_gold_file(document: GoldDocument, path: Path) -> None:
    """Write a gold document back as JSON Lines: each report line followed by its metrics."""
    lines = []
    for report in document.reports:
        lines.append(report.model_dump(mode="json"))
        lines.extend(metric.model_dump(mode="json") for metric in document.metrics if metric.report == report.report)
    path.write_text("".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines), encoding="utf-8")


def main(arguments: list[str]) -> int:
    """`python -m extract.evaluation anchor [--raw DIR] [FILES]`: recompute offsets of gold files from their evidence."""
    if not arguments or arguments[0] != "anchor":
        print("usage: python -m extract.evaluation anchor [--raw corpus/raw] [corpus/gold/*.jsonl]", file=sys.stderr)
        return 2
    arguments, raw_dir = arguments[1:], RAW_DIR
    if arguments[:1] == ["--raw"] and len(arguments) >= 2:
        raw_dir, arguments = Path(arguments[1]), arguments[2:]
    paths = [Path(item) for item in arguments] or sorted(GOLD_DIR.glob("*.jsonl"))
    failed = 0
    for path in paths:
        document = read_gold_file(path)
        problems = anchor(document, report_texts(raw_dir / document.doc_id))
        for problem in problems:
            print(f"{path}: {problem}", file=sys.stderr)
        failed += len(problems)
        write_gold_file(document, path)
    return 1 if failed else 0
