"""The learned doc-type model: its features, when it overrules the cue rules (never into plan), its file,
and the shipped model held close to the doc-type case table."""
from __future__ import annotations

import json
import math
from pathlib import Path

import pytest
import yaml

from extract.metrics.doctypemodel import MODEL_FILE, DocTypeModel, DocTypeTable, grams, load_doctype_model
from extract.pipeline import load_pipeline
from extract.yamlfile import PATTERNS_DIR, PatternError
from schemas.labels import DocType
from tests.conftest import DATA, RAW

CASES = yaml.safe_load((DATA / "doctypemodel_cases.yaml").read_text(encoding="utf-8"))
DOCTYPE_CASES = yaml.safe_load((DATA / "doctype_cases.yaml").read_text(encoding="utf-8"))
# Case-table rows the shipped model may retype: it reads real reports' openings and closes, and calls
# three of these one-sentence summaries news (traffic_knowledge_is_no_notice, summary_next_steps,
# summary_reviews_itself); a retrained model that retypes more has moved away from the cue rules.
MAX_CASE_TABLE_CHANGES = 3


def tiny_model() -> DocTypeModel:
    return DocTypeModel(DocTypeTable.model_validate(CASES["tiny_model"]))


@pytest.mark.parametrize("case", CASES["grams"], ids=[case["text"] or "empty" for case in CASES["grams"]])
def test_grams(case: dict) -> None:
    assert sorted(grams("x", case["text"])) == sorted(case["expected"])


def test_features_are_scaled_to_unit_length() -> None:
    found = tiny_model().features("工作总结", "今年以来，我局共开展宣传活动12场。" * 30)
    assert math.isclose(math.sqrt(sum(value * value for value in found.values())), 1.0)
    assert "t:总结" in found and "h:我局" in found and "e:12" not in found and "e:00" in found


@pytest.mark.parametrize("case", CASES["decide"], ids=[case["name"] for case in CASES["decide"]])
def test_decide(case: dict) -> None:
    assert tiny_model().decide(case["title"], case["text"], DocType(case["rules"])) == DocType(case["expected"])


def test_a_model_file_with_an_unknown_type_is_refused(tmp_path: Path) -> None:
    table = {**CASES["tiny_model"], "labels": ["news", "bulletin", "summary"]}
    (tmp_path / MODEL_FILE).write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(PatternError, match=r"doctype_model\.json: labels\.1"):
        load_doctype_model(tmp_path)


def test_rules_only_leaves_the_model_out() -> None:
    assert load_pipeline().doctype_model is not None
    assert load_pipeline(rules_only=True).doctype_model is None


def test_the_shipped_model_is_the_one_documented() -> None:
    model = load_doctype_model(PATTERNS_DIR)
    assert model is not None
    assert (model.table.threshold, model.table.never_assigns) == (0.0, [DocType.plan])
    assert model.table.records > 1000 and "seed" in model.table.trained_on


def test_the_shipped_model_keeps_the_doctype_case_table() -> None:
    pipeline = load_pipeline()
    shadow = pipeline.normaliser.shadow_text
    changed = []
    for case in DOCTYPE_CASES:
        title = shadow(case["title"]) if case["title"] else None
        rules_type = pipeline.doctypes.classify(title, shadow(case["text"]))
        if pipeline.doctype_model.decide(title, shadow(case["text"]), rules_type) != rules_type:
            changed.append(case["id"])
    assert len(changed) <= MAX_CASE_TABLE_CHANGES, changed


def test_the_pipeline_path_scores_as_the_features_do() -> None:
    """score() skips building feature names; on every seed report it gives opinion(features())'s type and score."""
    pipeline = load_pipeline(rules_only=True)
    model = load_doctype_model(PATTERNS_DIR)
    for path in sorted(RAW.glob("*.txt")):
        for section in pipeline.splitter.split(pipeline.normaliser.clean(path.read_text(encoding="utf-8"))):
            title = pipeline.normaliser.shadow(section.title).text if section.title else None
            text = pipeline.normaliser.shadow(section.text).text
            fast, slow = model.score(title, text), model.opinion(model.features(title, text))
            assert fast[0] == slow[0] and math.isclose(fast[1], slow[1], abs_tol=1e-9), path.name
