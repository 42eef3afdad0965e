"""Evaluate: the gate holds on the current extractor and catches a regression."""
from __future__ import annotations

import json
import shutil
from types import SimpleNamespace
from pathlib import Path

import pytest
import regex
from rich.cells import cell_len
from typer.testing import CliRunner

from cli import app
from extract.evaluation.evaluate import Score, score_labels, match_records
from tests.conftest import ROOT

runner = CliRunner()
THRESHOLDS = ROOT / "corpus" / "thresholds.yaml"


# Each gate runs with the learned activity model (what users get) and without it: the model is trained on
# the seed gold and the dev split, so there its activity figure is in-sample; the rules' figure guards the YAML.
MODES = {"with the model": [], "rules only": ["--rules-only"]}


@pytest.mark.parametrize("mode", MODES)
def test_gate_holds_on_current_extractor(mode: str) -> None:
    result = runner.invoke(app, ["evaluate", "--gate", str(THRESHOLDS), *MODES[mode]])
    assert result.exit_code == 0, result.output
    assert "quantity detection" in result.output


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("split", ["dev", "test"])
def test_gate_holds_on_the_development_corpus(split: str, mode: str) -> None:
    """Text the seed rules were not written for (corpus/dev): each split keeps its own gate."""
    dev = ROOT / "corpus" / "dev"
    result = runner.invoke(app, ["evaluate", "--gold", str(dev / "gold" / split), "--raw", str(dev / "raw"),
                                 "--gate", str(dev / f"thresholds-{split}.yaml"), *MODES[mode]])
    assert result.exit_code == 0, result.output


def test_rules_only_changes_activity_and_nothing_else() -> None:
    """Switching the models off moves activity (and report activities and doc types) only: on the seeds every
    other record field is the rules' (the doc-type model never types a report plan, so no status moves)."""
    figures = {mode: json.loads(runner.invoke(app, ["evaluate", "--json", *flag]).output) for mode, flag in MODES.items()}
    model, rules = figures["with the model"], figures["rules only"]
    assert model["quantity"] == rules["quantity"]
    assert {name: value for name, value in model["fields"].items() if name != "activity"} == \
        {name: value for name, value in rules["fields"].items() if name != "activity"}
    assert model["fields"]["activity"] != rules["fields"]["activity"]


def test_json_shape() -> None:
    result = runner.invoke(app, ["evaluate", "--json"])
    figures = json.loads(result.output)
    assert figures["reports"] == 61
    assert set(figures["quantity"]) >= {"precision", "recall", "f1"}
    assert {"value", "activity", "status", "channels", "audiences"} <= set(figures["fields"])
    assert {"organization", "region", "doc_type", "channels", "audiences", "activities"} <= set(figures["report_fields"])
    assert set(figures["label_sets"]) == {"channels", "audiences"}


def test_removing_one_pattern_line_fails_the_gate(tmp_path: Path) -> None:
    patterns = tmp_path / "patterns"
    shutil.copytree(ROOT / "patterns", patterns)
    units = patterns / "units.yaml"
    lines = units.read_text(encoding="utf-8").splitlines(keepends=True)
    kept = [line for line in lines if not line.strip().startswith("- {unit: 份,")]
    assert len(kept) == len(lines) - 1
    units.write_text("".join(kept), encoding="utf-8")
    baseline = json.loads(runner.invoke(app, ["evaluate", "--json"]).output)
    broken = runner.invoke(app, ["evaluate", "--json", "--patterns", str(patterns), "--gate", str(THRESHOLDS)])
    assert broken.exit_code == 1
    figures = json.loads(broken.output[: broken.output.rindex("}") + 1])
    assert figures["quantity"]["recall"] < baseline["quantity"]["recall"]


def test_min_f1_gate() -> None:
    assert runner.invoke(app, ["evaluate", "--min-f1", "0.999"]).exit_code == 1


def test_errors_list_false_negatives(tmp_path: Path) -> None:
    result = runner.invoke(app, ["evaluate", "--errors"])
    assert result.exit_code == 0
    for line in result.output.splitlines():
        if line.startswith(("FP\t", "FN\t")):
            assert len(line.split("\t")) == 5


def test_rules_table() -> None:
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0
    assert "activity:发放" in result.output
    assert "gold records found by no rule" in result.output


def test_score_arithmetic() -> None:
    score = Score(true_positive=8, false_positive=2, false_negative=2)
    assert (score.precision, score.recall, round(score.f1, 3)) == (0.8, 0.8, 0.8)
    assert match_records([], []) == []


def test_label_sets_count_each_label() -> None:
    """Set fields are also scored label by label: one right, one extra, one missed."""
    gold = SimpleNamespace(channels=["wechat", "print"], audiences=[])
    found = SimpleNamespace(channels=["wechat", "led_screen"], audiences=[])
    scores = {"channels": Score(), "audiences": Score()}
    score_labels(scores, gold, found)
    assert (scores["channels"].true_positive, scores["channels"].false_positive, scores["channels"].false_negative) == (1, 1, 1)
    assert scores["audiences"] == Score()


def test_missing_or_empty_gold_folder_is_an_error(tmp_path: Path) -> None:
    for command in ("evaluate", "rules"):
        for gold in (tmp_path / "nonexistent", tmp_path):
            result = runner.invoke(app, [command, "--gold", str(gold)])
            assert result.exit_code == 2, (command, gold, result.output)
            assert str(gold) in result.stderr


def test_show_errors_prints_label_values() -> None:
    result = runner.invoke(app, ["evaluate", "--show-errors"])
    assert result.exit_code == 0
    field_lines = [line for line in result.stdout.splitlines() if line.startswith(("activity\t", "audiences\t", "status\t"))]
    assert field_lines
    assert not any(regex.search(r"<\w+\.\w+: ", line) for line in field_lines)


def test_old_errors_flag_still_works_with_a_note() -> None:
    result = runner.invoke(app, ["evaluate", "--errors"])
    assert result.exit_code == 0
    assert any(line.startswith("FP\t") for line in result.stdout.splitlines())
    assert "--show-errors" in result.stderr


def test_rules_columns_align_on_chinese_names() -> None:
    result = runner.invoke(app, ["rules"], terminal_width=200)
    rows = [line for line in result.stdout.splitlines() if "activity:" in line]
    assert len(rows) > 3
    assert len({cell_len(line.rstrip()) for line in rows}) == 1


def test_rules_says_which_missed_gold_records_are_doubtful() -> None:
    result = runner.invoke(app, ["rules"], terminal_width=200)
    missed = result.stdout[result.stdout.index("found by no rule"):]
    assert "doubtful" in missed.splitlines()[0]
    assert any("doubtful" in line for line in missed.splitlines()[1:])
