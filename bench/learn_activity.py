"""Experiment: does a small learned activity classifier beat the hand-written rules on batches it never saw?

Reads the rows of bench/learn_activity_data.py (matched, not-doubtful records of the seed gold and the
dev split), builds sparse features from the extractor's record and its report text, and scores
leave-one-batch-out: train on the seeds and every other dev batch, predict the held-out batch.
Compares on the same records: the rules (today's, and with --arrival as they stood when each batch arrived),
the classifier alone, and hybrids (rule unless the classifier is confident, classifier only where the rule
says other, the rule label as a feature). Findings: docs/learned_activity.md.

Run: python bench/learn_activity.py /tmp/learn/records.jsonl [--arrival /tmp/learn/arrival.jsonl]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy
from sklearn.feature_extraction import DictVectorizer
from sklearn.svm import LinearSVC

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.learn_activity_data import batch_order
from extract.metrics.activitymodel import ActivityModel, untrained_model
from extract.yamlfile import PATTERNS_DIR
from tools.linear_training import sparse32
from tools.train_activity_model import SETTINGS

# Slices of the dev batches, by when they arrived: the first rounds, the later ones, round 8's waves, and
# session 9's first fresh wave (no rule and no model had seen it), session 9's later waves and session 10's.
SLICES = {"a–l": ("a", "l"), "m–zb": ("m", "zb"), "zc–zv": ("zc", "zv"), "zw–zz": ("zw", "zz"),
          "zza–zzk": ("zza", "zzk"), "zzl–zzw": ("zzl", "zzw")}


def features(row: dict, model: ActivityModel, rule_label: str | None, rule_weight: float = 2.0) -> dict[str, float]:
    """The shipped model's features of one record (extract/metrics/activitymodel.py), plus the rule label if given."""
    found = model.features(row["text"], row["start"], row["end"], row["evidence"], row["unit"], row["unit_class"])
    if rule_label is not None:
        found[f"rule={rule_label}"] = rule_weight
    return found


def fit_predict(train: list[dict], test: list[dict], key: str, c_value: float, test_key: str | None = None):
    """Train a linear SVM (one-vs-rest) on train's features under key; labels and top scores of test."""
    vectoriser = DictVectorizer()
    model = LinearSVC(C=c_value, random_state=0)
    model.fit(sparse32(vectoriser.fit_transform([row[key] for row in train])), [row["gold"] for row in train])
    scores = model.decision_function(sparse32(vectoriser.transform([row[test_key or key] for row in test])))
    best = scores.argmax(axis=1)
    return [model.classes_[index] for index in best], scores[numpy.arange(len(test)), best]


def leave_one_batch_out(rows: list[dict], c_value: float) -> dict[str, list]:
    """Per held-out row: the predictions of every system, keyed by system name.

    With on-arrival labels, the held-out batch's rule label is the one its rules gave on arrival (honest),
    and two rule-as-feature hybrids are trained: on today's rule labels, or on each training row's own
    on-arrival label (seeds keep today's).
    """
    systems: dict[str, list] = defaultdict(list)
    arrival = all("arrival_label" in row for row in rows if row["group"] != "seed")
    batches = sorted({row["group"] for row in rows if row["group"] != "seed"})
    for batch in batches:
        train = [row for row in rows if row["group"] != batch]
        test = [row for row in rows if row["group"] == batch]
        alone, confidence = fit_predict(train, test, "plain", c_value)
        tuned, _ = fit_predict(train, test, "hybrid", c_value)
        if arrival:
            honest_today, _ = fit_predict(train, test, "hybrid", c_value, test_key="hybrid_arrival")
            honest_arrival, _ = fit_predict(train, test, "hybrid_arrival", c_value)
        for index, row in enumerate(test):
            rule = row.get("arrival_label", row["rule_label"]) if arrival else row["rule_label"]
            label = alone[index]
            systems["row"].append(row)
            systems["rules today (tuned on it)"].append(row["rule_label"])
            systems["hybrid, today's rule feature (leaks)"].append(tuned[index])
            if arrival:
                systems["rules on arrival"].append(rule)
            systems["classifier"].append(label)
            systems["rule, classifier where rule says other"].append(label if rule == "other" else rule)
            for cut in (0.0, 0.25, 0.5, 0.75):
                systems[f"rule unless classifier score>{cut}"].append(label if confidence[index] > cut else rule)
            # A rule that fired on a trigger word of the clause (rule "activity:…"), or on the object, a total, a
            # compared count (object:, part_of:, compared:, refers_back:), against the fallback that had only the
            # measure word to go on (rule "quantity").
            rule_name = row.get("arrival_rule", row["rule"])
            triggered = rule_name.startswith("activity:")
            fallback = rule_name == "quantity"
            for cut in (0.5, 1.0):
                systems[f"rule unless score>0.25, or >{cut} over a triggered rule"].append(
                    label if confidence[index] > (cut if triggered else 0.25) else rule)
                systems[f"rule unless score>0.25 over the fallback, >{cut} over any other rule"].append(
                    label if confidence[index] > (0.25 if fallback else cut) else rule)
            systems["rule unless score>0.25, triggered rules kept"].append(
                label if confidence[index] > 0.25 and not triggered else rule)
            systems["rule unless score>0.25 over the fallback, other rules kept"].append(
                label if confidence[index] > 0.25 and fallback else rule)
            if arrival:
                systems["hybrid: train today's rule, test arrival"].append(honest_today[index])
                systems["hybrid: train+test arrival rule"].append(honest_arrival[index])
    return systems


def accuracy(rows: list[dict], labels: list[str]) -> tuple[float, int]:
    """Share of rows whose label is the gold one, and the number of rows."""
    hits = sum(row["gold"] == label for row, label in zip(rows, labels))
    return (hits / len(rows) if rows else 0.0), len(rows)


def report(systems: dict[str, list]) -> None:
    """Print overall, early (a–l), late (m–x) and per-batch accuracy of every system."""
    rows = systems["row"]
    names = [name for name in systems if name != "row"]
    slices = {"all dev": lambda row: True}
    slices.update({name: (lambda row, first=first, last=last: batch_order(first) <= batch_order(row["group"]) <= batch_order(last))
                   for name, (first, last) in SLICES.items()})
    slices.update({batch: (lambda row, batch=batch: row["group"] == batch) for batch in sorted({row["group"] for row in rows})})
    for number, name in enumerate(names, start=1):
        print(f"  ({number}) {name}")
    print("slice\tn\t" + "\t".join(f"({number})" for number in range(1, len(names) + 1)))
    for slice_name, keep in slices.items():
        chosen = [index for index, row in enumerate(rows) if keep(row)]
        figures = [accuracy([rows[i] for i in chosen], [systems[name][i] for i in chosen])[0] for name in names]
        print(f"{slice_name}\t{len(chosen)}\t" + "\t".join(f"{figure:.3f}" for figure in figures))


def main() -> None:
    """Load rows, build features, run leave-one-batch-out and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=Path)
    parser.add_argument("--arrival", type=Path, help="rows' on-arrival rule labels (bench/learn_activity_arrival.py)")
    parser.add_argument("--c", type=float, default=0.3, help="inverse regularisation strength")
    parser.add_argument("--only-arrival", action="store_true", help="keep only dev rows that have an on-arrival label")
    parser.add_argument("--rule-weight", type=float, default=2.0)
    arguments = parser.parse_args()
    rows = [json.loads(line) for line in arguments.rows.read_text(encoding="utf-8").splitlines()]
    if arguments.arrival:
        arrival = {(item["doc"], item["report"], item["gold_start"]): item
                   for item in map(json.loads, arguments.arrival.read_text(encoding="utf-8").splitlines())}
        for row in rows:
            key = (row["doc"], row["report"], row["gold_start"])
            if key in arrival:
                row["arrival_label"] = arrival[key]["arrival_label"]
                row["arrival_rule"] = arrival[key].get("arrival_rule", row["rule"])
        if arguments.only_arrival:
            rows = [row for row in rows if row["group"] == "seed" or "arrival_label" in row]
    weight = arguments.rule_weight
    model = untrained_model(PATTERNS_DIR, **SETTINGS)
    began = time.perf_counter()
    for row in rows:
        row["plain"] = features(row, model, None)
        row["hybrid"] = features(row, model, row["rule_label"], weight)
        row["hybrid_arrival"] = features(row, model, row.get("arrival_label") or row["rule_label"], weight)
    print(f"features of {len(rows)} rows: {1000 * (time.perf_counter() - began) / len(rows) / 3:.3f} ms a row")
    print(Counter(row["group"] for row in rows))
    systems = leave_one_batch_out(rows, arguments.c)
    report(systems)


if __name__ == "__main__":
    main()
