"""Display names: every label has a Chinese name, and a wrong label fails with file and line."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from extract.analysis.names import NAMES_FILE, load_names
from extract.yamlfile import PATTERNS_DIR, PatternError
from schemas.labels import Activity, Audience, Channel, OrganizationType, UnitClass


def test_every_label_has_a_chinese_name() -> None:
    """Activities, unit classes, channels, audiences and body types are all named."""
    names = load_names()
    assert set(names.activities) == set(Activity)
    assert set(names.unit_classes) == set(UnitClass)
    assert set(names.channels) == set(Channel)
    assert set(names.audiences) == set(Audience)
    assert set(names.organization_types) == set(OrganizationType)
    assert names.group("organization_type", "police") == "公安" and names.group("province", "unknown") == "未知"


def test_an_unknown_label_fails_with_its_line(tmp_path: Path) -> None:
    """A misspelt channel in the names file is reported with the file and the line of its section."""
    shutil.copy(PATTERNS_DIR / NAMES_FILE, tmp_path / NAMES_FILE)
    text = (tmp_path / NAMES_FILE).read_text(encoding="utf-8").replace("  wechat: 微信", "  wechatt: 微信")
    (tmp_path / NAMES_FILE).write_text(text, encoding="utf-8")
    with pytest.raises(PatternError, match=rf"{NAMES_FILE}:\d+: channels"):
        load_names(tmp_path)
