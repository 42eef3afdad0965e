"""Train the activity model (patterns/activity_model.json) on the seed gold and the dev split.

Needs scikit-learn (`pip install -e ".[learn]"`); the pipeline itself only reads the JSON it writes.
Rows are the matched, not-doubtful records `evaluate` scores activity on (bench/learn_activity_data.py),
extracted with the model switched off so it never learns from its own labels. The test split's raw and
gold files are never opened. Method and figures: docs/learned_activity.md.

Run: python tools/train_activity_model.py [--out patterns/activity_model.json]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

import numpy
from sklearn.feature_extraction import DictVectorizer
from sklearn.svm import LinearSVC

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.learn_activity_data import batch_of, dev_files, rows_of  # noqa: E402
from extract.metrics.activitymodel import ActivityModel, WeightTable, untrained_model  # noqa: E402
from extract.pipeline import Pipeline, load_pipeline  # noqa: E402
from extract.yamlfile import PATTERNS_DIR  # noqa: E402

# Settings fixed by the experiment in docs/learned_activity.md, not tuned here.
SETTINGS = {"regularisation": 0.3, "threshold": 0.25, "threshold_over_rule": 1.0, "left_chars": 14, "right_chars": 10, "evidence_weight": 0.5}


def training_rows(pipeline: Pipeline) -> list[dict]:
    """Matched, not-doubtful records of the seed gold and the dev split, with their gold activity."""
    rows = []
    for gold_path in sorted((ROOT / "corpus/gold").glob("*.jsonl")):
        rows += rows_of(gold_path, ROOT / "corpus/raw" / f"{gold_path.stem}.txt", "seed", pipeline)
    for name in dev_files():
        gold_path = ROOT / "corpus/dev/gold/dev" / name.replace(".txt", ".jsonl")
        if gold_path.exists():
            rows += rows_of(gold_path, ROOT / "corpus/dev/raw" / name, batch_of(name), pipeline)
    return rows


def sparse32(matrix):
    """The matrix as CSR with 32-bit indices (liblinear refuses the 64-bit ones scipy may give)."""
    matrix = matrix.tocsr()
    matrix.indices, matrix.indptr = matrix.indices.astype(numpy.int32), matrix.indptr.astype(numpy.int32)
    return matrix


def train(rows: list[dict], model: ActivityModel, cut: float) -> tuple[WeightTable, float]:
    """Fit a linear SVM on the rows' features; the pruned table and its agreement with the full model."""
    features = [model.features(row["text"], row["start"], row["end"], row["evidence"], row["unit"],
                               row["unit_class"]) for row in rows]
    vectoriser = DictVectorizer()
    matrix = sparse32(vectoriser.fit_transform(features))
    svm = LinearSVC(C=SETTINGS["regularisation"], random_state=0).fit(matrix, [row["gold"] for row in rows])
    coefficients = svm.coef_ if len(svm.classes_) > 2 else numpy.vstack([-svm.coef_[0], svm.coef_[0]])
    weights = {}
    for column, name in enumerate(vectoriser.get_feature_names_out()):
        row = [(index, round(float(weight), 4)) for index, weight in enumerate(coefficients[:, column]) if abs(weight) >= cut]
        if row:
            weights[name] = row
    batches = sorted({row["group"] for row in rows} - {"seed"}, key=lambda batch: (len(batch), batch))
    seeds = sum(row["group"] == "seed" for row in rows)
    described = f"{seeds} seed gold records and {len(rows) - seeds} of dev batches {batches[0]}–{batches[-1]}" if batches else f"{seeds} seed gold records"
    table = WeightTable(
        trained_on=described,
        records=len(rows), labels=list(svm.classes_), intercepts=[round(float(value), 4) for value in svm.intercept_],
        weights=weights, **SETTINGS)
    full = svm.predict(matrix)
    pruned = replace(model, table=table)
    agreement = sum(pruned.opinion(found)[0] == label for found, label in zip(features, full)) / len(rows)
    return table, agreement


def write_atomically(path: Path, table: WeightTable) -> None:
    """Write the table as compact JSON through a temporary file, so a failed run leaves the old one."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(table.model_dump(mode="json"), out, ensure_ascii=False, separators=(",", ":"))
        out.write("\n")
    os.chmod(temporary, 0o644)
    os.replace(temporary, path)


def main() -> None:
    """Extract the training rows, fit, prune and write the model file."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--patterns", type=Path, default=PATTERNS_DIR)
    parser.add_argument("--out", type=Path, default=PATTERNS_DIR / "activity_model.json")
    parser.add_argument("--cut", type=float, default=0.02, help="drop weights smaller than this (0.02 keeps every training label)")
    arguments = parser.parse_args()
    began = time.perf_counter()
    pipeline = load_pipeline(arguments.patterns, rules_only=True)
    rows = training_rows(pipeline)
    model = untrained_model(arguments.patterns, **SETTINGS)
    table, agreement = train(rows, model, arguments.cut)
    write_atomically(arguments.out, table)
    print(f"{len(rows)} records, {len(table.weights)} features kept, pruned model agrees with the full one "
          f"on {agreement:.3f} of them; {time.perf_counter() - began:.0f} s → {arguments.out}")


if __name__ == "__main__":
    main()
