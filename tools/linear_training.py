"""Fitting, pruning and writing the weight tables of the learned second opinions (extract/metrics/linear.py).

Needs scikit-learn (`pip install -e ".[learn]"`); used by tools/train_activity_model.py and
tools/train_doctype_model.py.
"""
from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path

import numpy
from pydantic import BaseModel
from sklearn.feature_extraction import DictVectorizer
from sklearn.svm import LinearSVC

from extract.yamlfile import PATTERNS_DIR


def sparse32(matrix):
    """The matrix as CSR with 32-bit indices (liblinear refuses the 64-bit ones scipy may give)."""
    matrix = matrix.tocsr()
    matrix.indices, matrix.indptr = matrix.indices.astype(numpy.int32), matrix.indptr.astype(numpy.int32)
    return matrix


def fit_table(features: list[dict[str, float]], labels: list[str], regularisation: float,
              cut: float) -> tuple[dict, list[str]]:
    """Fit a one-vs-rest linear SVM: the pruned table's labels, intercepts and weights, and the full model's labels."""
    vectoriser = DictVectorizer()
    matrix = sparse32(vectoriser.fit_transform(features))
    svm = LinearSVC(C=regularisation, random_state=0).fit(matrix, labels)
    coefficients = svm.coef_ if len(svm.classes_) > 2 else numpy.vstack([-svm.coef_[0], svm.coef_[0]])
    intercepts = svm.intercept_ if len(svm.classes_) > 2 else numpy.array([-svm.intercept_[0], svm.intercept_[0]])
    weights = {}
    for column, name in enumerate(vectoriser.get_feature_names_out()):
        row = [(index, round(float(weight), 4)) for index, weight in enumerate(coefficients[:, column]) if abs(weight) >= cut]
        if row:
            weights[name] = row
    table = {"labels": [str(label) for label in svm.classes_],
             "intercepts": [round(float(value), 4) for value in intercepts], "weights": weights}
    return table, [str(label) for label in svm.predict(matrix)]


def write_atomically(path: Path, table: BaseModel) -> None:
    """Write the table as compact JSON through a temporary file, so a failed run leaves the old one."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        json.dump(table.model_dump(mode="json"), out, ensure_ascii=False, separators=(",", ":"))
        out.write("\n")
    os.chmod(temporary, 0o644)
    os.replace(temporary, path)


def training_arguments(description: str, model_file: str, cut: float) -> argparse.Namespace:
    """The trainers' command line: --patterns, --out (the model file in it by default) and --cut."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--patterns", type=Path, default=PATTERNS_DIR)
    parser.add_argument("--out", type=Path, default=PATTERNS_DIR / model_file)
    parser.add_argument("--cut", type=float, default=cut, help=f"drop weights smaller than this ({cut} keeps every training label)")
    return parser.parse_args()
