"""Labeller agreement: a gold folder scored against another labeller's files of the same documents."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from extract.evaluation.agreement import agreement
from tests.conftest import ROOT

GOLD = ROOT / "corpus" / "gold"


def test_a_labeller_agrees_with_itself(tmp_path: Path) -> None:
    shutil.copy(GOLD / "000_23cee1b953ad0199.jsonl", tmp_path)
    result = agreement(GOLD, tmp_path)
    assert result.reports == 15
    assert result.quantity.f1 == 1.0
    assert all(value == 1.0 for value in result.fields().values())


def test_a_dropped_label_and_a_changed_activity_are_disagreements(tmp_path: Path) -> None:
    lines = (GOLD / "000_23cee1b953ad0199.jsonl").read_text(encoding="utf-8").splitlines()
    metrics = [index for index, line in enumerate(lines) if json.loads(line)["kind"] == "metric"
               and not json.loads(line)["doubtful"]]
    changed = json.loads(lines[metrics[0]])
    changed["activity"] = "other" if changed["activity"] != "other" else "reach"
    lines[metrics[0]] = json.dumps(changed, ensure_ascii=False)
    del lines[metrics[1]]
    (tmp_path / "000_23cee1b953ad0199.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = agreement(GOLD, tmp_path)
    assert result.quantity.false_negative == 1
    assert result.fields()["activity"] < 1.0
