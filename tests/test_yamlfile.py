"""Pattern files: a bad entry fails with its file, its line and what is wrong."""
from __future__ import annotations

from pathlib import Path

import pytest

from extract.metrics.lexicon import LexiconFile
from extract.yamlfile import PatternError, load_model


def test_unknown_label_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("activities:\n  - label: distribution\n    words: [发放]\n  - label: handing_out\n    words: [派发]\n",
                    encoding="utf-8")
    with pytest.raises(PatternError) as caught:
        load_model(path, LexiconFile)
    assert str(caught.value).startswith(f"{path}:4:")
    assert "label" in str(caught.value)


def test_unknown_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("activities:\n  - label: banner\n    wrods: [悬挂]\n", encoding="utf-8")
    with pytest.raises(PatternError, match=r":2: .*wrods"):
        load_model(path, LexiconFile)


def test_broken_yaml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("activities:\n  - label: banner\n    words: [悬挂\n", encoding="utf-8")
    with pytest.raises(PatternError, match=r"bad.yaml:\d+: not valid YAML"):
        load_model(path, LexiconFile)


def test_duplicate_key_names_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("activities:\n  - label: banner\n    patterns: [悬挂]\n    words: [张挂]\n    patterns: [挂]\n",
                    encoding="utf-8")
    with pytest.raises(PatternError, match=r"bad.yaml:5: not valid YAML: duplicate key 'patterns' \(first given on line 3\)"):
        load_model(path, LexiconFile)


def test_shipped_pattern_files_load() -> None:
    from extract.pipeline import load_pipeline

    assert load_pipeline() is load_pipeline()
