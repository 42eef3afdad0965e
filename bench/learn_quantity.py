"""Experiment: does a learned "this number is not a metric" filter raise quantity precision on unseen batches?

Reads every record the rules produced on arrival for each dev batch (records_<batch>.jsonl in the
directories given, written by an extractor at the commit before the batch was merged), matches them to
today's dev gold per report with `match_records` as evaluate does, and labels each predicted record a
true metric (matched to non-doubtful gold), doubtful (matched to doubtful gold: evaluate scores neither
way, so it is left out of training) or a false positive (no gold match). A linear SVM over the shipped
activity model's features plus the number's own shape is trained leave-one-batch-out and drops a
record whose "not a metric" score is above a threshold fixed in advance; quantity precision, recall and
F1 are then recomputed by re-matching the kept records. Report text comes from today's normaliser and
splitter on the dev raw file (no extraction); a record whose span does not read back as its raw text is
counted and kept unscored by the model. Only dev-split files (corpus/dev/sources.csv) are read.
Findings: docs/learned_quantity.md.

Run: python bench/learn_quantity.py /tmp/learn9/arrival /tmp/learn9q [--per-batch] [--forward] [--variants shape]
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

from sklearn.feature_extraction import DictVectorizer
from sklearn.svm import LinearSVC

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.learn_activity_data import batch_of, batch_order, dev_files
from extract.documents import read_file
from extract.evaluation.evaluate import match_records
from extract.evaluation.gold import read_gold_file
from extract.metrics.activitymodel import ActivityModel, untrained_model
from extract.text import Normaliser, Splitter, load_normaliser, load_splitter
from extract.yamlfile import PATTERNS_DIR
from tools.linear_training import sparse32
from tools.train_activity_model import SETTINGS

# Fixed before any figure was seen: the SVM margin above which a record is dropped.
THRESHOLDS = (0.0, 0.5, 1.0)
SLICES = {"a–l": ("a", "l"), "m–zb": ("m", "zb"), "zc–zv": ("zc", "zv"), "zw–zz": ("zw", "zz"), "zza–zzd": ("zza", "zzd"), "zze–zzg": ("zze", "zzg")}
CHINESE_DIGITS = set("零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟兩萬億")
OPENERS, CLOSERS = "“「『《（(【[\"‘", "”」』》）)】]\"’"
CLAUSE_START = re.compile(r"[，。；！？：\n,;!?:]")


def report_texts(path: Path, doc_id: str, normaliser: Normaliser, splitter: Splitter) -> dict[str, str]:
    """Report id → text of one raw file, cut by today's normaliser and splitter (no extraction)."""
    cleaned = normaliser.clean(read_file(path, doc_id).text)
    return {f"{doc_id}#{index}": section.text for index, section in enumerate(splitter.split(cleaned), start=1)}


def shape_features(record: dict, text: str) -> dict[str, float]:
    """The number's own shape: numeral kind, digit count, measure word or none, the characters around it."""
    raw, start, end = record["raw"], record["start"], record["end"]
    kind = "digits" if raw[:1].isdigit() else "chinese" if raw[:1] in CHINESE_DIGITS else "other"
    value = record.get("value") or 0
    names = {f"kind={kind}", f"digits={min(len(str(int(abs(value)))), 7)}",
                               f"has_unit={record.get('unit') is not None}", f"qualifier={record.get('qualifier')}",
                               f"before1={text[start - 1:start] or '^'}", f"before2={text[max(0, start - 2):start] or '^'}",
                               f"after1={text[end:end + 1] or '$'}", f"after2={text[end:end + 2] or '$'}"}
    found: dict[str, float] = dict.fromkeys(names, 1.0)
    clause_start = max((match.end() for match in CLAUSE_START.finditer(text, 0, start)), default=0)
    window = text[max(0, start - 30):start]
    depth = sum(window.count(char) for char in OPENERS[:-2]) - sum(window.count(char) for char in CLOSERS[:-2])
    if depth > 0 or window.count('"') % 2:
        found["inside_quotes"] = 1.0
    if start == clause_start:
        found["clause_first"] = 1.0
    if value and float(value).is_integer() and 1949 <= value <= 2030 and kind == "digits":
        found["year_like"] = 1.0
    return found


def load_rows(directories: list[Path]) -> tuple[list[dict], dict[str, list], int]:
    """Labelled predicted records, gold metrics per report, and the number of records whose span did not read back."""
    normaliser, splitter = load_normaliser(PATTERNS_DIR), load_splitter(PATTERNS_DIR)
    names = dev_files()
    predicted: dict[str, list[dict]] = defaultdict(list)
    arrived: set[str] = set()
    for batch in sorted({batch_of(name) for name in names}):
        path = next((directory / f"records_{batch}.jsonl" for directory in directories
                     if (directory / f"records_{batch}.jsonl").exists()), None)
        if path is None:
            print(f"{batch}: no records_{batch}.jsonl in {', '.join(map(str, directories))}", file=sys.stderr)
            continue
        arrived.add(batch)
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            predicted[item["report_id"]].append(item)
    rows, gold_by_report, unread = [], {}, 0
    # A batch without on-arrival records is left out whole: its gold would count as missed.
    for name in (name for name in names if batch_of(name) in arrived):
        batch = batch_of(name)
        document = read_gold_file(ROOT / "corpus/dev/gold/dev" / name.replace(".txt", ".jsonl"))
        texts = report_texts(ROOT / "corpus/dev/raw" / name, name, normaliser, splitter)
        for report in document.reports:
            report_id = document.report_id(report.report)
            gold = [metric for metric in document.metrics if metric.report == report.report]
            gold_by_report[report_id] = gold
            records = predicted.get(report_id, [])
            text = texts.get(report_id, "")
            for item, record in match_records(gold, [SimpleNamespace(**record) for record in records]):
                if record is None:
                    continue
                record = vars(record)
                readable = text[record["start"]:record["end"]] == record["raw"]
                unread += not readable
                label = "fp" if item is None else "doubtful" if item.doubtful else "tp"
                rows.append({"batch": batch, "report_id": report_id, "record": record, "label": label,
                             "text": text if readable else None})
    return rows, gold_by_report, unread


def features(row: dict, model: ActivityModel, variant: str) -> dict[str, float]:
    """The activity model's features of one record, plus the number's shape unless the variant leaves it out."""
    record, text = row["record"], row["text"]
    found: dict[str, float] = {}
    if variant in ("activity", "both", "both+rule"):
        found.update(model.features(text, record["start"], record["end"], record["evidence"], record["unit"],
                                    record["unit_class"]))
    if variant in ("shape", "both", "both+rule"):
        found.update(shape_features(record, text))
    if variant == "both+rule":
        found[f"rule={record['rule'].split(':')[0]}"] = 1.0
    return found


def leave_one_batch_out(rows: list[dict], key: str, c_value: float, forward: bool = False,
                        share: float = 1.0, seed: int = 0) -> None:
    """Give each readable row a held-out "not a metric" score (SVM margin) under rows[key + '_score'].

    With forward, a batch is scored by a model trained only on the batches named before it (as if shipped
    then); the first batches, with no false positive before them, keep every record. A share under 1
    trains on that share of the other batches, drawn at random (the learning curve).
    """
    batches = sorted({row["batch"] for row in rows}, key=batch_order)
    draw = random.Random(seed)
    for batch in batches:
        others = [other for other in batches if (batch_order(other) < batch_order(batch) if forward else other != batch)]
        chosen = set(draw.sample(others, round(share * len(others)))) if share < 1 else set(others)
        train = [row for row in rows if row["text"] is not None and row["label"] != "doubtful" and row["batch"] in chosen]
        if len({row["label"] for row in train}) < 2:
            continue
        test = [row for row in rows if row["batch"] == batch and row["text"] is not None]
        vectoriser = DictVectorizer()
        model = LinearSVC(C=c_value, random_state=0)
        model.fit(sparse32(vectoriser.fit_transform([row[key] for row in train])), [row["label"] == "fp" for row in train])
        scores = model.decision_function(sparse32(vectoriser.transform([row[key] for row in test]))) if test else []
        for row, score in zip(test, scores):
            row[f"{key}_score"] = float(score)


def counts(rows: list[dict], gold_by_report: dict[str, list], keep: Callable[[dict], bool]) -> dict[str, list[int]]:
    """Per batch: [true positives, false positives, false negatives] of the kept records, re-matched as evaluate does."""
    by_report: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        if keep(row):
            by_report[row["report_id"]].append(row["record"])
    found: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for report_id, gold in gold_by_report.items():
        figures = found[batch_of(report_id)]
        for item, record in match_records(gold, [SimpleNamespace(**record) for record in by_report.get(report_id, [])]):
            if item is None:
                figures[1] += 1
            elif item.doubtful:
                continue
            elif record is None:
                figures[2] += 1
            else:
                figures[0] += 1
    return found


def scores(figures: list[int]) -> tuple[float, float, float]:
    """Precision, recall and F1 of [tp, fp, fn] (1.0 where nothing was predicted or expected, as evaluate does)."""
    true_positive, false_positive, false_negative = figures
    precision = true_positive / (true_positive + false_positive) if true_positive + false_positive else 1.0
    recall = true_positive / (true_positive + false_negative) if true_positive + false_negative else 1.0
    return precision, recall, (2 * precision * recall / (precision + recall) if precision + recall else 0.0)


def table(systems: dict[str, dict[str, list[int]]], per_batch: bool) -> None:
    """Print P/R/F1 of every system on each slice (and each batch), batches better/worse and net records."""
    names = list(systems)
    batches = sorted(systems[names[0]], key=batch_order)
    slices = {"all dev": batches}
    slices.update({name: [batch for batch in batches if batch_order(first) <= batch_order(batch) <= batch_order(last)]
                   for name, (first, last) in SLICES.items()})
    if per_batch:
        slices.update({batch: [batch] for batch in batches})
    print("slice | gold | " + " | ".join(f"{name} P / R / F1" for name in names))
    for slice_name, members in slices.items():
        cells = []
        for name in names:
            total = [sum(systems[name][batch][index] for batch in members) for index in range(3)]
            cells.append("{:.3f} / {:.3f} / {:.3f}".format(*scores(total)))
        gold = sum(systems[names[0]][batch][0] + systems[names[0]][batch][2] for batch in members)
        print(f"{slice_name} | {gold} | " + " | ".join(cells))
    base = systems[names[0]]
    for name in names[1:]:
        better = sum(scores(systems[name][batch])[2] > scores(base[batch])[2] + 1e-9 for batch in batches)
        worse = sum(scores(systems[name][batch])[2] < scores(base[batch])[2] - 1e-9 for batch in batches)
        removed_fp = sum(base[batch][1] - systems[name][batch][1] for batch in batches)
        lost_tp = sum(base[batch][0] - systems[name][batch][0] for batch in batches)
        print(f"{name}: batches better {better} / worse {worse}; false positives removed {removed_fp}, "
              f"true metrics lost {lost_tp}, net records {removed_fp - lost_tp:+d}")


def examples(rows: list[dict], key: str, cut: float, count: int) -> None:
    """Print a fixed random sample of false positives removed and of true metrics dropped at one threshold."""
    for label, title in (("fp", "false positives removed"), ("tp", "true metrics dropped")):
        chosen = [row for row in rows if row["label"] == label and row.get(f"{key}_score", -9) > cut]
        print(f"\n{title} at > {cut}: {len(chosen)}")
        for row in random.Random(0).sample(chosen, min(count, len(chosen))):
            record = row["record"]
            print(f"  {row['report_id']}\t{record['raw']}\t{row[f'{key}_score']:+.2f}\t{record['rule']}\t{record['evidence'][:60]}")


def main() -> None:
    """Load and label the on-arrival records, score leave-one-batch-out, print the table and examples."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directories", type=Path, nargs="+", help="directories holding records_<batch>.jsonl")
    parser.add_argument("--c", type=float, default=0.3, help="inverse regularisation strength")
    parser.add_argument("--variants", default="both", help="comma-separated: activity, shape, both, both+rule")
    parser.add_argument("--examples", type=float, default=0.5, help="threshold to show examples at")
    parser.add_argument("--per-batch", action="store_true", help="also print one row per batch")
    parser.add_argument("--forward", action="store_true", help="train only on the batches named before the held-out one")
    parser.add_argument("--share", type=float, default=1.0, help="train on this share of the other batches (learning curve)")
    parser.add_argument("--seed", type=int, default=0, help="which random share")
    arguments = parser.parse_args()
    began = time.perf_counter()
    rows, gold_by_report, unread = load_rows(arguments.directories)
    tally = {label: sum(row["label"] == label for row in rows) for label in ("tp", "fp", "doubtful")}
    print(f"{len(rows)} predicted records ({tally}); {unread} whose span does not read back (kept, unscored); "
          f"{time.perf_counter() - began:.1f} s")
    model = untrained_model(PATTERNS_DIR, **SETTINGS)
    variants = arguments.variants.split(",")
    for row in rows:
        for variant in variants:
            row[variant] = features(row, model, variant) if row["text"] is not None else {}
    systems = {"rules on arrival": counts(rows, gold_by_report, lambda row: True)}
    for variant in variants:
        leave_one_batch_out(rows, variant, arguments.c, arguments.forward, arguments.share, arguments.seed)
        for cut in THRESHOLDS:
            systems[f"{variant} >{cut}"] = counts(rows, gold_by_report,
                                                  lambda row, cut=cut, key=f"{variant}_score": row.get(key, -9) <= cut)
    print(f"features per record: {sum(len(row[variants[0]]) for row in rows) / len(rows):.0f} ({variants[0]}); "
          f"{time.perf_counter() - began:.1f} s\n")
    table(systems, arguments.per_batch)
    examples(rows, variants[0], arguments.examples, 20)


if __name__ == "__main__":
    main()
