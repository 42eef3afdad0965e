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
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import numpy
from sklearn.feature_extraction import DictVectorizer
from sklearn.svm import LinearSVC

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from extract.text import load_normaliser
from extract.text.segment import load_segmenter

CLAUSE_END = re.compile(r"[，。；！？：\n,;!?:]")
LEFT_CHARS, RIGHT_CHARS = 14, 10
LATE = {*"mnopqrstuvwxyz", "za", "zb"}
# Batches no rule round had been written for when this ran (their on-arrival rules are today's).
FRESH = {"y", "z", "za", "zb"}


def clause_windows(text: str, start: int, end: int) -> tuple[str, str]:
    """The text of the count's clause before and after the count, cut to a window."""
    left_bound = max((match.end() for match in CLAUSE_END.finditer(text, 0, start)), default=0)
    right_match = CLAUSE_END.search(text, end)
    right_bound = right_match.start() if right_match else len(text)
    return text[max(left_bound, start - LEFT_CHARS):start], text[end:min(right_bound, end + RIGHT_CHARS)]


def features(row: dict, normaliser, segmenter, rule_label: str | None, wide: bool = True,
             rule_weight: float = 2.0) -> dict[str, float]:
    """Sparse features of one record: measure word, unit class, clause windows, nearest verb, rule label."""
    left, right = clause_windows(row["text"], row["start"], row["end"])
    left, right = normaliser.shadow_text(left), normaliser.shadow_text(right)
    found: dict[str, float] = {f"unit={row['unit']}": 1, f"class={row['unit_class']}": 1}
    for side, text in (("L", left), ("R", right)):
        for index in range(len(text) - 1):
            found[f"{side}2={text[index:index + 2]}"] = 1
        for char in text:
            found[f"{side}1={char}"] = 1
    left_tags = segmenter.tags(left) if left else []
    right_tags = segmenter.tags(right) if right else []
    for word, _ in left_tags:
        found[f"LW={word}"] = 1
    for word, _ in right_tags:
        found[f"RW={word}"] = 1
    if left_tags:
        found[f"L-1={left_tags[-1][0]}"] = 1
    if right_tags:
        found[f"R+1={right_tags[0][0]}"] = 1
    verbs = [word for word, tag in left_tags if tag.startswith("v")]
    if verbs:
        found[f"verb={verbs[-1]}"] = 1
    right_nouns = [word for word, tag in right_tags if tag.startswith("n")]
    if right_nouns:
        found[f"noun+={right_nouns[0]}"] = 1
    if wide:
        for word, _ in segmenter.tags(normaliser.shadow_text(row["evidence"])):
            found[f"S={word}"] = 0.5
    if rule_label is not None:
        found[f"rule={rule_label}"] = rule_weight
    return found


def sparse32(matrix):
    """The matrix as CSR with 32-bit indices (scikit-learn's liblinear refuses the 64-bit ones scipy now gives)."""
    matrix = matrix.tocsr()
    matrix.indices, matrix.indptr = matrix.indices.astype(numpy.int32), matrix.indptr.astype(numpy.int32)
    return matrix


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
    slices = {"all dev": lambda row: True, "a–l": lambda row: row["group"] not in LATE,
              "m–zb": lambda row: row["group"] in LATE, "y–zb": lambda row: row["group"] in FRESH}
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
    parser.add_argument("--narrow", action="store_true", help="leave out the words of the whole evidence")
    parser.add_argument("--rule-weight", type=float, default=2.0)
    arguments = parser.parse_args()
    rows = [json.loads(line) for line in arguments.rows.read_text(encoding="utf-8").splitlines()]
    if arguments.arrival:
        arrival = {(item["doc"], item["report"], item["gold_start"]): item["arrival_label"]
                   for item in map(json.loads, arguments.arrival.read_text(encoding="utf-8").splitlines())}
        for row in rows:
            key = (row["doc"], row["report"], row["gold_start"])
            if key in arrival:
                row["arrival_label"] = arrival[key]
        if arguments.only_arrival:
            rows = [row for row in rows if row["group"] == "seed" or "arrival_label" in row]
    wide, weight = not arguments.narrow, arguments.rule_weight
    normaliser, segmenter = load_normaliser(), load_segmenter()
    began = time.perf_counter()
    for row in rows:
        row["plain"] = features(row, normaliser, segmenter, None, wide)
        row["hybrid"] = features(row, normaliser, segmenter, row["rule_label"], wide, weight)
        row["hybrid_arrival"] = features(row, normaliser, segmenter, row.get("arrival_label") or row["rule_label"], wide, weight)
    print(f"features of {len(rows)} rows: {1000 * (time.perf_counter() - began) / len(rows) / 3:.3f} ms a row")
    print(Counter(row["group"] for row in rows))
    systems = leave_one_batch_out(rows, arguments.c)
    report(systems)


if __name__ == "__main__":
    main()
