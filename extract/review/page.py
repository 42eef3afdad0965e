"""Render the review page: reports with their records marked, a table of records and the diff, in one offline HTML file."""
from __future__ import annotations

import base64
import hashlib
import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from extract.review.diff import Comparison, RecordDiff
from extract.review.markup import Span, Token, mark_tokens
from schemas.labels import Activity
from schemas.records import Report

ASSETS = Path(__file__).resolve().parent / "assets"
# The record fields a reader checks against the sentence, in the order the page shows them.
DISPLAY_FIELDS = ("value", "value_max", "qualifier", "unit", "unit_class", "activity", "object", "channels",
                  "audiences", "status", "period", "part_of", "rule")
TABLE_FIELDS = ("raw",) + DISPLAY_FIELDS
NUMERIC_FIELDS = ("value", "value_max", "part_of")
# U+2028/2029 end a line in older JavaScript parsers; < > & could end the <script> element or start a comment.
JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}
GOLDEN_ANGLE = 137.508


@dataclass
class Entry:
    """One row of the records table and, when its report is on the page, one highlight."""

    id: str
    report_id: str
    start: int
    end: int
    fields: dict[str, Any]
    placed: bool
    diff: str | None = None
    changed: dict[str, Any] = field(default_factory=dict)

    @property
    def activity(self) -> str:
        """The activity label that colours the highlight."""
        return str(self.fields.get("activity") or "other")


@dataclass
class ReportView:
    """One report as the page shows it: its fields, record count and marked-up text."""

    anchor: str
    report: Report
    records: int
    tokens: list[Token]

    @property
    def search(self) -> str:
        """The words the report filter matches against."""
        report = self.report
        return " ".join(str(item) for item in (report.doc_id, report.title, report.organization, report.region,
                                               report.doc_type.value) if item).lower()


def _fields(item: Any) -> dict[str, Any]:
    dumped = item.model_dump(mode="json")
    return {name: dumped.get(name) for name in ("raw", "evidence") + DISPLAY_FIELDS}


def _entries(report: Report, comparison: Comparison | None, counter: dict[str, int]) -> list[Entry]:
    diffs = comparison.diff_report(report) if comparison else [RecordDiff(record, None) for record in report.records]
    diffs.sort(key=lambda diff: (diff.record.start or 0, diff.record.end or 0))
    entries = []
    for diff in diffs:
        kind = "m" if diff.current is None else "r"
        counter[kind] += 1
        previous = diff.previous.model_dump(mode="json") if diff.previous is not None else {}
        entries.append(Entry(id=f"{kind}{counter[kind]}", report_id=report.report_id, start=diff.record.start or 0,
                             end=diff.record.end or 0, fields=_fields(diff.record), placed=True,
                             diff=diff.status if comparison else None,
                             changed={name: previous.get(name) for name in diff.changed}))
    return entries


def _script_json(data: Any) -> Markup:
    """JSON that cannot end its <script type="application/json"> element, whatever the strings hold."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for character, escape in JSON_ESCAPES.items():
        text = text.replace(character, escape)
    return Markup(text)


def _hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii") + "'"


def _activity_colours() -> dict[str, str]:
    """A distinct pale colour per activity label, spread round the hue circle; `other` stays grey."""
    colours = {activity.value: f"hsl({index * GOLDEN_ANGLE % 360:.0f} 80% 82%)" for index, activity in enumerate(Activity)}
    colours[Activity.other.value] = "hsl(0 0% 85%)"
    return colours


def _environment() -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.FileSystemLoader(ASSETS), autoescape=True, undefined=jinja2.StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=False)


def build_views(reports: list[Report], comparison: Comparison | None = None) -> tuple[list[tuple[str, list[ReportView]]], list[Entry]]:
    """Documents with their report views, and every table entry, in page order."""
    counter = {"r": 0, "m": 0}
    documents: dict[str, list[ReportView]] = {}
    entries: list[Entry] = []
    for number, report in enumerate(reports, start=1):
        report_entries = _entries(report, comparison, counter)
        spans = [Span(entry.id, *_offsets(report, entry), entry.activity, entry.diff) for entry in report_entries]
        documents.setdefault(report.doc_id, []).append(
            ReportView(f"report-{number}", report, len(report.records), mark_tokens(report.text, spans)))
        entries.extend(report_entries)
    if comparison is not None:
        for report_id, item in comparison.unplaced({report.report_id for report in reports}):
            counter["m"] += 1
            entries.append(Entry(f"m{counter['m']}", report_id, item.start or 0, item.end or 0, _fields(item),
                                 placed=False, diff="missing"))
    return list(documents.items()), entries


def _offsets(report: Report, entry: Entry) -> tuple[int, int]:
    """The entry's span; a previous record whose span no longer holds its raw text goes to the nearest place that does."""
    raw, start, end = entry.fields.get("raw") or "", entry.start, entry.end
    if report.text[start:end] == raw or not raw:
        return start, end
    places = [index for index in range(len(report.text)) if report.text.startswith(raw, index)]
    if not places:
        return min(start, len(report.text)), min(end, len(report.text))
    nearest = min(places, key=lambda index: abs(index - start))
    return nearest, nearest + len(raw)


def render_review(reports: list[Report], comparison: Comparison | None = None, title: str = "Review") -> str:
    """The whole page as one string: escaped text, inline CSS and JS allowed by hash, data as escaped JSON."""
    environment = _environment()
    css = environment.get_template("review.css.j2").render(colours=_activity_colours())
    javascript = (ASSETS / "review.js").read_text(encoding="utf-8")
    for source, tag in ((css, "</style"), (javascript, "</script")):
        assert tag not in source.lower(), f"an asset may not contain {tag}"
    documents, entries = build_views(reports, comparison)
    counts = {kind: sum(entry.diff == kind for entry in entries) for kind in ("new", "missing", "changed")}
    counts["outside"] = comparison.outside({report.report_id for report in reports}) if comparison else 0
    data = {"fields": ["report_id", "evidence", *DISPLAY_FIELDS],
            "previous_label": "gold" if comparison is not None and comparison.kind == "gold" else "was",
            "records": {entry.id: {**entry.fields, "report_id": entry.report_id, "diff": entry.diff,
                                   "changed": entry.changed, "placed": entry.placed} for entry in entries}}
    csp = (f"default-src 'none'; script-src {_hash(javascript)}; style-src {_hash(css)}; img-src data:; "
           "base-uri 'none'; form-action 'none'")
    return environment.get_template("page.html.j2").render(
        title=title, csp=csp, css=Markup(css), javascript=Markup(javascript), data=_script_json(data),
        documents=documents, entries=entries, comparison=comparison, counts=counts,
        report_count=len(reports), record_count=sum(len(report.records) for report in reports),
        table_fields=TABLE_FIELDS, numeric_fields=NUMERIC_FIELDS,
        activities=sorted({entry.activity for entry in entries}), colours=_activity_colours())


def write_review(html: str, path: Path) -> None:
    """Write the page through a temporary file in the same folder, then rename it over `path`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(html)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
