"""Doc type: plans, news and summaries told apart by cue words (tests/data/doctype_cases.yaml)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
import yaml

from extract.metrics.doctype import DocTypeClassifier, DocTypeCues, load_doctype_classifier
from extract.yamlfile import PATTERNS_DIR, load_model
from schemas.labels import DocType
from tests.conftest import DATA, RAW, ROOT

CASES = yaml.safe_load((DATA / "doctype_cases.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_classify(case: dict) -> None:
    assert load_doctype_classifier().classify(case["title"], case["text"]) == DocType(case["doc_type"])


def test_the_cue_screen_changes_no_verdict() -> None:
    """On the seed and development reports, whole and by paragraph, as every cue searched would score them."""
    classifier = load_doctype_classifier()
    unscreened = DocTypeClassifier(load_model(PATTERNS_DIR / "doc_types.yaml", DocTypeCues))
    every = frozenset(range(len(unscreened._places)))
    unscreened._screen = SimpleNamespace(possible=lambda text: every)
    paths = [*sorted(RAW.glob("*.txt")), *sorted((ROOT / "corpus" / "dev" / "raw").glob("*.txt"))[::8]]
    for path in paths:
        text = path.read_text(encoding="utf-8")
        title = text.split("\n", 1)[0]
        for piece in [text, *text.split("\n\n")]:
            assert classifier.classify(title, piece) == unscreened.classify(title, piece), path.name
