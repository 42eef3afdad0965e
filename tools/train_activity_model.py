"""Train the activity model (patterns/activity_model.json) on the seed gold, the dev split and the activity case table.

Needs scikit-learn (`pip install -e ".[learn]"`); the pipeline itself only reads the JSON it writes.
Rows are the matched, not-doubtful records `evaluate` scores activity on (bench/learn_activity_data.py),
extracted with the model switched off so it never learns from its own labels, and the records of the
activity case table (tests/data/activity_cases.yaml, sentences labelled by reading). The test split's raw and
gold files are never opened. Method and figures: docs/learned_activity.md.

Run: python tools/train_activity_model.py [--out patterns/activity_model.json]
"""
from __future__ import annotations

import sys
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.learn_activity_data import batch_of, batch_order, case_table_rows, dev_files, rows_of  # noqa: E402
from extract.metrics.activitymodel import ActivityModel, WeightTable, untrained_model  # noqa: E402
from extract.pipeline import Pipeline, load_pipeline  # noqa: E402
from tools.linear_training import fit_table, training_arguments, write_atomically  # noqa: E402

# Settings fixed by the experiment in docs/learned_activity.md, not tuned here.
SETTINGS = {"regularisation": 0.3, "threshold": 0.25, "threshold_over_rule": 0.5, "left_chars": 14, "right_chars": 10, "evidence_weight": 0.5}


def training_rows(pipeline: Pipeline) -> list[dict]:
    """Matched, not-doubtful records of the seed gold and the dev split, and the activity case table's, with their activity."""
    rows = case_table_rows(pipeline)
    for gold_path in sorted((ROOT / "corpus/gold").glob("*.jsonl")):
        rows += rows_of(gold_path, ROOT / "corpus/raw" / f"{gold_path.stem}.txt", "seed", pipeline)
    for name in dev_files():
        gold_path = ROOT / "corpus/dev/gold/dev" / name.replace(".txt", ".jsonl")
        if gold_path.exists():
            rows += rows_of(gold_path, ROOT / "corpus/dev/raw" / name, batch_of(name), pipeline)
    return rows


def train(rows: list[dict], model: ActivityModel, cut: float) -> tuple[WeightTable, float]:
    """Fit the model on the rows; the pruned table and the share of rows it labels as the full model does."""
    features = [model.features(row["text"], row["start"], row["end"], row["evidence"], row["unit"],
                               row["unit_class"]) for row in rows]
    fitted, full = fit_table(features, [row["gold"] for row in rows], SETTINGS["regularisation"], cut)
    batches = sorted({row["group"] for row in rows} - {"seed", "cases"}, key=batch_order)
    seeds = sum(row["group"] == "seed" for row in rows)
    cases = sum(row["group"] == "cases" for row in rows)
    described = (f"{seeds} seed gold records, {cases} of the activity case table and {len(rows) - seeds - cases} of dev batches "
                 f"{batches[0]}–{batches[-1]}") if batches else f"{seeds} seed gold records and {cases} of the activity case table"
    table = WeightTable(trained_on=described, records=len(rows), **fitted, **SETTINGS)
    pruned = replace(model, table=table)
    agreement = sum(pruned.opinion(found)[0].value == label for found, label in zip(features, full)) / len(rows)
    return table, agreement


def main() -> None:
    """Extract the training rows, fit, prune and write the model file."""
    arguments = training_arguments(__doc__.splitlines()[0], "activity_model.json", 0.02)
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
