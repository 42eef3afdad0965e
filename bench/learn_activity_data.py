"""Experiment data for a learned activity classifier: every matched (gold, predicted) record of the seed
gold and the dev split, with the extractor's own evidence, span, unit and rule label, as JSON Lines.

Only raw files whose `split` in corpus/dev/sources.csv is `dev` are read; the held-out test split's raw
text and gold are never opened.

Run: python bench/learn_activity_data.py --out /tmp/learn/records.jsonl
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import yaml

from extract.evaluation.evaluate import match_records
from extract.evaluation.gold import read_gold_file
from extract.pipeline import extract_file, extract_text, load_pipeline

ROOT = Path(__file__).resolve().parents[1]
# Made-up and real sentences, each count's activity labelled by reading against SPEC §3
# (tests/metrics/test_activity.py, tests/metrics/test_attach.py).
ACTIVITY_CASES = ROOT / "tests/data/activity_cases.yaml"
ATTACH_CASES = ROOT / "tests/data/attach_cases.yaml"


def batch_of(name: str) -> str:
    """The batch of a dev file: the letters its name starts with (a001.txt is a, za003.txt is za)."""
    return re.match(r"[a-z]+", name).group()


def batch_order(batch: str) -> tuple[int, str]:
    """Batches in the order they were named: a … z, then za … zz, then zza …"""
    return len(batch), batch


def dev_files() -> list[str]:
    """Raw file names of the dev split, read from sources.csv (test rows are skipped unread)."""
    with open(ROOT / "corpus/dev/sources.csv", encoding="utf-8") as handle:
        return sorted(row["file"] for row in csv.DictReader(handle) if row["split"] == "dev")


def rows_of(gold_path: Path, raw_path: Path, group: str, pipeline) -> list[dict]:
    """One row per matched, not-doubtful record of one document (what evaluate scores activity on)."""
    document = read_gold_file(gold_path)
    reports = {report.index: report for report in extract_file(raw_path, raw_path.name, pipeline=pipeline)}
    rows = []
    for gold_report in document.reports:
        report = reports.get(gold_report.report)
        if report is None:
            continue
        gold_metrics = [metric for metric in document.metrics if metric.report == gold_report.report]
        for gold, record in match_records(gold_metrics, report.records):
            if gold is None or record is None or gold.doubtful:
                continue
            rows.append({
                "group": group, "doc": raw_path.name, "report": report.index, "doc_type": report.doc_type.value,
                "text": report.text, "start": record.start, "end": record.end, "evidence": record.evidence,
                "raw": record.raw, "unit": record.unit, "unit_class": record.unit_class.value,
                "object": record.object, "rule_label": record.activity.value, "rule": record.rule,
                "status": record.status.value, "gold": gold.activity.value,
                "gold_start": gold.start, "gold_end": gold.end})
    return rows


def case_table_rows(pipeline, activity_cases: list[dict] | None = None, attach_cases: list[dict] | None = None) -> list[dict]:
    """One row per labelled count of the activity case table, for the rows where the rules find as many counts
    as it labels, and per count of the attachment case table that names its activity (matched by raw)."""
    if activity_cases is None:
        activity_cases = yaml.safe_load(ACTIVITY_CASES.read_text(encoding="utf-8"))
    if attach_cases is None:
        attach_cases = yaml.safe_load(ATTACH_CASES.read_text(encoding="utf-8"))
    rows = []
    for number, case in enumerate(activity_cases):
        records = [record for report in extract_text(case["text"], "case.txt", pipeline) for record in report.records]
        if len(records) == len(case["activities"]):
            rows += [_case_row(f"activity {number}", case["text"], record, label)
                     for record, label in zip(records, case["activities"])]
    for case in attach_cases:
        records = [record for report in extract_text(case["text"], "case.txt", pipeline) for record in report.records]
        for expected in case["records"]:
            found = next((record for record in records if record.raw == expected["raw"]), None)
            if found is not None and "activity" in expected:
                records.remove(found)
                rows.append(_case_row(f"attach {case['id']}", case["text"], found, expected["activity"]))
    return rows


def _case_row(case: str, text: str, record, label: str) -> dict:
    """A training row of one count of a case table."""
    return {"group": "cases", "case": case, "text": text, "start": record.start, "end": record.end,
            "evidence": record.evidence, "unit": record.unit, "unit_class": record.unit_class.value,
            "rule_label": record.activity.value, "rule": record.rule, "gold": label}


def main() -> None:
    """Extract the seed and dev raw files and write matched rows."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    arguments = parser.parse_args()
    pipeline = load_pipeline(rules_only=True)
    began = time.perf_counter()
    rows = []
    for gold_path in sorted((ROOT / "corpus/gold").glob("*.jsonl")):
        rows += rows_of(gold_path, ROOT / "corpus/raw" / f"{gold_path.stem}.txt", "seed", pipeline)
    for name in dev_files():
        gold_path = ROOT / "corpus/dev/gold/dev" / name.replace(".txt", ".jsonl")
        if not gold_path.exists():
            print(f"{name}: dev in sources.csv but no dev gold", file=sys.stderr)
            continue
        rows += rows_of(gold_path, ROOT / "corpus/dev/raw" / name, batch_of(name), pipeline)
    arguments.out.parent.mkdir(parents=True, exist_ok=True)
    arguments.out.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    print(f"{len(rows)} matched records in {time.perf_counter() - began:.1f} s → {arguments.out}")


if __name__ == "__main__":
    main()
